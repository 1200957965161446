"""No tenant ever sees another tenant's data: whole pages, single objects, and lists."""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from frivillig.core.permissions import PUBLIC
from frivillig.core.services import log_action
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import UserFactory, grant
from tests.test_permission_matrix import MATRIX, _fill, matrix_objects, project_patterns


def tenant_staff_pages():
    for name, pattern in project_patterns():
        if pattern.callback.view_permission != PUBLIC and "tenant_slug" in MATRIX[name].kwargs:
            yield name


@pytest.mark.parametrize("name", sorted(tenant_staff_pages()))
def test_staff_of_another_tenant_gets_404_on_every_staff_page(name, personas, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    response = getattr(client_for("other_staff"), case.method)(url, case.data)
    assert response.status_code == 404
    assert "Alfa Centre Staff" not in response.content.decode()


def test_another_tenants_object_answers_404_under_ones_own_tenant(personas, client_for):
    with scopes_disabled():
        foreign = Membership.objects.filter(tenant=personas.other_tenant).first()
        foreign_invitation = Invitation.objects.create(
            tenant=personas.other_tenant, email="y@example.org", role=Role.CENTRE_STAFF
        )
    admin = client_for("tenant_admin")
    assert admin.get(reverse("tenants:member_revoke", args=["alfa", foreign.pk])).status_code == 404
    response = admin.post(reverse("tenants:member_change_role", args=["alfa", foreign.pk]), {"role": "centre_staff"})
    assert response.status_code == 404
    assert admin.post(reverse("tenants:invitation_cancel", args=["alfa", foreign_invitation.pk])).status_code == 404
    with scopes_disabled():
        foreign_invitation.refresh_from_db()
        assert foreign_invitation.cancelled_at is None
        assert Membership.objects.filter(pk=foreign.pk, role=foreign.role).exists()


def test_lists_show_only_the_tenants_own_rows(personas, client_for):
    charlie_person = UserFactory(full_name="Kun I Charlie", email="kun@charlie.example.org")
    grant(charlie_person, personas.other_tenant, Role.CENTRE_STAFF)
    log_action("tenants.test.charlie_only", actor=charlie_person, tenant=personas.other_tenant)
    log_action("tenants.test.alfa_only", actor=personas.user("tenant_admin"), tenant=personas.tenant)
    admin = client_for("tenant_admin")
    members = admin.get(reverse("tenants:members", args=["alfa"])).content.decode()
    assert "Kun I Charlie" not in members and "Charlie Staff" not in members
    assert "Alfa Centre Staff" in members
    log_page = admin.get(reverse("tenants:audit_log", args=["alfa"])).content.decode()
    assert "tenants.test.alfa_only" in log_page
    assert "tenants.test.charlie_only" not in log_page
    assert "kun@charlie.example.org" not in log_page


def test_tenant_owned_queries_fail_without_a_scope(personas):
    with pytest.raises(ScopeError):
        list(Membership.objects.all())
    with scope(tenant=personas.tenant):
        assert {m.tenant_id for m in Membership.objects.all()} == {personas.tenant.pk}


def test_scopes_are_enforced_in_the_suite():
    assert getattr(settings, "SCOPES_DISABLED", False) is False


def test_every_model_with_a_tenant_has_only_scoped_managers():
    unscoped = []
    for model in apps.get_models():
        field_names = {f.name for f in model._meta.get_fields()}
        if "tenant" not in field_names:
            continue
        for manager in model._meta.managers:
            if not hasattr(manager, "with_scopes_disabled"):
                unscoped.append(f"{model._meta.label}.{manager.name}")
    assert unscoped == []


def test_every_national_first_path_segment_is_reserved_from_tenant_slugs():
    """A tenant whose slug equals a national path would lose pages to it."""
    from django.urls import URLResolver, get_resolver

    from frivillig.tenants.models import RESERVED_SLUGS

    segments = set()
    for entry in get_resolver().url_patterns:
        first = str(entry.pattern).lstrip("^").split("/", 1)[0]
        if isinstance(entry, URLResolver) and first == "":
            # An include at the root (the national volunteering pages): look one level down.
            firsts = {str(inner.pattern).lstrip("^").split("/", 1)[0] for inner in entry.url_patterns}
        else:
            firsts = {first}
        segments |= {segment for segment in firsts if segment and "<" not in segment}
    assert segments - RESERVED_SLUGS == set()
