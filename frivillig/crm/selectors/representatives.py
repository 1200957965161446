"""Reads about who represents the associations: the ones nobody with a login represents, and the requests of
people who want to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from frivillig.crm.enums import OrganisationKind, RepresentativeRequestStatus
from frivillig.crm.models import Organisation, OrganisationRole, Representative, RepresentativeRequest
from frivillig.crm.selectors.common import active_organisations

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant


def representative_exists(organisation_ref: str = "pk") -> Exists:
    """Whether the organisation at `organisation_ref` has a representative who can log in (an active account).
    Build it where a tenant scope is open, or inside `unscoped`."""
    return Exists(Representative.objects.filter(organisation=OuterRef(organisation_ref), user__is_active=True))


def organisations_without_representative(tenant: Tenant) -> QuerySet[Organisation]:
    """The tenant's associations (not archived) that no one with an active login represents, by name."""
    return (
        active_organisations(tenant)
        .filter(kind=OrganisationKind.ASSOCIATION)
        .exclude(representative_exists())
        .order_by("name", "pk")
    )


def organisation_representatives(organisation: Organisation) -> QuerySet[Representative]:
    """The people who represent the organisation with a login, by name (for its page)."""
    return (
        Representative.objects.filter(organisation=organisation, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def pending_representative_requests(tenant: Tenant) -> QuerySet[RepresentativeRequest]:
    """Requests the centre has not answered yet, oldest first (the longest waiting come first)."""
    return (
        RepresentativeRequest.objects.filter(tenant=tenant, status=RepresentativeRequestStatus.PENDING)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )


def invitable_contacts(organisation: Organisation) -> QuerySet[OrganisationRole]:
    """The organisation's current contact people with an e-mail address: whom the centre may invite to represent
    it. One row per role, by name; the person is joined."""
    today = timezone.localdate()
    return (
        OrganisationRole.objects.filter(organisation=organisation, person__archived_at=None)
        .exclude(person__email="")
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))  # one that ends today has ended
        .select_related("person")
        .order_by("person__full_name", "pk")
    )


def organisation_representative_requests(organisation: Organisation) -> QuerySet[RepresentativeRequest]:
    """The organisation's requests the centre has not answered yet, oldest first."""
    return RepresentativeRequest.objects.filter(
        organisation=organisation, status=RepresentativeRequestStatus.PENDING
    ).order_by("created_at", "pk")


def unrepresented_for_list(tenant: Tenant, search: str = "") -> QuerySet[Organisation]:
    """The list page's associations without a representative, narrowed by a word in the name, each with how many
    requests to represent it wait for an answer."""
    queryset = organisations_without_representative(tenant)
    if search:
        queryset = queryset.filter(name__icontains=search)
    pending = Count(
        "representative_requests", filter=Q(representative_requests__status=RepresentativeRequestStatus.PENDING)
    )
    return queryset.annotate(pending_requests=pending)
