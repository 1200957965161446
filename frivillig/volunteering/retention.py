"""Retention rules for applications (see core/retention.py).

A guest's application whose e-mail address was never confirmed is deleted after 30 days: the association never saw
it. A closed application (declined or withdrawn) is anonymised after the centre's period, through the erasure
service: it keeps what the statistics count (opportunity, status, dates) and loses the applicant.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models.functions import Coalesce

from frivillig.core.retention import RetentionRule, cutoff, period_days
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote

# The register's period (volunteering/privacy.py, Application.email_confirmed_at).
UNCONFIRMED_GUEST_DAYS = 30
CLOSED_STATUSES = [ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN]


def _unconfirmed_due(tenant, now: datetime) -> models.QuerySet[Application]:
    return (
        Application.objects.filter(email_confirmed_at=None, created_at__lt=now - timedelta(days=UNCONFIRMED_GUEST_DAYS))
        .exclude(_anonymised())
        .order_by("pk")
    )


def _unconfirmed_delete(rows: models.QuerySet[Application], tenant, now: datetime) -> int:
    # Its history and notes go with it.
    return rows.delete()[1].get(Application._meta.label, 0)


def _closed_due(tenant, now: datetime) -> models.QuerySet[Application]:
    days = period_days("closed_application_days", tenant)
    return (
        Application.objects.annotate(closed_at=Coalesce("status_changed_at", "created_at"))
        .filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff(days, now))
        .exclude(_anonymised())
        .order_by("pk")
    )


def _anonymised() -> models.Q:
    """An application the erasure service has already anonymised (volunteering/privacy.py gives it an address of
    its own that reaches nobody): no applicant is left to remove, and its statistics stay."""
    return models.Q(email__startswith="slettet-", email__endswith="@example.invalid")


def _closed_anonymise(rows: models.QuerySet[Application], tenant, now: datetime) -> int:
    due = list(rows.values_list("pk", flat=True))
    if not due:
        return 0
    from frivillig.core.erasure import erase_rows

    reason = "retention: closed longer than the centre's period"
    # The application's history loses its messages and its notes go, as when the applicant is erased.
    erase_rows("volunteering.ApplicationEvent", ApplicationEvent.objects.filter(application__in=due), reason=reason)
    erase_rows("volunteering.ApplicationNote", ApplicationNote.objects.filter(application__in=due), reason=reason)
    return erase_rows("volunteering.Application", Application.objects.filter(pk__in=due), reason=reason)


RULES = [
    RetentionRule(
        key="volunteering.unconfirmed_guest_applications",
        description_da="En gæsts ansøgning, hvor e-mailadressen aldrig blev bekræftet, slettes efter 30 dage.",
        description_en="A guest's application whose e-mail address was never confirmed is deleted after 30 days.",
        due=_unconfirmed_due,
        apply=_unconfirmed_delete,
        enforces=("volunteering.Application.email_confirmed_at",),
    ),
    RetentionRule(
        key="volunteering.closed_applications",
        description_da="Afviste og tilbagetrukne ansøgninger anonymiseres efter centrets periode; tallene bevares.",
        description_en="Declined and withdrawn applications are anonymised after the centre's period; the numbers "
        "stay.",
        due=_closed_due,
        apply=_closed_anonymise,
        enforces=("closed_application_days",),
        dated_by="closed_at",
    ),
]
