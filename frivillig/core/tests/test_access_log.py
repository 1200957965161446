"""Logged reading: the access log records who read whose sensitive record, and nothing changes or deletes it but
its retention rule (core/retention.py; tested in test_retention.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import resolve
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
