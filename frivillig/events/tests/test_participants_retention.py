"""Retention of registrations: contact details and answers go the tenant's period after the event (attendance stays
as counts); a guest's registration never confirmed goes after 30 days."""

from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django_scopes import scopes_disabled

from frivillig.core.retention import apply_rules
from frivillig.events.enums import AttendanceStatus, RegistrationStatus
from frivillig.events.models import Attendance, EventSession, Registration
from frivillig.events.tests.helpers import danish_time, make_event, make_registration
from frivillig.tenants.models import Tenant


def with_attendance(registration, status=AttendanceStatus.ATTENDED):
    with scopes_disabled():
        session = EventSession.objects.filter(event=registration.event).first()
        Attendance.objects.create(tenant=registration.tenant, registration=registration, session=session, status=status)
    return registration


def reloaded(registration) -> Registration:
    with scopes_disabled():
        return Registration.objects.get(pk=registration.pk)


def test_registrations_are_anonymised_the_tenants_period_after_the_event(personas):
    old = make_event(personas.tenant, starts_at=danish_time(2024, 3, 5, 19))
    recent = make_event(personas.tenant, starts_at=danish_time(2025, 11, 5, 19))
    gone = with_attendance(
        make_registration(
            old,
            email="anna@example.org",
            full_name="Anna Andersen",
            phone="12345678",
            organisation=personas.organisation,
            group_size=2,
            diet="Vegetar",
            access_needs="Kørestol",
            extra_answer="Jeg hedder Anna",
        )
    )
    kept = with_attendance(make_registration(recent, email="bent@example.org", full_name="Bent Bentsen"))
    now = datetime(2025, 12, 1, 12, tzinfo=UTC)  # the default period is 365 days

    apply_rules(now=now, tenants=[personas.tenant])

    anonymised = reloaded(gone)
    assert anonymised.full_name == "(slettet)" and anonymised.phone == "" and anonymised.diet == ""
    assert anonymised.access_needs == "" and anonymised.extra_answer == ""
    assert anonymised.email == f"slettet-{gone.pk}@example.invalid"
    # What the statistics count stays: the association, the places, the status, who came.
    assert (anonymised.organisation_id, anonymised.group_size, anonymised.status) == (
        personas.organisation.pk,
        2,
        RegistrationStatus.REGISTERED,
    )
    with scopes_disabled():
        assert list(Attendance.objects.filter(registration=gone).values_list("status", flat=True)) == ["attended"]
    assert reloaded(kept).full_name == "Bent Bentsen"
    # Twice: nothing more goes.
    runs = apply_rules(now=now, tenants=[personas.tenant])
    assert sum(run.count for run in runs if run.rule.key.startswith("events.")) == 0


def test_the_tenants_own_period_is_used(personas):
    event = make_event(personas.tenant, starts_at=danish_time(2025, 9, 1, 19))
    registration = make_registration(event, full_name="Anna Andersen")
    with scopes_disabled():
        tenant = Tenant.objects.get(pk=personas.tenant.pk)
    tenant.retention_settings = {**tenant.retention_settings, "events_registration_days": 30}
    tenant.save()
    apply_rules(now=datetime(2025, 10, 15, tzinfo=UTC), tenants=[tenant])
    assert reloaded(registration).full_name == "(slettet)"


def test_unconfirmed_guest_registrations_go_after_30_days(personas):
    event = make_event(personas.tenant)
    stale = make_registration(event, email="gammel@example.org", status=RegistrationStatus.UNCONFIRMED)
    fresh = make_registration(event, email="ny@example.org", status=RegistrationStatus.UNCONFIRMED)
    with scopes_disabled():
        Registration.objects.filter(pk=stale.pk).update(created_at=datetime.now(tz=UTC) - timedelta(days=31))

    apply_rules(tenants=[personas.tenant])

    with scopes_disabled():
        assert not Registration.objects.filter(pk=stale.pk).exists()
        assert Registration.objects.filter(pk=fresh.pk).exists()


def test_dry_run_lists_and_changes_nothing(personas, capsys):
    old = make_event(personas.tenant, starts_at=danish_time(2020, 3, 5, 19))
    registration = make_registration(old, full_name="Anna Andersen")

    call_command("apply_retention", "--dry-run")

    out = capsys.readouterr().out
    assert "events.held_registrations [alfa]: 1 would go" in out
    assert f"#{registration.pk}" in out or str(registration.pk) in out
    assert reloaded(registration).full_name == "Anna Andersen"
    call_command("apply_retention")
    assert reloaded(registration).full_name == "(slettet)"
