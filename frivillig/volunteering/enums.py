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


class DeclineReason(models.TextChoices):
    """Why the association said no; kept for the association and the centre, never shown to the volunteer."""

    FILLED = "filled", _("The places have been filled")
    NOT_A_FIT = "not_a_fit", _("The profile does not fit the task")
    NOT_REACHED = "not_reached", _("We could not reach the volunteer")
    OTHER = "other", _("Another reason")


class ApplicationEventKind(models.TextChoices):
    STATUS = "status", _("Status change")
    UNDO = "undo", _("Undo of the previous change")


# The steps after which the volunteer has had their answer: each one is told to them by e-mail.
FINAL_APPLICATION_STATUSES = [ApplicationStatus.STARTED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN]
