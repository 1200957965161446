"""Reads of campaigns: the staff list, the public page, where a short link may lead, and the campaign's figures —
arrivals per link, registrations and attendance of its events, sign-ups to its opportunities — before, during and
after its period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.selectors import tags
from frivillig.events.enums import AttendanceStatus, EventAudience, EventStatus, RegistrationStatus
from frivillig.events.models import Attendance, Campaign, CampaignArrival, CampaignLink, Event, Registration
from frivillig.tenants.models import Tenant
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity

BEFORE, DURING, AFTER = "before", "during", "after"
PERIODS = (BEFORE, DURING, AFTER)


@dataclass(frozen=True)
class CampaignFilter:
    search: str = ""
    published: bool | None = None


def themes(tenant: Tenant) -> QuerySet[Tag]:
    return tags(tenant, Vocabulary.THEME)


def opportunities_to_link(tenant: Tenant) -> QuerySet[Opportunity]:
    """The tenant's opportunities a campaign may point to: any that is not a draft."""
    return (
        Opportunity.objects.filter(tenant=tenant)
        .exclude(status=OpportunityStatus.DRAFT)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def campaigns_for_list(tenant: Tenant, criteria: CampaignFilter) -> QuerySet[Campaign]:
    arrivals = (
        CampaignArrival.objects.filter(link__campaign=OuterRef("pk"))
        .order_by()
        .values("link__campaign")
        .annotate(total=Sum("count"))
        .values("total")
    )
    events = Event.objects.filter(campaign=OuterRef("pk")).order_by().values("campaign").annotate(n=Count("pk"))
    queryset = Campaign.objects.filter(tenant=tenant).annotate(
        event_count=Coalesce(Subquery(events.values("n"), output_field=IntegerField()), 0),
        arrival_count=Coalesce(Subquery(arrivals, output_field=IntegerField()), 0),
    )
    if criteria.search:
        queryset = queryset.filter(Q(title__icontains=criteria.search) | Q(goal__icontains=criteria.search))
    if criteria.published is not None:
        queryset = queryset.filter(is_published=criteria.published)
    return queryset.order_by("-starts_on", "-pk")


def campaign_for_staff(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.prefetch_related("themes"), pk=pk)


def public_campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.prefetch_related("themes"), pk=pk, is_published=True)


def campaign_events(campaign: Campaign) -> list[Event]:
    return list(Event.objects.filter(campaign=campaign).order_by("starts_at", "pk"))


def upcoming_public_events(campaign: Campaign) -> list[Event]:
    return list(
        Event.objects.filter(campaign=campaign, status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
        .exclude(audience=EventAudience.INVITED)
        .order_by("starts_at", "pk")
    )


def campaign_opportunities(campaign: Campaign) -> list[Opportunity]:
    return list(campaign.opportunities.select_related("organisation").order_by("title", "pk"))


def public_opportunities(campaign: Campaign) -> list[Opportunity]:
    return list(
        campaign.opportunities.filter(status=OpportunityStatus.PUBLISHED, organisation__archived_at=None)
        .select_related("organisation")
        .order_by("title", "pk")
    )


def campaign_links(campaign: Campaign) -> list[CampaignLink]:
    return list(CampaignLink.objects.filter(campaign=campaign).order_by("label", "pk"))


def link_by_code(code: str) -> CampaignLink | None:
    """The current tenant's link with this code (the scope is open)."""
    return CampaignLink.objects.filter(code=code).first()


# --- where a link may lead ---------------------------------------------------------------------------------------


def link_targets(campaign: Campaign) -> list[tuple[str, str]]:
    """(path, label) of every page a link of the campaign may lead to: the campaign's page, each of its events'
    pages and each of its opportunities' pages."""
    from django.utils.translation import gettext as _

    slug = campaign.tenant.slug
    targets = [
        (reverse("events:campaign_detail", kwargs={"tenant_slug": slug, "pk": campaign.pk}), _("The campaign's page"))
    ]
    for event in campaign_events(campaign):
        target = reverse("events:event_detail", kwargs={"tenant_slug": slug, "pk": event.pk})
        targets.append((target, _("Event: %(title)s") % {"title": event.title}))
    for opportunity in campaign_opportunities(campaign):
        target = reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": slug, "pk": opportunity.pk})
        targets.append((target, _("Volunteer opportunity: %(title)s") % {"title": opportunity.title}))
    return targets


# --- the figures -------------------------------------------------------------------------------------------------


def period_bounds(campaign: Campaign) -> tuple[datetime, datetime]:
    """The campaign's period as instants: from its first day's start to the end of its last day, in Danish time."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(campaign.starts_on, time.min, tzinfo=zone)
    end = datetime.combine(campaign.ends_on + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def _by_period(field: str, start, end) -> dict[str, Q]:
    return {
        BEFORE: Q(**{f"{field}__lt": start}),
        DURING: Q(**{f"{field}__gte": start, f"{field}__lt": end}),
        AFTER: Q(**{f"{field}__gte": end}),
    }


def _counted(queryset: QuerySet, field: str, start, end) -> dict[str, int]:
    conditions = _by_period(field, start, end)
    result = queryset.order_by().aggregate(
        **{period: Count("pk", filter=condition) for period, condition in conditions.items()}
    )
    return {period: result[period] or 0 for period in PERIODS}


@dataclass(frozen=True)
class LinkFigures:
    link: CampaignLink
    before: int
    during: int
    after: int

    @property
    def total(self) -> int:
        return self.before + self.during + self.after


@dataclass(frozen=True)
class CampaignFigures:
    links: list[LinkFigures]
    arrivals: dict[str, int]
    registrations: dict[str, int]
    attendance: dict[str, int]
    sign_ups: dict[str, int]

    def rows(self) -> list[tuple[str, dict[str, int]]]:
        from django.utils.translation import gettext as _

        return [
            (_("Arrivals through the links"), self.arrivals),
            (_("Registrations for its events"), self.registrations),
            (_("Attended its events (per session)"), self.attendance),
            (_("Sign-ups to its volunteer opportunities"), self.sign_ups),
        ]


def campaign_figures(campaign: Campaign, links: list[CampaignLink]) -> CampaignFigures:
    """Counted in four queries, whatever the numbers of links, events and opportunities. Arrivals fall in a period
    by their day; registrations and sign-ups by when they were made (confirmed ones only); attendance by the
    session's start."""
    start, end = period_bounds(campaign)
    first, last = campaign.starts_on, campaign.ends_on
    days = {
        BEFORE: Q(day__lt=first),
        DURING: Q(day__gte=first, day__lte=last),
        AFTER: Q(day__gt=last),
    }
    per_link = {
        row["link_id"]: row
        for row in CampaignArrival.objects.filter(link__campaign=campaign)
        .order_by()
        .values("link_id")
        .annotate(**{period: Sum("count", filter=condition) for period, condition in days.items()})
    }
    link_figures = [
        LinkFigures(link, *((per_link.get(link.pk, {}).get(period) or 0) for period in PERIODS)) for link in links
    ]
    arrivals = {period: sum(getattr(figure, period) for figure in link_figures) for period in PERIODS}
    registrations = _counted(
        Registration.objects.filter(event__campaign=campaign).exclude(status=RegistrationStatus.UNCONFIRMED),
        "created_at",
        start,
        end,
    )
    attendance = _counted(
        Attendance.objects.filter(registration__event__campaign=campaign, status=AttendanceStatus.ATTENDED),
        "session__starts_at",
        start,
        end,
    )
    sign_ups = _counted(
        Application.objects.filter(opportunity__in=campaign.opportunities.all(), email_confirmed_at__isnull=False),
        "created_at",
        start,
        end,
    )
    return CampaignFigures(link_figures, arrivals, registrations, attendance, sign_ups)


def today() -> date:
    return timezone.localdate()
