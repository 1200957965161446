"""A target's page (its definition, reading, history, counted records, values entered by hand), entering a value by
hand with its evidence, the story behind the number, and the tenant's settings for the status rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.strategy.models import ManualValue, StrategySettings, TargetSnapshot
from frivillig.strategy.tests.helpers import make_goal, make_plan, make_target, url


@pytest.fixture
def target(personas):
    plan = make_plan(personas.tenant)
    goal = make_goal(plan, title="Synlighed")
    return make_target(goal, title="Mindst 4 artikler i lokalavisen", target_value=Decimal(4))


def _pdf(name="referat.pdf", content=b"%PDF-1.4 referat af moedet"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_entering_a_value_with_evidence_shows_on_the_target_page(personas, client_for, target):
    client = client_for("centre_staff")
    response = client.post(
        url("manual_value_create", pk=target.pk),
        {"value": "3", "measured_on": "2017-09-01", "note": "Tre artikler i Sorø Avis", "evidence_file": _pdf()},
        follow=True,
    )
    text = response.content.decode()
    assert "Værdien er gemt med sin dokumentation" in text
    assert "Tre artikler i Sorø Avis" in text
    with scopes_disabled():
        manual = ManualValue.objects.get(target=target)
        assert manual.value == 3 and manual.measured_on == date(2017, 9, 1)
        assert AuditEntry.objects.filter(code="strategy.manual_value.entered").exists()
    download = client.get(url("manual_value_file", pk=manual.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'filename="dokumentation-2017-09-01.pdf"' in download["Content-Disposition"]


def test_evidence_of_a_wrong_type_is_refused_in_danish(personas, client_for, target):
    response = client_for("centre_staff").post(
        url("manual_value_create", pk=target.pk),
        {"value": "3", "measured_on": "2017-09-01", "note": "Se fil", "evidence_file": _pdf(content=b"<html>")},
    )
    assert response.status_code == 200
    assert "Filen kan ikke bruges som dokumentation" in response.content.decode()
    with scopes_disabled():
        assert not ManualValue.objects.exists()


def test_evidence_note_is_required(personas, client_for, target):
    response = client_for("centre_staff").post(
        url("manual_value_create", pk=target.pk), {"value": "3", "measured_on": "01.09.2017", "note": ""}
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not ManualValue.objects.exists()


def test_only_manual_targets_take_values_by_hand(personas, client_for, target):
    live = make_target(target.goal, indicator_key="events.events_held", title="Mindst 2 temaaftener")
    assert client_for("centre_staff").get(url("manual_value_create", pk=live.pk)).status_code == 404


def test_target_page_shows_its_definition_history_and_earlier_definitions(personas, client_for, target):
    with scopes_disabled():
        TargetSnapshot.objects.create(
            tenant=target.tenant,
            target=target,
            definition_version=1,
            taken_on=date(2017, 3, 1),
            value=1,
            status="on_track",
        )
        target.definition_version = 2
        target.save()
        TargetSnapshot.objects.create(
            tenant=target.tenant,
            target=target,
            definition_version=2,
            taken_on=date(2017, 4, 1),
            value=2,
            status="at_risk",
        )
    text = client_for("municipal_staff").get(url("target_detail", pk=target.pk)).content.decode()
    assert "Mindst 4 artikler i lokalavisen" in text
    assert "Værdi indtastet i hånden" in text  # the indicator's label
    assert "Tidligere definition (version 1)" in text
    assert "Indtast en ny værdi" in text
    assert "Der er ikke skrevet en historie endnu" in text


def test_target_page_lists_the_counted_records_with_an_empty_state(personas, client_for, target):
    live = make_target(target.goal, indicator_key="events.events_held", title="Mindst 2 temaaftener")
    text = client_for("centre_staff").get(url("target_detail", pk=live.pk)).content.decode()
    assert "Der er endnu ikke talt noget med for dette succeskriterium" in text


def test_the_story_is_saved_with_its_time_and_logged(personas, client_for, target):
    response = client_for("centre_staff").post(
        url("target_story", pk=target.pk), {"story": "Avisen skrev om ildsjælene."}, follow=True
    )
    text = response.content.decode()
    assert "Historien bag tallet er gemt" in text and "Avisen skrev om ildsjælene." in text
    with scopes_disabled():
        target.refresh_from_db()
        assert target.story_updated_at is not None
        assert AuditEntry.objects.filter(code="strategy.target.story_updated").exists()


def test_settings_are_saved_and_validated(personas, client_for):
    client = client_for("tenant_admin")
    bad = client.post(url("settings"), {"on_track_percent": "40", "manual_stale_days": "3"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Skriv en andel mellem 50 og 100 procent" in text and "Skriv mindst 7 dage" in text
    good = client.post(url("settings"), {"on_track_percent": "90", "manual_stale_days": "365"}, follow=True)
    assert "Indstillingerne er gemt" in good.content.decode()
    with scopes_disabled():
        saved = StrategySettings.objects.get(tenant=personas.tenant)
        assert (saved.on_track_percent, saved.manual_stale_days) == (90, 365)
        assert AuditEntry.objects.filter(code="strategy.settings.updated").exists()


def test_settings_refuse_municipal_staff(personas, client_for):
    assert client_for("municipal_staff").get(url("settings")).status_code == 403


def test_another_tenants_target_answers_404(personas, client_for):
    foreign = make_target(make_goal(make_plan(personas.other_tenant)))
    client = client_for("centre_staff")
    for name in ("target_detail", "target_story", "manual_value_create"):
        assert client.get(url(name, pk=foreign.pk)).status_code == 404
