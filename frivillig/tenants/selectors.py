from django.db.models import QuerySet

from frivillig.core.scoping import unscoped
from frivillig.tenants.models import Invitation, Membership, Tenant


def active_tenants() -> QuerySet[Tenant]:
    return Tenant.objects.filter(is_active=True).order_by("name")


def active_tenant_by_slug(slug: str) -> Tenant | None:
    return Tenant.objects.filter(slug=slug, is_active=True).first()


def _all_roles(user) -> dict[int, frozenset[str]]:
    """The person's roles in every tenant, read once per request and cached on the user object.

    This is the one read across tenants outside admin and commands: a person's own memberships are theirs
    whatever tenant they are looking at, and the permission check needs them to tell "wrong role" (403) from
    "another tenant" (404). It is cached per request, so a revoked role stops working on the next request.
    """
    cached = getattr(user, "_frivillig_roles", None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        represented: dict[int, set[int]] = {}
        with unscoped("a person's own roles count in every tenant (wrong role 403, another tenant 404)"):
            rows = Membership.objects.filter(user=user).values_list("tenant_id", "role", "organisation_id")
            for tenant_id, role, organisation_id in rows:
                roles.setdefault(tenant_id, set()).add(role)
                if organisation_id is not None:
                    represented.setdefault(tenant_id, set()).add(organisation_id)
        cached = {tenant_id: frozenset(values) for tenant_id, values in roles.items()}
        user._frivillig_roles = cached
        user._frivillig_represented = {tenant_id: frozenset(ids) for tenant_id, ids in represented.items()}
    return cached


def represented_organisation_ids(user, tenant: Tenant) -> frozenset[int]:
    """The organisations this person represents in the tenant (as association representative)."""
    if not user.is_authenticated:
        return frozenset()
    _all_roles(user)
    return user._frivillig_represented.get(tenant.pk, frozenset())


def roles_for(user, tenant: Tenant) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    return _all_roles(user).get(tenant.pk, frozenset())


def is_member_elsewhere_only(user, tenant: Tenant) -> bool:
    if not user.is_authenticated:
        return False
    roles = _all_roles(user)
    return tenant.pk not in roles and bool(roles)


def tenants_of(user) -> QuerySet[Tenant]:
    if not user.is_authenticated:
        return Tenant.objects.none()
    return Tenant.objects.filter(pk__in=list(_all_roles(user))).order_by("name")


def memberships_for_admin(tenant: Tenant) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(tenant=tenant)
        .select_related("user", "organisation")
        .order_by("user__full_name", "role")
    )


def open_invitations(tenant: Tenant) -> QuerySet[Invitation]:
    return Invitation.objects.filter(tenant=tenant, accepted_at=None, cancelled_at=None).select_related(
        "invited_by", "organisation"
    )
