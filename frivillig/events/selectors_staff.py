"""Reads for the staff pages of events: the list, an event's sessions and the figures its staff page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from frivillig.crm.models import Tag
from frivillig.crm.selectors.interactions import theme_tags
from frivillig.events.enums import HOLDING_STATUSES, RegistrationStatus
from frivillig.events.models import Event, EventSession, Registration
from frivillig.surveys.enums import SurveyKind
from frivillig.surveys.models import Survey

UPCOMING = "kommende"
PAST = "tidligere"


@dataclass(frozen=True)
class EventFilter:
    search: str = ""
    status: str = ""
    kind: str = ""
    theme: Tag | None = None
    when: str = ""


def _held_places() -> Coalesce:
    return Coalesce(Sum("registrations__group_size", filter=Q(registrations__status__in=HOLDING_STATUSES)), 0)


def events_for_staff_list(tenant, criteria: EventFilter) -> QuerySet[Event]:
    """The tenant's events with the places held, newest plans first among the upcoming, latest first among the
    past. One query for the page, whatever its size."""
    events = Event.objects.filter(tenant=tenant)
    if criteria.search:
        events = events.filter(title__icontains=criteria.search)
    if criteria.status:
        events = events.filter(status=criteria.status)
    if criteria.kind:
        events = events.filter(kind=criteria.kind)
    if criteria.theme is not None:
        events = events.filter(themes=criteria.theme)
    now = timezone.now()
    if criteria.when == UPCOMING:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif criteria.when == PAST:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.order_by("-starts_at", "-pk")
    return events.annotate(places_held=_held_places())


def theme_choices(tenant, *, chosen=()) -> QuerySet[Tag]:
    """The tenant's theme vocabulary (a retired word stays where it is already chosen)."""
    return theme_tags(tenant, chosen=chosen)


def evaluation_surveys(tenant, *, chosen: Survey | None = None) -> QuerySet[Survey]:
    """The tenant's evaluation surveys an event can send to those who attended."""
    condition = Q(kind=SurveyKind.EVALUATION)
    if chosen is not None:
        condition |= Q(pk=chosen.pk)
    return Survey.objects.filter(tenant=tenant).filter(condition).order_by("title", "pk")


def event_sessions(event: Event) -> list[EventSession]:
    return list(EventSession.objects.filter(event=event).order_by("starts_at", "pk"))


def session_of(event: Event, pk: int) -> EventSession | None:
    return EventSession.objects.filter(event=event, pk=pk).first()


def places_held(event: Event) -> int:
    rows = Registration.objects.filter(event=event, status__in=HOLDING_STATUSES)
    return rows.aggregate(total=Coalesce(Sum("group_size"), 0))["total"]


@dataclass(frozen=True)
class EventFigures:
    places_held: int
    waiting: int
    waiting_places: int
    offered: int


def event_figures(event: Event) -> EventFigures:
    """Places held, the waiting list (registrations and places) and open offers, in one query."""
    rows = Registration.objects.filter(event=event).aggregate(
        held=Coalesce(Sum("group_size", filter=Q(status__in=HOLDING_STATUSES)), 0),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        waiting_places=Coalesce(Sum("group_size", filter=Q(status=RegistrationStatus.WAITLISTED)), 0),
        offered=Count("pk", filter=Q(status=RegistrationStatus.OFFERED)),
    )
    return EventFigures(
        places_held=rows["held"],
        waiting=rows["waiting"],
        waiting_places=rows["waiting_places"],
        offered=rows["offered"],
    )
