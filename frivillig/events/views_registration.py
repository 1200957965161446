"""Registering for an event, confirming a guest's e-mail, the person's own page (cancel, leave the waiting list,
accept an offered place), and the staff's waiting list. Nothing changes on GET: mail scanners follow links."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.pagination import paginate
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.core.throttle import client_address
from frivillig.crm.selectors import represented_organisations
from frivillig.events.enums import MAX_GROUP_SIZE, RegistrationStatus
from frivillig.events.forms_registration import RegistrationForm, WaitlistMoveForm
from frivillig.events.selectors import event_for_staff
from frivillig.events.selectors_registration import (
    event_for_registration,
    registration_by_token,
    waiting_registration,
    waitlist,
)
from frivillig.events.services_registration import (
    CONFIRMATION_MAX_AGE_DAYS,
    AlreadyRegistered,
    ConfirmationLinkError,
    OfferUnavailable,
    RegistrationError,
    closed_message,
    count_registration,
    first_come,
    free_places,
    is_first_come_invitation,
    offer_accept,
    offer_expired,
    place_in_line,
    places_taken,
    registration_allowed,
    registration_cancel,
    registration_closed_reason,
    registration_confirm,
    registration_create,
    registration_for_confirmation,
    settle_event,
)
from frivillig.events.services_registration import waitlist_move as waitlist_move_service

PERMISSION = "events.manage_events"


def _person_url(registration, name: str = "registration") -> str:
    return reverse(
        f"events:{name}", kwargs={"tenant_slug": registration.event.tenant.slug, "token": registration.token}
    )


# --- registering -----------------------------------------------------------------------------------------


@view_permission(PUBLIC)
def register(request, tenant_slug: str, pk: int):
    event = event_for_registration(pk)
    user = request.user if request.user.is_authenticated else None
    organisations = represented_organisations(user, request.tenant) if user is not None else None
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, event=event, user=user, organisations=organisations)
    closed = registration_closed_reason(event)
    context = {
        "event": event,
        "form": form,
        "days": CONFIRMATION_MAX_AGE_DAYS,
        "closed": closed_message(event, closed) if closed else "",
        "free": free_places(event),
        "max_group_size": MAX_GROUP_SIZE,
    }
    if closed or request.method != "POST":
        return render(request, "events/registration_form.html", context)
    address = client_address(request)
    if user is None and not registration_allowed(address):
        context["throttled"] = True
        return render(request, "events/registration_form.html", context, status=429)
    if not form.is_valid():
        return render(request, "events/registration_form.html", context)
    if user is None and not count_registration(address):
        context["throttled"] = True
        return render(request, "events/registration_form.html", context, status=429)
    if user is None and form.is_robot():
        # Looks like success, saves nothing.
        return render(request, "events/registration_sent.html", {"event": event, "days": CONFIRMATION_MAX_AGE_DAYS})
    values = form.cleaned_data
    colleague = form.registers_colleague()
    if user is None or colleague:
        full_name, email = values["full_name"], values["email"]
    else:
        full_name, email = user.full_name or user.email, user.email
    try:
        registration = registration_create(
            event=event,
            full_name=full_name,
            email=email,
            phone=values.get("phone", ""),
            organisation=values.get("organisation"),
            group_size=values["group_size"],
            diet=values.get("diet", ""),
            access_needs=values.get("access_needs", ""),
            extra_answer=values.get("extra_answer", ""),
            user=user if user is not None and not colleague else None,
            registered_by=user,
            language=request.LANGUAGE_CODE,
            base_url=site_url(request),
        )
    except AlreadyRegistered as error:
        form.add_error(None, str(error))
        context["existing"] = error.registration
        return render(request, "events/registration_form.html", context)
    except RegistrationError as error:
        context["closed"] = str(error)
        return render(request, "events/registration_form.html", context)
    if user is None:
        return render(request, "events/registration_sent.html", {"event": event, "days": CONFIRMATION_MAX_AGE_DAYS})
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("%(name)s is registered for the event.") % {"name": registration.full_name})
    else:
        messages.info(
            request,
            _("The event is full, so %(name)s is on the waiting list as number %(place)s.")
            % {"name": registration.full_name, "place": place_in_line(registration)},
        )
    if colleague:
        # The personal link is the colleague's: they get it by mail; the representative goes back to the event.
        return redirect("events:register", tenant_slug=tenant_slug, pk=event.pk)
    return redirect(_person_url(registration))


@view_permission(PUBLIC)
def confirm(request, tenant_slug: str, token: str):
    """GET shows what is confirmed and one button; POST confirms (a mail scanner's visit changes nothing)."""
    try:
        registration = registration_for_confirmation(token)
    except ConfirmationLinkError as error:
        return render(request, "events/registration_confirm.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        try:
            registration, _confirmed_now = registration_confirm(token=token, base_url=site_url(request))
        except ConfirmationLinkError as error:
            return render(request, "events/registration_confirm.html", {"error": str(error)}, status=400)
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, _("Your e-mail address is confirmed, and you are registered."))
        else:
            messages.info(
                request,
                _(
                    "Your e-mail address is confirmed. The event is full, so you are on the waiting list as "
                    "number %(place)s."
                )
                % {"place": place_in_line(registration)},
            )
        return redirect(_person_url(registration))
    if registration.email_confirmed_at is not None:
        return redirect(_person_url(registration))
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event},
    )


# --- the person's own page --------------------------------------------------------------------------------


def _person_context(registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "place_in_line": place_in_line(registration),
        "first_come_invitation": is_first_come_invitation(registration),
        "offer_expired": offer_expired(registration),
        "active": registration.status != RegistrationStatus.CANCELLED,
    }


def _settled(request, registration):
    """Expire the event's offers that ran out (cheap when none did) and read the registration again."""
    if settle_event(event=registration.event, base_url=site_url(request)):
        registration.refresh_from_db()
    return registration


@view_permission(PUBLIC)
def registration_page(request, tenant_slug: str, token: str):
    registration = _settled(request, registration_by_token(token))
    return render(request, "events/registration_detail.html", _person_context(registration))


@view_permission(PUBLIC)
def cancel(request, tenant_slug: str, token: str):
    registration = _settled(request, registration_by_token(token))
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, _("The registration is already cancelled."))
        return redirect(_person_url(registration))
    if request.method == "POST":
        was_waiting = registration.status == RegistrationStatus.WAITLISTED
        registration_cancel(
            registration=registration,
            base_url=site_url(request),
            actor=request.user if request.user.is_authenticated else None,
        )
        if was_waiting:
            messages.success(request, _("You have left the waiting list."))
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect(_person_url(registration))
    return render(request, "events/registration_cancel.html", _person_context(registration))


@view_permission(PUBLIC)
def accept_offer(request, tenant_slug: str, token: str):
    registration = _settled(request, registration_by_token(token))
    if registration.status == RegistrationStatus.REGISTERED:
        messages.info(request, _("You already have a place at the event."))
        return redirect(_person_url(registration))
    context = _person_context(registration)
    event = registration.event
    available = registration.status == RegistrationStatus.OFFERED or (
        context["first_come_invitation"]
        and first_come(event, now=timezone.now())
        and (free_places(event) or 0) >= registration.group_size
    )
    context["available"] = available
    if request.method == "POST" and available:
        try:
            offer_accept(
                registration=registration,
                base_url=site_url(request),
                actor=request.user if request.user.is_authenticated else None,
            )
        except OfferUnavailable as error:
            context["error"] = str(error)
            context["available"] = False
            return render(request, "events/registration_offer.html", context, status=409)
        messages.success(request, _("You have accepted the place. We have sent you a confirmation."))
        return redirect(_person_url(registration))
    if request.method == "POST":
        context["error"] = _("There is no place to accept right now. You keep your place on the waiting list.")
        return render(request, "events/registration_offer.html", context, status=409)
    return render(request, "events/registration_offer.html", context)


# --- staff: the waiting list ---------------------------------------------------------------------------------


def _waitlist_context(request, event, *, failed=None, failed_form=None) -> dict:
    rows = waitlist(event)
    page = paginate(request, rows, per_page=50)
    for row in page.object_list:
        row.move_form = (
            failed_form
            if failed_form is not None and row.pk == failed
            else WaitlistMoveForm(auto_id=f"move{row.pk}_%s", initial={"position": row.position})
        )
    return {
        "event": event,
        "page": page,
        "rows": page.object_list,
        "taken": places_taken(event),
        "free": free_places(event),
        "waiting": sum(1 for row in rows if row.position is not None),
        "offers_out": sum(1 for row in rows if row.position is None),
    }


@view_permission(PERMISSION)
def waitlist_page(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    settle_event(event=event, base_url=site_url(request))
    return render(request, "events/registration_waitlist.html", _waitlist_context(request, event))


@view_permission(PERMISSION)
@require_POST
def waitlist_move(request, tenant_slug: str, pk: int, registration_pk: int):
    event = event_for_staff(pk)
    registration = waiting_registration(event, registration_pk)
    form = WaitlistMoveForm(request.POST, auto_id=f"move{registration.pk}_%s")
    if form.is_valid():
        current = place_in_line(registration)
        try:
            position = waitlist_move_service(
                registration=registration,
                position=form.target(current),
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is now number %(place)s on the waiting list.")
                % {"name": registration.full_name, "place": position},
            )
            return redirect("events:waitlist", tenant_slug=tenant_slug, pk=event.pk)
    context = _waitlist_context(request, event, failed=registration.pk, failed_form=form)
    context["failed"] = registration
    return render(request, "events/registration_waitlist.html", context)


urlpatterns = [
    path("arrangementer/<int:pk>/tilmelding/", register, name="register"),
    path("tilmelding/bekraeft/<str:token>/", confirm, name="registration_confirm"),
    path("tilmelding/<str:token>/", registration_page, name="registration"),
    path("tilmelding/<str:token>/afmeld/", cancel, name="registration_cancel"),
    path("tilmelding/<str:token>/tag-imod/", accept_offer, name="offer_accept"),
    path("arrangementer/<int:pk>/venteliste/", waitlist_page, name="waitlist"),
    path("arrangementer/<int:pk>/venteliste/<int:registration_pk>/flyt/", waitlist_move, name="waitlist_move"),
]
