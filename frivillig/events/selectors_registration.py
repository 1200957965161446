"""Reads for registration: the event one registers for, a registration by its personal link, the waiting list."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from frivillig.core.models import AuditEntry
from frivillig.events.enums import EventStatus, RegistrationStatus
from frivillig.events.models import Event, Registration


def event_for_registration(pk: int) -> Event:
    """A published or cancelled event of the current tenant; a draft (not public yet) and another tenant's event
    answer 404."""
    event = Event.objects.select_related("tenant").filter(pk=pk).exclude(status=EventStatus.DRAFT).first()
    if event is None:
        raise Http404
    return event


def registration_by_token(token: str) -> Registration:
    """The registration a personal link is for; an unknown or altered link answers 404."""
    return get_object_or_404(Registration.objects.select_related("event__tenant", "organisation"), token=token)


def waitlist(event: Event) -> list[Registration]:
    """Those on the waiting list and those holding offers, in the line's order, each with `position` (its place
    among the waiting; None for an offer out) and `move_reasons` (the reasons staff gave for moving it)."""
    rows = list(
        Registration.objects.filter(event=event, status__in=(RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED))
        .select_related("organisation")
        .order_by("queue_rank", "pk")
    )
    reasons: dict[str, list[str]] = {}
    if rows:
        entries = AuditEntry.objects.filter(
            code="events.registration.moved",
            target_type="events.registration",
            target_id__in=[str(row.pk) for row in rows],
        ).order_by("created_at", "pk")
        for entry in entries:
            reasons.setdefault(entry.target_id, []).append(entry.data.get("reason", ""))
    position = 0
    for row in rows:
        if row.status == RegistrationStatus.WAITLISTED:
            position += 1
            row.position = position  # type: ignore[attr-defined]
        else:
            row.position = None  # type: ignore[attr-defined]
        row.move_reasons = reasons.get(str(row.pk), [])  # type: ignore[attr-defined]
    return rows


def waiting_registration(event: Event, registration_pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.filter(Q(status=RegistrationStatus.WAITLISTED)), event=event, pk=registration_pk
    )
