from django.db import models
from django.utils.translation import gettext_lazy as _


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    SHORT_PERIOD = "short_period", _("For a short period")
    REGULAR = "regular", _("Regularly")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    MEETING = "meeting", _("Meeting agreed")
    STARTED = "started", _("Became a volunteer")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = [ApplicationStatus.NEW, ApplicationStatus.CONTACTED, ApplicationStatus.MEETING]
