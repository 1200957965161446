"""Retention rules for the centre's contacts (see core/retention.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

from frivillig.core.retention import RetentionRule, cutoff, period_days
from frivillig.crm.enums import RepresentativeRequestStatus
from frivillig.crm.models import Person, RepresentativeRequest

# The register's period (crm/privacy.py): 180 days after a request to become a representative was answered.
ANSWERED_REQUEST_KEPT_DAYS = 180


def _archived_people_due(tenant, now: datetime) -> models.QuerySet[Person]:
    days = period_days("crm_archived_person_days", tenant)
    return Person.objects.filter(archived_at__lt=cutoff(days, now)).order_by("pk")


def _archived_people_erase(rows: models.QuerySet[Person], tenant, now: datetime) -> int:
    people = list(rows)
    if not people:
        return 0
    from frivillig.core.erasure import erase_person

    for person in people:
        erase_person(person=person, actor=None, reason="retention: archived longer than the centre's period")
    return len(people)


def _answered_requests_due(tenant, now: datetime) -> models.QuerySet[RepresentativeRequest]:
    return (
        RepresentativeRequest.objects.exclude(status=RepresentativeRequestStatus.PENDING)
        .filter(decided_at__lt=now - timedelta(days=ANSWERED_REQUEST_KEPT_DAYS))
        .order_by("pk")
    )


def _answered_requests_delete(rows: models.QuerySet[RepresentativeRequest], tenant, now: datetime) -> int:
    return rows.delete()[1].get(RepresentativeRequest._meta.label, 0)


RULES = [
    RetentionRule(
        key="crm.archived_people",
        description_da="Arkiverede kontaktpersoner slettes, når centrets opbevaringsperiode er gået.",
        description_en="Archived contacts are deleted when the centre's retention period is over.",
        due=_archived_people_due,
        apply=_archived_people_erase,
        enforces=("crm_archived_person_days",),
        dated_by="archived_at",
    ),
    RetentionRule(
        key="crm.answered_representative_requests",
        description_da="Anmodninger om at blive repræsentant slettes 180 dage efter, at de er besvaret.",
        description_en="Requests to become a representative are deleted 180 days after they were answered.",
        due=_answered_requests_due,
        apply=_answered_requests_delete,
        enforces=("crm.RepresentativeRequest",),
        dated_by="decided_at",
    ),
]
