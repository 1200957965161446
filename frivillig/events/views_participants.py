"""The participants of an event, for staff: the list and its exports, name tags, the check-in list on a tablet and
the QR code at the door; for participants: checking in with that code, and the course certificate."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frivillig.core import throttle
from frivillig.core.exports import Column, export_response
from frivillig.core.links import absolute_url
from frivillig.core.listing import render_list, wants_fragment
from frivillig.core.pagination import paginate
from frivillig.core.params import id_or_404
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.events.enums import AttendanceStatus, EventKind, RegistrationStatus
from frivillig.events.forms_participants import (
    CheckInFilterForm,
    CheckInMarkForm,
    ParticipantFilterForm,
    SelfCheckInForm,
)
from frivillig.events.models import Event, EventSession, Registration
from frivillig.events.selectors import event_for_staff
from frivillig.events.selectors_participants import (
    check_in_counts,
    check_in_list,
    default_session,
    event_sessions,
    has_completed,
    name_tag_registrations,
    participant_rows,
    participants,
    registration_by_token,
    registration_for_check_in,
    sessions_attended,
    sessions_needed,
)
from frivillig.events.services_attendance import (
    CHECK_IN_CODE_SECONDS,
    CheckInCodeExpired,
    CheckInCodeInvalid,
    CheckInRefused,
    attendance_mark,
    attendance_mark_rest_absent,
    attendance_self_check_in,
    check_in_code,
    check_in_code_session,
)

PERMISSION = "events.manage_events"
CHECK_IN_PAGE_SIZE = 100
NAME_TAGS_PER_SHEET = 10
# Guesses at the e-mail a participant checks in with, per network address.
SELF_CHECK_IN_THROTTLE = "events.self_check_in"
SELF_CHECK_IN_ATTEMPTS = 10
SELF_CHECK_IN_WINDOW = 10 * 60


# --- the participant list and its exports ------------------------------------------------------------------------


@view_permission(PERMISSION)
def participant_list(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    form = ParticipantFilterForm(request.GET)
    show, search = form.values()
    sessions = event_sessions(event)
    page = paginate(request, participants(event, show=show, search=search))
    context = {
        "event": event,
        "filter_form": form,
        "sessions": sessions,
        "page": page,
        "rows": participant_rows(event, list(page.object_list), sessions),
        "filtered": bool(search) or bool(show),
        "export_query": urlencode({"vis": show, "soeg": search}) if (show or search) else "",
        "needed": sessions_needed(event, len(sessions)),
    }
    return render_list(request, "events/participants_list.html", context)


def _attendance_word(status: str) -> str:
    if status == AttendanceStatus.ATTENDED:
        return _("Attended")
    if status == AttendanceStatus.ABSENT:
        return _("Did not come")
    return ""


def export_columns(event: Event, sessions: list[EventSession]) -> list[Column]:
    columns = [
        Column(_("Name"), lambda row: row.registration.full_name),
        Column(_("E-mail"), lambda row: row.registration.email),
        Column(_("Phone"), lambda row: row.registration.phone),
        Column(
            _("On behalf of"), lambda row: row.registration.organisation.name if row.registration.organisation else ""
        ),
        Column(_("Places"), lambda row: row.registration.group_size),
        Column(_("Status"), lambda row: row.registration.get_status_display()),
        Column(_("Registered"), lambda row: row.registration.created_at),
    ]
    if event.asks_diet:
        columns.append(Column(_("Diet"), lambda row: row.registration.diet))
    if event.asks_access_needs:
        columns.append(Column(_("Access needs"), lambda row: row.registration.access_needs))
    if event.extra_question:
        columns.append(Column(event.extra_question, lambda row: row.registration.extra_answer))
    for number, session in enumerate(sessions):
        label = session.title or timezone.localtime(session.starts_at).strftime("%d-%m-%Y")
        columns.append(Column(label, lambda row, number=number: _attendance_word(row.attendance[number])))
    columns.append(Column(_("Sessions attended"), lambda row: row.attended))
    columns.append(Column(_("Completed"), lambda row: row.completed))
    return columns


@view_permission(PERMISSION)
def participant_export(request, tenant_slug: str, pk: int, fmt: str):
    event = event_for_staff(pk)
    show, search = ParticipantFilterForm(request.GET).values()
    sessions = event_sessions(event)
    rows = participant_rows(event, list(participants(event, show=show, search=search)), sessions)
    filename = f"{slugify(event.title) or 'arrangement'}-deltagere"
    return export_response(fmt, filename=filename, columns=export_columns(event, sessions), objects=rows)


# --- name tags ---------------------------------------------------------------------------------------------------


def name_tag_labels(event: Event) -> list[dict]:
    """One label per person: the one who registered, and for a group the others as guests of the association (or
    of the person, when they came on their own behalf)."""
    labels = []
    for registration in name_tag_registrations(event):
        organisation = registration.organisation.name if registration.organisation else ""
        labels.append({"name": registration.full_name, "organisation": organisation})
        guest_of = organisation or _("Guest of %(name)s") % {"name": registration.full_name}
        labels.extend({"name": _("Guest"), "organisation": guest_of} for _n in range(registration.group_size - 1))
    return labels


@view_permission(PERMISSION)
def name_tags(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    labels = name_tag_labels(event)
    sheets = [labels[start : start + NAME_TAGS_PER_SHEET] for start in range(0, len(labels), NAME_TAGS_PER_SHEET)]
    context = {"event": event, "sheets": sheets, "title": _("Name tags: %(title)s") % {"title": event.title}}
    filename = f"{slugify(event.title) or 'arrangement'}-navneskilte"
    return pdf_response(request, "events/participants_name_tags.html", context, filename=filename)


# --- check-in by staff --------------------------------------------------------------------------------------------


def _check_in_url(
    request, event: Event, session: EventSession | None, search: str = "", *, name: str = "check_in"
) -> str:
    url = reverse(f"events:{name}", kwargs={"tenant_slug": request.tenant.slug, "pk": event.pk})
    query = {}
    if session is not None:
        query["moedegang"] = session.pk
    if search:
        query["soeg"] = search
    return f"{url}?{urlencode(query)}" if query else url


def _session_of(event: Event, pk) -> EventSession:
    return get_object_or_404(EventSession, event=event, pk=id_or_404(pk))


@view_permission(PERMISSION)
def check_in(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    if request.method == "POST":
        # After the session: everyone with nothing recorded did not come.
        session = _session_of(event, request.POST.get("moedegang"))
        count = attendance_mark_rest_absent(event=event, session=session, actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s registration has been recorded as absent.",
                "%(count)s registrations have been recorded as absent.",
                count,
            )
            % {"count": count},
        )
        return redirect(_check_in_url(request, event, session))
    sessions_qs = EventSession.objects.filter(event=event).order_by("starts_at", "pk")
    sessions = list(sessions_qs)
    form = CheckInFilterForm(request.GET or None, sessions=sessions_qs)
    session = form.session(default_session(sessions))
    search = form.search()
    context = {"event": event, "filter_form": form, "session": session, "sessions": sessions, "search": search}
    if session is not None:
        context["page"] = paginate(request, check_in_list(event, session, search=search), per_page=CHECK_IN_PAGE_SIZE)
        context["counts"] = check_in_counts(event, session)
        context["back_to"] = _check_in_url(request, event, session, search)
    return render_list(request, "events/participants_check_in.html", context)


@require_POST
@view_permission(PERMISSION)
def check_in_mark(request, tenant_slug: str, pk: int, registration_pk: int):
    event = event_for_staff(pk)
    registration = get_object_or_404(Registration, event=event, pk=registration_pk)
    form = CheckInMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the person came."))
        return redirect(_check_in_url(request, event, None))
    session = _session_of(event, form.cleaned_data["moedegang"])
    status = form.cleaned_data["status"]
    try:
        attendance_mark(registration=registration, session=session, status=status, actor=request.user)
    except CheckInRefused:
        messages.error(
            request,
            _("%(name)s does not hold a place, so attendance cannot be recorded.") % {"name": registration.full_name},
        )
        return redirect(_check_in_url(request, event, session))
    if wants_fragment(request):
        # The row as it is now, and the count above the list (out of band).
        context = {
            "event": event,
            "session": session,
            "registration": check_in_list(event, session).get(pk=registration.pk),
            "counts": check_in_counts(event, session),
            "search": request.POST.get("soeg", "").strip()[:100],
            "oob": True,
        }
        template = "events/participants_check_in.html"
        html = render_to_string(f"{template}#row", context, request) + render_to_string(
            f"{template}#count", context, request
        )
        return HttpResponse(html)
    if status == AttendanceStatus.ATTENDED:
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.full_name})
    else:
        messages.success(request, _("%(name)s is recorded as absent.") % {"name": registration.full_name})
    return redirect(_check_in_url(request, event, session, request.POST.get("soeg", "").strip()[:100]))


# --- the QR code at the door ----------------------------------------------------------------------------------------


def qr_svg(url: str) -> str:
    """The link as an inline SVG: no script, no style attribute, so the strict CSP holds."""
    import segno
    from django.utils.safestring import mark_safe

    svg = segno.make(url, error="m").svg_inline(
        scale=6,
        dark="#000",
        light="#fff",
        svgclass="check-in-qr",
        lineclass=None,
        omitsize=True,
        title=_("QR code to check in"),
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup, no user text


@view_permission(PERMISSION)
def check_in_screen(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    sessions_qs = EventSession.objects.filter(event=event).order_by("starts_at", "pk")
    sessions = list(sessions_qs)
    form = CheckInFilterForm(request.GET or None, sessions=sessions_qs)
    session = form.session(default_session(sessions))
    context = {"event": event, "filter_form": form, "session": session}
    if session is not None:
        link = absolute_url(
            reverse(
                "events:self_check_in",
                kwargs={"tenant_slug": request.tenant.slug, "pk": event.pk, "code": check_in_code(session)},
            ),
            request,
        )
        context.update(
            {
                "link": link,
                "qr": qr_svg(link),
                "valid_until": timezone.now() + timedelta(seconds=CHECK_IN_CODE_SECONDS),
                "refresh_url": _check_in_url(request, event, session, name="check_in_screen"),
            }
        )
    # The page refreshes its code by fetching itself and keeping only the code's block (hx-select): one answer for
    # every request, never a fragment a history restore could show alone.
    return render(request, "events/participants_check_in_screen.html", context)


def _self_check_in_page(request, event, context: dict, status: int = 200):
    context.setdefault("event", event)
    return render(request, "events/participants_self_check_in.html", context, status=status)


@view_permission(PUBLIC)
def self_check_in(request, tenant_slug: str, pk: int, code: str):
    event = get_object_or_404(Event, pk=pk)
    try:
        session = check_in_code_session(code, event=event)
    except CheckInCodeExpired:
        return _self_check_in_page(request, event, {"state": "expired"}, status=410)
    except CheckInCodeInvalid:
        return _self_check_in_page(request, event, {"state": "invalid"}, status=400)
    context = {"session": session, "state": "form"}
    own = registration_for_check_in(event, user=request.user)
    form = SelfCheckInForm(request.POST if request.method == "POST" and own is None else None)
    context.update({"form": form, "own": own})
    if request.method != "POST":
        return _self_check_in_page(request, event, context)
    if own is not None:
        registration = own
    else:
        address = throttle.client_address(request)
        if not throttle.attempt(
            SELF_CHECK_IN_THROTTLE, address, limit=SELF_CHECK_IN_ATTEMPTS, window=SELF_CHECK_IN_WINDOW
        ):
            context["state"] = "throttled"
            return _self_check_in_page(request, event, context, status=429)
        if not form.is_valid():
            return _self_check_in_page(request, event, context)
        registration = registration_for_check_in(event, email=form.cleaned_data["email"])
        if registration is None:
            context["state"] = "not_registered"
            return _self_check_in_page(request, event, context)
    try:
        result = attendance_self_check_in(registration=registration, session=session)
    except CheckInRefused:
        context["state"] = "not_registered"
        return _self_check_in_page(request, event, context)
    context.update({"state": "already" if result.already else "done", "registration": registration})
    return _self_check_in_page(request, event, context)


# --- the course certificate -------------------------------------------------------------------------------------


@view_permission(PUBLIC)
def certificate(request, tenant_slug: str, token: str):
    registration = registration_by_token(token)
    if registration is None:
        raise Http404
    event = registration.event
    sessions = event_sessions(event)
    attended = sessions_attended(registration)
    context = {
        "registration": registration,
        "event": event,
        "sessions": sessions,
        "attended": attended,
        "needed": sessions_needed(event, len(sessions)),
    }
    if event.kind != EventKind.COURSE:
        context["reason"] = "not_a_course"
    elif registration.status != RegistrationStatus.REGISTERED:
        context["reason"] = "not_registered"
    elif not has_completed(registration, session_count=len(sessions)):
        context["reason"] = "not_completed"
    if "reason" in context:
        return render(request, "events/participants_certificate_missing.html", context)
    context["title"] = _("Course certificate: %(title)s") % {"title": event.title}
    context["today"] = timezone.localdate()
    filename = f"{slugify(event.title) or 'kursus'}-kursusbevis"
    return pdf_response(request, "events/participants_certificate.html", context, filename=filename)


urlpatterns = [
    path("arrangementer/<int:pk>/deltagere/", participant_list, name="participant_list"),
    path("arrangementer/<int:pk>/deltagere.<str:fmt>", participant_export, name="participant_export"),
    path("arrangementer/<int:pk>/navneskilte.pdf", name_tags, name="name_tags"),
    path("arrangementer/<int:pk>/fremmoede/", check_in, name="check_in"),
    path("arrangementer/<int:pk>/fremmoede/<int:registration_pk>/", check_in_mark, name="check_in_mark"),
    path("arrangementer/<int:pk>/qr-kode/", check_in_screen, name="check_in_screen"),
    path("arrangementer/<int:pk>/tjek-ind/<str:code>/", self_check_in, name="self_check_in"),
    path("tilmelding/<str:token>/kursusbevis.pdf", certificate, name="certificate"),
]
