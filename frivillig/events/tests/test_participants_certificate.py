"""Completing a course (attended at least the sessions its rule asks, or all) and the course certificate."""

import pytest
from django_scopes import scopes_disabled

from frivillig.events.enums import AttendanceStatus, EventKind, RegistrationStatus
from frivillig.events.models import Attendance, EventSession, Registration
from frivillig.events.selectors_participants import has_completed
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.testing import rendered_text


def sessions_of(event) -> list[EventSession]:
    with scopes_disabled():
        return list(EventSession.objects.filter(event=event).order_by("starts_at"))


def attend(registration, *sessions, status=AttendanceStatus.ATTENDED):
    with scopes_disabled():
        for session in sessions:
            Attendance.objects.create(
                tenant=registration.tenant, registration=registration, session=session, status=status
            )


def completed(registration, sessions: int) -> bool:
    with scopes_disabled():
        return has_completed(
            Registration.objects.select_related("event").get(pk=registration.pk), session_count=sessions
        )


@pytest.mark.parametrize(
    ("required", "attended", "expected"),
    [(2, 2, True), (2, 1, False), (None, 2, False), (None, 3, True), (5, 3, True)],
)
def test_completion_rule(personas, required, attended, expected):
    course = make_event(personas.tenant, sessions=3, kind=EventKind.COURSE, sessions_required=required)
    registration = make_registration(course)
    attend(registration, *sessions_of(course)[:attended])
    assert completed(registration, 3) is expected


def test_absence_does_not_count_and_a_cancelled_registration_never_completes(personas):
    course = make_event(personas.tenant, sessions=2, kind=EventKind.COURSE, sessions_required=1)
    first, second = sessions_of(course)
    absent = make_registration(course, email="a@example.org")
    attend(absent, first, second, status=AttendanceStatus.ABSENT)
    cancelled = make_registration(course, email="c@example.org", status=RegistrationStatus.CANCELLED)
    attend(cancelled, first)
    assert completed(absent, 2) is False
    assert completed(cancelled, 2) is False


@pytest.fixture
def finished_course(personas):
    course = make_event(
        personas.tenant,
        sessions=3,
        kind=EventKind.COURSE,
        sessions_required=2,
        title="Kursus i fundraising",
        starts_at=danish_time(2018, 3, 6, 19),
    )
    registration = make_registration(course, full_name="Karen Kursist", organisation=personas.organisation)
    return course, registration


def test_certificate_is_a_pdf_when_completed(finished_course, client):
    course, registration = finished_course
    attend(registration, *sessions_of(course)[:2])

    response = client.get(url("certificate", token=registration.token))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kursus-i-fundraising-kursusbevis.pdf"'
    titles = rendered_text(response).splitlines()
    assert "Kursusbevis: Kursus i fundraising" in titles
    assert "Karen Kursist" in titles and "Kursus i fundraising" in titles


def test_certificate_before_completion_says_why(finished_course, client):
    course, registration = finished_course
    attend(registration, sessions_of(course)[0])

    response = client.get(url("certificate", token=registration.token))

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Kurset er ikke gennemført endnu" in page
    assert "2 af 3" in page


def test_an_event_that_is_not_a_course_has_no_certificate(personas, client):
    evening = make_event(personas.tenant, kind=EventKind.THEME_EVENING)
    registration = make_registration(evening)
    attend(registration, *sessions_of(evening))
    page = client.get(url("certificate", token=registration.token)).content.decode()
    assert "Dette arrangement er ikke et kursus" in page


def test_an_unknown_token_or_another_tenants_registration_is_not_found(personas, client):
    foreign = make_registration(make_event(personas.other_tenant, kind=EventKind.COURSE))
    assert client.get(url("certificate", token="ukendt")).status_code == 404
    assert client.get(url("certificate", token=foreign.token)).status_code == 404


def test_the_registrations_page_links_the_certificate_of_a_course(finished_course, personas, client):
    _course, registration = finished_course
    page = client.get(url("registration", token=registration.token)).content.decode()
    assert url("certificate", token=registration.token) in page
    evening = make_registration(make_event(personas.tenant, kind=EventKind.THEME_EVENING), email="e@example.org")
    other = client.get(url("registration", token=evening.token)).content.decode()
    assert "kursusbevis" not in other.lower()
