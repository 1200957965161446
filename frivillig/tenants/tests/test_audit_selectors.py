"""The audit log's reads: one tenant's entries, the kinds of action and the people in them."""

import pytest
from django_scopes import scope

from frivillig.core.services import log_action
from frivillig.tenants.selectors import audit_actors, audit_codes, audit_entries


@pytest.fixture
def logged(personas):
    admin, staff = personas.user("tenant_admin"), personas.user("centre_staff")
    return {
        "sent": log_action("tenants.invitation.sent", actor=admin, tenant=personas.tenant),
        "login": log_action("accounts.user.logged_in", actor=staff, tenant=personas.tenant, target=staff),
        "elsewhere": log_action(
            "tenants.invitation.sent", actor=personas.user("other_staff"), tenant=personas.other_tenant
        ),
    }


def test_audit_entries_hold_only_the_tenants_own_narrowed_by_action_and_person(personas, logged):
    tenant, admin = personas.tenant, personas.user("tenant_admin")

    with scope(tenant=tenant.pk):
        assert [entry.pk for entry in audit_entries(tenant)] == [logged["login"].pk, logged["sent"].pk]
        assert [entry.pk for entry in audit_entries(tenant, code="tenants.invitation.sent")] == [logged["sent"].pk]
        assert [entry.pk for entry in audit_entries(tenant, actor_id=admin.pk)] == [logged["sent"].pk]
        assert list(audit_entries(tenant, code="accounts.user.logged_in", actor_id=admin.pk)) == []


def test_audit_filters_offer_only_the_tenants_actions_and_people(personas, logged):
    with scope(tenant=personas.tenant.pk):
        assert audit_codes(personas.tenant) == {"tenants.invitation.sent", "accounts.user.logged_in"}
        assert [person.email for person in audit_actors(personas.tenant)] == [
            "centre_staff@alfa.example.org",
            "tenant_admin@alfa.example.org",
        ]
