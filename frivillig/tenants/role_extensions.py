"""Roles held for something an app above the kernel keeps: an association representative's organisation is crm's.

The kernel owns roles, memberships and invitations and never imports the apps above it. An app that ties a role to
one of its records says how in its `roles.py`, found by `core.registry`; the kernel asks it here:

    ROLE = "association_rep"                  # the role the app ties to its records; held once per record
    MEMBERSHIP_TARGET = "representative__organisation_id"   # from a Membership to the record's id, read with
                                              # the person's roles in the one query that loads them
    MEMBERSHIP_RELATED = INVITATION_RELATED = "representative__organisation"   # joined where they are listed
    invitation_form_fields(*, tenant) -> dict[str, Field]      # what the invitation form asks for this role
    invitation_form_clean(*, tenant, email, cleaned) -> dict   # the role's details, or ValidationError
    invitation_created(*, invitation, details) -> dict         # keeps the details; returns what the log records
    invitation_accepted(*, invitation, user) -> Membership     # the membership the accepted invitation gives
    membership_label(membership) -> str                        # what the membership is for ("Alfa Besøgsvenner")
    invitation_label(invitation) -> str                        # what the invitation is for, likewise
    invitation_note(invitation) -> str                         # a sentence for the invitation ("You will ...")
    invitation_initial(invitation) -> dict                     # what the sign-up form starts with (a known name)

A role no app claims is held at most once per person and tenant and needs nothing more.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from frivillig.core import registry

if TYPE_CHECKING:
    from frivillig.tenants.models import Invitation, Membership


def extensions() -> list[ModuleType]:
    # As with `registry.collect`, a module without the attribute adds nothing.
    return [module for _config, module in registry.app_modules("roles") if hasattr(module, "ROLE")]


def extension_for(role: str) -> ModuleType | None:
    """The app module that ties `role` to its records, if one does."""
    return next((module for module in extensions() if role == module.ROLE), None)


def membership_targets() -> list[tuple[str, str]]:
    """(role, lookup) for each extended role: the id of the record a membership of that role is for."""
    return [(module.ROLE, module.MEMBERSHIP_TARGET) for module in extensions()]


def membership_related() -> list[str]:
    return [module.MEMBERSHIP_RELATED for module in extensions()]


def invitation_related() -> list[str]:
    return [module.INVITATION_RELATED for module in extensions()]


def membership_label(membership: Membership) -> str:
    extension = extension_for(membership.role)
    return extension.membership_label(membership) if extension else ""


def invitation_label(invitation: Invitation) -> str:
    extension = extension_for(invitation.role)
    return extension.invitation_label(invitation) if extension else ""


def invitation_initial(invitation: Invitation) -> dict:
    extension = extension_for(invitation.role)
    return extension.invitation_initial(invitation) if extension else {}


def invitation_note(invitation: Invitation) -> str:
    extension = extension_for(invitation.role)
    return extension.invitation_note(invitation) if extension else ""
