"""Staff's writes on events: create, change, copy, publish and cancel an event, and its sessions.

Every write that touches a session calls `event_sync_times`, so the event's start and end (what the lists sort and
filter on) are always the first session's start and the last one's end. A change the event's state does not allow
is refused with an EventEditRefused whose message says why, for the person who asked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import partial
from typing import overload

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action
from frivillig.events.enums import ACTIVE_STATUSES, EventStatus
from frivillig.events.models import Event, EventSession, Registration
from frivillig.events.selectors_staff import places_held

# "Next year": 52 weeks on, so that a course held on a Tuesday is held on a Tuesday again.
COPY_SHIFT = timedelta(weeks=52)

# The fields a copy takes over as they are (the times are moved; status, history and tokens start afresh).
COPIED_FIELDS = (
    "kind",
    "title",
    "description",
    "place",
    "online_url",
    "capacity",
    "audience",
    "organised_by_centre",
    "organised_by_municipality",
    "price_note",
    "campaign",
    "evaluation_survey",
    "asks_diet",
    "asks_access_needs",
    "extra_question",
    "sessions_required",
    "offer_hold_hours",
)


class EventEditRefused(Exception):
    """A change the event does not allow. `field` names the form field the message belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _refuse_if_cancelled(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise EventEditRefused(
            _(
                "The event has been cancelled, so it can no longer be changed. If it is to be held after all, "
                "copy it and publish the copy."
            )
        )


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def event_sync_times(event: Event) -> Event:
    """Set the event's start and end from its sessions (the first one's start, the last one's end)."""
    bounds = EventSession.objects.filter(event=event).aggregate(first=Min("starts_at"), last=Max("ends_at"))
    if bounds["first"] is None:
        raise EventEditRefused(_("An event must have at least one session."))
    if (event.starts_at, event.ends_at) != (bounds["first"], bounds["last"]):
        event.starts_at, event.ends_at = bounds["first"], bounds["last"]
        Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at, ends_at=event.ends_at)
    return event


def _check_after_sync(event: Event) -> None:
    """What depends on the sessions: the registration must close before the event ends, and the completion rule
    cannot ask for more sessions than there are."""
    if event.registration_closes_at and event.registration_closes_at > event.ends_at:
        raise EventEditRefused(
            _("Registration must close before the event ends. Change when registration closes first."),
            field="registration_closes_at",
        )
    count = EventSession.objects.filter(event=event).count()
    if event.sessions_required and event.sessions_required > count:
        raise EventEditRefused(
            _(
                "The completion rule asks for %(required)s sessions, but the event has %(count)s. Lower the number "
                "of sessions needed to complete first."
            )
            % {"required": event.sessions_required, "count": count},
            field="sessions_required",
        )


def _check_capacity(event: Event) -> None:
    if event.capacity is None:
        return
    held = places_held(event)
    if event.capacity < held:
        raise EventEditRefused(
            _(
                "%(held)s places are already held by those registered, so the event cannot have fewer places than "
                "that. Cancel registrations first if the number of places must go down."
            )
            % {"held": held},
            field="capacity",
        )


def event_create(
    *,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    actor,
    themes: Iterable = (),
    partners: Iterable = (),
) -> Event:
    """Create an event as a draft with its first session (from `starts_at` to `ends_at`)."""
    with transaction.atomic():
        event.status = EventStatus.DRAFT
        event.starts_at, event.ends_at = starts_at, ends_at
        event.created_by = actor if getattr(actor, "is_authenticated", False) else None
        event.save()
        event.themes.set(themes)
        event.partners.set(partners)
        EventSession.objects.create(tenant=event.tenant, event=event, starts_at=starts_at, ends_at=ends_at)
        event_sync_times(event)
        _check_after_sync(event)
        log_action("events.event.created", actor=actor, tenant=event.tenant, target=event)
    return event


def event_update(
    *,
    event: Event,
    actor,
    themes: Iterable | None = None,
    partners: Iterable | None = None,
    session_times: tuple[datetime, datetime] | None = None,
    changed: Sequence[str] = (),
) -> Event:
    """Save an event's changed fields. `session_times` moves the only session of a one-session event."""
    with transaction.atomic():
        _refuse_if_cancelled(_locked(event))
        event.save()
        if themes is not None:
            event.themes.set(themes)
        if partners is not None:
            event.partners.set(partners)
        if session_times is not None:
            sessions = list(EventSession.objects.filter(event=event))
            if len(sessions) == 1:
                sessions[0].starts_at, sessions[0].ends_at = session_times
                sessions[0].save(update_fields=["starts_at", "ends_at"])
        event_sync_times(event)
        _check_after_sync(event)
        _check_capacity(event)
        log_action(
            "events.event.updated",
            actor=actor,
            tenant=event.tenant,
            target=event,
            data={"changed": sorted(changed)},
        )
    return event


# --- sessions -------------------------------------------------------------------------------------------------


def session_save(*, session: EventSession, actor) -> EventSession:
    creating = session.pk is None
    event = session.event
    with transaction.atomic():
        _refuse_if_cancelled(_locked(event))
        session.tenant = event.tenant
        session.save()
        event_sync_times(event)
        _check_after_sync(event)
        log_action(
            "events.session.created" if creating else "events.session.updated",
            actor=actor,
            tenant=event.tenant,
            target=event,
            data={"session": session.pk, "starts_at": session.starts_at.isoformat()},
        )
    return session


def session_delete(*, session: EventSession, actor) -> None:
    event = session.event
    with transaction.atomic():
        _refuse_if_cancelled(_locked(event))
        count = EventSession.objects.filter(event=event).count()
        if count <= 1:
            raise EventEditRefused(
                _(
                    "An event must have at least one session, so the last one cannot be deleted. Change its time "
                    "instead."
                )
            )
        if event.sessions_required and event.sessions_required > count - 1:
            raise EventEditRefused(
                _(
                    "The completion rule asks for %(required)s sessions; without this one the event would have "
                    "%(count)s. Lower the number of sessions needed to complete first."
                )
                % {"required": event.sessions_required, "count": count - 1}
            )
        pk, starts_at = session.pk, session.starts_at
        session.delete()
        event_sync_times(event)
        _check_after_sync(event)
        log_action(
            "events.session.deleted",
            actor=actor,
            tenant=event.tenant,
            target=event,
            data={"session": pk, "starts_at": starts_at.isoformat()},
        )


# --- copy -----------------------------------------------------------------------------------------------------


@overload
def _moved(moment: datetime, days: int) -> datetime: ...
@overload
def _moved(moment: None, days: int) -> None: ...
def _moved(moment: datetime | None, days: int) -> datetime | None:
    """The same Danish wall-clock time `days` later (a course at 19:00 stays at 19:00 across summer time)."""
    if moment is None:
        return None
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local + timedelta(days=days))


def copy_shift_days(event: Event, first_day: date | None) -> int:
    """How many days a copy moves: to the chosen first day, or 52 weeks (the same weekday a year on)."""
    if first_day is None:
        return COPY_SHIFT.days
    return (first_day - timezone.localtime(event.starts_at).date()).days


def event_copy(*, event: Event, actor, first_day: date | None = None) -> Event:
    """A draft copy of the event with its themes, partners and sessions, moved 52 weeks on (or so that it starts on
    `first_day`); nothing of its registrations, attendance, input or history comes along."""
    days = copy_shift_days(event, first_day)
    with transaction.atomic():
        copy = Event(tenant=event.tenant, copied_from=event, status=EventStatus.DRAFT)
        for name in COPIED_FIELDS:
            setattr(copy, name, getattr(event, name))
        copy.starts_at = _moved(event.starts_at, days)
        copy.ends_at = _moved(event.ends_at, days)
        copy.registration_opens_at = _moved(event.registration_opens_at, days)
        copy.registration_closes_at = _moved(event.registration_closes_at, days)
        copy.created_by = actor if getattr(actor, "is_authenticated", False) else None
        copy.save()
        copy.themes.set(event.themes.all())
        copy.partners.set(event.partners.all())
        EventSession.objects.bulk_create(
            EventSession(
                tenant=event.tenant,
                event=copy,
                title=session.title,
                place=session.place,
                starts_at=_moved(session.starts_at, days),
                ends_at=_moved(session.ends_at, days),
            )
            for session in EventSession.objects.filter(event=event).order_by("starts_at", "pk")
        )
        event_sync_times(copy)
        log_action(
            "events.event.copied",
            actor=actor,
            tenant=event.tenant,
            target=copy,
            data={"copied_from": event.pk, "days": days},
        )
    return copy


# --- publish, unpublish, cancel ---------------------------------------------------------------------------------


def event_set_published(*, event: Event, published: bool, actor) -> Event:
    with transaction.atomic():
        saved = _locked(event)
        if saved.status == EventStatus.CANCELLED:
            raise EventEditRefused(
                _(
                    "The event has been cancelled, so it cannot be published again. If it is to be held after all, "
                    "copy it and publish the copy."
                )
            )
        wanted = EventStatus.PUBLISHED if published else EventStatus.DRAFT
        if saved.status == wanted:
            return saved
        saved.status = wanted
        if published and saved.published_at is None:
            saved.published_at = timezone.now()
        saved.save(update_fields=["status", "published_at", "updated_at"])
        log_action(
            "events.event.published" if published else "events.event.unpublished",
            actor=actor,
            tenant=saved.tenant,
            target=saved,
        )
    return saved


def event_cancel(*, event: Event, actor, message: str = "") -> int:
    """Cancel the event and tell everyone still taking part or waiting (registered, on the waiting list, offered a
    place) by mail in the language of their registration, after the commit. Returns how many are told."""
    with transaction.atomic():
        saved = _locked(event)
        if saved.status == EventStatus.CANCELLED:
            raise EventEditRefused(_("The event has already been cancelled."))
        saved.status = EventStatus.CANCELLED
        saved.cancelled_at = timezone.now()
        saved.cancellation_message = message.strip()
        saved.save(update_fields=["status", "cancelled_at", "cancellation_message", "updated_at"])
        recipients = list(Registration.objects.filter(event=saved, status__in=ACTIVE_STATUSES).order_by("pk"))
        sessions = list(EventSession.objects.filter(event=saved).order_by("starts_at", "pk"))
        for registration in recipients:
            context = {
                "tenant": saved.tenant,
                "event": saved,
                "sessions": sessions,
                "registration": registration,
                "message": saved.cancellation_message,
            }
            language = registration.language or settings.LANGUAGE_CODE
            transaction.on_commit(
                partial(
                    send_templated_mail,
                    to=registration.email,
                    template="events/email/event_cancelled",
                    context=context,
                    language=language,
                    tenant=saved.tenant,
                ),
                robust=True,
            )
        log_action(
            "events.event.cancelled",
            actor=actor,
            tenant=saved.tenant,
            target=saved,
            data={"told": len(recipients)},
        )
    event.status, event.cancelled_at = saved.status, saved.cancelled_at
    event.cancellation_message = saved.cancellation_message
    return len(recipients)
