import pytest
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.services import log_action


def test_log_action_writes_an_entry(personas):
    admin = personas.user("tenant_admin")
    target = personas.user("centre_staff")

    entry = log_action("tenants.test.done", actor=admin, tenant=personas.tenant, target=target, data={"n": 1})

    with scopes_disabled():
        saved = AuditEntry.objects.get(pk=entry.pk)
    assert saved.code == "tenants.test.done"
    assert saved.tenant == personas.tenant
    assert saved.actor == admin
    assert saved.actor_label == "Alfa Tenant Admin"
    assert (saved.target_type, saved.target_id, saved.target_label) == ("accounts.user", str(target.pk), str(target))
    assert saved.data == {"n": 1}
    assert saved.created_at is not None


def test_log_action_without_actor_or_target(db):
    entry = log_action("accounts.user.login_failed")
    with scopes_disabled():
        saved = AuditEntry.objects.get(pk=entry.pk)
    assert (saved.tenant, saved.actor, saved.actor_label) == (None, None, "")
    assert (saved.target_type, saved.target_id, saved.target_label, saved.data) == ("", "", "", {})


def test_log_action_anonymous_actor_is_stored_as_nobody(db):
    from django.contrib.auth.models import AnonymousUser

    entry = log_action("core.test.anonymous", actor=AnonymousUser())
    assert entry.actor is None
    assert entry.actor_label == ""


def test_log_action_cuts_a_long_target_label(personas):
    tenant = personas.tenant
    tenant.name = "x" * 400  # in memory only: the label must still fit its column
    entry = log_action("core.test.long", target=tenant)
    assert entry.target_label == "x" * 300


def test_audit_entry_is_scoped_to_its_tenant(personas):
    log_action("core.test.alfa", tenant=personas.tenant)
    log_action("core.test.charlie", tenant=personas.other_tenant)
    with scope(tenant=personas.tenant):
        assert list(AuditEntry.objects.values_list("code", flat=True)) == ["core.test.alfa"]


def test_audit_entry_cannot_be_updated(personas):
    entry = log_action("core.test.original", tenant=personas.tenant)
    entry.code = "core.test.rewritten"

    with pytest.raises(ValueError, match="append-only"):
        entry.save()

    with scopes_disabled():
        assert AuditEntry.objects.get(pk=entry.pk).code == "core.test.original"


def test_audit_entry_cannot_be_deleted(personas):
    entry = log_action("core.test.original", tenant=personas.tenant)

    with pytest.raises(ValueError, match="append-only"):
        entry.delete()

    with scopes_disabled():
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_entries_refuse_bulk_update_and_delete(personas):
    from django_scopes import scopes_disabled

    log_action("core.test.bulk", tenant=personas.tenant)
    with scopes_disabled():
        entries = AuditEntry.objects.filter(code="core.test.bulk")
        with pytest.raises(ValueError):
            entries.update(code="changed")
        with pytest.raises(ValueError):
            entries.delete()
        assert AuditEntry.objects.filter(code="core.test.bulk").count() == 1
