"""The tenant admin's access log: who read whose sensitive records, filtered, paginated and exported."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.core.access_log import log_access
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_person, rendered_text

ACCESS_URL = reverse("tenants:access_log", kwargs={"tenant_slug": "alfa"})


def export_url(fmt: str) -> str:
    return reverse("tenants:access_log_export", kwargs={"tenant_slug": "alfa", "fmt": fmt})


@pytest.fixture
def entries(personas):
    staff, admin = personas.user("centre_staff"), personas.user("tenant_admin")
    anna = make_person(personas.tenant, full_name="Anna Andersen")
    bo = make_person(personas.tenant, full_name="Bo Bæk")
    charlie_person = make_person(personas.other_tenant, full_name="Kun I Charlie")
    return {
        "anna_by_staff": log_access(actor=staff, tenant=personas.tenant, subject=anna, what="crm.person.notes"),
        "bo_by_admin": log_access(actor=admin, tenant=personas.tenant, subject=bo, what="crm.person.notes"),
        "search": log_access(actor=staff, tenant=personas.tenant, subject=None, what="core.test.search", search="syg"),
        "elsewhere": log_access(
            actor=personas.user("other_staff"),
            tenant=personas.other_tenant,
            subject=charlie_person,
            what="crm.person.notes",
        ),
    }


def shown(response) -> list[int]:
    return [entry.pk for entry in response.context["page"].object_list]


def test_access_log_lists_this_tenants_readings_newest_first(client_for, entries):
    response = client_for("tenant_admin").get(ACCESS_URL)

    assert response.status_code == 200
    assert shown(response) == [entries["search"].pk, entries["bo_by_admin"].pk, entries["anna_by_staff"].pk]
    content = response.content.decode()
    assert "Log over opslag" in content
    assert "slettes efter 183 dage" in content
    assert content.count("En persons interne noter") >= 3  # the filter's option and two rows
    assert "Søgning: “syg”" in content
    assert "Anna Andersen" in content and "Alfa Centre Staff" in content
    assert "Kun I Charlie" not in content and "staff@charlie.example.org" not in content


def test_access_log_filters_by_whose_information_what_and_reader(client_for, personas, entries):
    client = client_for("tenant_admin")
    staff = personas.user("centre_staff")

    assert shown(client.get(ACCESS_URL, {"hvem": "ann"})) == [entries["anna_by_staff"].pk]
    assert shown(client.get(ACCESS_URL, {"hvad": "core.test.search"})) == [entries["search"].pk]
    assert shown(client.get(ACCESS_URL, {"person": str(staff.pk)})) == [
        entries["search"].pk,
        entries["anna_by_staff"].pk,
    ]
    both = client.get(ACCESS_URL, {"person": str(staff.pk), "hvad": "crm.person.notes"})
    assert shown(both) == [entries["anna_by_staff"].pk]
    assert 'value="crm.person.notes" selected' in both.content.decode()
    # Values that cannot be read narrow nothing (a person) or match nothing (a kind of reading).
    assert len(shown(client.get(ACCESS_URL, {"person": "ikke-et-tal"}))) == 3
    assert shown(client.get(ACCESS_URL, {"hvad": "findes.ikke"})) == []


@pytest.fixture
def dated_entries(personas, monkeypatch):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    anna = make_person(personas.tenant, full_name="Anna Andersen")
    made = {}
    for day in (1, 2, 3):
        noon = datetime(2026, 3, day, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
        monkeypatch.setattr(timezone, "now", lambda noon=noon: noon)
        made[day] = log_access(
            actor=personas.user("centre_staff"), tenant=personas.tenant, subject=anna, what=f"core.test.day_{day}"
        )
    monkeypatch.undo()
    return made


def test_access_log_filters_by_period_both_days_included(client_for, dated_entries):
    response = client_for("tenant_admin").get(ACCESS_URL, {"fra": "2026-03-02", "til": "2026-03-03"})

    assert shown(response) == [dated_entries[3].pk, dated_entries[2].pk]
    assert "2 registreringer fra 2. marts 2026 til 3. marts 2026" in response.content.decode()


def test_access_log_htmx_request_gets_only_the_results(client_for, entries):
    response = client_for("tenant_admin").get(ACCESS_URL, {"hvem": "bo"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert "Bo Bæk" in content and "Anna Andersen" not in content


def test_access_log_is_for_the_tenant_admin_only(client_for, entries):
    for persona in ("centre_staff", "municipal_staff", "citizen"):
        assert client_for(persona).get(ACCESS_URL).status_code == 403, persona
        assert client_for(persona).get(export_url("csv")).status_code == 403, persona
    assert client_for("other_staff").get(ACCESS_URL).status_code == 404
    assert client_for("other_staff").get(export_url("csv")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_access_log_export_holds_the_filtered_entries(fmt, client_for, dated_entries):
    response = client_for("tenant_admin").get(export_url(fmt), {"fra": "2026-03-02", "til": "2026-03-02"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="opslagslog-alfa-')
    text = rendered_text(response)
    assert "Hvis oplysninger" in text and "Læst af" not in text  # the export names the reader "Person"
    assert "core.test.day_2" in text and "Anna Andersen" in text
    assert "centre_staff@alfa.example.org" in text
    assert "core.test.day_1" not in text and "core.test.day_3" not in text


def test_access_log_export_keeps_to_the_tenant(client_for, entries):
    text = rendered_text(client_for("tenant_admin").get(export_url("csv")))
    assert "Anna Andersen" in text and "syg" in text
    assert "Kun I Charlie" not in text and "staff@charlie.example.org" not in text


def test_access_log_page_links_to_the_export_of_the_filtered_list(client_for, entries):
    content = client_for("tenant_admin").get(ACCESS_URL, {"hvem": "anna"}).content.decode()
    assert f'href="{export_url("xlsx")}?hvem=anna"' in content


def test_access_log_is_in_the_administration_menu(client_for):
    content = client_for("tenant_admin").get(reverse("tenants:audit_log", kwargs={"tenant_slug": "alfa"}))
    assert f'href="{ACCESS_URL}"' in content.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_access_log_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    admin = UserFactory(email="admin@maaling.example.org")
    grant(admin, tenant, Role.TENANT_ADMIN)
    for index in range(size):
        reader = UserFactory(full_name=f"Læser {index}")
        grant(reader, tenant, Role.CENTRE_STAFF)
        subject = make_person(tenant, full_name=f"Kontakt {index}")
        log_access(actor=reader, tenant=tenant, subject=subject, what=f"core.test.number_{index}")
    client.force_login(admin)
    url = reverse("tenants:access_log", kwargs={"tenant_slug": "maaling"})

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert len(response.context["people"]) == size
    assert_rows_rendered(response, [f"core.test.number_{index}" for index in range(size)])
    assert_rows_rendered(response, [f"Kontakt {index}" for index in range(size)])
