"""Reads for signing up and following up: the opportunity one signs up for, the pipeline of confirmed
applications (narrowed to the represented associations for representatives) and a volunteer's own applications."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from frivillig.core.scoping import unscoped
from frivillig.crm.selectors import organisations_without_representative, represented_organisations
from frivillig.tenants.rules import is_centre_staff
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent, Opportunity

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.crm.models import Organisation
    from frivillig.tenants.models import Tenant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The order of the pipeline's groups: the open steps first, then how it ended.
PIPELINE_ORDER = [
    ApplicationStatus.NEW,
    ApplicationStatus.CONTACTED,
    ApplicationStatus.MEETING,
    ApplicationStatus.STARTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.WITHDRAWN,
]

_pipeline_position = Case(
    *(When(status=status, then=Value(position)) for position, status in enumerate(PIPELINE_ORDER)),
    default=Value(len(PIPELINE_ORDER)),
    output_field=IntegerField(),
)


def open_opportunity(tenant: Tenant, pk: int) -> Opportunity | None:
    """A published opportunity of the tenant: the only kind one can sign up for."""
    return (
        Opportunity.objects.filter(tenant=tenant, status=OpportunityStatus.PUBLISHED, organisation__archived_at=None)
        .select_related("organisation", "contact_person")
        .filter(pk=pk)
        .first()
    )


def _sees_whole_tenant(user: User, tenant: Tenant) -> bool:
    return is_centre_staff(user, tenant)


def followed_organisations(user: User, tenant: Tenant):
    """The organisations whose applications this person follows up: all of the tenant's for centre staff, the
    represented ones for association representatives."""
    from frivillig.crm.selectors import active_organisations

    if _sees_whole_tenant(user, tenant):
        return active_organisations(tenant)
    return represented_organisations(user, tenant)


def followed_opportunities(user: User, tenant: Tenant) -> QuerySet[Opportunity]:
    queryset = Opportunity.objects.filter(tenant=tenant).select_related("organisation")
    if _sees_whole_tenant(user, tenant):
        return queryset
    return queryset.filter(organisation__in=represented_organisations(user, tenant))


def followed_applications(
    user: User, tenant: Tenant, *, opportunity: Opportunity | None = None, organisation: Organisation | None = None
) -> QuerySet[Application]:
    """Confirmed applications this person may follow up; an unconfirmed guest sign-up is nobody's business yet.
    Narrowed to one opportunity's, or one organisation's, when given."""
    queryset = Application.objects.filter(tenant=tenant, email_confirmed_at__isnull=False)
    if not _sees_whole_tenant(user, tenant):
        queryset = queryset.filter(opportunity__organisation__in=represented_organisations(user, tenant))
    if opportunity is not None:
        queryset = queryset.filter(opportunity=opportunity)
    if organisation is not None:
        queryset = queryset.filter(opportunity__organisation=organisation)
    return queryset


def pipeline(applications: QuerySet[Application], *, status: str = "") -> QuerySet[Application]:
    """Applications in pipeline order (new → contacted → meeting → started / declined / withdrawn), oldest first
    within each step, with what the rows show already joined; only those of `status` when given."""
    if status:
        applications = applications.filter(status=status)
    return (
        applications.select_related("opportunity", "opportunity__organisation")
        .annotate(pipeline_position=_pipeline_position)
        .order_by("pipeline_position", "created_at", "pk")
    )


def status_counts(applications: QuerySet[Application]) -> list[tuple[str, StrOrPromise, int]]:
    """(status, label, number) for every step of the pipeline, zeros included, in one query."""
    counted = dict(applications.order_by().values_list("status").annotate(number=Count("pk")))
    return [(status.value, status.label, counted.get(status.value, 0)) for status in PIPELINE_ORDER]


def application_for_follow_up(user: User, tenant: Tenant, pk: int) -> Application | None:
    return (
        followed_applications(user, tenant)
        .select_related("opportunity", "opportunity__organisation", "opportunity__contact_person")
        .filter(pk=pk)
        .first()
    )


def application_history(application: Application) -> QuerySet[ApplicationEvent]:
    return ApplicationEvent.objects.filter(application=application).select_related("actor").order_by("created_at", "pk")


def already_applied(opportunity: Opportunity, user: User) -> bool:
    """Whether the person has an application for the opportunity that they see under their applications (an
    unconfirmed guest sign-up with their address is not theirs yet: signing up replaces it)."""
    return own_applications(user).filter(opportunity=opportunity).exists()


# --- the volunteer's own applications (national pages: no tenant scope is open) ----------------------------


def own_applications(user: User) -> QuerySet[Application]:
    """The person's applications in every municipality: made while logged in, or confirmed from the account's
    (verified) e-mail address as a guest. Reads across tenants by design: they are the person's own."""
    condition = Q(user=user)
    if getattr(user, "email_verified_at", None) is not None:
        condition |= Q(email__iexact=user.email, email_confirmed_at__isnull=False)
    with unscoped("a person's own applications are theirs in every tenant"):
        return (
            Application.objects.filter(condition)
            .select_related("opportunity", "opportunity__organisation", "tenant")
            .order_by("-created_at", "-pk")
        )


# --- associations nobody can answer for with a login ----------------------------------------------------------
# Who represents an association is crm's to say (`organisations_without_representative`); these reads only ask it.


def applications_without_representative(tenant: Tenant) -> QuerySet[Application]:
    """Confirmed applications to the associations that nobody represents with a login: the centre follows these
    up on the association's behalf, and the association's contact answers them from a personal link."""
    return Application.objects.filter(
        tenant=tenant,
        email_confirmed_at__isnull=False,
        opportunity__organisation__in=organisations_without_representative(tenant),
    )


def is_unrepresented_association(tenant: Tenant, organisation_id: int) -> bool:
    """Whether the organisation is an association that nobody represents with a login."""
    return organisations_without_representative(tenant).filter(pk=organisation_id).exists()


def stale_applications_without_representative(tenant: Tenant, *, days: int = 7) -> QuerySet[Application]:
    """Applications that have waited `days` days or more without an answer (still "new", counted from when the
    address was confirmed or the application last moved back to "new"), at associations with no representative
    with a login. Grouped per association (ordered by its name), the longest-waiting first within each; each row
    carries `waiting_since`, with the opportunity, the organisation and the contact person joined."""
    cutoff = timezone.now() - timedelta(days=days)
    return (
        applications_without_representative(tenant)
        .filter(status=ApplicationStatus.NEW)
        .annotate(waiting_since=Coalesce("status_changed_at", "email_confirmed_at"))
        .filter(waiting_since__lte=cutoff)
        .select_related("opportunity", "opportunity__organisation", "opportunity__contact_person")
        .order_by("opportunity__organisation__name", "opportunity__organisation_id", "waiting_since", "pk")
    )
