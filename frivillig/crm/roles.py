"""An association representative's role is held for an organisation: crm's part of the kernel's roles.

The kernel (tenants) owns the role, its invitations and memberships and does not know organisations; it finds
this module through the registry (see `frivillig/tenants/role_extensions.py` for the contract) and asks it what
the invitation form needs, what an invitation and a membership are for, and what accepting an invitation gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.widgets import AutocompleteSelect
from frivillig.tenants.enums import Role

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Invitation, Membership, Tenant

ROLE = Role.ASSOCIATION_REP
MEMBERSHIP_TARGET = "representative__organisation_id"
MEMBERSHIP_RELATED = "representative__organisation"
INVITATION_RELATED = "representative__organisation"


def invitation_form_fields(*, tenant: Tenant) -> dict[str, forms.Field]:
    from frivillig.crm.selectors import active_organisations

    return {
        "organisation": forms.ModelChoiceField(
            label=gettext_lazy("Organisation"),
            queryset=active_organisations(tenant),
            required=False,
            help_text=gettext_lazy("Only for an association representative: the organisation they represent."),
            widget=AutocompleteSelect,
        )
    }


def invitation_form_clean(*, tenant: Tenant, email: str, cleaned: dict) -> dict:
    """The organisation chosen for the role; the person must not represent it already or be invited to."""
    from frivillig.crm.services.representatives import representative_invitation_problem

    organisation = cleaned.get("organisation")
    if organisation is None:
        raise forms.ValidationError({"organisation": _("Choose the organisation the person will represent.")})
    problem = representative_invitation_problem(organisation=organisation, email=email)
    if problem:
        raise forms.ValidationError(problem)
    return {"organisation": organisation}


def invitation_created(*, invitation: Invitation, details: dict) -> dict:
    from frivillig.crm.models import RepresentativeInvitation

    organisation = details["organisation"]
    RepresentativeInvitation.objects.create(
        tenant=invitation.tenant,
        invitation=invitation,
        organisation=organisation,
        full_name=details.get("full_name", ""),
    )
    return {"organisation": organisation.pk}


def invitation_accepted(*, invitation: Invitation, user: User) -> Membership:
    from frivillig.crm.services.representatives import representative_grant

    return representative_grant(
        organisation=invitation.representative.organisation, user=user, actor=invitation.invited_by
    )


def invitation_initial(invitation: Invitation) -> dict:
    held = getattr(invitation, "representative", None)
    return {"full_name": held.full_name} if held and held.full_name else {}


def membership_label(membership: Membership) -> str:
    representative = getattr(membership, "representative", None)
    return representative.organisation.name if representative else ""


def invitation_label(invitation: Invitation) -> str:
    held = getattr(invitation, "representative", None)
    return held.organisation.name if held else ""


def invitation_note(invitation: Invitation) -> str:
    label = invitation_label(invitation)
    return _("You will represent %(organisation)s.") % {"organisation": label} if label else ""
