"""The .ics files: they parse with the icalendar library, have the right UTC times across summer time, a stable
UID per session, and mark a cancelled event as such."""

from datetime import UTC, datetime

import icalendar
import pytest
from django_scopes import scope

from frivillig.events.calendar_files import event_ics, feed_ics
from frivillig.events.enums import EventStatus
from frivillig.events.models import Event
from frivillig.events.tests.helpers import danish_time, make_event


def _vevents(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.django_db
def test_an_event_at_ten_danish_time_is_nine_utc_in_winter_and_eight_in_summer(tenant):
    winter = make_event(tenant, starts_at=danish_time(2027, 1, 14, 10))
    summer = make_event(tenant, starts_at=danish_time(2027, 6, 17, 10))

    (winter_vevent,) = _vevents(event_ics(winter, language="da"))
    (summer_vevent,) = _vevents(event_ics(summer, language="da"))

    assert winter_vevent.decoded("dtstart") == datetime(2027, 1, 14, 9, tzinfo=UTC)
    assert summer_vevent.decoded("dtstart") == datetime(2027, 6, 17, 8, tzinfo=UTC)
    assert b"DTSTART:20270114T090000Z" in event_ics(winter, language="da")
    assert b"DTSTART:20270617T080000Z" in event_ics(summer, language="da")


@pytest.mark.django_db
def test_one_vevent_per_session_with_a_stable_uid_and_what_outlook_and_google_need(tenant):
    event = make_event(tenant, sessions=3, starts_at=danish_time(2027, 3, 18, 19), place="Torvet 1, Alfa")

    data = event_ics(event, language="da")
    vevents = _vevents(data)

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert calendar["prodid"]
    assert str(calendar["x-wr-calname"]) == event.title
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert len(vevents) == 3
    with scope(tenant=tenant):
        sessions = list(event.sessions.all())
    assert [str(vevent["uid"]) for vevent in vevents] == [
        f"event-{event.pk}-session-{session.pk}@testserver" for session in sessions
    ]
    assert [str(vevent["uid"]) for vevent in _vevents(event_ics(event, language="en"))] == [
        str(vevent["uid"]) for vevent in vevents
    ]
    # The third session is two weeks later, after the clocks went forward (28 March 2027): still 19:00 Danish.
    assert vevents[2].decoded("dtstart") == datetime(2027, 4, 1, 17, tzinfo=UTC)
    assert str(vevents[0]["summary"]) == f"{event.title} – Gang 1"
    assert str(vevents[0]["location"]) == "Torvet 1, Alfa"
    assert str(vevents[0]["status"]) == "CONFIRMED"
    assert f"/alfa/arrangementer/{event.pk}/" in str(vevents[0]["url"])
    assert f"/alfa/arrangementer/{event.pk}/" in str(vevents[0]["description"])


@pytest.mark.django_db
def test_a_cancelled_event_says_so_in_its_language(tenant):
    event = make_event(tenant, status=EventStatus.CANCELLED, title="Netværksaften")

    (vevent,) = _vevents(event_ics(event, language="da"))
    assert str(vevent["status"]) == "CANCELLED"
    assert str(vevent["summary"]) == "Aflyst: Netværksaften"
    (vevent,) = _vevents(event_ics(event, language="en"))
    assert str(vevent["summary"]) == "Cancelled: Netværksaften"


@pytest.mark.django_db
def test_the_feed_holds_every_session_of_every_event(tenant):
    make_event(tenant, sessions=2)
    make_event(tenant, title="Temaaften")
    with scope(tenant=tenant):
        events = list(Event.objects.select_related("tenant").prefetch_related("sessions"))

    data = feed_ics(events, name="Frivilligcenter Alfa", language="da")

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "Frivilligcenter Alfa"
    assert len(list(calendar.walk("VEVENT"))) == 3


@pytest.mark.django_db
def test_text_is_escaped_and_long_lines_are_folded_between_characters(tenant):
    description = "Vi mødes; tager kaffe, kage og\nsnak om " + "æøå frivillighed " * 12 + "\\ slut"
    event = make_event(tenant, title="Møde, kaffe; og – snak", description=description, place="Sal 1, 2. sal")

    data = event_ics(event, language="da")

    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")  # no character split by a fold
    (vevent,) = _vevents(data)
    assert str(vevent["summary"]) == "Møde, kaffe; og – snak"
    assert str(vevent["location"]) == "Sal 1, 2. sal"
    assert str(vevent["description"]).startswith(description + "\n\nLæs mere og tilmeld dig: ")
    assert b"SUMMARY:M\xc3\xb8de\\, kaffe\\; og" in data
