"""Campaigns as a source of volunteering's applications: the indicators "applications" and "became volunteers"
counted only for the applications to a campaign's opportunities signed up for while it ran (Danish days)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django_scopes import scope, scopes_disabled

from frivillig.core.indicators import indicator
from frivillig.events.models import Campaign
from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application

DANISH = ZoneInfo("Europe/Copenhagen")
YEAR_2018 = {"starts_on": date(2018, 1, 1), "ends_on": date(2018, 12, 31)}


def danish(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=DANISH)


def make_campaign(tenant, opportunities, **fields) -> Campaign:
    fields.setdefault("title", "Forårskampagne")
    fields.setdefault("starts_on", date(2018, 3, 1))
    fields.setdefault("ends_on", date(2018, 4, 30))
    with scopes_disabled():
        campaign = Campaign.objects.create(tenant=tenant, **fields)
        campaign.opportunities.set(opportunities)
    return campaign


def signed_up(opportunity, name: str, at: datetime, *, started=None) -> Application:
    with scopes_disabled():
        application = Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            full_name=name,
            email=f"{name.lower()}@example.org",
            email_confirmed_at=at,
            status=ApplicationStatus.STARTED if started else ApplicationStatus.NEW,
            status_changed_at=started,
        )
        Application.objects.filter(pk=application.pk).update(created_at=at)
    return application


def measure(key: str, tenant, source: str):
    with translation.override("da"), scope(tenant=tenant):
        return indicator(key).measure(tenant=tenant, params={"source": source}, **YEAR_2018)


def application_keys(*applications) -> list[str]:
    return [f"volunteering.application:{application.pk}" for application in applications]


@pytest.fixture
def campaign_year(personas):
    promoted = make_opportunity(personas.organisation, title="Besøgsven", published_at=danish(2018, 1, 2))
    other = make_opportunity(personas.organisation, title="Lektiehjælper", published_at=danish(2018, 1, 2))
    campaign = make_campaign(personas.tenant, [promoted])
    started = danish(2018, 6, 1)
    return {
        "campaign": campaign,
        "first_day": signed_up(promoted, "Forste", danish(2018, 3, 1, 0, 10), started=started),
        "last_evening": signed_up(promoted, "Sidste", danish(2018, 4, 30, 23, 30)),
        # Half an hour after the campaign (still 30 April in UTC).
        "after": signed_up(promoted, "Efter", danish(2018, 5, 1, 0, 30), started=started),
        "before": signed_up(promoted, "Foer", danish(2018, 2, 28, 23, 50)),
        "not_promoted": signed_up(other, "Andet", danish(2018, 3, 15), started=started),
    }


def test_applications_from_a_campaign_are_those_to_its_opportunities_while_it_ran(personas, campaign_year):
    source = f"campaign:{campaign_year['campaign'].pk}"

    applications = measure("volunteering.applications", personas.tenant, source)
    became = measure("volunteering.became_volunteers", personas.tenant, source)

    assert [record.key for record in applications.records] == application_keys(
        campaign_year["first_day"], campaign_year["last_evening"]
    )
    assert [record.key for record in became.records] == application_keys(campaign_year["first_day"])
    assert measure("volunteering.became_volunteers", personas.tenant, "").value == 3


def test_another_tenants_or_a_deleted_campaign_gives_no_data(personas, campaign_year):
    foreign = make_campaign(personas.other_tenant, [])

    assert measure("volunteering.applications", personas.tenant, f"campaign:{foreign.pk}").value is None
    assert measure("volunteering.applications", personas.tenant, "campaign:999999").value is None
    assert measure("volunteering.applications", personas.tenant, "campaign:x").value is None


def test_the_source_choices_are_the_tenants_campaigns(personas, campaign_year):
    make_campaign(personas.other_tenant, [], title="Fremmed kampagne")
    source = indicator("volunteering.applications").param("source")

    with scope(tenant=personas.tenant):
        choices = list(source.choices(personas.tenant))

    assert choices == [(f"campaign:{campaign_year['campaign'].pk}", "Forårskampagne (01.03.2018–30.04.2018)")]
