"""Events: courses, meetings and conferences with their sessions, registrations (waiting list and offers of freed
places), attendance per session, dialogue-meeting input, and the campaigns that gather events toward a goal.

Times are stored in UTC and entered and shown in Danish time (DESIGN.md §5)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.events.enums import (
    DEFAULT_OFFER_HOLD_HOURS,
    MAX_GROUP_SIZE,
    AttendanceStatus,
    CheckInMethod,
    DialogueInputKind,
    EventAudience,
    EventKind,
    EventStatus,
    FollowUpStatus,
    RegistrationStatus,
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_short_code() -> str:
    return secrets.token_urlsafe(5)


class Campaign(models.Model):
    """A campaign gathers events and volunteer opportunities toward a goal in a period, with a public page."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    themes = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("themes"))
    opportunities = models.ManyToManyField(
        "volunteering.Opportunity", blank=True, related_name="+", verbose_name=_("volunteer opportunities")
    )
    is_published = models.BooleanField(_("shown on the public campaign page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignLink(models.Model):
    """A tracked short link (`/<tenant>/k/<code>/`) for a newsletter or a poster; arrivals are counted per day,
    without cookies or anything about the visitor."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links", verbose_name=_("campaign"))
    code = models.CharField(_("code"), max_length=20, default=new_short_code)
    label = models.CharField(_("where the link is used"), max_length=150)
    # A path on this site (the campaign page, an event, an opportunity) that the link leads to.
    target_path = models.CharField(_("leads to"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["label", "pk"]
        verbose_name = _("campaign link")
        verbose_name_plural = _("campaign links")
        constraints = [models.UniqueConstraint("tenant", "code", name="campaign_link_code_unique_per_tenant")]

    def __str__(self) -> str:
        return self.label


class CampaignArrival(models.Model):
    """How many arrived through a campaign link on a day: a count, nothing about who."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(CampaignLink, on_delete=models.CASCADE, related_name="arrivals")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint("link", "day", name="campaign_arrival_one_row_per_link_and_day")]

    def __str__(self) -> str:
        return f"{self.link} {self.day}: {self.count}"


class Event(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices, default=EventKind.COURSE)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("themes"))
    # The first session's start and the last session's end, kept by the services (the lists sort and filter on
    # them); the sessions are the truth.
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(
        _("for whom"), max_length=30, choices=EventAudience.choices, default=EventAudience.EVERYONE
    )
    organised_by_centre = models.BooleanField(_("organised by the volunteer centre"), default=True)
    organised_by_municipality = models.BooleanField(_("organised by the municipality"), default=False)
    partners = models.ManyToManyField(
        "crm.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    price_note = models.CharField(_("price"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT)
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("campaign"),
    )
    evaluation_survey = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evaluation survey"),
    )
    # When the evaluation survey went to those who attended (the day after the event; once).
    evaluation_sent_at = models.DateTimeField(_("evaluation sent"), null=True, blank=True)
    # The extra registration questions: a few simple fields the event may ask for.
    asks_diet = models.BooleanField(_("ask about diet"), default=False)
    asks_access_needs = models.BooleanField(_("ask about access needs"), default=False)
    extra_question = models.CharField(_("own question (free text answer)"), max_length=200, blank=True)
    # A course's completion rule: attended at least this many of its sessions (empty: all of them).
    sessions_required = models.PositiveSmallIntegerField(_("sessions needed to complete"), null=True, blank=True)
    offer_hold_hours = models.PositiveSmallIntegerField(
        _("hours a freed place is held"), default=DEFAULT_OFFER_HOLD_HOURS
    )
    # Dialogue meetings: participants add input from their phones through a link with this token; the summary
    # ("opsamling") may be published on the event's public page.
    input_token = models.CharField(max_length=64, default=new_token, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    summary_published = models.BooleanField(_("summary shown on the public page"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_message = models.TextField(_("message to those registered"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("copied from")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity=None) | Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_opens_at=None)
                | Q(registration_closes_at=None)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_closes_after_it_opens",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "audience", "starts_at"]),
            models.Index(fields=["tenant", "status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class EventSession(models.Model):
    """One meeting of an event: a single evening, or one of a course's several."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Empty: the event's place.
    place = models.CharField(_("place"), max_length=300, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.event)


class Registration(models.Model):
    """A person's registration for an event, alone or as a small group, optionally on behalf of an association."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    # Who made the registration, when someone registered a colleague.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "crm.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    group_size = models.PositiveSmallIntegerField(_("number of places"), default=1)
    diet = models.CharField(_("diet"), max_length=200, blank=True)
    access_needs = models.CharField(_("access needs"), max_length=300, blank=True)
    extra_answer = models.TextField(_("answer to the event's own question"), blank=True)
    # The language every mail about this registration is written in (a guest has no account to hold it).
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.UNCONFIRMED
    )
    # The personal link (cancel, accept an offered place, leave the waiting list).
    token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    # The place in the waiting list: lower goes first. Set when the registration joins the list; staff may move
    # it only with a recorded reason (the audit log).
    queue_rank = models.BigIntegerField(_("place in the waiting list"), null=True, blank=True, db_index=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    offered_at = models.DateTimeField(_("place offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    registered_at = models.DateTimeField(_("got a place"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    evaluation_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_person_and_event",
            ),
            models.CheckConstraint(
                condition=Q(group_size__gte=1) & Q(group_size__lte=MAX_GROUP_SIZE), name="registration_group_size"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.event}"


class Attendance(models.Model):
    """Whether a registration's people came to one session (recorded by staff, or by the QR code at the door)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    method = models.CharField(_("how"), max_length=20, choices=CheckInMethod.choices, default=CheckInMethod.STAFF)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint("registration", "session", name="attendance_once_per_registration_and_session")
        ]

    def __str__(self) -> str:
        return f"{self.registration} – {self.session}: {self.get_status_display()}"


class DialogueInput(models.Model):
    """An idea or concern raised at a dialogue meeting, and what became of it."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=20, choices=DialogueInputKind.choices, default=DialogueInputKind.IDEA)
    theme = models.ForeignKey(
        "crm.Tag", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("theme")
    )
    text = models.TextField(_("input"))
    # Added by a participant from the meeting's link (no name kept), or by staff.
    from_participant = models.BooleanField(_("added by a participant"), default=False)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    follow_up_status = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.NEW
    )
    answer = models.TextField(_("answer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")

    def __str__(self) -> str:
        return self.text[:60]
