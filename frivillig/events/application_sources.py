"""Campaigns as a source of volunteering's applications, for the strategy's targets ("at least 10 became
volunteers through the spring campaign"; volunteering.indicators' `source` parameter).

An application records nothing about how the applicant found the opportunity, and a campaign's short links count
arrivals without knowing who arrived (no cookie, nothing about the visitor). What can honestly be said is what the
campaign's own figures say (selectors_campaigns.campaign_figures, "sign-ups to its volunteer opportunities"): the
applications to the opportunities the campaign promoted, signed up for while it ran (its first to its last Danish
day). That is what "from the campaign" counts; an applicant who came another way in those weeks is counted too.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from frivillig.events.models import Campaign
from frivillig.volunteering.indicators import ApplicationSource


def campaign_choices(tenant) -> list[tuple[str, str]]:
    campaigns = Campaign.objects.filter(tenant=tenant).only("pk", "title", "starts_on", "ends_on")
    return [
        (str(campaign.pk), f"{campaign.title} ({campaign.starts_on:%d.%m.%Y}–{campaign.ends_on:%d.%m.%Y})")
        for campaign in campaigns.order_by("-starts_on", "-pk")
    ]


def campaign_applications(tenant, value: str) -> Q | None:
    """The applications to the campaign's opportunities signed up for while it ran; None for no such campaign."""
    campaign = Campaign.objects.filter(tenant=tenant, pk=int(value)).first() if value.isdigit() else None
    if campaign is None:
        return None
    zone = timezone.get_default_timezone()
    first = datetime.combine(campaign.starts_on, time.min, tzinfo=zone)
    after = datetime.combine(campaign.ends_on + timedelta(days=1), time.min, tzinfo=zone)
    promoted = Campaign.opportunities.through.objects.filter(campaign=campaign).values("opportunity_id")
    return Q(opportunity__in=promoted, created_at__gte=first, created_at__lt=after)


CAMPAIGN_SOURCE = ApplicationSource(prefix="campaign", choices=campaign_choices, condition=campaign_applications)
