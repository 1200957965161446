from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    COURSE = "course", _("Course")
    INFO_MEETING = "info_meeting", _("Information meeting")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    DIALOGUE_MEETING = "dialogue_meeting", _("Dialogue meeting")
    CONFERENCE = "conference", _("Conference")
    THEME_EVENING = "theme_evening", _("Theme or network evening")
    COLLABORATION_FORUM = "collaboration_forum", _("Collaboration forum")
    CAMPAIGN_ACTIVITY = "campaign_activity", _("Campaign activity")
    OTHER = "other", pgettext_lazy("event kind", "Other")


class EventAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    ASSOCIATIONS = "associations", _("Associations")
    VOLUNTEERS = "volunteers", _("Volunteers")
    CITIZENS = "citizens", _("Citizens")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    # Not on the public lists or feeds; only those with the link (or staff) see it.
    INVITED = "invited", _("Invited only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class RegistrationStatus(models.TextChoices):
    # A guest's registration waits for the e-mail address to be confirmed; it holds no place until then.
    UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    # A freed place is held for this registration until `offer_expires_at`.
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


# The statuses that hold places (counted against the capacity).
HOLDING_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.OFFERED)
# The statuses of someone still taking part or hoping to (not cancelled, confirmed).
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)


class AttendanceStatus(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not come")


class CheckInMethod(models.TextChoices):
    STAFF = "staff", _("Checked in by staff")
    SELF = "self", _("Checked in with the QR code")


class DialogueInputKind(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCERN = "concern", _("Concern")


class FollowUpStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("follow-up status", "New")
    LOOKING = "looking", _("Being looked at")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
    WONT_DO = "wont_do", _("Will not be done")


# How long a freed place is held for the person it is offered to, unless the event says otherwise, and how close
# to the event the offers stop: within this many hours of the start, a freed place goes to the first who accepts.
DEFAULT_OFFER_HOLD_HOURS = 48
FIRST_COME_HOURS = 24
# The largest group one registration may hold ("me and two colleagues").
MAX_GROUP_SIZE = 10
