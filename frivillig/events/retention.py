"""Retention rules for events (see core/retention.py): registrations' contact details and answers are anonymised a
tenant-chosen period after the event (attendance stays, as counts), and a guest's registration whose e-mail address
was never confirmed is deleted after 30 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

from frivillig.core.retention import RetentionRule, cutoff, period_days
from frivillig.events.enums import RegistrationStatus
from frivillig.events.models import Attendance, Registration

# The register's period (events/privacy.py, Registration.email_confirmed_at).
UNCONFIRMED_GUEST_DAYS = 30


def _anonymised() -> models.Q:
    """A registration the erasure service has already anonymised (events/privacy.py gives it an address of its own
    that reaches nobody): nothing about the person is left, and its counts stay."""
    return models.Q(email__startswith="slettet-", email__endswith="@example.invalid")


def _held_registrations_due(tenant, now: datetime) -> models.QuerySet[Registration]:
    days = period_days("events_registration_days", tenant)
    return (
        Registration.objects.filter(event__ends_at__lt=cutoff(days, now))
        .exclude(status=RegistrationStatus.UNCONFIRMED)
        .exclude(_anonymised())
        .order_by("pk")
    )


def _held_registrations_anonymise(rows: models.QuerySet[Registration], tenant, now: datetime) -> int:
    due = list(rows.values_list("pk", flat=True))
    if not due:
        return 0
    from frivillig.core.erasure import erase_rows

    reason = "retention: the event ended longer ago than the centre's period"
    # Who came to which session stays (the statistics count it); who recorded it goes with the rest.
    erase_rows("events.Attendance", Attendance.objects.filter(registration__in=due), reason=reason)
    return erase_rows("events.Registration", Registration.objects.filter(pk__in=due), reason=reason)


def _unconfirmed_due(tenant, now: datetime) -> models.QuerySet[Registration]:
    return (
        Registration.objects.filter(
            status=RegistrationStatus.UNCONFIRMED,
            email_confirmed_at=None,
            created_at__lt=now - timedelta(days=UNCONFIRMED_GUEST_DAYS),
        )
        .exclude(_anonymised())
        .order_by("pk")
    )


def _unconfirmed_delete(rows: models.QuerySet[Registration], tenant, now: datetime) -> int:
    return (
        Registration.objects.filter(pk__in=list(rows.values_list("pk", flat=True)))
        .delete()[1]
        .get(Registration._meta.label, 0)
    )


RULES = [
    RetentionRule(
        key="events.held_registrations",
        description_da=(
            "Tilmeldinger til et afholdt arrangement anonymiseres efter centrets periode (navn, kontaktoplysninger "
            "og svar slettes); fremmødet bevares som tal."
        ),
        description_en=(
            "Registrations for an event that has taken place are anonymised after the centre's period (name, "
            "contact details and answers are deleted); attendance is kept as counts."
        ),
        due=_held_registrations_due,
        apply=_held_registrations_anonymise,
        enforces=("events_registration_days",),
    ),
    RetentionRule(
        key="events.unconfirmed_guest_registrations",
        description_da="En gæsts tilmelding, hvor e-mailadressen aldrig blev bekræftet, slettes efter 30 dage.",
        description_en="A guest's registration whose e-mail address was never confirmed is deleted after 30 days.",
        due=_unconfirmed_due,
        apply=_unconfirmed_delete,
        enforces=("events.Registration.email_confirmed_at",),
    ),
]
