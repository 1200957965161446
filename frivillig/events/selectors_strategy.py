"""Counts of events and of who took part, for the strategy's indicators ("at least 8 associations take part in the
course", "at least 1 network-building dialogue meeting in 2017").

Each function returns the number together with the records it counted, so that a person reading a status report
can check the figure against the names behind it.

The period is given as dates in Danish time, both days included. An event belongs to the period when it *ended*
in it (a course running from March to April belongs to the day of its last session). An event is *held* when it is
published (not a draft, not cancelled) and has ended; registrations count only when they hold a place
(`registered`: not cancelled, not waiting for confirmation, not on the waiting list).

Who took part, by stage:
- registered: a registration with a place for an event of the period (one not held yet counts too: sign-ups for
  the spring course are worth counting before it runs);
- attended: came to at least one session of a held event;
- completed: attended as many sessions as the event's completion rule asks (`sessions_required`, or all of its
  sessions when it sets none).

The functions filter by the tenant themselves and open no scope: call them inside the tenant's scope, or with the
scopes disabled (a management command).

Not here yet: "the number of follow-up events held for a network" waits for the networks app (a network's
meetings will point at their events); until then an indicator of it is entered by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Generic, TypeVar

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from frivillig.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance, Event, EventSession, Registration

if TYPE_CHECKING:
    from frivillig.crm.models import Organisation, Tag
    from frivillig.tenants.models import Tenant

T = TypeVar("T")


@dataclass(frozen=True)
class Counted(Generic[T]):
    """A number and the records behind it (as many records as the number says)."""

    number: int
    records: list[T]


class Stage(enum.StrEnum):
    REGISTERED = "registered"
    ATTENDED = "attended"
    COMPLETED = "completed"


@dataclass
class Participant:
    """One person who took part: known by their account, or else by their e-mail address (in lower case)."""

    key: str
    full_name: str
    email: str
    registrations: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class AttendanceRate:
    """Places taken by people who came to at least one session, out of the places registered, for the events held.

    A group registration ("me and two colleagues") counts as its number of places; `rate` is None when nobody was
    registered. `records` are the registrations counted."""

    attended_places: int
    registered_places: int
    rate: float | None
    records: Sequence[Registration]


def _bounds(starts_on: date, ends_on: date) -> tuple[datetime, datetime]:
    """The period's first moment and the moment after its last day, in Danish time."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(starts_on, time.min, tzinfo=zone)
    end = datetime.combine(ends_on + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def _events(
    *, tenant: Tenant, starts_on: date, ends_on: date, kind: str | None, theme: Tag | None, held: bool
) -> QuerySet[Event]:
    start, end = _bounds(starts_on, ends_on)
    events = Event.objects.filter(
        tenant=tenant, status=EventStatus.PUBLISHED, cancelled_at=None, ends_at__gte=start, ends_at__lt=end
    )
    if held:
        events = events.filter(ends_at__lte=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    if theme is not None:
        events = events.filter(themes=theme)
    return events


def events_of_period(
    *, tenant: Tenant, starts_on: date, ends_on: date, kind: str | None = None, theme: Tag | None = None
) -> QuerySet[Event]:
    """The published events of a kind and/or with a theme ending in the period, held or not yet: the dates a
    target's pace follows (the spring course is planned before it runs)."""
    return _events(tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, held=False)


def events_held(
    *, tenant: Tenant, starts_on: date, ends_on: date, kind: str | None = None, theme: Tag | None = None
) -> Counted[Event]:
    """The events of a kind (an `EventKind` value) and/or with a theme held in the period, in the order they ended."""
    events = list(
        _events(tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, held=True).order_by(
            "ends_at", "pk"
        )
    )
    return Counted(len(events), events)


def _registrations(
    *, tenant: Tenant, starts_on: date, ends_on: date, kind: str | None, theme: Tag | None, stage: Stage
) -> QuerySet[Registration]:
    """The registrations that reached `stage` for the events of the period."""
    events = _events(
        tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, held=stage != Stage.REGISTERED
    )
    registrations = Registration.objects.filter(
        tenant=tenant, status=RegistrationStatus.REGISTERED, event__in=events.values("pk")
    )
    if stage == Stage.ATTENDED:
        # A correlated EXISTS (an index lookup per registration), not an IN over every attended registration: a
        # plan that stays cheap however wrong the table statistics are (they are, right after a bulk load).
        registrations = registrations.filter(
            Exists(Attendance.objects.filter(registration=OuterRef("pk"), status=AttendanceStatus.ATTENDED))
        )
    elif stage == Stage.COMPLETED:
        sessions = (
            EventSession.objects.filter(event=OuterRef("event"))
            .order_by()
            .values("event")
            .annotate(number=Count("pk"))
            .values("number")
        )
        attended = (
            Attendance.objects.filter(registration=OuterRef("pk"), status=AttendanceStatus.ATTENDED)
            .order_by()
            .values("registration")
            .annotate(number=Count("pk"))
            .values("number")
        )
        registrations = (
            registrations.annotate(
                sessions_held=Coalesce(Subquery(sessions, output_field=IntegerField()), 0),
                sessions_attended=Coalesce(Subquery(attended, output_field=IntegerField()), 0),
            )
            # A rule asking for more sessions than the course has asks for all of them.
            .annotate(sessions_needed=Least(Coalesce("event__sessions_required", "sessions_held"), "sessions_held"))
            .filter(sessions_attended__gte=1)
            .filter(sessions_attended__gte=F("sessions_needed"))
        )
    return registrations


def registrations_taking_part(
    *,
    tenant: Tenant,
    starts_on: date,
    ends_on: date,
    stage: Stage = Stage.ATTENDED,
    kind: str | None = None,
    theme: Tag | None = None,
) -> QuerySet[Registration]:
    """The registrations that reached `stage` at the events of a kind and/or with a theme in the period: the
    places behind `organisations_taking_part` and `people_taking_part` (which events each one took part in)."""
    return _registrations(tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, stage=stage)


def organisations_taking_part(
    *,
    tenant: Tenant,
    starts_on: date,
    ends_on: date,
    stage: Stage = Stage.ATTENDED,
    kind: str | None = None,
    theme: Tag | None = None,
) -> Counted[Organisation]:
    """The organisations someone registered on behalf of that reached `stage` at the events of a kind and/or with a
    theme in the period, each counted once however many came and however often; by name."""
    from frivillig.crm.models import Organisation

    registrations = _registrations(
        tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, stage=stage
    ).exclude(organisation=None)
    organisations = list(
        Organisation.objects.filter(tenant=tenant)
        .filter(Exists(registrations.filter(organisation=OuterRef("pk"))))
        .order_by("name", "pk")
    )
    return Counted(len(organisations), organisations)


def people_taking_part(
    *,
    tenant: Tenant,
    starts_on: date,
    ends_on: date,
    stage: Stage = Stage.ATTENDED,
    kind: str | None = None,
    theme: Tag | None = None,
) -> Counted[Participant]:
    """The people who reached `stage` at the events of a kind and/or with a theme in the period, each counted once.

    A person is their account when the registration has one, else their e-mail address in lower case (a guest who
    registered twice with the same address, or once as a guest and once logged in with it, is one person). The
    colleagues of a group registration are not named, so only the one who registered counts here; the places are
    in `attendance_rate`. By name."""
    rows = (
        _registrations(tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, stage=stage)
        .order_by("user_id", "pk")
        .values_list("pk", "user_id", "full_name", "email")
    )
    people: dict[str, Participant] = {}
    by_email: dict[str, Participant] = {}
    # Those with an account first (the order puts NULL last on PostgreSQL and first on SQLite: sort here).
    for pk, user_id, full_name, email in sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, row[0])):
        address = email.lower()
        person = people.get(f"user:{user_id}") if user_id is not None else by_email.get(address)
        if person is None and user_id is not None:
            person = by_email.get(address)
        if person is None:
            key = f"user:{user_id}" if user_id is not None else f"email:{address}"
            person = people[key] = Participant(key=key, full_name=full_name, email=address)
        by_email.setdefault(address, person)
        person.registrations.append(pk)
    records = sorted(people.values(), key=lambda person: (person.full_name.lower(), person.key))
    return Counted(len(records), records)


def attendance_rate(
    *, tenant: Tenant, starts_on: date, ends_on: date, kind: str | None = None, theme: Tag | None = None
) -> AttendanceRate:
    """The share of the registered places whose people came to at least one session, over the events of a kind
    and/or with a theme held in the period."""
    registrations = list(
        _registrations(
            tenant=tenant, starts_on=starts_on, ends_on=ends_on, kind=kind, theme=theme, stage=Stage.REGISTERED
        )
        .filter(event__ends_at__lte=timezone.now())
        .annotate(came=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)))
        .select_related("event", "organisation")
        .order_by("event__ends_at", "event_id", "pk")
    )
    registered = sum(registration.group_size for registration in registrations)
    attended = sum(registration.group_size for registration in registrations if registration.came)
    return AttendanceRate(
        attended_places=attended,
        registered_places=registered,
        rate=attended / registered if registered else None,
        records=registrations,
    )
