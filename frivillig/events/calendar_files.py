"""iCalendar files of events: one event's .ics (the download, the confirmation mail's attachment) and the
subscribable feeds of a tenant or a theme.

Every session is a VEVENT of its own with its times in UTC (the calendar shows them in the reader's zone), a UID
that stays the same however often the file is fetched (so that a subscribed calendar updates the entry instead of
adding another), and STATUS:CANCELLED when the event is cancelled. Outlook and Google Calendar want CRLF line ends,
PRODID, VERSION 2.0, METHOD:PUBLISH and a calendar name; the icalendar library writes the lines and folds the long
ones.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope

from frivillig.core.links import absolute_url, site_url
from frivillig.events.models import Event, EventSession

PRODID = "-//Frivillig//Arrangementer//DA"
# How often a subscribed calendar should fetch the feed again (Outlook and Apple read these two properties).
REFRESH_INTERVAL = timedelta(hours=6)


def event_ics(event: Event, *, language: str) -> bytes:
    """The .ics file of one event: a VEVENT per session."""
    with translation.override(language):
        calendar = _calendar(name=event.title)
        stamp = timezone.now()
        # The event's own tenant (a mail may be written outside the request that opened it).
        with scope(tenant=event.tenant):
            sessions = list(event.sessions.all())
        for session in sessions:
            calendar.add_component(_vevent(event, session, stamp=stamp))
        return calendar.to_ical()


def feed_ics(events: Iterable[Event], *, name: str, language: str) -> bytes:
    """The .ics feed of many events (their sessions prefetched, the tenant selected, to keep the queries few)."""
    with translation.override(language):
        calendar = _calendar(name=name)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
        stamp = timezone.now()
        for event in events:
            for session in event.sessions.all():
                calendar.add_component(_vevent(event, session, stamp=stamp))
        return calendar.to_ical()


def event_url(event: Event) -> str:
    """The public page of the event, in full ("" while its URL is not known, e.g. in an isolated test)."""
    try:
        path = reverse("events:event_detail", kwargs={"tenant_slug": event.tenant.slug, "pk": event.pk})
    except NoReverseMatch:
        return ""
    return absolute_url(path)


def _site_host() -> str:
    return urlsplit(site_url()).hostname or "frivillig"


def _calendar(*, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Only a hint for the reader's calendar: every time in the file is in UTC.
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    return calendar


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _vevent(event: Event, session: EventSession, *, stamp: datetime) -> icalendar.Event:
    url = event_url(event)
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}-session-{session.pk}@{_site_host()}")
    vevent.add("dtstamp", _utc(stamp))
    vevent.add("last-modified", _utc(event.updated_at))
    vevent.add("dtstart", _utc(session.starts_at))
    vevent.add("dtend", _utc(session.ends_at))
    summary = event.title
    if session.title and session.title != event.title:
        summary = f"{event.title} – {session.title}"
    if event.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    vevent.add("summary", summary)
    location = session.place or event.place or event.online_url
    if location:
        vevent.add("location", location)
    description = [event.description.strip()] if event.description.strip() else []
    if event.online_url:
        description.append(_("Online: %(url)s") % {"url": event.online_url})
    if url:
        description.append(_("Read more and register: %(url)s") % {"url": url})
        vevent.add("url", url)
    if description:
        vevent.add("description", "\n\n".join(description))
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    return vevent
