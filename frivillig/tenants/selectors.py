from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frivillig.accounts.models import User
from frivillig.core.models import AccessEntry, AuditEntry
from frivillig.core.scoping import unscoped
from frivillig.tenants import role_extensions
from frivillig.tenants.enums import STAFF_ROLES, Role
from frivillig.tenants.models import Invitation, Membership, Tenant

if TYPE_CHECKING:
    from datetime import date

    from django.contrib.auth.models import AnonymousUser


def active_tenants() -> QuerySet[Tenant]:
    return Tenant.objects.filter(is_active=True).order_by("name")


def active_tenant_by_slug(slug: str) -> Tenant | None:
    return Tenant.objects.filter(slug=slug, is_active=True).first()


def _all_roles(user: User) -> dict[int, frozenset[str]]:
    """The person's roles in every tenant, read once per request and cached on the user object.

    This is the one read across tenants outside admin and commands: a person's own memberships are theirs
    whatever tenant they are looking at, and the permission check needs them to tell "wrong role" (403) from
    "another tenant" (404). It is cached per request, so a revoked role stops working on the next request.
    """
    cached = getattr(user, "_frivillig_roles", None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        held_for: dict[int, dict[str, set[int]]] = {}
        # What a role is held for (a representative's organisation) is kept by the app that extends the role;
        # its lookup joins it into this one query (tenants/role_extensions.py).
        targets = role_extensions.membership_targets()
        with unscoped("a person's own roles count in every tenant (wrong role 403, another tenant 404)"):
            rows = Membership.objects.filter(user=user).values_list(
                "tenant_id", "role", *(lookup for _role, lookup in targets)
            )
            for tenant_id, role, *target_ids in rows:
                roles.setdefault(tenant_id, set()).add(role)
                for (target_role, _lookup), target_id in zip(targets, target_ids, strict=True):
                    if role == target_role and target_id is not None:
                        held_for.setdefault(tenant_id, {}).setdefault(role, set()).add(target_id)
        cached = {tenant_id: frozenset(values) for tenant_id, values in roles.items()}
        user._frivillig_roles = cached
        user._frivillig_held_for = {
            tenant_id: {role: frozenset(ids) for role, ids in by_role.items()}
            for tenant_id, by_role in held_for.items()
        }
    return cached


def represented_organisation_ids(user: User | AnonymousUser, tenant: Tenant) -> frozenset[int]:
    """The organisations this person represents in the tenant (as association representative); crm keeps which."""
    if not user.is_authenticated:
        return frozenset()
    _all_roles(user)
    return user._frivillig_held_for.get(tenant.pk, {}).get(Role.ASSOCIATION_REP, frozenset())


def roles_for(user: User | AnonymousUser, tenant: Tenant) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    return _all_roles(user).get(tenant.pk, frozenset())


def holds_staff_role(user: User | AnonymousUser) -> bool:
    """Whether the person holds a staff role in any tenant (read with their roles, once per request)."""
    return user.is_authenticated and any(set(roles) & set(STAFF_ROLES) for roles in _all_roles(user).values())


def is_member_elsewhere_only(user: User | AnonymousUser, tenant: Tenant) -> bool:
    if not user.is_authenticated:
        return False
    roles = _all_roles(user)
    return tenant.pk not in roles and bool(roles)


def tenants_of(user: User | AnonymousUser) -> QuerySet[Tenant]:
    if not user.is_authenticated:
        return Tenant.objects.none()
    return Tenant.objects.filter(pk__in=list(_all_roles(user))).order_by("name")


def memberships_for_admin(tenant: Tenant) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(tenant=tenant)
        .select_related("user", *role_extensions.membership_related())
        .order_by("user__full_name", "role", "pk")
    )


def open_invitations(tenant: Tenant) -> QuerySet[Invitation]:
    return Invitation.objects.filter(tenant=tenant, accepted_at=None, cancelled_at=None).select_related(
        "invited_by", *role_extensions.invitation_related()
    )


# --- the tenant's audit log ----------------------------------------------------------------------------------


def audit_entries(
    tenant: Tenant,
    *,
    code: str = "",
    actor_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """The tenant's log, newest first (the model's order), narrowed to one kind of action, one person and a period
    of days (both ends included, in Danish time)."""
    entries = AuditEntry.objects.filter(tenant=tenant).select_related("actor")
    if code:
        entries = entries.filter(code=code)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if date_from is not None:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries


def audit_codes(tenant: Tenant) -> set[str]:
    """The kinds of action the tenant's log holds, for its filter."""
    return set(AuditEntry.objects.filter(tenant=tenant).values_list("code", flat=True))


def audit_actors(tenant: Tenant) -> QuerySet[User]:
    """The people who did something in the tenant's log, by name, for its filter."""
    return (
        User.objects.filter(pk__in=AuditEntry.objects.filter(tenant=tenant).values("actor_id"))
        .order_by("full_name")
        .only("pk", "full_name", "email")
    )


def access_entries(
    tenant: Tenant,
    *,
    what: str = "",
    actor_id: int | None = None,
    subject: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AccessEntry]:
    """The tenant's access log (who read sensitive records), newest first, narrowed to one kind of record, one
    reader, a name in the record read and a period of days (both ends included, in Danish time)."""
    entries = AccessEntry.objects.filter(tenant=tenant).select_related("actor")
    if what:
        entries = entries.filter(what=what)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if subject:
        entries = entries.filter(subject_label__icontains=subject)
    if date_from is not None:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries


def access_codes(tenant: Tenant) -> set[str]:
    """The kinds of reading the tenant's access log holds, for its filter."""
    return set(AccessEntry.objects.filter(tenant=tenant).values_list("what", flat=True).distinct())


def access_actors(tenant: Tenant) -> QuerySet[User]:
    """The people who read something in the tenant's access log, by name, for its filter."""
    return (
        User.objects.filter(pk__in=AccessEntry.objects.filter(tenant=tenant).values("actor_id"))
        .order_by("full_name")
        .only("pk", "full_name", "email")
    )
