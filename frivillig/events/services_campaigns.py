"""Writes of campaigns: the campaign itself, its tracked short links, and the count of arrivals through them (a
number per link and day, nothing about who arrived)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F

from frivillig.accounts.models import User
from frivillig.core.services import log_action
from frivillig.crm.models import Tag
from frivillig.events.models import Campaign, CampaignArrival, CampaignLink, new_short_code
from frivillig.volunteering.models import Opportunity

# A fresh code collides with one of the tenant's others once in billions; a few tries are plenty.
CODE_ATTEMPTS = 5


class LinkCodeExhausted(RuntimeError):
    """No free code was found in a few tries (practically never)."""


@transaction.atomic
def campaign_save(
    *,
    campaign: Campaign,
    themes: Iterable[Tag],
    opportunities: Iterable[Opportunity],
    actor: User,
    changed: Iterable[str] = (),
) -> Campaign:
    created = campaign.pk is None
    if created:
        campaign.created_by = actor
    campaign.save()
    campaign.themes.set(list(themes))
    campaign.opportunities.set(list(opportunities))
    code = "events.campaign.created" if created else "events.campaign.updated"
    log_action(code, actor=actor, tenant=campaign.tenant, target=campaign, data={"changed": sorted(changed)})
    return campaign


def campaign_link_create(*, campaign: Campaign, label: str, target_path: str, actor: User) -> CampaignLink:
    """A new short link with a code no other link of the tenant has."""
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                link = CampaignLink.objects.create(
                    tenant=campaign.tenant,
                    campaign=campaign,
                    label=label,
                    target_path=target_path,
                    code=new_short_code(),
                )
                log_action(
                    "events.campaign_link.created",
                    actor=actor,
                    tenant=campaign.tenant,
                    target=link,
                    data={"campaign": campaign.pk, "code": link.code, "target": target_path},
                )
                return link
        except IntegrityError:
            continue
    raise LinkCodeExhausted(campaign.pk)


def arrival_count(*, link: CampaignLink, day) -> None:
    """One more arrival through `link` on `day`: the day's row is incremented in the database (F() + 1), or made
    when it is the day's first; when two first arrivals race, the loser's insert fails on the unique (link, day)
    and it increments the winner's row. No arrival is lost or counted twice. Not audited: it is a count, not a
    person's action."""
    with transaction.atomic():
        if CampaignArrival.objects.filter(link=link, day=day).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                CampaignArrival.objects.create(tenant=link.tenant, link=link, day=day, count=1)
                return
        except IntegrityError:
            pass
        CampaignArrival.objects.filter(link=link, day=day).update(count=F("count") + 1)
