import pytest
from django.urls import reverse

from frivillig.core.services import log_action
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant

AUDIT_URL = reverse("tenants:audit_log", kwargs={"tenant_slug": "alfa"})


@pytest.fixture
def entries(personas):
    admin, staff = personas.user("tenant_admin"), personas.user("centre_staff")
    return {
        "sent": log_action("tenants.invitation.sent", actor=admin, tenant=personas.tenant, data={"n": 1}),
        "login_staff": log_action("accounts.user.logged_in", actor=staff, tenant=personas.tenant, target=staff),
        "login_admin": log_action("accounts.user.logged_in", actor=admin, tenant=personas.tenant, target=admin),
        "elsewhere": log_action(
            "tenants.invitation.sent", actor=personas.user("other_staff"), tenant=personas.other_tenant
        ),
        "no_tenant": log_action("accounts.user.logged_in", actor=personas.user("citizen")),
    }


def shown(response) -> list[int]:
    return [entry.pk for entry in response.context["page"].object_list]


def test_audit_log_lists_this_tenants_entries_newest_first(client_for, entries):
    response = client_for("tenant_admin").get(AUDIT_URL)

    assert response.status_code == 200
    assert shown(response) == [entries["login_admin"].pk, entries["login_staff"].pk, entries["sent"].pk]
    content = response.content.decode()
    assert content.count('<option value="tenants.invitation.sent"') == 1
    assert content.count('<option value="accounts.user.logged_in"') == 1
    assert [person.email for person in response.context["people"]] == [
        "centre_staff@alfa.example.org",
        "tenant_admin@alfa.example.org",
    ]
    assert "staff@charlie.example.org" not in content


def test_audit_log_filters_by_action(client_for, entries):
    response = client_for("tenant_admin").get(AUDIT_URL, {"handling": "tenants.invitation.sent"})
    assert shown(response) == [entries["sent"].pk]
    assert 'value="tenants.invitation.sent" selected' in response.content.decode()


def test_audit_log_filters_by_person(client_for, personas, entries):
    staff = personas.user("centre_staff")
    response = client_for("tenant_admin").get(AUDIT_URL, {"person": str(staff.pk)})
    assert shown(response) == [entries["login_staff"].pk]


def test_audit_log_filters_by_action_and_person(client_for, personas, entries):
    admin = personas.user("tenant_admin")
    response = client_for("tenant_admin").get(
        AUDIT_URL, {"handling": "accounts.user.logged_in", "person": str(admin.pk)}
    )
    assert shown(response) == [entries["login_admin"].pk]


def test_audit_log_unknown_filter_values_show_nothing_or_everything(client_for, entries):
    client = client_for("tenant_admin")
    assert shown(client.get(AUDIT_URL, {"handling": "findes.ikke"})) == []
    assert len(shown(client.get(AUDIT_URL, {"person": "ikke-et-tal"}))) == 3


def test_audit_log_htmx_request_gets_only_the_results(client_for, entries):
    response = client_for("tenant_admin").get(
        AUDIT_URL, {"handling": "tenants.invitation.sent"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content


def test_audit_log_is_for_the_tenant_admin_only(client_for):
    assert client_for("centre_staff").get(AUDIT_URL).status_code == 403
    assert client_for("citizen").get(AUDIT_URL).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_audit_log_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    admin = UserFactory(email="admin@maaling.example.org")
    grant(admin, tenant, Role.TENANT_ADMIN)
    for index in range(size):
        actor = UserFactory(full_name=f"Handlende {index}")
        log_action(f"tenants.test.number_{index}", actor=actor, tenant=tenant, target=actor)
    client.force_login(admin)
    url = reverse("tenants:audit_log", kwargs={"tenant_slug": "maaling"})

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert len(response.context["people"]) == size
    assert_rows_rendered(response, [f"tenants.test.number_{index}" for index in range(size)])
    assert_rows_rendered(response, [f"Handlende {index}" for index in range(size)])


# --- the period filter and the export ----------------------------------------------------------------------------


@pytest.fixture
def dated_entries(personas, monkeypatch):
    """One entry on each of three days (Danish time), made with the clock stood still on each day at noon."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    admin = personas.user("tenant_admin")
    made = {}
    for day in (1, 2, 3):
        noon = datetime(2026, 3, day, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
        monkeypatch.setattr(timezone, "now", lambda noon=noon: noon)
        made[day] = log_action(
            f"tenants.test.day_{day}", actor=admin, tenant=personas.tenant, data={}, target=personas.tenant
        )
    monkeypatch.undo()
    return made


def test_audit_log_filters_by_period_both_days_included(client_for, dated_entries):
    response = client_for("tenant_admin").get(AUDIT_URL, {"fra": "2026-03-02", "til": "2026-03-03"})

    assert shown(response) == [dated_entries[3].pk, dated_entries[2].pk]
    content = response.content.decode()
    assert 'name="fra" value="2026-03-02"' in content
    assert "2 registreringer fra 2. marts 2026 til 3. marts 2026" in content


def test_audit_log_period_from_only_and_unreadable_dates(client_for, dated_entries):
    client = client_for("tenant_admin")
    assert shown(client.get(AUDIT_URL, {"fra": "2026-03-03"}))[-1] == dated_entries[3].pk
    assert dated_entries[2].pk not in shown(client.get(AUDIT_URL, {"fra": "2026-03-03"}))
    assert shown(client.get(AUDIT_URL, {"til": "2026-03-01"})) == [dated_entries[1].pk]
    # A date that cannot be read is ignored, never an error page; a reversed period is read the right way round.
    everything = shown(client.get(AUDIT_URL))
    assert shown(client.get(AUDIT_URL, {"fra": "2026-02-30", "til": "i morgen"})) == everything
    reversed_period = {"fra": "2026-03-03", "til": "2026-03-02"}
    assert shown(client.get(AUDIT_URL, reversed_period)) == [dated_entries[3].pk, dated_entries[2].pk]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_audit_log_export_holds_the_filtered_entries(fmt, client_for, personas, dated_entries):
    from frivillig.testing import rendered_text

    url = reverse("tenants:audit_log_export", kwargs={"tenant_slug": "alfa", "fmt": fmt})
    response = client_for("tenant_admin").get(url, {"fra": "2026-03-02", "til": "2026-03-02"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="handlingslog-alfa-')
    text = rendered_text(response)
    assert "Handling" in text and "Vedrører" in text
    assert "tenants.test.day_2" in text
    assert "tenant_admin@alfa.example.org" in text
    assert "tenants.test.day_1" not in text and "tenants.test.day_3" not in text


def test_audit_log_export_is_for_the_tenant_admin_only_and_keeps_to_the_tenant(client_for, entries):
    from frivillig.testing import rendered_text

    url = reverse("tenants:audit_log_export", kwargs={"tenant_slug": "alfa", "fmt": "csv"})
    assert client_for("centre_staff").get(url).status_code == 403
    assert client_for("other_staff").get(url).status_code == 404
    text = rendered_text(client_for("tenant_admin").get(url))
    assert "staff@charlie.example.org" not in text
    assert "citizen@example.org" not in text


def test_audit_log_page_links_to_the_export_of_the_filtered_list(client_for, entries):
    content = client_for("tenant_admin").get(AUDIT_URL, {"fra": "2026-01-01"}).content.decode()
    export = reverse("tenants:audit_log_export", kwargs={"tenant_slug": "alfa", "fmt": "xlsx"})
    assert f'href="{export}?fra=2026-01-01"' in content
