"""The tenant admin's retention periods: each period the register lets a tenant choose, in months, within its
legal bounds; a refused value keeps what was typed; a saved change is audit-logged and shows in the record of
processing activities."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.retention import period_days
from frivillig.core.tests.helpers import english
from frivillig.tenants.models import Tenant

URL = reverse("tenants:retention_settings", kwargs={"tenant_slug": "alfa"})
EXPECTED_DEFAULTS = {
    "access_log_days": "6",
    "audit_log_days": "60",
    "closed_application_days": "12",
    "crm_archived_person_days": "24",
}


@pytest.fixture
def defaults(client_for):
    """What the form shows before anything is chosen: every period the register lets a tenant choose."""
    form = client_for("tenant_admin").get(URL).context["form"]
    return {name: str(form[name].value()) for name in form.fields}


def test_the_page_lists_every_period_grouped_by_activity_with_bounds_and_default(client_for):
    response = english(client_for("tenant_admin")).get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    shown = {name: str(form[name].value()) for name in form.fields}
    assert {name: shown[name] for name in EXPECTED_DEFAULTS} == EXPECTED_DEFAULTS
    content = response.content.decode()
    assert "Logs of actions and reading" in content
    assert "Closed applications for volunteer opportunities (months)" in content
    assert "Volunteers and applications" in content
    assert "Allowed: 6 months to 60 months; the default is 6 months." in content
    assert "Allowed: 1 month to 36 months; the default is 12 months." in content


def test_saving_a_period_stores_it_in_days_audit_logs_old_and_new_and_leaves_other_tenants_alone(
    client_for, personas, defaults
):
    response = english(client_for("tenant_admin")).post(URL, {**defaults, "closed_application_days": "2"}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "The retention periods have been saved." in response.content.decode()
    alfa = Tenant.objects.get(slug="alfa")
    assert period_days("closed_application_days", alfa) == 61
    assert period_days("closed_application_days", Tenant.objects.get(slug="charlie")) == 365
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.retention.changed")
    assert (entry.tenant, entry.actor) == (alfa, personas.user("tenant_admin"))
    assert entry.data == {"changes": {"closed_application_days": [365, 61]}}
    # The form shows the saved period again.
    assert str(response.context["form"]["closed_application_days"].value()) == "2"


def test_a_period_outside_the_legal_bounds_is_refused_with_the_typed_values_kept(client_for, defaults):
    data = {**defaults, "access_log_days": "3", "audit_log_days": "121", "closed_application_days": "7"}
    response = english(client_for("tenant_admin")).post(URL, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["access_log_days"] == ["Choose a period from 6 months to 60 months."]
    assert errors["audit_log_days"] == ["Choose a period from 12 months to 120 months."]
    content = response.content.decode()
    assert 'value="3"' in content and 'value="121"' in content and 'value="7"' in content
    assert Tenant.objects.get(slug="alfa").retention_settings == {}
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.retention.changed").exists()


def test_a_period_that_is_not_a_number_is_a_form_error(client_for, defaults):
    response = english(client_for("tenant_admin")).post(URL, {**defaults, "crm_archived_person_days": "to år"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["crm_archived_person_days"]
    content = response.content.decode()
    assert "Write the period as a whole number." in content
    assert 'value="to år"' in content


def test_the_danish_page_says_the_bounds_in_danish(client_for, defaults):
    response = client_for("tenant_admin").post(URL, {**defaults, "access_log_days": "3"})

    assert "Vælg en periode fra 6 måneder til 60 måneder." in response.content.decode()
    assert "Afsluttede ansøgninger om frivilligjob (måneder)" in response.content.decode()


def test_saving_unchanged_periods_writes_no_audit_entry(client_for, defaults):
    response = english(client_for("tenant_admin")).post(URL, defaults, follow=True)

    assert "The retention periods were not changed." in response.content.decode()
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.retention.changed").exists()


def test_the_record_of_processing_activities_shows_the_chosen_period_and_links_here(client_for, defaults):
    client = english(client_for("tenant_admin"))
    client.post(URL, {**defaults, "audit_log_days": "24"})

    content = client.get(reverse("tenants:privacy_register", kwargs={"tenant_slug": "alfa"})).content.decode()

    assert "2 years after the action (chosen by the centre; allowed 1 year to 10 years)" in content
    assert URL in content


def test_the_administration_menu_links_to_the_page(client_for):
    content = client_for("tenant_admin").get(reverse("tenants:members", kwargs={"tenant_slug": "alfa"})).content
    assert URL in content.decode()
