"""The participant list for staff, its XLSX and Danish CSV exports, and the name tags (PDF)."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.events.enums import AttendanceStatus, EventKind, RegistrationStatus
from frivillig.events.models import Attendance, EventSession
from frivillig.events.tests.helpers import make_event, make_registration, url
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, rendered_text


def attend(registration, session, status=AttendanceStatus.ATTENDED):
    with scopes_disabled():
        return Attendance.objects.create(
            tenant=registration.tenant, registration=registration, session=session, status=status
        )


def sessions_of(event) -> list[EventSession]:
    with scopes_disabled():
        return list(EventSession.objects.filter(event=event).order_by("starts_at"))


@pytest.fixture
def course(personas):
    event = make_event(
        personas.tenant,
        sessions=3,
        kind=EventKind.COURSE,
        sessions_required=2,
        asks_diet=True,
        asks_access_needs=True,
        extra_question="Hvad vil du gerne lære?",
    )
    first, second, _third = sessions_of(event)
    anna = make_registration(
        event,
        email="anna@example.org",
        full_name="Anna Andersen",
        phone="+45 12 34 56 78",
        organisation=personas.organisation,
        group_size=2,
        diet="Vegetar",
        access_needs="Kørestol",
        extra_answer='=HYPERLINK("x")',
    )
    bent = make_registration(event, email="bent@example.org", full_name="Bent Bentsen")
    make_registration(
        event, email="vera@example.org", full_name="Vera Venteliste", status=RegistrationStatus.WAITLISTED
    )
    make_registration(event, email="carl@example.org", full_name="Carl Afmeldt", status=RegistrationStatus.CANCELLED)
    attend(anna, first)
    attend(anna, second)
    attend(bent, first)
    attend(bent, second, AttendanceStatus.ABSENT)
    return event


def test_list_shows_those_registered_with_answers_and_attendance(course, client_for):
    response = client_for("centre_staff").get(url("participant_list", pk=course.pk))

    page = response.content.decode()
    assert response.status_code == 200
    for shown in ["Anna Andersen", "anna@example.org", "+45 12 34 56 78", "Alfa Besøgsvenner", "Vegetar", "Kørestol"]:
        assert shown in page
    assert "Hvad vil du gerne lære?" in page
    assert "Bent Bentsen" in page
    assert "Vera Venteliste" not in page and "Carl Afmeldt" not in page
    assert "Mødt op" in page and "Udeblev" in page
    assert "2 tilmeldinger" in page


def test_list_filter_shows_the_waiting_list_or_the_cancelled(course, client_for):
    staff = client_for("centre_staff")

    waiting = staff.get(url("participant_list", pk=course.pk), {"vis": "venteliste"}).content.decode()
    cancelled = staff.get(url("participant_list", pk=course.pk), {"vis": "afmeldt"}).content.decode()
    searched = staff.get(url("participant_list", pk=course.pk), {"soeg": "bent"}).content.decode()

    assert "Vera Venteliste" in waiting and "Anna Andersen" not in waiting
    assert "Carl Afmeldt" in cancelled and "Anna Andersen" not in cancelled
    assert "Bent Bentsen" in searched and "Anna Andersen" not in searched


def test_an_event_without_registrations_says_so(personas, client_for):
    event = make_event(personas.tenant)
    page = client_for("centre_staff").get(url("participant_list", pk=event.pk)).content.decode()
    assert "Ingen har tilmeldt sig endnu." in page


def test_csv_export_is_danish_excel_with_attendance_and_completion(course, client_for):
    response = client_for("centre_staff").get(url("participant_export", pk=course.pk, fmt="csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kursus-i-rekruttering-af-frivillige-deltagere.csv"'
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[:5] == ["Navn", "E-mail", "Telefon", "På vegne af", "Pladser"]
    assert header[-6:] == ["Hvad vil du gerne lære?", "Gang 1", "Gang 2", "Gang 3", "Mødegange deltaget", "Gennemført"]
    assert "Diæt" in header and "Særlige behov" in header
    anna = next(line for line in lines if line.startswith("Anna Andersen"))
    assert ";+45 12 34 56 78;" in anna
    # A formula typed as an answer is neutralised.
    assert "'=HYPERLINK" in anna
    assert anna.endswith(";Mødt op;Mødt op;;2;ja")
    bent = next(line for line in lines if line.startswith("Bent Bentsen"))
    assert bent.endswith(";Mødt op;Udeblev;;1;nej")
    assert not any(line.startswith("Vera") for line in lines)


def test_xlsx_export_follows_the_filter(course, client_for):
    response = client_for("centre_staff").get(
        url("participant_export", pk=course.pk, fmt="xlsx"), {"vis": "venteliste"}
    )

    text = rendered_text(response)
    assert response.status_code == 200
    assert "Vera Venteliste" in text and "Anna Andersen" not in text
    assert "Gennemført" in text


def test_export_in_an_unknown_format_is_not_found(course, client_for):
    assert client_for("centre_staff").get(url("participant_export", pk=course.pk, fmt="pdf")).status_code == 404


def test_name_tags_pdf_has_a_label_per_person(course, client_for):
    response = client_for("centre_staff").get(url("name_tags", pk=course.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="kursus-i-rekruttering-af-frivillige-navneskilte.pdf"'
    )
    names = rendered_text(response).splitlines()
    # Anna's group of two gets her tag and a guest's; the waiting list and the cancelled get none.
    assert names.count("Anna Andersen") == 1
    assert names.count("Bent Bentsen") == 1
    assert names.count("Gæst") == 1
    assert "Vera Venteliste" not in names and "Carl Afmeldt" not in names


def test_name_tags_fill_sheets_of_ten(personas, client_for):
    event = make_event(personas.tenant)
    for number in range(12):
        make_registration(event, email=f"p{number}@example.org", full_name=f"Person {number:02d}")

    response = client_for("centre_staff").get(url("name_tags", pk=event.pk))

    names = rendered_text(response).splitlines()
    assert [name for name in names if name.startswith("Person")] == [f"Person {n:02d}" for n in range(12)]


def test_other_roles_are_refused_and_another_tenants_event_is_not_found(personas, client_for):
    foreign = make_event(personas.other_tenant)
    own = make_event(personas.tenant)
    staff = client_for("centre_staff")
    assert staff.get(url("participant_list", pk=foreign.pk)).status_code == 404
    assert staff.get(url("participant_export", pk=foreign.pk, fmt="csv")).status_code == 404
    assert staff.get(url("name_tags", pk=foreign.pk)).status_code == 404
    assert client_for("association_rep").get(url("participant_list", pk=own.pk)).status_code == 403
    assert client_for("citizen").get(url("participant_export", pk=own.pk, fmt="csv")).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_participant_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    event = make_event(tenant, sessions=2)
    sessions = sessions_of(event)
    for number in range(size):
        association = make_organisation(tenant, name=f"Forening {number}")
        registration = make_registration(
            event, email=f"deltager{number}@example.org", full_name=f"Deltager {number}", organisation=association
        )
        attend(registration, sessions[0])
    client.force_login(staff)
    with django_assert_num_queries(9):
        response = client.get(reverse("events:participant_list", kwargs={"tenant_slug": "maaling", "pk": event.pk}))
    assert_rows_rendered(response, [f"deltager{number}@example.org" for number in range(size)])
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])
