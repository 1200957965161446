"""Reads for the homes (volunteering's sections of them): the volunteer's own page, the association's home, the
centre staff's "today" and the municipality's overview.

Each returns a short list (at most HOME_LIST_LENGTH rows) and the full count, so a home issues the same number of
queries whatever the size of the data, and links to the list page for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from frivillig.crm.selectors import represented_organisations
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity, VolunteerProfile

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

HOME_LIST_LENGTH = 5
# How far ahead a home warns that an opportunity closes.
EXPIRY_HORIZON_DAYS = 14
# After how many days without an answer the centre steps in for an association nobody represents.
STALE_AFTER_DAYS = 7


@dataclass(frozen=True)
class Shortlist:
    """The first rows of a read, and how many there are in all."""

    items: list[Any] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def _shortlist(queryset: QuerySet, length: int = HOME_LIST_LENGTH) -> Shortlist:
    # Always counted, so that a home makes the same queries however much there is.
    return Shortlist(items=list(queryset[:length]), count=queryset.count())


def _expiry_horizon(today: date) -> date:
    return today + timedelta(days=EXPIRY_HORIZON_DAYS)


# --- the volunteer's own page ---------------------------------------------------------------------------------


def own_applications_shortlist(user: User) -> Shortlist:
    """The person's latest applications (every municipality) with their status."""
    from frivillig.volunteering.selectors.applications import own_applications

    return _shortlist(own_applications(user))


def profile_is_complete(profile: VolunteerProfile | None) -> bool:
    """Whether the profile tells enough to be matched: interests or skills, when, and where."""
    if profile is None:
        return False
    has_words = bool(profile.interests or profile.skills)
    has_time = profile.on_weekdays or profile.in_evenings or profile.at_weekends
    return has_words and has_time and bool(profile.postcode)


# --- the association's home -------------------------------------------------------------------------------------


def new_applications_for_representative(user: User, tenant: Tenant) -> Shortlist:
    """Confirmed applications still waiting for a first answer, to the associations the person represents,
    the longest waiting first."""
    applications = (
        Application.objects.filter(
            tenant=tenant,
            status=ApplicationStatus.NEW,
            email_confirmed_at__isnull=False,
            opportunity__organisation__in=represented_organisations(user, tenant),
        )
        .select_related("opportunity", "opportunity__organisation")
        .order_by("created_at", "pk")
    )
    return _shortlist(applications)


def opportunities_needing_attention(user: User, tenant: Tenant, *, today: date | None = None) -> Shortlist:
    """The represented associations' drafts, and their published opportunities that close within the horizon."""
    today = today or timezone.localdate()
    opportunities = (
        Opportunity.objects.filter(tenant=tenant, organisation__in=represented_organisations(user, tenant))
        .filter(
            Q(status=OpportunityStatus.DRAFT)
            | Q(status=OpportunityStatus.PUBLISHED, expires_on__gte=today, expires_on__lte=_expiry_horizon(today))
        )
        .select_related("organisation")
        .order_by("status", "expires_on", "-updated_at", "pk")
    )
    return _shortlist(opportunities)


# --- the centre staff's "today" ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleGroup:
    """One association's applications that have waited for an answer too long."""

    organisation_id: int
    organisation_name: str
    number: int
    waiting_since: datetime


def stale_applications_by_association(tenant: Tenant, *, days: int = STALE_AFTER_DAYS) -> Shortlist:
    """Per association nobody represents with a login: how many applications have had no answer for `days` days
    or more, and since when the oldest has waited; the longest waiting association first."""
    from frivillig.volunteering.selectors.applications import stale_applications_without_representative

    groups = (
        stale_applications_without_representative(tenant, days=days)
        .order_by()
        .values("opportunity__organisation_id", "opportunity__organisation__name")
        .annotate(number=Count("pk"), oldest=Min("waiting_since"))
        .order_by("oldest", "opportunity__organisation_id")
    )
    shortlist = _shortlist(groups)
    items = [
        StaleGroup(
            organisation_id=row["opportunity__organisation_id"],
            organisation_name=row["opportunity__organisation__name"],
            number=row["number"],
            waiting_since=row["oldest"],
        )
        for row in shortlist.items
    ]
    return Shortlist(items=items, count=shortlist.count)


def drafts_waiting(tenant: Tenant) -> Shortlist:
    """Drafts of the tenant's associations that have not been published yet, the longest untouched first: where an
    association may need a hand to get its opportunity out."""
    drafts = (
        Opportunity.objects.filter(tenant=tenant, status=OpportunityStatus.DRAFT, organisation__archived_at=None)
        .select_related("organisation")
        .order_by("updated_at", "pk")
    )
    return _shortlist(drafts)


def opportunities_expiring(tenant: Tenant, *, today: date | None = None) -> Shortlist:
    """Published opportunities of the tenant that close within the horizon, the first to close first."""
    today = today or timezone.localdate()
    expiring = (
        Opportunity.objects.filter(
            tenant=tenant,
            status=OpportunityStatus.PUBLISHED,
            expires_on__gte=today,
            expires_on__lte=_expiry_horizon(today),
        )
        .select_related("organisation")
        .order_by("expires_on", "pk")
    )
    return _shortlist(expiring)


# --- the municipality's overview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedsFigures:
    open_opportunities: int
    volunteers_wanted: int


def needs_figures(tenant: Tenant) -> NeedsFigures:
    """How many opportunities of the tenant are open now and how many volunteers they ask for, in one query."""
    figures = Opportunity.objects.filter(
        tenant=tenant, status=OpportunityStatus.PUBLISHED, organisation__archived_at=None
    ).aggregate(wanted=Sum("volunteers_needed"), number=Count("pk"))
    return NeedsFigures(open_opportunities=figures["number"] or 0, volunteers_wanted=figures["wanted"] or 0)
