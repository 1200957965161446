"""Who represents an association: the requests of people without a login to become its representative, and the
centre's answer to them. An approved request becomes the kernel's ordinary invitation to the representative role,
so the person sets up their login the same way as anyone the centre invites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frivillig.core.email import send_templated_mail
from frivillig.core.links import absolute_url
from frivillig.core.services import log_action
from frivillig.crm.enums import RepresentativeRequestStatus
from frivillig.crm.models import Organisation, Representative, RepresentativeInvitation, RepresentativeRequest
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership
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
    tenant = organisation.tenant
    if tenant.email:
        # The centre hears of it at once: an association without a representative is where volunteers get lost.
        link = absolute_url(reverse("crm:unrepresented_list", kwargs={"tenant_slug": tenant.slug}))
        transaction.on_commit(
            lambda: send_templated_mail(
                to=tenant.email,
                template="crm/email/representative_request_received",
                context={"representative_request": representative_request, "tenant": tenant, "link": link},
            )
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
    problem = representative_invitation_problem(organisation=locked.organisation, email=locked.email)
    if problem:
        raise RepresentativeRequestError(problem)
    invitation = representative_invite(
        organisation=locked.organisation,
        email=locked.email,
        invited_by=actor,
        base_url=base_url,
        full_name=locked.full_name,
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
    # The person who asked always learns the answer (an approval reaches them as the invitation).
    transaction.on_commit(
        lambda: send_templated_mail(
            to=locked.email,
            template="crm/email/representative_request_declined",
            context={"representative_request": locked, "tenant": locked.tenant},
        )
    )
    log_action(
        "crm.representative_request.declined",
        actor=actor,
        tenant=locked.tenant,
        target=locked,
        data={"organisation": locked.organisation_id, "reason": locked.decline_reason},
    )
    return locked


def representative_invitation_problem(*, organisation: Organisation, email: str) -> str:
    """Why `email` cannot be invited to represent `organisation` (already does, or already invited), else ""."""
    from django.utils.translation import gettext as _

    if Representative.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        return _("This person already represents the organisation.")
    invited = RepresentativeInvitation.objects.filter(
        organisation=organisation,
        invitation__email__iexact=email,
        invitation__accepted_at=None,
        invitation__cancelled_at=None,
    )
    if invited.exists():
        return _("An invitation to represent the organisation has already been sent to this address.")
    return ""


@transaction.atomic
def representative_invite(
    *, organisation: Organisation, email: str, invited_by: User | None, base_url: str, full_name: str = ""
) -> Invitation:
    """Invite `email` to represent `organisation` through the kernel's invitation flow (mail, link, acceptance);
    the kernel asks crm's roles.py to keep the organisation beside the invitation."""
    return invitation_create(
        tenant=organisation.tenant,
        email=email,
        role=Role.ASSOCIATION_REP,
        details={"organisation": organisation, "full_name": full_name.strip()},
        invited_by=invited_by,
        base_url=base_url,
    )


@transaction.atomic
def representative_grant(*, organisation: Organisation, user: User, actor: User | None = None) -> Membership:
    """Make `user` a representative of `organisation` (a no-op when they already are): the kernel's membership in
    the role, and the organisation it is for. Used by an accepted invitation, the demo and the tests."""
    # Locking the organisation makes two grants of the same person to it at once take turns.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    existing = Representative.objects.filter(organisation=organisation, user=user).select_related("membership").first()
    if existing is not None:
        return existing.membership
    membership = Membership.objects.create(
        tenant=organisation.tenant, user=user, role=Role.ASSOCIATION_REP, created_by=actor
    )
    Representative.objects.create(
        tenant=organisation.tenant, membership=membership, organisation=organisation, user=user
    )
    log_action(
        "tenants.membership.granted",
        actor=actor,
        tenant=organisation.tenant,
        target=membership,
        data={"role": Role.ASSOCIATION_REP, "organisation": organisation.pk},
    )
    return membership
