"""Reads for the pages where associations and centre staff keep their volunteer opportunities.

Centre staff keep the opportunities of every organisation of the tenant; a representative only those of the
organisations they represent. Every read here goes through `keepable_opportunities`, so another association's
opportunity is simply not found (404).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from frivillig.core.scoping import unscoped
from frivillig.crm.models import Organisation, OrganisationRole
from frivillig.crm.selectors import active_organisations, represented_organisations
from frivillig.crm.selectors.organisations import text_search
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.board import visible_opportunities, with_publicly_listed

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

# `sorter` values the list URL may carry; anything else falls back to the first.
OPPORTUNITY_SORTS: dict[str, tuple[str, ...]] = {
    "aendret": ("-updated_at", "-pk"),
    "titel": ("title", "pk"),
    "udloeber": ("expires_on", "title", "pk"),
}


def keeps_every_organisation(user: User, tenant: Tenant) -> bool:
    """Centre staff, who may edit any organisation of the register, keep every organisation's opportunities."""
    return user.has_perm("crm.edit_register", tenant)


def keepable_organisations(user: User, tenant: Tenant) -> QuerySet[Organisation]:
    """The organisations this person may create opportunities for."""
    if keeps_every_organisation(user, tenant):
        return active_organisations(tenant)
    return represented_organisations(user, tenant)


def keepable_opportunities(user: User, tenant: Tenant) -> QuerySet[Opportunity]:
    """The opportunities this person may see and change on the administration pages."""
    queryset = Opportunity.objects.filter(tenant=tenant)
    if not keeps_every_organisation(user, tenant):
        queryset = queryset.filter(organisation__in=represented_organisations(user, tenant))
    return queryset.select_related("organisation", "contact_person")


def opportunity_for_keeper(user: User, tenant: Tenant) -> QuerySet[Opportunity]:
    """For the edit page and the status actions: one opportunity with its tags, whether the public boards show
    it now (`is_on_board`), and how many applications the association can see (`confirmed_applications`)."""
    return (
        keepable_opportunities(user, tenant)
        .annotate(
            confirmed_applications=Count("applications", filter=Q(applications__email_confirmed_at__isnull=False)),
            is_on_board=Exists(visible_opportunities(tenant).filter(pk=OuterRef("pk"))),
        )
        .prefetch_related("activity_areas", "target_groups", "skills", "inclusion")
    )


# An association's public page shows at most this many of its opportunities, the newest first.
ORGANISATION_PAGE_LIMIT = 20


def organisation_open_opportunities(tenant: Tenant, organisation: Organisation) -> list[Opportunity]:
    """The association's opportunities that the public boards show now, newest first, for its public page."""
    return list(
        visible_opportunities(tenant)
        .filter(organisation=organisation)
        .only("pk", "tenant_id", "title", "summary", "town", "is_remote", "published_at", "expires_on")
        .order_by("-published_at", "pk")[:ORGANISATION_PAGE_LIMIT]
    )


@dataclass(frozen=True)
class OpportunityFilter:
    search: str = ""
    status: str = ""
    organisation: Organisation | None = None
    sort: str = "aendret"

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.status or self.organisation)


def opportunities_for_manage_list(user: User, tenant: Tenant, criteria: OpportunityFilter) -> QuerySet[Opportunity]:
    """The administration list: filtered, sorted, with the number of confirmed applications in the same query.

    Only applications whose e-mail address has been confirmed count: the others are invisible to the
    association until then.
    """
    queryset = keepable_opportunities(user, tenant)
    if criteria.status:
        queryset = queryset.filter(status=criteria.status)
    if criteria.organisation is not None:
        queryset = queryset.filter(organisation=criteria.organisation)
    search = criteria.search.strip()
    if search:
        queryset = queryset.filter(text_search(("title",), search))
    # The long texts are not shown in the list.
    queryset = queryset.defer("description", "tasks", "search_document", "search_stems").annotate(
        confirmed_applications=Count("applications", filter=Q(applications__email_confirmed_at__isnull=False))
    )
    return with_publicly_listed(queryset).order_by(*OPPORTUNITY_SORTS.get(criteria.sort, OPPORTUNITY_SORTS["aendret"]))


def current_contact_roles(organisation_ids, *, today: date | None = None) -> QuerySet[OrganisationRole]:
    """The roles that make a person a possible contact person: current, of a person who is not archived."""
    today = today or timezone.localdate()
    return (
        OrganisationRole.objects.filter(organisation_id__in=organisation_ids, person__archived_at=None)
        .filter(Q(ended_on=None) | Q(ended_on__gt=today))
        .filter(Q(started_on=None) | Q(started_on__lte=today))
        .select_related("person", "organisation")
        .only(
            "pk",
            "tenant_id",
            "role",
            "organisation__id",
            "organisation__name",
            "person__id",
            "person__full_name",
            "person__email",
        )
        .order_by("organisation__name", "person__full_name", "pk")
    )


def contact_people_by_organisation(organisations: QuerySet[Organisation]) -> dict[int, dict]:
    """{organisation id: {"name": ..., "people": {person id: person}}} for the contact person choice."""
    grouped: dict[int, dict] = defaultdict(lambda: {"name": "", "people": {}})
    for role in current_contact_roles(organisations.values("pk")):
        group = grouped[role.organisation.pk]
        group["name"] = role.organisation.name
        group["people"].setdefault(role.person.pk, role.person)
    return dict(grouped)


def expiring_soon(*, today: date, warn_days: int) -> QuerySet[Opportunity]:
    """Published opportunities that close within `warn_days` and whose association has not been told yet.

    Across tenants: the expiry command runs for the whole site.
    """
    with unscoped("the expiry job runs for the whole site"):
        return (
            Opportunity.objects.filter(
                status=OpportunityStatus.PUBLISHED,
                expiry_warning_sent_at=None,
                expires_on__gte=today,
                expires_on__lte=today + timedelta(days=warn_days),
            )
            .select_related("organisation", "contact_person__user", "tenant")
            .order_by("pk")
        )


def past_expiry(*, today: date) -> QuerySet[Opportunity]:
    """Published opportunities whose "open until" date has passed. Across tenants."""
    with unscoped("the expiry job runs for the whole site"):
        return (
            Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED, expires_on__lt=today)
            .select_related("tenant")
            .order_by("pk")
        )
