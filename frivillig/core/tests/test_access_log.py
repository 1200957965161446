"""Logged reading: the access log records who read whose sensitive record, and nothing changes or deletes it but
its retention command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.access_log import access_entries_about, log_access
from frivillig.core.models import AccessEntry, AuditEntry
from frivillig.core.services import log_action


def test_log_access_records_reader_subject_and_page(personas):
    reader = personas.user("centre_staff")
    subject = personas.user("citizen")
    request = RequestFactory().get("/alfa/administration/log/?fra=2026-01-01")
    request.resolver_match = resolve("/alfa/administration/log/")

    entry = log_access(actor=reader, tenant=personas.tenant, subject=subject, what="core.test.notes", request=request)

    with scopes_disabled():
        saved = AccessEntry.objects.get(pk=entry.pk)
    assert (saved.tenant, saved.actor, saved.actor_label) == (personas.tenant, reader, str(reader))
    assert saved.subject_type == ContentType.objects.get_for_model(subject)
    assert (saved.subject_id, saved.subject_label) == (str(subject.pk), str(subject))
    assert saved.what == "core.test.notes"
    assert (saved.page_name, saved.path) == ("tenants:audit_log", "/alfa/administration/log/")
    assert saved.search == ""
    assert saved.created_at is not None


def test_log_access_of_a_search_keeps_the_term(personas):
    entry = log_access(
        actor=personas.user("centre_staff"),
        tenant=personas.tenant,
        subject=None,
        what="core.test.search",
        search=" syg ",
    )
    assert (entry.search, entry.subject_type, entry.subject_id, entry.subject_label) == ("syg", None, "", "")


def test_access_entries_about_a_record_across_tenants(personas):
    subject, other = personas.user("citizen"), personas.user("tenant_admin")
    here = log_access(actor=personas.user("centre_staff"), tenant=personas.tenant, subject=subject, what="core.t")
    there = log_access(actor=personas.user("other_staff"), tenant=personas.other_tenant, subject=subject, what="core.t")
    log_access(actor=personas.user("centre_staff"), tenant=personas.tenant, subject=other, what="core.t")
    with scopes_disabled():
        assert list(access_entries_about(subject)) == [there, here]


def test_access_entries_are_scoped_to_their_tenant(personas):
    subject = personas.user("citizen")
    log_access(actor=None, tenant=personas.tenant, subject=subject, what="core.test.alfa")
    log_access(actor=None, tenant=personas.other_tenant, subject=subject, what="core.test.charlie")
    with scope(tenant=personas.tenant):
        assert list(AccessEntry.objects.values_list("what", flat=True)) == ["core.test.alfa"]


@pytest.mark.parametrize("model", [AccessEntry, AuditEntry])
def test_log_entries_cannot_be_changed_or_deleted_through_the_orm(model, personas):
    if model is AccessEntry:
        entry = log_access(actor=None, tenant=personas.tenant, subject=personas.tenant, what="core.test.original")
        field = "what"
    else:
        entry = log_action("core.test.original", tenant=personas.tenant)
        field = "code"
    setattr(entry, field, "core.test.rewritten")

    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    with scopes_disabled():
        with pytest.raises(ValueError, match="append-only"):
            model.objects.filter(pk=entry.pk).update(**{field: "core.test.rewritten"})
        with pytest.raises(ValueError, match="append-only"):
            model.objects.filter(pk=entry.pk).delete()
        with pytest.raises(ValueError, match="append-only"):
            model.objects.all().delete()
        assert model.objects.filter(pk=entry.pk, **{field: "core.test.original"}).exists()


# --- retention: delete_old_access_entries ---------------------------------------------------------------------


@pytest.fixture
def aged_entries(personas, monkeypatch, settings):
    """Entries 400, 184, 182 and 1 days old, in both tenants, with a retention period of 183 days."""
    settings.ACCESS_LOG_RETENTION_DAYS = 183
    now = timezone.now()
    made = {}
    for days, tenant in ((400, personas.tenant), (184, personas.other_tenant), (182, personas.tenant), (1, None)):
        monkeypatch.setattr(timezone, "now", lambda days=days: now - timedelta(days=days))
        made[days] = log_access(actor=None, tenant=tenant, subject=personas.tenant, what=f"core.test.age_{days}")
    monkeypatch.undo()
    return made


def _left() -> list[str]:
    with scopes_disabled():
        return sorted(AccessEntry.objects.values_list("what", flat=True))


def test_retention_command_deletes_exactly_the_entries_past_the_period(aged_entries, personas):
    audit = log_action("core.test.kept", tenant=personas.tenant)
    out = StringIO()

    call_command("delete_old_access_entries", stdout=out)

    assert _left() == ["core.test.age_1", "core.test.age_182"]
    assert ": 2 deleted." in out.getvalue()
    with scopes_disabled():
        assert AuditEntry.objects.filter(pk=audit.pk).exists()
    # Idempotent: a second run finds nothing more.
    again = StringIO()
    call_command("delete_old_access_entries", stdout=again)
    assert ": 0 deleted." in again.getvalue()
    assert _left() == ["core.test.age_1", "core.test.age_182"]


def test_retention_command_dry_run_counts_per_tenant_and_deletes_nothing(aged_entries):
    out = StringIO()

    call_command("delete_old_access_entries", "--dry-run", stdout=out)

    assert _left() == ["core.test.age_1", "core.test.age_182", "core.test.age_184", "core.test.age_400"]
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["alfa: 1", "charlie: 1"]
    assert lines[2].endswith(": 2 would be deleted.")


@pytest.mark.parametrize("days", [0, 5 * 366 + 1])
def test_retention_command_refuses_a_period_outside_the_bounds(days, aged_entries, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = days
    with pytest.raises(CommandError, match="retention period"):
        call_command("delete_old_access_entries", stdout=StringIO())
    assert len(_left()) == 4
