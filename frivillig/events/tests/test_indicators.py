"""The events' indicators against a hand-made year: the numbers, the records a person checks them by, the
course dates a target's pace follows, and the period's edges in Danish time."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from frivillig.core.indicators import Shape, indicator
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import AttendanceStatus, EventKind, EventStatus
from frivillig.events.models import Attendance
from frivillig.events.tests.helpers import danish_time, make_event, make_registration
from frivillig.testing import make_organisation, measure_both_ways

YEAR_2017 = {"starts_on": date(2017, 1, 1), "ends_on": date(2017, 12, 31)}
YEAR_2018 = {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 12, 31)}


def attend(registration, *numbers: int) -> None:
    """Attended at the sessions numbered (from 1), absent at the others."""
    with scopes_disabled():
        for number, session in enumerate(registration.event.sessions.order_by("starts_at"), start=1):
            Attendance.objects.create(
                tenant=registration.tenant,
                registration=registration,
                session=session,
                status=AttendanceStatus.ATTENDED if number in numbers else AttendanceStatus.ABSENT,
            )


def measure(tenant, key: str, *, params=None, period=YEAR_2018):
    with scope(tenant=tenant), translation.override("da"):
        return measure_both_ways(indicator(key), tenant=tenant, params=params or {}, **period)


def labels(measurement) -> list[str]:
    return [record.label for record in measurement.records]


@pytest.fixture
def year(personas):
    """A course on recruitment of two evenings in March 2018 (Ask completed it, Bøg came once, Eg did not come, a
    group of three without an association came), a dialogue meeting in May (Pil came), two meetings on either side
    of New Year's midnight, and what must not count: a cancelled course, a draft and another tenant's course."""
    tenant = personas.tenant
    with scopes_disabled():
        recruitment = Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug="rekruttering")
    org = {name: make_organisation(tenant, name=name) for name in ["Ask", "Bøg", "Eg", "Pil"]}

    course = make_event(
        tenant, sessions=2, starts_at=danish_time(2018, 3, 6, 19), kind=EventKind.COURSE, title="Rekrutteringskursus"
    )
    course.themes.add(recruitment)
    registrations = {
        "ask": make_registration(course, email="anna@example.org", full_name="Anna Ask", organisation=org["Ask"]),
        "bøg": make_registration(course, email="bo@example.org", full_name="Bo Bøg", organisation=org["Bøg"]),
        "eg": make_registration(course, email="eva@example.org", full_name="Eva Eg", organisation=org["Eg"]),
        "group": make_registration(course, email="gitte@example.org", full_name="Gitte Gruppe", group_size=3),
    }
    attend(registrations["ask"], 1, 2)
    attend(registrations["bøg"], 1)
    attend(registrations["eg"])
    attend(registrations["group"], 2)

    meeting = make_event(
        tenant, starts_at=danish_time(2018, 5, 2, 16), kind=EventKind.DIALOGUE_MEETING, title="Dialogmøde i maj"
    )
    attend(make_registration(meeting, email="pia@example.org", full_name="Pia Pil", organisation=org["Pil"]), 1)

    # 21:30-23:30 on New Year's Eve belongs to 2017; 00:30-02:00 on New Year's night (23:30 UTC the evening
    # before) to 2018.
    eve = make_event(
        tenant, starts_at=danish_time(2017, 12, 31, 21, 30), kind=EventKind.DIALOGUE_MEETING, title="Nytårsaften"
    )
    night = make_event(
        tenant, starts_at=danish_time(2018, 1, 1, 0, 30), kind=EventKind.DIALOGUE_MEETING, title="Nytårsnat"
    )

    cancelled = make_event(
        tenant, starts_at=danish_time(2018, 4, 4, 19), kind=EventKind.COURSE, status=EventStatus.CANCELLED
    )
    attend(make_registration(cancelled, email="aflyst@example.org", organisation=org["Pil"]), 1)
    draft = make_event(tenant, starts_at=danish_time(2018, 4, 5, 19), kind=EventKind.COURSE, status=EventStatus.DRAFT)
    attend(make_registration(draft, email="kladde@example.org", organisation=org["Pil"]), 1)
    foreign = make_event(personas.other_tenant, starts_at=danish_time(2018, 3, 6, 19), kind=EventKind.COURSE)
    attend(make_registration(foreign, email="c@example.org", organisation=personas.foreign_organisation), 1)
    return {
        "course": course,
        "meeting": meeting,
        "eve": eve,
        "night": night,
        "org": org,
        "registrations": registrations,
        "recruitment": recruitment,
    }


def test_events_held_by_kind_and_theme_with_their_records(personas, year):
    tenant = personas.tenant
    everything = measure(tenant, "events.events_held")
    assert everything.value == Decimal(3)
    assert labels(everything) == ["Nytårsnat", "Rekrutteringskursus", "Dialogmøde i maj"]
    course = year["course"]
    record = everything.records[1]
    assert record.key == f"events.event:{course.pk}"
    assert record.url == reverse("events:event_manage", kwargs={"tenant_slug": "alfa", "pk": course.pk})
    assert record.detail == "13. marts 2018"

    courses = measure(tenant, "events.events_held", params={"kind": "course"})
    assert (courses.value, labels(courses)) == (Decimal(1), ["Rekrutteringskursus"])
    themed = measure(tenant, "events.events_held", params={"theme": str(year["recruitment"].pk)})
    assert labels(themed) == ["Rekrutteringskursus"]
    meetings = measure(tenant, "events.events_held", params={"kind": "dialogue_meeting"})
    assert labels(meetings) == ["Nytårsnat", "Dialogmøde i maj"]
    # A theme with no events, and a theme word the tenant no longer has: nothing counted.
    with scopes_disabled():
        other_theme = Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME).exclude(slug="rekruttering")[0]
    assert measure(tenant, "events.events_held", params={"theme": str(other_theme.pk)}).value == 0
    gone = measure(tenant, "events.events_held", params={"theme": "999999"})
    assert (gone.value, gone.records, gone.moments) == (Decimal(0), [], [])


def test_the_period_is_in_danish_time_at_new_year(personas, year):
    meetings = {"kind": EventKind.DIALOGUE_MEETING.value}
    in_2017 = measure(personas.tenant, "events.events_held", params=meetings, period=YEAR_2017)
    assert labels(in_2017) == ["Nytårsaften"]
    assert in_2017.moments == [date(2017, 12, 31)]
    in_2018 = measure(personas.tenant, "events.events_held", params=meetings)
    assert labels(in_2018) == ["Nytårsnat", "Dialogmøde i maj"]
    assert in_2018.moments == [date(2018, 1, 1), date(2018, 5, 2)]


def test_organisations_registered_attended_and_completed(personas, year):
    tenant = personas.tenant
    course = {"kind": "course"}
    registered = measure(tenant, "events.organisations_registered", params=course)
    assert (registered.value, labels(registered)) == (Decimal(3), ["Ask", "Bøg", "Eg"])
    attended = measure(tenant, "events.organisations_attended", params=course)
    assert (attended.value, labels(attended)) == (Decimal(2), ["Ask", "Bøg"])
    completed = measure(tenant, "events.organisations_completed", params=course)
    assert (completed.value, labels(completed)) == (Decimal(1), ["Ask"])

    ask = year["org"]["Ask"]
    record = completed.records[0]
    assert record.key == f"crm.organisation:{ask.pk}"
    assert record.url == reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": ask.pk})
    assert record.detail == "Rekrutteringskursus (13. marts 2018)"
    assert completed.moments == [date(2018, 3, 13)]

    # Every kind: Pil's dialogue meeting too, not its cancelled and draft courses nor another tenant's course.
    every_kind = measure(tenant, "events.organisations_attended")
    assert labels(every_kind) == ["Ask", "Bøg", "Pil"]
    themed = measure(tenant, "events.organisations_attended", params={"theme": str(year["recruitment"].pk)})
    assert labels(themed) == ["Ask", "Bøg"]
    assert measure(tenant, "events.organisations_attended", period=YEAR_2017).value == 0


def test_an_organisations_record_names_its_events(personas, year):
    tenant = personas.tenant
    pil = year["org"]["Pil"]
    for month in (6, 8, 10):
        later = make_event(tenant, starts_at=danish_time(2018, month, 1, 19), title=f"Temaaften {month}")
        attend(make_registration(later, email=f"pil{month}@example.org", organisation=pil), 1)
    attended = measure(tenant, "events.organisations_attended")
    record = next(record for record in attended.records if record.label == "Pil")
    assert record.detail == (
        "Dialogmøde i maj (2. maj 2018); Temaaften 6 (1. juni 2018); Temaaften 8 (1. august 2018) og 1 mere"
    )


def test_people_attended_counts_each_person_once(personas, year):
    again = make_event(personas.tenant, starts_at=danish_time(2018, 9, 4, 17), kind=EventKind.COURSE, title="Igen")
    attend(make_registration(again, email="ANNA@example.org", full_name="Anna Ask"), 1)
    people = measure(personas.tenant, "events.people_attended", params={"kind": "course"})
    assert (people.value, labels(people)) == (Decimal(3), ["Anna Ask", "Bo Bøg", "Gitte Gruppe"])
    anna = people.records[0]
    first = year["registrations"]["ask"]
    assert anna.key == f"events.registration:{first.pk}"
    assert anna.detail == "Rekrutteringskursus (13. marts 2018); Igen (4. september 2018)"
    assert "anna@example.org" not in anna.key + anna.label + anna.detail
    assert people.moments == [date(2018, 3, 13), date(2018, 9, 4)]


def test_attendance_rate_in_per_cent_of_places(personas, year):
    rate = measure(personas.tenant, "events.attendance_rate", params={"kind": "course"})
    # Ask, Bøg and the group of three came; Eg did not: 5 of 6 places.
    assert rate.value == Decimal("83.3")
    assert labels(rate) == ["Anna Ask", "Bo Bøg", "Eva Eg", "Gitte Gruppe"]
    assert rate.records[2].detail == "Rekrutteringskursus (13. marts 2018): kom ikke"
    assert rate.records[3].detail == "Rekrutteringskursus (13. marts 2018): kom, 3 pladser"
    every_kind = measure(personas.tenant, "events.attendance_rate")
    assert every_kind.value == Decimal("85.7")
    nobody = measure(personas.tenant, "events.attendance_rate", period=YEAR_2017)
    assert (nobody.value, nobody.records) == (None, [])
    assert indicator("events.attendance_rate").shape == Shape.LEVEL


def test_moments_include_events_to_come_but_not_cancelled_or_drafts(personas):
    tenant = personas.tenant
    coming = make_event(tenant, kind=EventKind.COURSE, title="Forårskursus")
    make_registration(coming, organisation=personas.organisation)
    make_event(tenant, kind=EventKind.COURSE, status=EventStatus.DRAFT)
    make_event(tenant, kind=EventKind.COURSE, status=EventStatus.CANCELLED)
    today = timezone.localdate()
    period = {"starts_on": today, "ends_on": today + timedelta(days=60)}
    held = measure(tenant, "events.events_held", params={"kind": "course"}, period=period)
    assert held.value == 0
    assert held.moments == [timezone.localdate(coming.ends_at)]
    registered = measure(tenant, "events.organisations_registered", params={"kind": "course"}, period=period)
    assert labels(registered) == ["Alfa Besøgsvenner"]
    assert registered.moments == held.moments
    assert measure(tenant, "events.organisations_attended", period=period).value == 0


def test_the_choices_are_the_kinds_and_the_tenants_themes_in_use(personas):
    events_held = indicator("events.events_held")
    with scope(tenant=personas.tenant), translation.override("da"):
        kinds = dict(events_held.param("kind").choices(personas.tenant))
        themes = dict(events_held.param("theme").choices(personas.tenant))
        with scopes_disabled():
            retired = Tag.objects.filter(tenant=personas.tenant, vocabulary=Vocabulary.THEME)[0]
            Tag.objects.filter(pk=retired.pk).update(is_active=False)
            foreign = Tag.objects.filter(tenant=personas.other_tenant, vocabulary=Vocabulary.THEME)[0]
        in_use = dict(events_held.param("theme").choices(personas.tenant))
    assert kinds["course"] == "Kursus"
    assert kinds["dialogue_meeting"] == "Dialogmøde"
    assert str(retired.pk) in themes and str(retired.pk) not in in_use
    assert str(foreign.pk) not in themes
