"""Retention deletes exactly what is due and no more (issue 12): for each rule, a record one second inside its
period stays and one a second past it goes; the tenant's own period is respected per tenant; a dry run changes
nothing and lists what would go; a second run removes nothing more."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AccessEntry, AuditEntry
from frivillig.core.retention import apply_rules
from frivillig.core.services import log_action
from frivillig.crm.enums import RepresentativeRequestStatus
from frivillig.crm.models import RepresentativeRequest
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation
from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def backdate(model, pk: int, **moments) -> None:
    """Set timestamps the models fill in themselves (the logs refuse updates through their own manager)."""
    with scopes_disabled():
        QuerySet.update(model._base_manager.filter(pk=pk), **moments)


def left(model, **filters) -> set[int]:
    with scopes_disabled():
        return set(model._base_manager.filter(**filters).values_list("pk", flat=True))


def counts(runs) -> dict[tuple[str, str], int]:
    return {(run.rule.key, run.tenant.slug if run.tenant else ""): run.count for run in runs if run.count}


def choose(tenant, **days) -> None:
    tenant.retention_settings = {**tenant.retention_settings, **days}
    tenant.save(update_fields=["retention_settings"])


# --- the audit log and the access log --------------------------------------------------------------------------


def _audit(tenant, age: timedelta, now, code: str) -> int:
    entry = log_action(code, tenant=tenant)
    backdate(AuditEntry, entry.pk, created_at=now - age)
    return entry.pk


def test_audit_entries_go_after_the_default_five_years_and_a_tenants_chosen_period(personas, now):
    five_years = 5 * 365 * DAY
    alfa, charlie = personas.tenant, personas.other_tenant
    choose(alfa, audit_log_days=365)
    kept = {
        _audit(alfa, 365 * DAY - SECOND, now, "core.test.alfa_inside"),
        _audit(charlie, five_years - SECOND, now, "core.test.charlie_inside"),
        _audit(charlie, 400 * DAY, now, "core.test.charlie_only_alfa_would_delete"),
        _audit(None, five_years - SECOND, now, "core.test.national_inside"),
    }
    gone = {
        _audit(alfa, 365 * DAY + SECOND, now, "core.test.alfa_outside"),
        _audit(charlie, five_years + SECOND, now, "core.test.charlie_outside"),
        _audit(None, five_years + SECOND, now, "core.test.national_outside"),
    }

    runs = apply_rules(now=now)

    remaining = left(AuditEntry, code__startswith="core.test.")
    assert kept <= remaining
    assert not gone & remaining
    assert {key: count for key, count in counts(runs).items() if key[0] == "core.audit_log"} == {
        ("core.audit_log", "alfa"): 1,
        ("core.audit_log", "charlie"): 1,
        ("core.audit_log", ""): 1,
    }


def _access(tenant, age: timedelta, now, what: str, subject) -> int:
    from frivillig.core.access_log import log_access

    entry = log_access(actor=None, tenant=tenant, subject=subject, what=what)
    backdate(AccessEntry, entry.pk, created_at=now - age)
    return entry.pk


def test_access_entries_go_after_six_months_or_the_tenants_period(personas, now):
    alfa, charlie = personas.tenant, personas.other_tenant
    choose(alfa, access_log_days=365)
    kept = {
        _access(alfa, 365 * DAY - SECOND, now, "core.test.a", alfa),
        _access(charlie, 183 * DAY - SECOND, now, "core.test.b", alfa),
        _access(None, 183 * DAY - SECOND, now, "core.test.c", alfa),
    }
    gone = {
        _access(alfa, 365 * DAY + SECOND, now, "core.test.d", alfa),
        _access(charlie, 183 * DAY + SECOND, now, "core.test.e", alfa),
        _access(None, 183 * DAY + SECOND, now, "core.test.f", alfa),
    }

    apply_rules(now=now)

    assert left(AccessEntry) == kept
    assert not gone & left(AccessEntry)


# --- a tenant's invitations and crm's requests -------------------------------------------------------------------


def test_invitations_go_90_days_after_they_were_answered_or_expired(personas, now):
    alfa = personas.tenant

    def invitation(**moments) -> int:
        with scopes_disabled():
            made = Invitation.objects.create(tenant=alfa, email="ny@example.org", role=Role.CENTRE_STAFF)
        backdate(Invitation, made.pk, **moments)
        return made.pk

    ninety = 90 * DAY
    expiry = 7 * DAY
    kept = {
        invitation(accepted_at=now - ninety + SECOND),
        invitation(cancelled_at=now - ninety + SECOND),
        invitation(created_at=now - ninety - expiry + SECOND),
        invitation(),
    }
    gone = {
        invitation(accepted_at=now - ninety - SECOND),
        invitation(cancelled_at=now - ninety - SECOND),
        invitation(created_at=now - ninety - expiry - SECOND),
    }

    apply_rules(now=now)

    remaining = left(Invitation)
    assert kept <= remaining
    assert not gone & remaining


def test_answered_representative_requests_go_after_180_days_and_pending_ones_stay(personas, now):
    alfa = personas.tenant

    def request(status, decided_at) -> int:
        with scopes_disabled():
            made = RepresentativeRequest.objects.create(
                tenant=alfa,
                organisation=personas.organisation,
                full_name="Ida Ansøger",
                email="ida@example.org",
                status=status,
                decided_at=decided_at,
            )
        backdate(RepresentativeRequest, made.pk, created_at=now - 400 * DAY)
        return made.pk

    inside = request(RepresentativeRequestStatus.DECLINED, now - 180 * DAY + SECOND)
    pending = request(RepresentativeRequestStatus.PENDING, None)
    outside = request(RepresentativeRequestStatus.APPROVED, now - 180 * DAY - SECOND)

    apply_rules(now=now)

    assert left(RepresentativeRequest) == {inside, pending}
    assert outside not in left(RepresentativeRequest)


# --- applications ----------------------------------------------------------------------------------------------


def _application(organisation, now, *, email: str, age: timedelta, **fields) -> int:
    opportunity = fields.pop("opportunity", None) or make_opportunity(organisation)
    with scopes_disabled():
        made = Application.objects.create(
            tenant=organisation.tenant,
            opportunity=opportunity,
            full_name="Gæst Gæstesen",
            email=email,
            phone="+45 11 22 33 44",
            message="Jeg vil gerne hjælpe.",
            **fields,
        )
    backdate(Application, made.pk, created_at=now - age)
    return made.pk


def test_a_guests_unconfirmed_application_goes_after_30_days_and_a_confirmed_one_stays(personas, now):
    organisation = personas.organisation
    inside = _application(organisation, now, email="a@example.org", age=30 * DAY - SECOND)
    outside = _application(organisation, now, email="b@example.org", age=30 * DAY + SECOND)
    confirmed = _application(
        organisation, now, email="c@example.org", age=400 * DAY, email_confirmed_at=now - 400 * DAY
    )

    runs = apply_rules(now=now)

    assert left(Application) == {inside, confirmed}
    assert outside not in left(Application)
    assert counts(runs)[("volunteering.unconfirmed_guest_applications", "alfa")] == 1


def test_closed_applications_are_anonymised_after_each_tenants_period_and_the_numbers_stay(personas, now):
    pytest.importorskip("frivillig.core.erasure")
    alfa_org, charlie_org = personas.organisation, personas.foreign_organisation
    choose(personas.tenant, closed_application_days=30)
    opportunity = make_opportunity(alfa_org)
    confirmed = {"email_confirmed_at": now - 500 * DAY}

    def closed(org, email, age, status=ApplicationStatus.DECLINED, **extra) -> int:
        return _application(
            org, now, email=email, age=500 * DAY, status=status, status_changed_at=now - age, **confirmed, **extra
        )

    alfa_inside = closed(alfa_org, "a1@example.org", 30 * DAY - SECOND, opportunity=opportunity)
    alfa_outside = closed(
        alfa_org, "a2@example.org", 30 * DAY + SECOND, ApplicationStatus.WITHDRAWN, opportunity=opportunity
    )
    alfa_open = _application(alfa_org, now, email="a3@example.org", age=500 * DAY, opportunity=opportunity, **confirmed)
    charlie_inside = closed(charlie_org, "c1@example.org", 365 * DAY - SECOND)
    charlie_outside = closed(charlie_org, "c2@example.org", 365 * DAY + SECOND)
    with scopes_disabled():
        before = sorted(Application.objects.values_list("opportunity_id", "status"))

    runs = apply_rules(now=now)

    with scopes_disabled():
        after = sorted(Application.objects.values_list("opportunity_id", "status"))
        named = set(Application.objects.filter(full_name="Gæst Gæstesen").values_list("pk", flat=True))
        unnamed = Application.objects.filter(pk__in=[alfa_outside, charlie_outside])
        assert all("Gæst" not in row.full_name and row.phone == "" and row.message == "" for row in unnamed)
    assert before == after
    assert {alfa_inside, alfa_open, charlie_inside} <= named
    assert not {alfa_outside, charlie_outside} & named
    assert counts(runs)[("volunteering.closed_applications", "alfa")] == 1
    assert counts(runs)[("volunteering.closed_applications", "charlie")] == 1
    # Idempotent: the anonymised applications are not due again.
    assert not {key for key in counts(apply_rules(now=now)) if key[0] == "volunteering.closed_applications"}


# --- the command: dry run, idempotence, audit entries -------------------------------------------------------------


def test_dry_run_lists_what_would_go_by_id_and_date_and_changes_nothing(personas, now):
    gone = _application(personas.organisation, timezone.now(), email="d@example.org", age=31 * DAY)
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    text = out.getvalue()
    assert left(Application) == {gone}
    assert "volunteering.unconfirmed_guest_applications [alfa]: 1 would go" in text
    assert f"volunteering.Application #{gone} (" in text
    assert "Gæst" not in text and "d@example.org" not in text
    assert "total: 1 would go" in text


def test_a_real_run_is_audit_logged_with_counts_and_a_second_run_is_a_no_op(personas, now):
    _application(personas.organisation, timezone.now(), email="e@example.org", age=31 * DAY)
    out = StringIO()

    call_command("apply_retention", stdout=out)

    assert "volunteering.unconfirmed_guest_applications: 1 removed" in out.getvalue()
    assert left(Application) == set()
    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(code="core.retention.applied"))
    assert [(entry.tenant, entry.data["rule"], entry.data["count"]) for entry in entries] == [
        (personas.tenant, "volunteering.unconfirmed_guest_applications", 1)
    ]
    again = StringIO()
    call_command("apply_retention", stdout=again)
    assert "total: 0 removed" in again.getvalue()
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="core.retention.applied").count() == 1


def test_an_anonymised_application_is_not_taken_for_an_unconfirmed_guests_later(personas, now):
    pytest.importorskip("frivillig.core.erasure")
    choose(personas.tenant, closed_application_days=30)
    closed = _application(
        personas.organisation,
        now,
        email="f@example.org",
        age=400 * DAY,
        status=ApplicationStatus.DECLINED,
        status_changed_at=now - 40 * DAY,
        email_confirmed_at=now - 400 * DAY,
    )
    apply_rules(now=now)

    # Anonymised, it has lost its confirmation time too; it stays for the statistics.
    runs = apply_rules(now=now + 60 * DAY)

    assert left(Application) == {closed}
    assert counts(runs) == {}


def test_archived_contacts_are_erased_after_each_tenants_period(personas, now):
    pytest.importorskip("frivillig.core.erasure")
    from frivillig.crm.models import Person
    from frivillig.testing import make_person

    choose(personas.tenant, crm_archived_person_days=183)
    alfa, charlie = personas.tenant, personas.other_tenant
    kept = {
        make_person(alfa, archived_at=now - 183 * DAY + SECOND).pk,
        make_person(alfa).pk,
        make_person(charlie, archived_at=now - 730 * DAY + SECOND).pk,
    }
    gone = {
        make_person(alfa, archived_at=now - 183 * DAY - SECOND).pk,
        make_person(charlie, archived_at=now - 730 * DAY - SECOND).pk,
    }

    runs = apply_rules(now=now)

    assert kept <= left(Person)
    assert not gone & left(Person)
    assert counts(runs)[("crm.archived_people", "alfa")] == 1
    assert counts(runs)[("crm.archived_people", "charlie")] == 1


def test_a_withdrawn_consent_goes_five_years_after_the_withdrawal(personas, now):
    from django.contrib.contenttypes.models import ContentType

    from frivillig.core.models import Consent

    person_type = ContentType.objects.get_for_model(personas.user("citizen"))

    def consent(withdrawn_at) -> int:
        with scopes_disabled():
            return Consent.objects.create(
                tenant=personas.tenant,
                purpose="core.test",
                subject_type=person_type,
                subject_id=str(personas.user("citizen").pk),
                text="Ja tak",
                language="da",
                method="web_form",
                given_at=now - 6 * 365 * DAY,
                withdrawn_at=withdrawn_at,
            ).pk

    five_years = 5 * 365 * DAY
    kept = {consent(None), consent(now - five_years + SECOND)}
    gone = consent(now - five_years - SECOND)

    apply_rules(now=now)

    assert left(Consent) == kept
    assert gone not in left(Consent)


def test_expired_sessions_go_and_live_ones_stay(personas, now):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    def session(expires) -> str:
        store = SessionStore()
        store["_auth_user_id"] = str(personas.user("citizen").pk)
        store.create()
        Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
        return store.session_key

    kept = {session(now + SECOND), session(now + 14 * DAY)}
    session(now - SECOND)

    runs = apply_rules(now=now)

    assert set(Session.objects.values_list("session_key", flat=True)) == kept
    assert counts(runs)[("core.expired_sessions", "")] == 1
    assert counts(apply_rules(now=now)).get(("core.expired_sessions", "")) is None


def test_the_django_admins_log_goes_after_the_audit_logs_national_period(personas, now):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    operator = personas.user("centre_staff")
    person_type = ContentType.objects.get_for_model(operator)

    def entry(age) -> int:
        return LogEntry.objects.create(
            user=operator,
            content_type=person_type,
            object_id="1",
            object_repr="Nogen",
            action_flag=CHANGE,
            action_time=now - age,
        ).pk

    five_years = 5 * 365 * DAY
    kept = {entry(DAY), entry(five_years - SECOND)}
    entry(five_years + SECOND)

    apply_rules(now=now)

    assert set(LogEntry.objects.values_list("pk", flat=True)) == kept
