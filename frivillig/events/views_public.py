"""The public event pages: a tenant's list and month calendar, the detail page with schema.org JSON-LD, the .ics
download and the subscribable iCalendar feeds (the tenant's and a theme's), and the national list.

Public pages: anyone may read them. A draft answers 404 except to the tenant's staff, who see a preview; an event
for invited guests only is reached by its address and never listed.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from frivillig.core.jsonld import json_ld_script, without_empty
from frivillig.core.listing import render_list
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.events import caching
from frivillig.events.calendar_files import event_ics as event_ics_file
from frivillig.events.calendar_files import feed_ics
from frivillig.events.enums import EventStatus
from frivillig.events.forms_public import EventFilterForm, NationalEventFilterForm, parse_month
from frivillig.events.models import Event, EventSession
from frivillig.events.selectors_public import (
    EventFilter,
    event_list_page,
    feed_events,
    month_sessions,
    national_list_page,
    national_options,
    places_left,
    public_event,
    registration_is_open,
    theme_of,
    theme_options,
)

MANAGE = "events.manage_events"


def _decorate(events, now) -> None:
    """What a list row shows beside the event's own fields: full (with or without a waiting list), past."""
    for event in events:
        left = places_left(event) if hasattr(event, "places_taken") else None
        event.is_full = left == 0
        event.waitlist_open = event.is_full and registration_is_open(event, now)
        event.is_past = event.ends_at < now


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in (*names, "side"):
        query.pop(name, None)
    return query.urlencode()


@view_permission(PUBLIC)
def event_list(request, tenant_slug: str):
    form = EventFilterForm(request.GET or None, themes=theme_options(request.tenant))
    criteria = form.criteria()
    page = event_list_page(request.tenant, criteria, request.GET.get("side"))
    _decorate(page.object_list, timezone.now())
    context = {
        "filter_form": form,
        "criteria": criteria,
        "page": page,
        "feed_url": reverse("events:feed", kwargs={"tenant_slug": request.tenant.slug}),
        "calendar_url": reverse("events:event_calendar", kwargs={"tenant_slug": request.tenant.slug}),
        "other_times_query": _query_without(request, "tidligere", "maaned")
        + ("" if criteria.past else ("&" if request.GET else "") + "tidligere=on"),
    }
    return render_list(request, "events/public_list.html", context)


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    sessions: list[EventSession] = field(default_factory=list)


def _month_grid(month: date, sessions: list[EventSession]) -> list[list[CalendarDay]]:
    today = timezone.localdate()
    by_day: dict[date, list[EventSession]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    return [
        [CalendarDay(day, day.month == month.month, day == today, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]


def _shift_month(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@view_permission(PUBLIC)
def event_calendar(request, tenant_slug: str):
    form = EventFilterForm(request.GET or None, themes=theme_options(request.tenant))
    criteria = form.criteria()
    month = criteria.month or parse_month(timezone.localdate().strftime("%Y-%m"))
    assert month is not None
    criteria = EventFilter(kind=criteria.kind, theme=criteria.theme, month=month)
    sessions = month_sessions(request.tenant, criteria)
    base_query = _query_without(request, "maaned", "tidligere")
    joiner = "&" if base_query else ""
    context = {
        "filter_form": form,
        "month": month,
        "weeks": _month_grid(month, sessions),
        "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # a Monday to a Sunday
        "sessions": sessions,
        "previous_query": f"{base_query}{joiner}maaned={_shift_month(month, -1):%Y-%m}",
        "next_query": f"{base_query}{joiner}maaned={_shift_month(month, 1):%Y-%m}",
        "list_url": reverse("events:event_list", kwargs={"tenant_slug": request.tenant.slug}),
    }
    return render(request, "events/public_calendar.html", context)


def _event_or_404(request, pk: int) -> tuple[Event, bool]:
    staff = request.user.is_authenticated and request.user.has_perm(MANAGE, request.tenant)
    event = public_event(pk, staff=staff)
    if event is None:
        raise Http404
    return event, staff


@view_permission(PUBLIC)
def event_detail(request, tenant_slug: str, pk: int):
    event, staff = _event_or_404(request, pk)
    sessions = list(event.sessions.all())
    left = places_left(event)
    context = {
        "event": event,
        "sessions": sessions,
        "places_left": left,
        "is_full": left == 0,
        "registration_open": registration_is_open(event),
        "is_preview": event.status == EventStatus.DRAFT,
        "is_staff": staff,
        "is_past": event.ends_at < timezone.now(),
        "organisers": _organisers(event),
        "themes": list(event.themes.all()),
        "manage_url": _manage_url(request, event) if staff else "",
        "ics_url": reverse("events:event_ics", kwargs={"tenant_slug": request.tenant.slug, "pk": event.pk}),
        "json_ld": event_json_ld(request, event, sessions) if event.status != EventStatus.DRAFT else "",
    }
    return render(request, "events/event_detail.html", context)


def _manage_url(request, event: Event) -> str:
    return reverse("events:event_manage", kwargs={"tenant_slug": request.tenant.slug, "pk": event.pk})


def _organisers(event: Event) -> list[str]:
    names = []
    if event.organised_by_centre:
        names.append(event.tenant.centre_name)
    if event.organised_by_municipality:
        names.append(event.tenant.municipality_name)
    names.extend(partner.name for partner in event.partners.all())
    return names


def _iso(moment) -> str:
    """A time in Danish time with its offset, e.g. 2027-03-18T19:00:00+01:00."""
    return timezone.localtime(moment).isoformat()


def event_json_ld(request, event: Event, sessions: list[EventSession]) -> SafeString:
    """schema.org `Event` (with a sub-event per session of a course of several) as a JSON-LD element."""
    tenant = event.tenant
    if event.place and event.online_url:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif event.online_url and not event.place:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    locations: list[dict] = []
    if event.place or not event.online_url:
        locations.append(
            {
                "@type": "Place",
                "name": event.place or tenant.municipality_name,
                "address": {
                    "@type": "PostalAddress",
                    **({"streetAddress": event.place} if event.place else {}),
                    "addressRegion": tenant.municipality_name,
                    "addressCountry": "DK",
                },
            }
        )
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    organisers = [{"@type": "Organization", "name": name} for name in _organisers(event)]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description or event.title,
        "startDate": _iso(event.starts_at),
        "endDate": _iso(event.ends_at),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organisers[0] if len(organisers) == 1 else organisers,
        "url": request.build_absolute_uri(),
        "inLanguage": "da",
        "keywords": ", ".join(theme.label for theme in event.themes.all()),
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": places_left(event),
    }
    if len(sessions) > 1:
        data["subEvent"] = [
            without_empty(
                {
                    "@type": "Event",
                    "name": session.title or event.title,
                    "startDate": _iso(session.starts_at),
                    "endDate": _iso(session.ends_at),
                    "location": {"@type": "Place", "name": session.place} if session.place else None,
                }
            )
            for session in sessions
        ]
    return json_ld_script(without_empty(data))


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@view_permission(PUBLIC)
def event_ics(request, tenant_slug: str, pk: int):
    event, _staff = _event_or_404(request, pk)
    return _ics_response(event_ics_file(event, language=get_language()), f"arrangement-{event.pk}.ics", attachment=True)


def _feed_response(request, theme, *, name: str, filename: str) -> HttpResponse:
    """A feed's file; calendar programs ask again every few minutes, so it is kept a moment (events/caching.py)."""
    language = get_language()
    content = caching.cached(
        ("feed", request.tenant.pk, theme.pk if theme else None, language),
        lambda: feed_ics(feed_events(request.tenant, theme=theme), name=name, language=language),
    )
    return _ics_response(content, filename, attachment=False)


@view_permission(PUBLIC)
def feed(request, tenant_slug: str):
    name = _("Events – %(centre)s") % {"centre": request.tenant.centre_name}
    return _feed_response(request, None, name=name, filename=f"arrangementer-{request.tenant.slug}.ics")


@view_permission(PUBLIC)
def theme_feed(request, tenant_slug: str, tag_pk: int):
    theme = theme_of(request.tenant, tag_pk)
    if theme is None:
        raise Http404
    name = _("Events on %(theme)s – %(centre)s") % {"theme": theme.label, "centre": request.tenant.centre_name}
    filename = f"arrangementer-{request.tenant.slug}-{theme.slug}.ics"
    return _feed_response(request, theme, name=name, filename=filename)


@view_permission(PUBLIC)
def national_event_list(request):
    options = national_options()
    form = NationalEventFilterForm(request.GET or None, options=options)
    criteria = form.criteria()
    page = national_list_page(criteria, request.GET.get("side"))
    _decorate(page.object_list, timezone.now())
    context = {"filter_form": form, "criteria": criteria, "page": page, "national": True}
    return render_list(request, "events/public_national_list.html", context)


urlpatterns = [
    path("arrangementer/", event_list, name="event_list"),
    path("arrangementer/kalender/", event_calendar, name="event_calendar"),
    path("arrangementer/<int:pk>/", event_detail, name="event_detail"),
    path("arrangementer/<int:pk>/arrangement.ics", event_ics, name="event_ics"),
    path("arrangementer.ics", feed, name="feed"),
    path("arrangementer/tema/<int:tag_pk>.ics", theme_feed, name="theme_feed"),
]
national_urlpatterns = [
    path("arrangementer/", national_event_list, name="event_list"),
]
