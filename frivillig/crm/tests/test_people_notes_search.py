"""Searching the people's internal notes: only when asked, and each request that runs such a search is one logged
reading (who, when, the term, from which page), shown on the tenant admin's access log."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AccessEntry
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_person, rendered_text

LIST_URL = reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})
ACCESS_LOG_URL = reverse("tenants:access_log", kwargs={"tenant_slug": "alfa"})


def export_url(fmt: str) -> str:
    return reverse("crm:person_export", kwargs={"tenant_slug": "alfa", "fmt": fmt})


@pytest.fixture
def people(personas):
    return {
        "anna": make_person(personas.tenant, full_name="Anna Andersen", notes="Har svært ved trapper."),
        "bo": make_person(personas.tenant, full_name="Bo Bæk", notes="Kører selv."),
        # Another tenant's notes are never searched, with or without the box.
        "foreign": make_person(personas.other_tenant, full_name="Frida Fremmed", notes="Også trapper."),
    }


def entries() -> list[AccessEntry]:
    with scopes_disabled():
        return list(AccessEntry.objects.order_by("pk"))


def shown(response) -> list[str]:
    return [person.full_name for person in response.context["page"].object_list]


def test_filter_panel_offers_the_box_and_says_the_search_is_logged(client_for, people):
    response = client_for("centre_staff").get(LIST_URL)
    content = response.content.decode()
    assert 'name="noter"' in content and 'aria-describedby="id_noter_hint"' in content
    text = rendered_text(response)
    assert "Søg også i interne noter" in text
    assert "Søgningen bliver noteret i loggen over opslag." in text


def test_without_the_box_notes_are_not_searched_and_nothing_is_logged(client_for, people):
    response = client_for("centre_staff").get(LIST_URL, {"soeg": "trapper"})
    assert shown(response) == []
    assert entries() == []


def test_the_box_without_a_term_logs_nothing(client_for, people):
    response = client_for("centre_staff").get(LIST_URL, {"noter": "on", "soeg": "  "})
    assert shown(response) == ["Anna Andersen", "Bo Bæk"]
    assert entries() == []


def test_search_in_notes_finds_the_person_and_logs_one_reading_with_the_term(client_for, personas, people):
    response = client_for("centre_staff").get(LIST_URL, {"soeg": "Trapper", "noter": "on"})

    assert shown(response) == ["Anna Andersen"]
    assert 'name="noter" id="id_noter" checked' in response.content.decode()
    [entry] = entries()
    assert (entry.tenant, entry.actor, entry.what, entry.search) == (
        personas.tenant,
        personas.user("centre_staff"),
        "crm.person.notes.search",
        "Trapper",
    )
    assert (entry.subject_type, entry.subject_id, entry.subject_label) == (None, "", "")
    assert (entry.page_name, entry.path) == ("crm:person_list", LIST_URL)


def test_each_refresh_and_page_of_the_search_logs_once(client_for, personas, people):
    for number in range(30):
        make_person(personas.tenant, full_name=f"Trappe {number:02d}", notes="trapper")
    staff = client_for("centre_staff")

    staff.get(LIST_URL, {"soeg": "trapper", "noter": "on"}, HTTP_HX_REQUEST="true")
    second_page = staff.get(LIST_URL, {"soeg": "trapper", "noter": "on", "side": "2"})

    assert second_page.status_code == 200
    assert [(entry.what, entry.search) for entry in entries()] == [("crm.person.notes.search", "trapper")] * 2


def test_export_with_the_same_filter_logs_once(client_for, personas, people):
    response = client_for("centre_staff").get(export_url("csv"), {"soeg": "trapper", "noter": "on"})

    text = rendered_text(response)
    assert "Anna Andersen" in text and "Bo Bæk" not in text and "Frida" not in text
    [entry] = entries()
    assert (entry.what, entry.search, entry.page_name) == ("crm.person.notes.search", "trapper", "crm:person_export")
    client_for("centre_staff").get(export_url("csv"), {"soeg": "trapper"})
    assert len(entries()) == 1


def test_access_log_page_shows_the_search_and_filters_it(client_for, personas, people):
    client_for("centre_staff").get(LIST_URL, {"soeg": "trapper", "noter": "on"})
    client_for("centre_staff").get(reverse("crm:person_detail", kwargs={"tenant_slug": "alfa", "pk": people["bo"].pk}))
    [search, reading] = entries()
    admin = client_for("tenant_admin")

    response = admin.get(ACCESS_LOG_URL)
    text = rendered_text(response)
    assert "Søgning i personers interne noter" in text
    assert "Søgning: “trapper”" in text
    assert "Alle, som søgningen fandt" in text  # whose information: nobody in particular, not a blank

    searches = admin.get(ACCESS_LOG_URL, {"hvad": "crm.person.notes.search"})
    assert [entry.pk for entry in searches.context["page"].object_list] == [search.pk]
    by_reader = admin.get(ACCESS_LOG_URL, {"person": str(personas.user("centre_staff").pk)})
    assert [entry.pk for entry in by_reader.context["page"].object_list] == [reading.pk, search.pk]
    # A search names no person: a filter on whose information leaves it out.
    by_name = admin.get(ACCESS_LOG_URL, {"hvem": "Bo"})
    assert [entry.pk for entry in by_name.context["page"].object_list] == [reading.pk]


@pytest.mark.parametrize("size", [1, 3])
def test_person_list_searching_notes_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    for number in range(size):
        make_person(tenant, full_name=f"Person {number}", notes="Målt")
    client.force_login(staff_user)

    with django_assert_num_queries(9):  # the list's queries and the one access entry
        response = client.get(
            reverse("crm:person_list", kwargs={"tenant_slug": tenant.slug}), {"soeg": "målt", "noter": "on"}
        )

    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Person {number}" for number in range(size)])
