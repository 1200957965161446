"""Reads for the interaction log and the staff dashboard: the filtered list, the export, follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.utils import timezone

from frivillig.accounts.models import User
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Interaction, Organisation, Person, Tag
from frivillig.crm.selectors.common import tags
from frivillig.tenants.enums import Role

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

# `sorter` values a list URL may carry; anything else falls back to the first.
INTERACTION_SORTS: dict[str, tuple[str, ...]] = {
    "nyeste": ("-happened_on", "-pk"),
    "aeldste": ("happened_on", "pk"),
    "opfoelgning": ("follow_up_on", "-happened_on", "-pk"),
}
# How far ahead the dashboard looks for follow-ups that are coming up.
FOLLOW_UP_HORIZON_DAYS = 14
DASHBOARD_LATEST = 10


@dataclass(frozen=True)
class InteractionFilter:
    search: str = ""
    kind: str = ""
    topic: Tag | None = None
    staff: User | None = None
    organisation: Organisation | None = None
    date_from: date | None = None
    date_to: date | None = None
    open_follow_ups_only: bool = False
    sort: str = "nyeste"


def theme_tags(tenant: Tenant, *, chosen: list[Tag] | tuple[Tag, ...] = ()) -> QuerySet[Tag]:
    """The tenant's topics (the theme vocabulary); a retired word stays available where it is already chosen."""
    return tags(tenant, Vocabulary.THEME, include_inactive=True).filter(
        Q(is_active=True) | Q(pk__in=[tag.pk for tag in chosen])
    )


def centre_staff_users(tenant: Tenant) -> QuerySet[User]:
    """The people who hold the centre staff role in the tenant: those an interaction can be assigned to."""
    return (
        User.objects.filter(memberships__tenant=tenant, memberships__role=Role.CENTRE_STAFF, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


def selectable_organisations(tenant: Tenant, *, chosen=()) -> QuerySet[Organisation]:
    """Organisations a form may link: the active ones, plus archived ones that are already linked."""
    return Organisation.objects.filter(tenant=tenant).filter(
        Q(archived_at=None) | Q(pk__in=[organisation.pk for organisation in chosen])
    )


def selectable_people(tenant: Tenant, *, chosen=()) -> QuerySet[Person]:
    return Person.objects.filter(tenant=tenant).filter(Q(archived_at=None) | Q(pk__in=[person.pk for person in chosen]))


def _with_parties(queryset: QuerySet[Interaction]) -> QuerySet[Interaction]:
    return queryset.select_related("staff").prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("people", queryset=Person.objects.order_by("full_name")),
        Prefetch("topics", queryset=Tag.objects.order_by("position", "label_da")),
    )


def open_follow_ups(tenant: Tenant) -> QuerySet[Interaction]:
    return Interaction.objects.filter(tenant=tenant, follow_up_on__isnull=False, follow_up_done_at=None)


def interactions_filtered(tenant: Tenant, criteria: InteractionFilter) -> QuerySet[Interaction]:
    queryset = Interaction.objects.filter(tenant=tenant)
    search = criteria.search.strip()
    if search:
        queryset = queryset.filter(summary__icontains=search)
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    # Through-table lookups keep one row per interaction, however many organisations or topics it has.
    if criteria.topic is not None:
        queryset = queryset.filter(
            pk__in=Interaction.topics.through.objects.filter(tag=criteria.topic).values("interaction_id")
        )
    if criteria.organisation is not None:
        queryset = queryset.filter(
            pk__in=Interaction.organisations.through.objects.filter(organisation=criteria.organisation).values(
                "interaction_id"
            )
        )
    if criteria.staff is not None:
        queryset = queryset.filter(staff=criteria.staff)
    if criteria.date_from is not None:
        queryset = queryset.filter(happened_on__gte=criteria.date_from)
    if criteria.date_to is not None:
        queryset = queryset.filter(happened_on__lte=criteria.date_to)
    if criteria.open_follow_ups_only:
        queryset = queryset.filter(follow_up_on__isnull=False, follow_up_done_at=None)
    return queryset.order_by(*INTERACTION_SORTS.get(criteria.sort, INTERACTION_SORTS["nyeste"]))


def interactions_for_list(tenant: Tenant, criteria: InteractionFilter) -> QuerySet[Interaction]:
    return _with_parties(interactions_filtered(tenant, criteria))


def interactions_for_export(tenant: Tenant, criteria: InteractionFilter) -> QuerySet[Interaction]:
    return _with_parties(interactions_filtered(tenant, criteria))


def interaction_for_staff(tenant: Tenant) -> QuerySet[Interaction]:
    """Every interaction of the tenant with what its detail page shows."""
    return _with_parties(Interaction.objects.filter(tenant=tenant))


@dataclass
class FollowUps:
    overdue: list[Interaction]
    upcoming: list[Interaction]
    later_count: int


def my_follow_ups(tenant: Tenant, user: User, *, today: date | None = None) -> FollowUps:
    """The person's open follow-ups: overdue ones, those due in the next 14 days, and how many come later."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    mine = open_follow_ups(tenant).filter(staff=user)
    soon = list(
        _with_parties(mine.filter(follow_up_on__lte=horizon))
        .annotate(overdue=ExpressionWrapper(Interaction.follow_up_overdue_condition(today), BooleanField()))
        .order_by("follow_up_on", "happened_on", "pk")
    )
    return FollowUps(
        overdue=[interaction for interaction in soon if interaction.overdue],
        upcoming=[interaction for interaction in soon if not interaction.overdue],
        later_count=mine.filter(follow_up_on__gt=horizon).count(),
    )


def latest_interactions(tenant: Tenant, limit: int = DASHBOARD_LATEST) -> list[Interaction]:
    return list(_with_parties(Interaction.objects.filter(tenant=tenant)).order_by("-happened_on", "-pk")[:limit])
