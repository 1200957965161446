"""The counts the strategy's indicators read: events held, organisations and people who registered, came and
completed, and the attendance rate, each with the records counted."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import AttendanceStatus, EventKind, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance
from frivillig.events.selectors_strategy import (
    Stage,
    attendance_rate,
    events_held,
    organisations_taking_part,
    people_taking_part,
)
from frivillig.events.tests.helpers import danish_time, make_event, make_registration
from frivillig.testing import assert_records_counted, make_organisation

YEAR = {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 12, 31)}


def attend(registration, *numbers: int) -> None:
    """Mark the registration attended at the sessions numbered (from 1) and absent at the others."""
    with scopes_disabled():
        for number, session in enumerate(registration.event.sessions.order_by("starts_at"), start=1):
            Attendance.objects.create(
                tenant=registration.tenant,
                registration=registration,
                session=session,
                status=AttendanceStatus.ATTENDED if number in numbers else AttendanceStatus.ABSENT,
            )


@pytest.fixture
def year_2018(personas):
    """Two courses in 2018 and the rows that must not count: a cancelled course, a draft, a course in 2017, a
    cancelled and a waiting registration, and a course of another tenant."""
    tenant = personas.tenant
    with scopes_disabled():
        recruitment = Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.THEME, slug="rekruttering")
    org = {name: make_organisation(tenant, name=name) for name in ["Ask", "Bøg", "Eg", "Hyld", "Lind", "Pil"]}
    citizen = personas.users["citizen"]

    course = make_event(
        tenant, sessions=3, starts_at=danish_time(2018, 3, 6, 19), kind=EventKind.COURSE, sessions_required=2
    )
    course.themes.add(recruitment)
    attend(
        make_registration(
            course, email=citizen.email, full_name=citizen.full_name, user=citizen, organisation=org["Ask"]
        ),
        1,
        2,
        3,
    )
    attend(make_registration(course, email="Ole@Example.org", full_name="Ole Olsen", organisation=org["Bøg"]), 2)
    group = make_registration(
        course, email="gruppe@example.org", full_name="Gitte Gruppe", organisation=org["Eg"], group_size=3
    )
    attend(group, 1, 3)
    attend(make_registration(course, email="udeblev@example.org", full_name="Ulla Ude", organisation=org["Hyld"]))
    attend(
        make_registration(
            course, email="afmeldt@example.org", organisation=org["Pil"], status=RegistrationStatus.CANCELLED
        ),
        1,
        2,
        3,
    )
    make_registration(course, email="venter@example.org", organisation=org["Pil"], status=RegistrationStatus.WAITLISTED)

    # A course of two evenings with no rule: both are needed. Ole again (another spelling of the address), the
    # citizen as a guest with the account's address, and a group that did not come.
    short = make_event(tenant, sessions=2, starts_at=danish_time(2018, 9, 4, 17), kind=EventKind.COURSE)
    attend(make_registration(short, email="ole@example.org", full_name="Ole Olsen", organisation=org["Bøg"]), 1, 2)
    attend(make_registration(short, email="CITIZEN@example.org", full_name="Cecilie Borger"), 1)
    attend(
        make_registration(short, email="lind@example.org", full_name="Lis Lind", organisation=org["Lind"], group_size=2)
    )

    meeting = make_event(tenant, starts_at=danish_time(2018, 5, 2, 16), kind=EventKind.DIALOGUE_MEETING)
    attend(make_registration(meeting, email="moede@example.org", organisation=org["Pil"]), 1)

    # Not counted: cancelled, draft, the year before, another tenant.
    cancelled = make_event(
        tenant, starts_at=danish_time(2018, 4, 4, 19), kind=EventKind.COURSE, status=EventStatus.CANCELLED
    )
    attend(make_registration(cancelled, email="aflyst@example.org", organisation=org["Pil"]), 1)
    draft = make_event(tenant, starts_at=danish_time(2018, 4, 5, 19), kind=EventKind.COURSE, status=EventStatus.DRAFT)
    attend(make_registration(draft, email="kladde@example.org", organisation=org["Pil"]), 1)
    earlier = make_event(tenant, starts_at=danish_time(2017, 11, 7, 19), kind=EventKind.COURSE)
    attend(make_registration(earlier, email="sidste-aar@example.org", organisation=org["Pil"]), 1)
    foreign = make_event(personas.other_tenant, starts_at=danish_time(2018, 3, 6, 19), kind=EventKind.COURSE)
    attend(make_registration(foreign, email="charlie@example.org", organisation=personas.foreign_organisation), 1)
    return {"course": course, "short": short, "meeting": meeting, "org": org, "recruitment": recruitment}


def names(counted) -> list[str]:
    return [record.name for record in counted.records]


def test_events_held_in_a_year_by_kind_and_theme(personas, year_2018):
    with scopes_disabled():
        courses = events_held(tenant=personas.tenant, kind=EventKind.COURSE, **YEAR)
        everything = events_held(tenant=personas.tenant, **YEAR)
        themed = events_held(tenant=personas.tenant, theme=year_2018["recruitment"], **YEAR)
        meetings_2017 = events_held(
            tenant=personas.tenant,
            kind=EventKind.DIALOGUE_MEETING,
            starts_on=date(2017, 1, 1),
            ends_on=date(2017, 12, 31),
        )
    assert courses.number == 2
    assert courses.records == [year_2018["course"], year_2018["short"]]
    assert everything.number == 3
    assert everything.records == [year_2018["course"], year_2018["meeting"], year_2018["short"]]
    assert (themed.number, themed.records) == (1, [year_2018["course"]])
    assert (meetings_2017.number, meetings_2017.records) == (0, [])


def test_organisations_registered_attending_and_completing(personas, year_2018):
    def count(stage, **filters):
        with scopes_disabled():
            return organisations_taking_part(tenant=personas.tenant, stage=stage, **filters, **YEAR)

    registered = count(Stage.REGISTERED, kind=EventKind.COURSE)
    assert registered.number == 5
    assert names(registered) == ["Ask", "Bøg", "Eg", "Hyld", "Lind"]
    attended = count(Stage.ATTENDED, kind=EventKind.COURSE)
    assert attended.number == 3
    assert names(attended) == ["Ask", "Bøg", "Eg"]
    # Ask came 3 of 3 and Eg 2 of 3 (the rule is 2); Bøg 1 of 3 on the long course, but 2 of 2 on the short one.
    completed = count(Stage.COMPLETED, kind=EventKind.COURSE)
    assert completed.number == 3
    assert names(completed) == ["Ask", "Bøg", "Eg"]
    themed = count(Stage.COMPLETED, theme=year_2018["recruitment"])
    assert (themed.number, names(themed)) == (2, ["Ask", "Eg"])
    # Every kind: the dialogue meeting's Pil too (its cancelled, draft and 2017 registrations are not counted).
    assert names(count(Stage.ATTENDED)) == ["Ask", "Bøg", "Eg", "Pil"]


def test_people_are_counted_once_by_account_or_address(personas, year_2018):
    def count(stage):
        with scopes_disabled():
            return people_taking_part(tenant=personas.tenant, stage=stage, kind=EventKind.COURSE, **YEAR)

    registered = count(Stage.REGISTERED)
    assert registered.number == 5
    assert [person.full_name for person in registered.records] == [
        "Cecilie Borger",
        "Gitte Gruppe",
        "Lis Lind",
        "Ole Olsen",
        "Ulla Ude",
    ]
    attended = count(Stage.ATTENDED)
    assert attended.number == 3
    people = {person.full_name: person for person in attended.records}
    # The citizen came logged in to the long course and as a guest with the account's address to the short one.
    citizen = personas.users["citizen"]
    assert people["Cecilie Borger"].key == f"user:{citizen.pk}"
    assert len(people["Cecilie Borger"].registrations) == 2
    assert people["Ole Olsen"].key == "email:ole@example.org"
    assert len(people["Ole Olsen"].registrations) == 2
    completed = count(Stage.COMPLETED)
    assert sorted(person.full_name for person in completed.records) == ["Cecilie Borger", "Gitte Gruppe", "Ole Olsen"]


def test_attendance_rate_counts_places_of_the_events_held(personas, year_2018):
    with scopes_disabled():
        rate = attendance_rate(tenant=personas.tenant, kind=EventKind.COURSE, **YEAR)
    # Long course: 1 + 1 + 3 (the group came) + 1 (no-show) places; short one: 1 + 1 came, the group of 2 did not.
    assert (rate.attended_places, rate.registered_places) == (7, 10)
    assert rate.rate == pytest.approx(0.7)
    assert len(rate.records) == 7
    with scopes_disabled():
        nothing = attendance_rate(tenant=personas.tenant, starts_on=date(2019, 1, 1), ends_on=date(2019, 12, 31))
    assert (nothing.attended_places, nothing.registered_places, nothing.rate, nothing.records) == (0, 0, None, [])


def test_the_period_is_in_danish_time(personas):
    # Ends at 00:30 on New Year's night, Danish time: 23:30 UTC the evening before, and still the new year here.
    new_year = make_event(personas.tenant, starts_at=danish_time(2017, 12, 31, 22, 0), hours=2, title="Nytårskur")
    with scopes_disabled():
        assert events_held(tenant=personas.tenant, **YEAR).records == [new_year]
        assert events_held(tenant=personas.tenant, starts_on=date(2017, 1, 1), ends_on=date(2017, 12, 31)).number == 0


def test_registered_counts_an_event_not_held_yet_but_attended_does_not(personas):
    upcoming = make_event(personas.tenant, kind=EventKind.COURSE)
    make_registration(upcoming, organisation=personas.organisation)
    today = timezone.localdate()
    period = {"starts_on": today, "ends_on": today + timedelta(days=60)}
    with scopes_disabled():
        assert organisations_taking_part(tenant=personas.tenant, stage=Stage.REGISTERED, **period).number == 1
        assert organisations_taking_part(tenant=personas.tenant, stage=Stage.ATTENDED, **period).number == 0
        assert events_held(tenant=personas.tenant, **period).number == 0


def test_each_count_reads_in_one_query(personas, year_2018, django_assert_num_queries):
    with scopes_disabled():
        with django_assert_num_queries(1):
            held = events_held(tenant=personas.tenant, **YEAR)
        for stage in Stage:
            with django_assert_num_queries(1):
                organisations_taking_part(tenant=personas.tenant, stage=stage, **YEAR)
            with django_assert_num_queries(1):
                people_taking_part(tenant=personas.tenant, stage=stage, **YEAR)
        with django_assert_num_queries(1):
            rate = attendance_rate(tenant=personas.tenant, **YEAR)
        # The records come with their event and organisation.
        with django_assert_num_queries(0):
            [(record.event.title, record.organisation and record.organisation.name) for record in rate.records]
    assert_records_counted(
        held.records, [year_2018["course"].title, year_2018["meeting"].title], label=lambda e: e.title
    )
    assert_records_counted(rate.records, ["Ask"], label=lambda record: record.organisation and record.organisation.name)
