"""Who represents an association: the requests of people without a login to become its representative, and the
centre's answer to them. An approved request becomes the kernel's ordinary invitation to the representative role,
so the person sets up their login the same way as anyone the centre invites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frivillig.core.services import log_action
from frivillig.crm.enums import RepresentativeRequestStatus
from frivillig.crm.models import Organisation, RepresentativeRequest
from frivillig.tenants.enums import Role
from frivillig.tenants.services import invitation_create

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Invitation


class RepresentativeRequestError(Exception):
    """The request has already been decided; the message says so in words for the person deciding."""


@transaction.atomic
def representative_request_create(
    *, organisation: Organisation, full_name: str, email: str, phone: str = "", message: str = ""
) -> RepresentativeRequest:
    """Record someone's wish to represent `organisation`. Nobody is logged in: the centre decides later."""
    representative_request = RepresentativeRequest.objects.create(
        tenant=organisation.tenant,
        organisation=organisation,
        full_name=full_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        message=message.strip(),
    )
    log_action(
        "crm.representative_request.received",
        tenant=organisation.tenant,
        target=representative_request,
        data={"organisation": organisation.pk, "email": representative_request.email},
    )
    return representative_request


def _lock_pending(representative_request: RepresentativeRequest) -> RepresentativeRequest:
    from django.utils.translation import gettext as _

    locked = RepresentativeRequest.objects.select_for_update().get(
        pk=representative_request.pk, tenant=representative_request.tenant
    )
    if locked.status != RepresentativeRequestStatus.PENDING:
        raise RepresentativeRequestError(_("This request has already been answered."))
    return locked


@transaction.atomic
def representative_request_approve(
    *, representative_request: RepresentativeRequest, actor: User | None, base_url: str
) -> Invitation:
    """Approve the request: the person is invited to the representative role of the organisation, by mail."""
    locked = _lock_pending(representative_request)
    invitation = representative_invite(
        organisation=locked.organisation, email=locked.email, invited_by=actor, base_url=base_url
    )
    locked.status = RepresentativeRequestStatus.APPROVED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(
        "crm.representative_request.approved",
        actor=actor,
        tenant=locked.tenant,
        target=locked,
        data={"organisation": locked.organisation_id, "invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def representative_request_decline(
    *, representative_request: RepresentativeRequest, actor: User | None, reason: str
) -> RepresentativeRequest:
    locked = _lock_pending(representative_request)
    locked.status = RepresentativeRequestStatus.DECLINED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decline_reason = reason.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    log_action(
        "crm.representative_request.declined",
        actor=actor,
        tenant=locked.tenant,
        target=locked,
        data={"organisation": locked.organisation_id, "reason": locked.decline_reason},
    )
    return locked


@transaction.atomic
def representative_invite(
    *, organisation: Organisation, email: str, invited_by: User | None, base_url: str
) -> Invitation:
    """Invite `email` to represent `organisation` through the kernel's invitation flow (mail, link, acceptance)."""
    return invitation_create(
        tenant=organisation.tenant,
        email=email,
        role=Role.ASSOCIATION_REP,
        organisation=organisation,
        invited_by=invited_by,
        base_url=base_url,
    )
