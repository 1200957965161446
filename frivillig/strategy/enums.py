from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    ACTION_PLAN = "action_plan", _("Action plan")


class PlanOwner(models.TextChoices):
    CENTRE = "centre", _("The volunteer centre")
    MUNICIPALITY = "municipality", _("The municipality")
    JOINT = "joint", _("The centre and the municipality together")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    ACTIVE = "active", pgettext_lazy("plan status", "Active")
    ARCHIVED = "archived", pgettext_lazy("plan status", "Archived")


class InitiativeOrigin(models.TextChoices):
    NEW = "new", pgettext_lazy("initiative", "New")
    CONTINUED = "continued", pgettext_lazy("initiative", "Continued")


class TargetKind(models.TextChoices):
    """Which status rule a target follows (strategy/status.py)."""

    # "At least 8 associations take part by the end of 2018": reached by the deadline, on pace meanwhile.
    REACH = "reach", _("A number to reach by a date")
    # "The mean rating is at least 4": the latest value against the target.
    LEVEL = "level", _("A level to hold")
    # "At least 1 dialogue meeting in 2017": planned, held or missed.
    OCCURRENCE = "occurrence", _("Something that must happen")
    # A value entered by hand with its evidence.
    MANUAL = "manual", _("Entered by hand")


class Comparator(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class TargetStatus(models.TextChoices):
    """A target's status. Ordered from the weakest (a goal's headline is its weakest target's status)."""

    MISSED = "missed", _("Missed")
    AT_RISK = "at_risk", _("At risk")
    NO_DATA = "no_data", _("No data")
    ON_TRACK = "on_track", _("On track")
    PLANNED = "planned", _("Planned")
    ACHIEVED = "achieved", _("Achieved")


# The weakest first: a goal takes the first of these that any of its targets has.
STATUS_ORDER = [
    TargetStatus.MISSED,
    TargetStatus.AT_RISK,
    TargetStatus.NO_DATA,
    TargetStatus.ON_TRACK,
    TargetStatus.PLANNED,
    TargetStatus.ACHIEVED,
]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    PUBLISHED = "published", pgettext_lazy("report status", "Published")


# The tenant's defaults for the status rules (StrategySettings).
DEFAULT_ON_TRACK_PERCENT = 95
DEFAULT_MANUAL_STALE_DAYS = 180
