"""Checking in: staff mark who came on a tablet (live search, htmx), record the rest as absent after a session, and
participants check themselves in with the QR code's short-lived signed link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.events.enums import AttendanceStatus, CheckInMethod, RegistrationStatus
from frivillig.events.models import Attendance, EventSession
from frivillig.events.selectors_participants import default_session
from frivillig.events.services_attendance import CHECK_IN_CODE_SECONDS, check_in_code
from frivillig.events.tests.helpers import make_event, make_registration, url
from frivillig.tenants.enums import Role
from frivillig.testing import FrozenClock, TenantFactory, UserFactory, assert_rows_rendered, grant


def sessions_of(event) -> list[EventSession]:
    with scopes_disabled():
        return list(EventSession.objects.filter(event=event).order_by("starts_at"))


def attendance(registration, session):
    with scopes_disabled():
        return Attendance.objects.filter(registration=registration, session=session).first()


@pytest.fixture
def evening(personas):
    event = make_event(personas.tenant, title="Netværksaften")
    anna = make_registration(
        event, email="anna@example.org", full_name="Anna Andersen", organisation=personas.organisation, group_size=3
    )
    bent = make_registration(event, email="bent@example.org", full_name="Bent Bentsen")
    make_registration(
        event, email="vera@example.org", full_name="Vera Venteliste", status=RegistrationStatus.WAITLISTED
    )
    return event, anna, bent, sessions_of(event)[0]


# --- staff -------------------------------------------------------------------------------------------------------


def test_check_in_page_lists_those_registered_with_the_count(evening, client_for):
    event, _anna, _bent, _session = evening
    page = client_for("centre_staff").get(url("check_in", pk=event.pk)).content.decode()
    assert "Anna Andersen" in page and "Bent Bentsen" in page
    assert "Vera Venteliste" not in page
    # Anna's group counts three people.
    assert "0 af 4 er mødt" in page
    assert "3 pladser" in page


def test_marking_attendance_without_javascript_redirects_with_a_message(evening, client_for):
    event, anna, _bent, session = evening
    staff = client_for("centre_staff")

    response = staff.post(
        url("check_in_mark", pk=event.pk, registration_pk=anna.pk),
        {"moedegang": session.pk, "status": AttendanceStatus.ATTENDED},
        follow=True,
    )

    page = response.content.decode()
    assert "Anna Andersen er tjekket ind." in page
    assert "3 af 4 er mødt" in page
    recorded = attendance(anna, session)
    assert (recorded.status, recorded.method) == (AttendanceStatus.ATTENDED, CheckInMethod.STAFF)
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="events.attendance.marked", target_id=str(anna.pk)).exists()


def test_marking_with_htmx_swaps_the_row_and_the_count(evening, client_for):
    event, anna, bent, session = evening
    staff = client_for("centre_staff")
    staff.post(
        url("check_in_mark", pk=event.pk, registration_pk=anna.pk), {"moedegang": session.pk, "status": "attended"}
    )

    response = staff.post(
        url("check_in_mark", pk=event.pk, registration_pk=bent.pk),
        {"moedegang": session.pk, "status": AttendanceStatus.ABSENT},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<li class="check-in-row check-in-row--absent" id="tilmelding-{bent.pk}"')
    assert "Registreret som ikke mødt" in html
    assert 'id="check-in-count"' in html and 'hx-swap-oob="true"' in html
    assert "3 af 4 er mødt" in html
    assert "<html" not in html


def test_a_second_mark_replaces_the_first(evening, client_for):
    event, anna, _bent, session = evening
    staff = client_for("centre_staff")
    for status in ("attended", "absent"):
        staff.post(
            url("check_in_mark", pk=event.pk, registration_pk=anna.pk), {"moedegang": session.pk, "status": status}
        )
    with scopes_disabled():
        assert list(Attendance.objects.filter(registration=anna).values_list("status", flat=True)) == ["absent"]


def test_a_waitlisted_registration_cannot_be_marked(personas, evening, client_for):
    event, _anna, _bent, session = evening
    waiting = make_registration(
        event, email="w@example.org", full_name="Walter Venter", status=RegistrationStatus.WAITLISTED
    )
    response = client_for("centre_staff").post(
        url("check_in_mark", pk=event.pk, registration_pk=waiting.pk),
        {"moedegang": session.pk, "status": "attended"},
        follow=True,
    )
    assert "Walter Venter har ikke en plads, så fremmødet kan ikke registreres." in response.content.decode()
    assert attendance(waiting, session) is None


@pytest.mark.parametrize("session_id", ["99999999999999999999", "-1", "x", ""])
def test_an_impossible_session_id_is_refused_and_marks_nothing(evening, client_for, session_id):
    event, anna, _bent, session = evening
    staff = client_for("centre_staff")
    # Marking the rest absent names its session in the form; marking one person checks it in its form.
    assert staff.post(url("check_in", pk=event.pk), {"moedegang": session_id}).status_code == 404
    marked = staff.post(
        url("check_in_mark", pk=event.pk, registration_pk=anna.pk),
        {"moedegang": session_id, "status": "attended"},
        follow=True,
    )
    # Refused either by the form (not a number it takes: asked again) or as a session that does not exist.
    assert marked.status_code == 404 or "Vælg, om personen er mødt." in marked.content.decode()
    assert attendance(anna, session) is None


def test_another_events_session_or_registration_is_not_found(personas, evening, client_for):
    event, anna, _bent, _session = evening
    other = make_event(personas.tenant, title="Andet arrangement")
    other_session = sessions_of(other)[0]
    staff = client_for("centre_staff")
    mark = url("check_in_mark", pk=event.pk, registration_pk=anna.pk)
    assert staff.post(mark, {"moedegang": other_session.pk, "status": "attended"}).status_code == 404
    assert (
        staff.post(
            url("check_in_mark", pk=other.pk, registration_pk=anna.pk),
            {"moedegang": other_session.pk, "status": "attended"},
        ).status_code
        == 404
    )


def test_search_filters_the_list_and_answers_htmx_with_the_results_only(evening, client_for):
    event, _anna, _bent, _session = evening
    staff = client_for("centre_staff")

    page = staff.get(url("check_in", pk=event.pk), {"soeg": "besøgsvenner"}).content.decode()
    fragment = staff.get(url("check_in", pk=event.pk), {"soeg": "bent"}, HTTP_HX_REQUEST="true").content.decode()

    assert "Anna Andersen" in page and "Bent Bentsen" not in page
    assert "Bent Bentsen" in fragment and "Anna Andersen" not in fragment
    assert fragment.lstrip().startswith('<div id="list-results">')
    nobody = staff.get(url("check_in", pk=event.pk), {"soeg": "zzz"}).content.decode()
    assert "Ingen tilmeldte passer til søgningen." in nobody


def test_the_rest_are_recorded_as_absent_after_the_session(evening, client_for):
    event, anna, bent, session = evening
    staff = client_for("centre_staff")
    staff.post(
        url("check_in_mark", pk=event.pk, registration_pk=anna.pk), {"moedegang": session.pk, "status": "attended"}
    )

    response = staff.post(url("check_in", pk=event.pk), {"moedegang": session.pk}, follow=True)

    assert "1 tilmelding er registreret som ikke mødt." in response.content.decode()
    assert attendance(anna, session).status == AttendanceStatus.ATTENDED
    assert attendance(bent, session).status == AttendanceStatus.ABSENT
    # Twice: nobody is left.
    again = staff.post(url("check_in", pk=event.pk), {"moedegang": session.pk}, follow=True)
    assert "0 tilmeldinger er registreret som ikke mødt." in again.content.decode()


def test_the_session_today_is_chosen_else_the_nearest(personas):
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(weeks=1)
    event = make_event(personas.tenant, sessions=3, starts_at=start)
    first, second, third = sessions_of(event)
    assert default_session([first, second, third]) == second
    later = make_event(personas.tenant, sessions=2, starts_at=start + timedelta(days=30))
    assert default_session(sessions_of(later)) == sessions_of(later)[0]


def test_other_roles_are_refused_and_another_tenants_event_is_not_found(personas, client_for):
    foreign = make_event(personas.other_tenant)
    own = make_event(personas.tenant)
    staff = client_for("centre_staff")
    assert staff.get(url("check_in", pk=foreign.pk)).status_code == 404
    assert staff.get(url("check_in_screen", pk=foreign.pk)).status_code == 404
    assert client_for("association_rep").get(url("check_in", pk=own.pk)).status_code == 403
    assert client_for("citizen").get(url("check_in_screen", pk=own.pk)).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_check_in_page_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    event = make_event(tenant, sessions=2)
    from frivillig.testing import make_organisation

    for number in range(size):
        association = make_organisation(tenant, name=f"Forening {number}")
        make_registration(
            event, email=f"d{number}@example.org", full_name=f"Deltager {number}", organisation=association
        )
    client.force_login(staff)
    with django_assert_num_queries(11):
        response = client.get(reverse("events:check_in", kwargs={"tenant_slug": "maaling", "pk": event.pk}))
    assert_rows_rendered(response, [f"Deltager {number}" for number in range(size)])
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])


# --- the QR code and self check-in ---------------------------------------------------------------------------------


def self_url(event, code):
    return url("self_check_in", pk=event.pk, code=code)


def test_the_screen_shows_a_qr_code_of_the_self_check_in_link(evening, client_for):
    event, _anna, _bent, _session = evening
    staff = client_for("centre_staff")

    response = staff.get(url("check_in_screen", pk=event.pk))
    refreshed = staff.get(url("check_in_screen", pk=event.pk), HTTP_HX_REQUEST="true").content.decode()

    page = response.content.decode()
    assert '<svg role="img"' in page and 'class="check-in-qr"' in page
    assert f"/alfa/arrangementer/{event.pk}/tjek-ind/" in page
    assert 'hx-trigger="every 60s"' in page
    assert "style=" not in page.split("<main", 1)[-1]
    # The refresh fetches the whole page and keeps only the code's block, a fresh code in it.
    assert 'hx-select="#check-in-qr"' in page
    assert refreshed.lstrip().lower().startswith("<!doctype html") and 'id="check-in-qr"' in refreshed


def test_a_guest_checks_in_with_the_email_they_registered_with(evening, client):
    event, _anna, bent, session = evening
    link = self_url(event, check_in_code(session))

    form = client.get(link)
    response = client.post(link, {"email": " BENT@example.org "})

    assert "Den e-mailadresse, du tilmeldte dig med" in form.content.decode()
    assert "Du er tjekket ind" in response.content.decode()
    recorded = attendance(bent, session)
    assert (recorded.status, recorded.method) == (AttendanceStatus.ATTENDED, CheckInMethod.SELF)
    again = client.post(link, {"email": "bent@example.org"})
    assert "Du er allerede tjekket ind" in again.content.decode()


def test_a_logged_in_participant_is_found_by_their_account(personas, evening, client_for):
    event, _anna, _bent, session = evening
    citizen = personas.user("citizen")
    own = make_registration(event, email="andet@example.org", full_name="Cecilie Borger", user=citizen)
    link = self_url(event, check_in_code(session))
    browser = client_for("citizen")

    page = browser.get(link).content.decode()
    response = browser.post(link)

    assert "Du er tilmeldt som Cecilie Borger." in page
    assert "Du er tjekket ind" in response.content.decode()
    assert attendance(own, session).status == AttendanceStatus.ATTENDED


def test_an_unknown_address_is_told_and_nothing_is_recorded(evening, client):
    event, _anna, _bent, session = evening
    response = client.post(self_url(event, check_in_code(session)), {"email": "vera@example.org"})
    assert "Vi kunne ikke finde din tilmelding" in response.content.decode()
    with scopes_disabled():
        assert not Attendance.objects.exists()


def test_an_expired_code_is_refused_with_a_clear_page(evening, client, monkeypatch):
    event, _anna, bent, session = evening
    clock = FrozenClock(monkeypatch)
    link = self_url(event, check_in_code(session))
    clock.advance(seconds=CHECK_IN_CODE_SECONDS)
    assert client.get(link).status_code == 200
    clock.advance(seconds=1)

    response = client.post(link, {"email": "bent@example.org"})

    assert response.status_code == 410
    assert "Koden er udløbet" in response.content.decode()
    assert attendance(bent, session) is None


def test_a_tampered_code_or_another_events_code_is_refused(personas, evening, client):
    event, _anna, bent, session = evening
    code = check_in_code(session)
    other = make_event(personas.tenant, title="Andet arrangement")
    for link in (
        self_url(event, code[:-2] + ("AA" if not code.endswith("AA") else "BB")),
        self_url(event, code.replace(f"{event.pk}.", f"{event.pk + 1}.", 1)),
        self_url(other, code),
    ):
        response = client.post(link, {"email": "bent@example.org"})
        assert response.status_code == 400, link
        assert "Linket til at tjekke ind er ikke gyldigt" in response.content.decode()
    assert attendance(bent, session) is None


def test_guessing_addresses_is_throttled(evening, client):
    event, _anna, bent, session = evening
    link = self_url(event, check_in_code(session))
    for number in range(10):
        client.post(link, {"email": f"gaet{number}@example.org"})

    response = client.post(link, {"email": "bent@example.org"})

    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert attendance(bent, session) is None


def test_the_code_of_another_tenants_event_answers_404(personas, client):
    foreign = make_event(personas.other_tenant)
    session = sessions_of(foreign)[0]
    assert client.get(self_url(foreign, check_in_code(session))).status_code == 404
