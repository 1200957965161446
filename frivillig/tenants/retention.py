"""Retention rules for a tenant's invitations (see core/retention.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from frivillig.core.retention import RetentionRule
from frivillig.tenants.models import Invitation

# The register's period (tenants/privacy.py): 90 days after an invitation was accepted, cancelled or expired.
INVITATION_KEPT_DAYS = 90


def _invitations_due(tenant, now: datetime) -> models.QuerySet[Invitation]:
    before = now - timedelta(days=INVITATION_KEPT_DAYS)
    expired_before = before - timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    return Invitation.objects.filter(
        models.Q(accepted_at__lt=before)
        | models.Q(cancelled_at__lt=before)
        | models.Q(accepted_at=None, cancelled_at=None, created_at__lt=expired_before)
    ).order_by("pk")


def _invitations_delete(rows: models.QuerySet[Invitation], tenant, now: datetime) -> int:
    # An invitation's own records (crm's link to the organisation of a representative's invitation) go with it.
    return rows.delete()[1].get(Invitation._meta.label, 0)


RULES = [
    RetentionRule(
        key="tenants.invitations",
        description_da="Invitationer slettes 90 dage efter, at de er taget imod, annulleret eller udløbet.",
        description_en="Invitations are deleted 90 days after they were accepted, cancelled or expired.",
        due=_invitations_due,
        apply=_invitations_delete,
        enforces=("tenants.Invitation",),
    ),
]
