"""Staff's pages for events: the list, creating and changing an event and its sessions, copying it to next year,
publishing and cancelling it, and the event's own staff page (the hub the other staff pages are reached from)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frivillig.core.exports import Column, export_response
from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.events.forms_events import CancelForm, CopyForm, EventFilterForm, EventForm, SessionForm
from frivillig.events.models import Event, EventSession
from frivillig.events.selectors import event_for_staff
from frivillig.events.selectors_staff import (
    event_figures,
    event_sessions,
    events_for_staff_list,
    places_held,
    session_of,
)
from frivillig.events.services_events import (
    EventEditRefused,
    event_cancel,
    event_copy,
    event_create,
    event_set_published,
    event_update,
    session_delete,
    session_save,
)
from frivillig.events.services_registration import event_places_changed

PERMISSION = "events.manage_events"
PUBLISH = "offentliggoer"
UNPUBLISH = "traek-tilbage"


def _to_event(request, event: Event):
    return redirect("events:event_manage", tenant_slug=request.tenant.slug, pk=event.pk)


def _refuse_cancelled(request, event: Event):
    """A cancelled event is kept as it was: say so kindly and go back to its page."""
    messages.info(
        request,
        _(
            "The event has been cancelled, so it can no longer be changed. If it is to be held after all, copy it "
            "and publish the copy."
        ),
    )
    return _to_event(request, event)


def _refusal_to_form(form, refusal: EventEditRefused) -> None:
    field = refusal.field if refusal.field in form.fields else None
    form.add_error(field, str(refusal))


@view_permission(PERMISSION)
def event_admin_list(request, tenant_slug: str):
    filter_form = EventFilterForm(request.GET, tenant=request.tenant)
    context = {
        "filter_form": filter_form,
        "page": paginate(request, events_for_staff_list(request.tenant, filter_form.criteria())),
        "filtered": any(value for key, value in request.GET.items() if key != "side"),
    }
    return render_list(request, "events/staff_list.html", context)


def _export_columns() -> list[Column]:
    return [
        Column(_("Title"), lambda event: event.title),
        Column(_("Kind"), lambda event: event.get_kind_display()),
        Column(_("Starts"), lambda event: event.starts_at),
        Column(_("Ends"), lambda event: event.ends_at),
        Column(_("Place"), lambda event: event.place),
        Column(_("Places"), lambda event: event.capacity),
        Column(_("Places held"), lambda event: event.places_held),
        Column(_("Status"), lambda event: event.get_status_display()),
    ]


@view_permission(PERMISSION)
def event_admin_export(request, tenant_slug: str, fmt: str):
    """The staff list as filtered, every page of it, as XLSX or Danish CSV."""
    criteria = EventFilterForm(request.GET, tenant=request.tenant).criteria()
    return export_response(
        fmt,
        filename=f"arrangementer-{timezone.localdate():%Y-%m-%d}",
        columns=_export_columns(),
        objects=events_for_staff_list(request.tenant, criteria),
    )


@view_permission(PERMISSION)
def event_create_view(request, tenant_slug: str):
    form = EventForm(request.POST or None, instance=Event(tenant=request.tenant), tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(
                event=form.instance,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                themes=form.cleaned_data["themes"],
                partners=form.cleaned_data["partners"],
                actor=request.user,
            )
        except EventEditRefused as refusal:
            _refusal_to_form(form, refusal)
        else:
            messages.success(
                request,
                _("The event has been created as a draft. Add more sessions if it has several, then publish it."),
            )
            return _to_event(request, event)
    return render(request, "events/staff_event_form.html", {"form": form, "event": None})


@view_permission(PERMISSION)
def event_edit(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    if event.is_cancelled:
        return _refuse_cancelled(request, event)
    form = EventForm(request.POST or None, instance=event, tenant=request.tenant, held=places_held(event))
    if request.method == "POST" and form.is_valid():
        try:
            event_update(
                event=form.instance,
                themes=form.cleaned_data["themes"],
                partners=form.cleaned_data["partners"],
                session_times=form.session_times(),
                changed=form.changed_data,
                actor=request.user,
            )
        except EventEditRefused as refusal:
            _refusal_to_form(form, refusal)
        else:
            if "capacity" in form.changed_data:
                # A raised capacity (or none at all) frees places: the first in line are offered them now.
                event_places_changed(event=event, base_url=site_url(request))
            messages.success(request, _("The event has been saved."))
            return _to_event(request, event)
    if request.method == "POST":
        event = event_for_staff(pk)
    return render(request, "events/staff_event_form.html", {"form": form, "event": event})


@view_permission(PERMISSION)
def event_manage(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    context = {
        "event": event,
        "sessions": event_sessions(event),
        "figures": event_figures(event),
        "themes": list(event.themes.all()),
        "partners": list(event.partners.order_by("name")),
        "copy_form": CopyForm(),
    }
    return render(request, "events/event_manage.html", context)


@require_POST
@view_permission(PERMISSION)
def event_copy_view(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The copy was not made: the first day must be a date, for example 2027-04-13."))
        return _to_event(request, event)
    copy = event_copy(event=event, actor=request.user, first_day=form.cleaned_data["first_day"])
    messages.success(
        request,
        _(
            "The copy has been created as a draft, with the same settings and sessions moved to the new dates. "
            "No registrations were copied. Check it, then publish it."
        ),
    )
    return _to_event(request, copy)


@require_POST
@view_permission(PERMISSION)
def event_status(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    action = request.POST.get("handling", "")
    if action not in (PUBLISH, UNPUBLISH):
        raise Http404
    try:
        event_set_published(event=event, published=action == PUBLISH, actor=request.user)
    except EventEditRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if action == PUBLISH:
            messages.success(request, _("The event has been published and can be found on the event list."))
        else:
            messages.success(request, _("The event is a draft again and no longer shown on the event list."))
    return _to_event(request, event)


@view_permission(PERMISSION)
def event_cancel_view(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    if event.is_cancelled:
        messages.info(request, _("The event has already been cancelled."))
        return _to_event(request, event)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = event_cancel(event=event, message=form.cleaned_data["message"], actor=request.user)
        except EventEditRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                ngettext(
                    "The event has been cancelled. %(count)s person is being told by mail.",
                    "The event has been cancelled. %(count)s people are being told by mail.",
                    told,
                )
                % {"count": told},
            )
        return _to_event(request, event)
    context = {"event": event, "form": form, "figures": event_figures(event)}
    return render(request, "events/staff_event_cancel.html", context)


# --- sessions -------------------------------------------------------------------------------------------------


def _session(event: Event, session_pk: int) -> EventSession:
    session = session_of(event, session_pk)
    if session is None:
        raise Http404
    return session


def _session_page(request, event: Event, session: EventSession | None):
    if event.is_cancelled:
        return _refuse_cancelled(request, event)
    instance = session or EventSession(event=event, tenant=request.tenant, place="")
    form = SessionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            session_save(session=form.instance, actor=request.user)
        except EventEditRefused as refusal:
            _refusal_to_form(form, refusal)
        else:
            messages.success(request, _("The session has been saved.") if session else _("The session has been added."))
            return _to_event(request, event)
    context = {"form": form, "event": event, "session": session}
    return render(request, "events/staff_session_form.html", context)


@view_permission(PERMISSION)
def session_create(request, tenant_slug: str, pk: int):
    return _session_page(request, event_for_staff(pk), None)


@view_permission(PERMISSION)
def session_edit(request, tenant_slug: str, pk: int, session_pk: int):
    event = event_for_staff(pk)
    return _session_page(request, event, _session(event, session_pk))


@view_permission(PERMISSION)
def session_delete_view(request, tenant_slug: str, pk: int, session_pk: int):
    event = event_for_staff(pk)
    session = _session(event, session_pk)
    if event.is_cancelled:
        return _refuse_cancelled(request, event)
    refusal = ""
    if request.method == "POST":
        try:
            session_delete(session=session, actor=request.user)
        except EventEditRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("The session has been deleted."))
            return _to_event(request, event)
    context = {"event": event, "session": session, "refusal": refusal, "is_last": event.sessions.count() <= 1}
    return render(request, "events/staff_session_delete.html", context, status=409 if refusal else 200)


urlpatterns = [
    path("arrangementer/administration/", event_admin_list, name="event_admin_list"),
    path("arrangementer/administration/eksport.<str:fmt>", event_admin_export, name="event_admin_export"),
    path("arrangementer/opret/", event_create_view, name="event_create"),
    path("arrangementer/<int:pk>/administration/", event_manage, name="event_manage"),
    path("arrangementer/<int:pk>/rediger/", event_edit, name="event_edit"),
    path("arrangementer/<int:pk>/kopier/", event_copy_view, name="event_copy"),
    path("arrangementer/<int:pk>/status/", event_status, name="event_status"),
    path("arrangementer/<int:pk>/aflys/", event_cancel_view, name="event_cancel"),
    path("arrangementer/<int:pk>/moedegange/ny/", session_create, name="session_create"),
    path("arrangementer/<int:pk>/moedegange/<int:session_pk>/", session_edit, name="session_edit"),
    path("arrangementer/<int:pk>/moedegange/<int:session_pk>/slet/", session_delete_view, name="session_delete"),
]
