"""Reads about who represents the associations: the ones nobody with a login represents, and the requests of
people who want to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet

from frivillig.crm.enums import OrganisationKind, RepresentativeRequestStatus
from frivillig.crm.models import Organisation, RepresentativeRequest
from frivillig.crm.selectors.common import active_organisations
from frivillig.tenants.models import Membership

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant


def organisations_without_representative(tenant: Tenant) -> QuerySet[Organisation]:
    """The tenant's associations (not archived) that no one with an active login represents, by name."""
    represented = Membership.objects.filter(organisation=OuterRef("pk"), user__is_active=True)
    return (
        active_organisations(tenant)
        .filter(kind=OrganisationKind.ASSOCIATION)
        .exclude(Exists(represented))
        .order_by("name", "pk")
    )


def pending_representative_requests(tenant: Tenant) -> QuerySet[RepresentativeRequest]:
    """Requests the centre has not answered yet, oldest first (the longest waiting come first)."""
    return (
        RepresentativeRequest.objects.filter(tenant=tenant, status=RepresentativeRequestStatus.PENDING)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
