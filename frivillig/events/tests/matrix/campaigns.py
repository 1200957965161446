"""Campaigns: the events' staff plan them and read their figures; the campaign's page (when published) and its
short links are public."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.events.models import Campaign, CampaignLink
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
CAMPAIGN = {"pk": "{events_campaigns_campaign}"}

CASES = {
    "events:campaign_list": tenant_roles(*STAFF),
    "events:campaign_create": tenant_roles(*STAFF),
    "events:campaign_manage": tenant_roles(*STAFF, kwargs=dict(CAMPAIGN)),
    "events:campaign_edit": tenant_roles(*STAFF, kwargs=dict(CAMPAIGN)),
    "events:campaign_link_create": tenant_roles(*STAFF, kwargs=dict(CAMPAIGN)),
    "events:campaign_detail": public_tenant_page(kwargs=dict(CAMPAIGN)),
    # Counts an arrival and leads on, for everyone alike.
    "events:short_link": public_tenant_page(status=302, kwargs={"code": "matrix-kode"}),
}


def objects(personas) -> dict:
    today = timezone.localdate()
    with scopes_disabled():
        campaign = Campaign.objects.create(
            tenant=personas.tenant,
            title="Rekrutteringskampagne",
            goal="20 nye frivillige",
            starts_on=today - timedelta(days=7),
            ends_on=today + timedelta(days=30),
            is_published=True,
        )
        # The objects are made once per request of a test; the link's code is fixed in the matrix's URL.
        CampaignLink.objects.get_or_create(
            tenant=personas.tenant,
            code="matrix-kode",
            defaults={
                "campaign": campaign,
                "label": "Nyhedsbrev",
                "target_path": f"/{personas.tenant.slug}/kampagner/{campaign.pk}/",
            },
        )
    return {"events_campaigns_campaign": campaign.pk}
