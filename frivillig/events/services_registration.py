"""Registering for an event, the waiting list, and offers of freed places.

Places: the registrations in HOLDING_STATUSES (registered, offered) hold `group_size` places each, never more than
the event's capacity. Every step that takes or frees places locks the event's row first (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite every transaction is IMMEDIATE, so writers already take turns), then counts; registrations
are locked after the event, always in that order.

The waiting list is fair and visible: `queue_rank` orders it (lower first); a newcomer joins at the end; staff may
move someone only with a reason, which the audit log keeps. A freed place is offered to the first in line whose
group fits (a larger group is skipped and keeps its place), held `event.offer_hold_hours` but never later than
OFFER_MARGIN_HOURS before the start. Within FIRST_COME_HOURS of the start, everyone in line whose group fits is
told instead, and the first who accepts gets it.

An offer nobody answered expires (the `expire_event_offers` command, and lazily whenever the event's registration
pages are looked at): the place passes to the next in line whose group fits, and the one whose offer expired goes
back to the waiting list with the place in line they had, behind those the places went to; they are not offered
again in the same step, and their page says what happened.

A guest's registration holds no place until the e-mail address is confirmed by a signed link; a person who is
logged in (registering themself or, as an association's representative, a colleague) is placed at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from frivillig.core import throttle
from frivillig.core.email import send_templated_mail
from frivillig.core.services import log_action
from frivillig.core.throttle import address_key
from frivillig.events.enums import (
    FIRST_COME_HOURS,
    HOLDING_STATUSES,
    MAX_GROUP_SIZE,
    EventStatus,
    RegistrationStatus,
)
from frivillig.events.models import Event, Registration

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.crm.models import Organisation

CONFIRMATION_SALT = "frivillig.events.registration-confirmation"
CONFIRMATION_MAX_AGE_DAYS = 3
# An offer is never held later than this many hours before the event starts.
OFFER_MARGIN_HOURS = 6
REGISTRATIONS_PER_ADDRESS_PER_HOUR = 10
THROTTLE_NAME = "event-registrations"


class RegistrationError(Exception):
    """A step the registration cannot take; the message is for the person who tried."""


class RegistrationClosed(RegistrationError):
    """The event takes no registrations now (not open yet, closed, cancelled, over, or a draft)."""


class AlreadyRegistered(RegistrationError):
    """The address is registered for the event already. `registration` is that registration when the person who
    tried may see it (it is their own, or they made it); None otherwise."""

    def __init__(self, message: str, *, registration: Registration | None = None):
        super().__init__(message)
        self.registration = registration


class ConfirmationLinkError(RegistrationError):
    """The confirmation link cannot be used; the message says why."""


class OfferUnavailable(RegistrationError):
    """There is no place to accept (the offer expired, or someone else took the place first)."""


# --- the rate limit for guests -------------------------------------------------------------------------------


def registration_allowed(address: str) -> bool:
    """A read, to answer early: fewer than the limit of registrations from the address in the last hour."""
    return throttle.count(THROTTLE_NAME, address_key(address), window=3600) < REGISTRATIONS_PER_ADDRESS_PER_HOUR


def count_registration(address: str) -> bool:
    """Count a registration from the address if the limit allows it (atomic); False when it does not."""
    return throttle.attempt(THROTTLE_NAME, address_key(address), limit=REGISTRATIONS_PER_ADDRESS_PER_HOUR, window=3600)


# --- when registration is open ------------------------------------------------------------------------------

CLOSED_DRAFT = "draft"
CLOSED_CANCELLED = "cancelled"
CLOSED_OVER = "over"
CLOSED_NOT_OPEN = "not_open"
CLOSED_DEADLINE = "closed"


def registration_closed_reason(event: Event, *, now: datetime | None = None) -> str:
    """Why the event takes no registrations now ("" when it does). Registration closes by itself at its
    deadline, and at the event's start when it has none."""
    now = now or timezone.now()
    if event.status == EventStatus.DRAFT:
        return CLOSED_DRAFT
    if event.status == EventStatus.CANCELLED:
        return CLOSED_CANCELLED
    if event.starts_at <= now:
        return CLOSED_OVER
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return CLOSED_NOT_OPEN
    if event.registration_closes_at is not None and now >= event.registration_closes_at:
        return CLOSED_DEADLINE
    return ""


def closed_message(event: Event, reason: str) -> str:
    local = timezone.localtime
    if reason == CLOSED_CANCELLED:
        return _("The event has been cancelled, so it takes no registrations.")
    if reason == CLOSED_OVER:
        return _("The event has already taken place, so it takes no more registrations.")
    if reason == CLOSED_NOT_OPEN:
        return _("Registration opens on %(date)s at %(time)s.") % {
            "date": local(event.registration_opens_at).strftime("%d.%m.%Y"),
            "time": local(event.registration_opens_at).strftime("%H:%M"),
        }
    if reason == CLOSED_DEADLINE:
        return _("Registration closed on %(date)s at %(time)s.") % {
            "date": local(event.registration_closes_at).strftime("%d.%m.%Y"),
            "time": local(event.registration_closes_at).strftime("%H:%M"),
        }
    return _("The event is not open for registration.")


# --- places and the line -------------------------------------------------------------------------------------


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("tenant").get(pk=event.pk)


def _lock_registration(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration.pk)


def places_taken(event: Event) -> int:
    held = Registration.objects.filter(event=event, status__in=HOLDING_STATUSES).aggregate(total=Sum("group_size"))
    return held["total"] or 0


def free_places(event: Event) -> int | None:
    """Places not held by anyone (None: the event has no capacity)."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event), 0)


def first_come(event: Event, *, now: datetime) -> bool:
    """Close to the start, a freed place goes to the first who accepts instead of being held for one person."""
    return event.starts_at - now <= timedelta(hours=FIRST_COME_HOURS)


def offer_deadline(event: Event, *, now: datetime) -> datetime:
    return min(now + timedelta(hours=event.offer_hold_hours), event.starts_at - timedelta(hours=OFFER_MARGIN_HOURS))


def _waiting(event: Event):
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by("queue_rank", "pk")


def place_in_line(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when the registration is not on it."""
    if registration.status != RegistrationStatus.WAITLISTED or registration.queue_rank is None:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED).filter(
        Q(queue_rank__lt=registration.queue_rank) | Q(queue_rank=registration.queue_rank, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def is_first_come_invitation(registration: Registration) -> bool:
    """Told of a freed place close to the event (no place held: the first who accepts gets it)."""
    return (
        registration.status == RegistrationStatus.WAITLISTED
        and registration.offered_at is not None
        and registration.offer_expires_at is None
    )


def offer_expired(registration: Registration) -> bool:
    """Back on the waiting list because an offer ran out unanswered."""
    return registration.status == RegistrationStatus.WAITLISTED and registration.offer_expires_at is not None


def _next_rank(event: Event) -> int:
    highest = Registration.objects.filter(event=event).aggregate(highest=Max("queue_rank"))["highest"]
    return (highest or 0) + 1


def _place(event: Event, registration: Registration, *, now: datetime, base_url: str) -> None:
    """A confirmed registration gets its places, or joins the end of the waiting list. With the event locked."""
    free = free_places(event)
    someone_waits_who_fits = (
        free is not None and _waiting(event).exclude(pk=registration.pk).filter(group_size__lte=free).exists()
    )
    if free is None or (registration.group_size <= free and not someone_waits_who_fits):
        registration.status = RegistrationStatus.REGISTERED
        registration.registered_at = now
        registration.save()
        log_action("events.registration.registered", tenant=event.tenant, target=registration)
        _mail_later(registration, "registered", base_url=base_url)
        return
    registration.status = RegistrationStatus.WAITLISTED
    registration.queue_rank = _next_rank(event)
    registration.waitlisted_at = now
    registration.save()
    log_action("events.registration.waitlisted", tenant=event.tenant, target=registration)
    _mail_later(registration, "waitlisted", base_url=base_url)
    if someone_waits_who_fits:
        # Places free that nobody was offered yet (the capacity was raised, say): those ahead go first.
        _settle(event, now=now, base_url=base_url)


def _settle(event: Event, *, now: datetime, base_url: str) -> None:
    """With the event locked: let offers that ran out expire, then offer the free places to those in line."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return
    expired = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .order_by("queue_rank", "pk")
    )
    for registration in expired:
        # Back in line with the place they had: behind those the places now go to, ahead of everyone else.
        registration.status = RegistrationStatus.WAITLISTED
        registration.save(update_fields=["status"])
        log_action("events.registration.offer_expired", tenant=event.tenant, target=registration)
    free = free_places(event)
    if free:
        passed_over = [registration.pk for registration in expired]
        candidates = list(_waiting(event).exclude(pk__in=passed_over).filter(group_size__lte=free))
        if first_come(event, now=now):
            for registration in candidates:
                if is_first_come_invitation(registration):
                    continue  # told already; the link works while a place is free
                registration.offered_at = now
                registration.offer_expires_at = None
                registration.save(update_fields=["offered_at", "offer_expires_at"])
                log_action("events.registration.first_come_offered", tenant=event.tenant, target=registration)
                _mail_later(registration, "first_come", base_url=base_url)
        else:
            deadline = offer_deadline(event, now=now)
            for registration in candidates:
                if registration.group_size > free:
                    continue  # a larger group waits for more places and keeps its place in line
                registration.status = RegistrationStatus.OFFERED
                registration.offered_at = now
                registration.offer_expires_at = deadline
                registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
                free -= registration.group_size
                log_action("events.registration.offered", tenant=event.tenant, target=registration)
                _mail_later(registration, "offer", base_url=base_url)
                if not free:
                    break
    for registration in expired:
        _mail_later(registration, "offer_expired", base_url=base_url)


def _offers_due(event: Event, *, now: datetime) -> bool:
    return Registration.objects.filter(
        event=event, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ).exists()


def settle_event(*, event: Event, base_url: str, now: datetime | None = None, force: bool = False) -> bool:
    """Expire the event's unanswered offers and pass the places on; a cheap look first, so the pages may call it
    whenever they show the line. `force` offers free places even when no offer ran out (places were freed another
    way: the capacity was raised). Returns whether anything was looked at under the lock."""
    now = now or timezone.now()
    if not force and not _offers_due(event, now=now):
        return False
    with transaction.atomic():
        _settle(_lock_event(event), now=now, base_url=base_url)
    return True


def event_places_changed(*, event: Event, base_url: str) -> None:
    """Call after the capacity of an event was raised (or anything else freed places): offers go out."""
    settle_event(event=event, base_url=base_url, force=True)


# --- registering -------------------------------------------------------------------------------------------


def confirmation_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email.lower()}, salt=CONFIRMATION_SALT)


def _owned_by(registration: Registration, person: User | None) -> bool:
    if person is None:
        return False
    return (
        registration.user_id == person.pk
        or registration.registered_by_id == person.pk
        or registration.email.lower() == (person.email or "").lower()
    )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    full_name: str,
    email: str,
    phone: str = "",
    organisation: Organisation | None = None,
    group_size: int = 1,
    diet: str = "",
    access_needs: str = "",
    extra_answer: str = "",
    user: User | None = None,
    registered_by: User | None = None,
    language: str = "",
    base_url: str,
) -> Registration | None:
    """Register for an event.

    `user` is the account the registration belongs to (someone registering themself while logged in);
    `registered_by` the logged-in person who made it (a representative registering a colleague). Either makes the
    registration confirmed at once: it gets its places or joins the waiting list. Without either (a guest), it
    waits for the e-mail address to be confirmed by the link mailed to it, and holds nothing until then.

    One address registers once per event (cancelled registrations aside). A guest's answer must not tell a
    stranger whether an address is registered: when it is, nothing is saved, its owner gets the personal link by
    mail, and None is returned. A logged-in person gets AlreadyRegistered (with the registration when it is theirs).
    """
    now = timezone.now()
    event = _lock_event(event)
    reason = registration_closed_reason(event, now=now)
    if reason:
        raise RegistrationClosed(closed_message(event, reason))
    if not 1 <= group_size <= MAX_GROUP_SIZE:
        raise RegistrationError(_("A registration is for 1 to %(max)s places.") % {"max": MAX_GROUP_SIZE})
    email = email.strip()
    actor = registered_by or user
    existing = (
        Registration.objects.select_for_update()
        .filter(event=event, email__iexact=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if existing is not None and existing.email_confirmed_at is None:
        # Nobody proved the address: a new registration with it replaces the old one, whose link stops working.
        log_action("events.registration.replaced", actor=actor, tenant=event.tenant, data={"registration": existing.pk})
        existing.delete()
    elif existing is not None:
        if actor is None:
            _mail_later(existing, "already_registered", base_url=base_url, language=language)
            return None
        raise AlreadyRegistered(
            _("%(email)s is already registered for this event.") % {"email": email},
            registration=existing if _owned_by(existing, actor) else None,
        )
    registration = Registration(
        tenant=event.tenant,
        event=event,
        user=user,
        registered_by=registered_by,
        full_name=" ".join(full_name.split()),
        email=email,
        phone=phone.strip(),
        organisation=organisation,
        group_size=group_size,
        diet=diet.strip() if event.asks_diet else "",
        access_needs=access_needs.strip() if event.asks_access_needs else "",
        extra_answer=extra_answer.strip() if event.extra_question else "",
        language=language,
        status=RegistrationStatus.UNCONFIRMED,
        email_confirmed_at=now if actor is not None else None,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # Only possible without the event's lock (it serialises registrations); answer as for a duplicate.
        if actor is None:
            return None
        raise AlreadyRegistered(_("%(email)s is already registered for this event.") % {"email": email}) from None
    log_action(
        "events.registration.created",
        actor=actor,
        tenant=event.tenant,
        target=registration,
        data={"group_size": group_size, "organisation": organisation.pk if organisation else None},
    )
    if actor is not None:
        _place(event, registration, now=now, base_url=base_url)
    else:
        _mail_later(registration, "confirm", base_url=base_url)
    return registration


def registration_for_confirmation(token: str) -> Registration:
    """The registration a confirmation link is for (the tenant's scope must be open). Raises ConfirmationLinkError."""
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        raise ConfirmationLinkError(
            _("The confirmation link has expired. Links work for %(days)s days; register again to get a new one.")
            % {"days": CONFIRMATION_MAX_AGE_DAYS}
        ) from None
    except signing.BadSignature:
        raise ConfirmationLinkError(
            _("The confirmation link is not valid. Check that you copied the whole link.")
        ) from None
    pk = payload.get("r") if isinstance(payload, dict) else None
    registration = (
        Registration.objects.select_related("event", "tenant").filter(pk=pk).first() if isinstance(pk, int) else None
    )
    if registration is None or registration.email.lower() != payload.get("e"):
        raise ConfirmationLinkError(_("The confirmation link is not valid. Check that you copied the whole link."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ConfirmationLinkError(_("This registration has been cancelled. Register again if you want to come."))
    return registration


@transaction.atomic
def registration_confirm(*, token: str, base_url: str) -> tuple[Registration, bool]:
    """Confirm a guest's address from the link: the registration gets its places or joins the waiting list.
    Returns the registration and whether this call confirmed it (False: it was confirmed before)."""
    registration = registration_for_confirmation(token)
    event = _lock_event(registration.event)
    registration = _lock_registration(registration)
    if registration.email_confirmed_at is not None:
        return registration, False
    if registration.status == RegistrationStatus.CANCELLED:
        raise ConfirmationLinkError(_("This registration has been cancelled. Register again if you want to come."))
    now = timezone.now()
    # Registration may have closed since the guest registered; they registered in time. A cancelled or past
    # event takes no one.
    reason = registration_closed_reason(event, now=now)
    if reason in (CLOSED_CANCELLED, CLOSED_OVER, CLOSED_DRAFT):
        raise ConfirmationLinkError(closed_message(event, reason))
    registration.email_confirmed_at = now
    registration.save(update_fields=["email_confirmed_at"])
    log_action("events.registration.confirmed", tenant=event.tenant, target=registration)
    _place(event, registration, now=now, base_url=base_url)
    return registration, True


# --- the person's own steps -----------------------------------------------------------------------------------


@transaction.atomic
def registration_cancel(*, registration: Registration, base_url: str, actor: User | None = None) -> Registration:
    """Cancel a registration or leave the waiting list (idempotent). Places it held are offered on."""
    event = _lock_event(registration.event)
    registration = _lock_registration(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    held_places = registration.status in HOLDING_STATUSES
    from_status = registration.status
    now = timezone.now()
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    log_action(
        "events.registration.cancelled",
        actor=actor,
        tenant=event.tenant,
        target=registration,
        data={"from": from_status},
    )
    if held_places:
        _settle(event, now=now, base_url=base_url)
    return registration


@transaction.atomic
def offer_accept(*, registration: Registration, base_url: str, actor: User | None = None) -> Registration:
    """Take the offered place. Raises OfferUnavailable when there is none to take (expired, or taken first)."""
    event = _lock_event(registration.event)
    registration = _lock_registration(registration)
    now = timezone.now()
    if registration.status == RegistrationStatus.REGISTERED:
        return registration
    held_for_them = (
        registration.status == RegistrationStatus.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at > now
    )
    free_for_the_first = (
        is_first_come_invitation(registration)
        and event.status == EventStatus.PUBLISHED
        and event.starts_at > now
        and (free_places(event) or 0) >= registration.group_size
    )
    if not (held_for_them or free_for_the_first):
        if registration.status == RegistrationStatus.OFFERED:
            raise OfferUnavailable(_("The offer has expired, and the place has gone to the next in line."))
        raise OfferUnavailable(
            _("Sorry, someone else accepted the place first. You keep your place on the waiting list.")
        )
    registration.status = RegistrationStatus.REGISTERED
    registration.registered_at = now
    registration.save(update_fields=["status", "registered_at"])
    log_action("events.registration.offer_accepted", actor=actor, tenant=event.tenant, target=registration)
    _mail_later(registration, "registered", base_url=base_url)
    return registration


# --- staff: the order of the line ------------------------------------------------------------------------------


@transaction.atomic
def waitlist_move(*, registration: Registration, position: int, reason: str, actor: User) -> int:
    """Move someone on the waiting list to `position` (1 = first), with the reason recorded in the audit log.
    Returns the new position. Those holding offers keep theirs."""
    reason = reason.strip()
    if not reason:
        raise RegistrationError(_("Write why the person is moved."))
    event = _lock_event(registration.event)
    line = list(
        Registration.objects.select_for_update()
        .filter(event=event, status__in=(RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED))
        .order_by("queue_rank", "pk")
    )
    waiting = [entry for entry in line if entry.status == RegistrationStatus.WAITLISTED]
    moving = next((entry for entry in waiting if entry.pk == registration.pk), None)
    if moving is None:
        raise RegistrationError(_("Only someone on the waiting list can be moved."))
    old_position = waiting.index(moving) + 1
    waiting.remove(moving)
    new_position = min(max(position, 1), len(waiting) + 1)
    waiting.insert(new_position - 1, moving)
    # Those holding offers keep their slots in the numbering; the waiting fill the others in the new order.
    in_order = iter(waiting)
    merged = [entry if entry.status == RegistrationStatus.OFFERED else next(in_order) for entry in line]
    changed = []
    for rank, entry in enumerate(merged, start=1):
        if entry.queue_rank != rank:
            entry.queue_rank = rank
            changed.append(entry)
    Registration.objects.bulk_update(changed, ["queue_rank"])
    log_action(
        "events.registration.moved",
        actor=actor,
        tenant=event.tenant,
        target=moving,
        data={"from": old_position, "to": new_position, "reason": reason},
    )
    return new_position


# --- the day before -------------------------------------------------------------------------------------------


def reminders_due(*, now: datetime):
    """Registered people of published events that start tomorrow (Danish calendar day) not yet reminded."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), datetime.min.time()))
    return Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminder_sent_at=None,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    ).select_related("event", "tenant")


def send_reminders(*, base_url: str, now: datetime | None = None) -> int:
    """Remind each registered person the day before their event, once (a second run sends nothing)."""
    now = now or timezone.now()
    sent = 0
    for registration in reminders_due(now=now).order_by("pk"):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at=None).update(
                reminder_sent_at=now
            )
            if claimed:
                _mail_later(registration, "reminder", base_url=base_url)
                sent += 1
    return sent


def expire_offers(*, base_url: str, now: datetime | None = None) -> int:
    """Expire every event's unanswered offers and pass the places on; offer places freed some other way (the
    capacity raised); close to an event, tell those in line of free places. Idempotent: places already offered
    and people already told are left alone. Returns how many events were looked at under their lock."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__gt=now,
        capacity__isnull=False,
        registrations__status__in=(RegistrationStatus.OFFERED, RegistrationStatus.WAITLISTED),
    )
    settled = 0
    for event in due.distinct().order_by("pk"):
        settle_event(event=event, base_url=base_url, now=now, force=True)
        settled += 1
    return settled


# --- mails --------------------------------------------------------------------------------------------------


def personal_link(registration: Registration, *, base_url: str, name: str = "registration") -> str:
    slug = registration.event.tenant.slug
    return base_url + reverse(f"events:{name}", kwargs={"tenant_slug": slug, "token": registration.token})


def _mail_later(registration: Registration, kind: str, *, base_url: str, language: str = "") -> None:
    registration_id = registration.pk
    tenant_id = registration.tenant_id
    # A mail server that fails must not turn a saved registration into an error page.
    transaction.on_commit(
        lambda: _send_mail(registration_id, tenant_id, kind, base_url=base_url, language=language), robust=True
    )


def _send_mail(registration_id: int, tenant_id: int, kind: str, *, base_url: str, language: str = "") -> None:
    # After commit the request's scope may be gone (and a command has none): the registration's tenant is opened.
    with scope(tenant=tenant_id):
        _send_mail_in_scope(registration_id, kind, base_url=base_url, language=language)


def _send_mail_in_scope(registration_id: int, kind: str, *, base_url: str, language: str = "") -> None:
    registration = (
        Registration.objects.select_related("event__tenant", "organisation").filter(pk=registration_id).first()
    )
    if registration is None:
        return
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "tenant": event.tenant,
        "link": personal_link(registration, base_url=base_url),
        "accept_link": personal_link(registration, base_url=base_url, name="offer_accept"),
        "cancel_link": personal_link(registration, base_url=base_url, name="registration_cancel"),
        "place_in_line": place_in_line(registration),
    }
    attachments = []
    if kind == "confirm":
        context["link"] = base_url + reverse(
            "events:registration_confirm",
            kwargs={"tenant_slug": event.tenant.slug, "token": confirmation_token(registration)},
        )
        context["days"] = CONFIRMATION_MAX_AGE_DAYS
    if kind == "registered":
        from frivillig.events.calendar_files import event_ics

        language_code = registration.language or "da"
        attachments.append(("arrangement.ics", event_ics(event, language=language_code), "text/calendar"))
    send_templated_mail(
        to=registration.email,
        template=f"events/email/registration_{kind}",
        context=context,
        language=language or registration.language or None,
        attachments=attachments,
    )
