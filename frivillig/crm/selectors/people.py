"""Reads for the staff's pages about people (contacts): the filtered list, the export, and the detail page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from frivillig.core.validators import normalise_phone
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Person
from frivillig.crm.selectors.organisations import interactions_timeline, text_search

if TYPE_CHECKING:
    from frivillig.tenants.models import Tenant

PERSON_SORTS: dict[str, tuple[str, ...]] = {
    "navn": ("full_name", "pk"),
    "email": ("email", "full_name", "pk"),
    "nyeste": ("-created_at", "-pk"),
}


@dataclass(frozen=True)
class PersonFilter:
    search: str = ""
    organisation: Organisation | None = None
    consent: bool | None = None
    include_archived: bool = False
    sort: str = "navn"
    # Internal notes are sensitive: searched only when asked, and a view that runs such a search logs it
    # (core.access_log), once per request, with the term.
    search_notes: bool = False

    @property
    def searches_notes(self) -> bool:
        return self.search_notes and bool(self.search.strip())


def current_roles_prefetch(to_attr: str = "current_roles") -> Prefetch:
    today = timezone.localdate()
    return Prefetch(
        "roles",
        queryset=OrganisationRole.objects.filter(Q(ended_on=None) | Q(ended_on__gt=today))
        .select_related("organisation")
        .order_by("organisation__name", "role"),
        to_attr=to_attr,
    )


def people_filtered(tenant: Tenant, criteria: PersonFilter) -> QuerySet[Person]:
    queryset = Person.objects.filter(tenant=tenant)
    if not criteria.include_archived:
        queryset = queryset.filter(archived_at=None)
    search = criteria.search.strip()
    if search:
        condition = text_search(("full_name", "email", "phone"), search)
        # Numbers are stored as "+45 12 34 56 78"; "12345678" should find them too.
        phone = normalise_phone(search)
        if phone and phone != search:
            condition |= Q(phone__icontains=phone)
        if criteria.search_notes:
            condition |= text_search(("notes",), search)
        queryset = queryset.filter(condition)
    if criteria.organisation is not None:
        queryset = queryset.filter(
            Exists(OrganisationRole.objects.filter(person=OuterRef("pk"), organisation=criteria.organisation))
        )
    if criteria.consent is True:
        queryset = queryset.filter(consent_given_at__isnull=False)
    elif criteria.consent is False:
        queryset = queryset.filter(consent_given_at__isnull=True)
    return queryset.order_by(*PERSON_SORTS.get(criteria.sort, PERSON_SORTS["navn"]))


def people_for_list(tenant: Tenant, criteria: PersonFilter) -> QuerySet[Person]:
    return people_filtered(tenant, criteria).prefetch_related(current_roles_prefetch())


def people_for_export(tenant: Tenant, criteria: PersonFilter) -> QuerySet[Person]:
    return people_filtered(tenant, criteria).prefetch_related(current_roles_prefetch())


def person_for_staff(tenant: Tenant) -> QuerySet[Person]:
    """Every person of the tenant, archived ones too."""
    return Person.objects.filter(tenant=tenant).select_related("consent_recorded_by", "user")


def person_roles(person: Person) -> QuerySet[OrganisationRole]:
    return (
        OrganisationRole.objects.filter(person=person)
        .select_related("organisation")
        .order_by("organisation__name", "role", "-started_on", "pk")
    )


def person_interactions(person: Person) -> QuerySet[Interaction]:
    return interactions_timeline(Interaction.objects.filter(people=person))


def person_relations(person: Person) -> QuerySet[CollaborationRelation]:
    return (
        CollaborationRelation.objects.filter(person=person)
        .select_related("organisation")
        .order_by("-started_on", "-pk")
    )


def role_for_staff(tenant: Tenant) -> QuerySet[OrganisationRole]:
    return OrganisationRole.objects.filter(tenant=tenant).select_related("person", "organisation")
