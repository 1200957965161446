"""A new tenant comes into being through one service, which runs every app's set-up hook and then announces it;
a changed tenant is saved through one service too, which logs and announces the change."""

import types

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import get_scope, scopes_disabled

from frivillig.core import registry
from frivillig.core.models import AuditEntry
from frivillig.tenants.events import tenant_changed, tenant_created
from frivillig.tenants.models import Tenant
from frivillig.tenants.services import tenant_create, tenant_update
from frivillig.testing import TenantFactory, UserFactory


@pytest.fixture
def hooks(monkeypatch):
    """Two apps with a set-up hook each, recording which tenant they set up and the scope they ran in."""
    calls: list[tuple[str, str, object]] = []

    def hook(label):
        def set_up_tenant(*, tenant):
            calls.append((label, tenant.slug, get_scope().get("tenant")))

        return types.SimpleNamespace(set_up_tenant=set_up_tenant)

    found = (
        (apps.get_app_config("crm"), hook("crm")),
        (apps.get_app_config("volunteering"), hook("volunteering")),
    )
    real = registry.app_modules
    monkeypatch.setattr(registry, "app_modules", lambda name: found if name == "tenant_setup" else real(name))
    return calls


@pytest.fixture
def announced():
    received: list[int] = []

    def receiver(sender, tenant_id, **kwargs):
        received.append(tenant_id)

    tenant_created.connect(receiver, dispatch_uid="test-tenant-created")
    yield received
    tenant_created.disconnect(dispatch_uid="test-tenant-created")


@pytest.fixture
def changes():
    received: list[int] = []

    def receiver(sender, tenant_id, **kwargs):
        received.append(tenant_id)

    tenant_changed.connect(receiver, dispatch_uid="test-tenant-changed")
    yield received
    tenant_changed.disconnect(dispatch_uid="test-tenant-changed")


def test_tenant_create_runs_every_registered_hook_in_order_in_the_tenants_scope(db, hooks):
    tenant = tenant_create(tenant=TenantFactory.build(slug="bravo", kommunekode="903"), actor=None)

    assert Tenant.objects.filter(slug="bravo").exists()
    assert hooks == [("crm", "bravo", tenant), ("volunteering", "bravo", tenant)]


def test_tenant_create_announces_the_tenant_once_committed(db, hooks, announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tenant = tenant_create(tenant=TenantFactory.build(slug="bravo", kommunekode="903"), actor=None)
        assert announced == []

    assert announced == [tenant.pk]


def test_tenant_create_with_a_failing_hook_leaves_no_tenant_and_announces_nothing(
    db, monkeypatch, announced, django_capture_on_commit_callbacks
):
    def set_up_tenant(*, tenant):
        raise RuntimeError("set-up failed")

    found = ((apps.get_app_config("crm"), types.SimpleNamespace(set_up_tenant=set_up_tenant)),)
    monkeypatch.setattr(registry, "app_modules", lambda name: found)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        tenant_create(tenant=TenantFactory.build(slug="bravo", kommunekode="903"), actor=None)

    assert not Tenant.objects.filter(slug="bravo").exists()
    assert announced == []


def test_tenant_create_is_logged_in_the_platforms_log_not_the_tenants(db, hooks):
    operator = UserFactory(is_staff=True, is_superuser=True)

    tenant = tenant_create(tenant=TenantFactory.build(slug="bravo", name="Bravo", kommunekode="903"), actor=operator)

    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.tenant.created")
    assert (entry.actor, entry.tenant, entry.target_id, entry.target_label) == (operator, None, str(tenant.pk), "Bravo")


def test_tenant_create_refuses_a_tenant_that_exists(db, hooks):
    tenant = TenantFactory(slug="bravo", kommunekode="903")

    with pytest.raises(ValueError, match="not saved yet"):
        tenant_create(tenant=tenant, actor=None)
    assert hooks == []


def test_tenant_added_in_the_admin_goes_through_the_service(
    client, db, hooks, announced, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = {
        "name": "Bravo",
        "slug": "bravo",
        "kommunekode": "903",
        "municipality_name": "Bravo Kommune",
        "centre_name": "Frivilligcenter Bravo",
        "is_active": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:tenants_tenant_add"), data)

    assert response.status_code == 302
    tenant = Tenant.objects.get(slug="bravo")
    assert [(label, slug) for label, slug, _scope in hooks] == [("crm", "bravo"), ("volunteering", "bravo")]
    assert announced == [tenant.pk]


def test_tenant_changed_in_the_admin_is_not_set_up_again_but_logged_and_announced(
    client, db, hooks, announced, changes, django_capture_on_commit_callbacks
):
    tenant = TenantFactory(slug="bravo", name="Bravo", kommunekode="903")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = {
        "name": "Bravo",
        "slug": "bravo",
        "kommunekode": "903",
        "municipality_name": "Bravo Kommune",
        "centre_name": "Frivilligcenter Bravo Nord",
        "is_active": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:tenants_tenant_change", args=[tenant.pk]), data)

    assert response.status_code == 302
    tenant.refresh_from_db()
    assert tenant.centre_name == "Frivilligcenter Bravo Nord"
    assert hooks == [] and announced == []
    assert changes == [tenant.pk]
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.tenant.updated")
    assert entry.tenant == tenant and "centre_name" in entry.data["fields"]


def test_tenant_update_announces_the_change_once_committed(db, changes, django_capture_on_commit_callbacks):
    tenant = TenantFactory(slug="bravo", name="Bravo", kommunekode="903")
    tenant.centre_name = "Frivilligcenter Bravo Nord"

    with django_capture_on_commit_callbacks(execute=True):
        tenant_update(tenant=tenant, actor=None, changed=["centre_name"])
        assert changes == []

    assert changes == [tenant.pk]
