from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.crm.selectors import represented_organisations
from frivillig.tenants.models import Tenant
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity
from frivillig.volunteering.search import apply_search


@pytest.fixture
def demo(db):
    call_command("demo", force=True)


def test_demo_publishes_searchable_opportunities_once(demo):
    with scopes_disabled():
        first = (Opportunity.objects.count(), Application.objects.count())
        assert first[0] >= 20
        published = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).count()
        # One draft per tenant: the representative's association has one waiting to be finished.
        assert published == first[0] - Tenant.objects.count()
        assert (
            apply_search(Opportunity.objects.all(), "besøgsvenner").exists()
            or apply_search(Opportunity.objects.all(), "lektiehjælp").exists()
        )
    call_command("demo", force=True)
    with scopes_disabled():
        assert (Opportunity.objects.count(), Application.objects.count()) == first


def test_demo_opportunities_fit_their_associations_purpose(demo):
    """A playgroup does not post elder visiting: each job is of one of its association's activity areas, for one
    of its target groups or for everyone."""
    with scopes_disabled():
        misfits = []
        for opportunity in Opportunity.objects.select_related("organisation").prefetch_related(
            "activity_areas", "target_groups", "organisation__activity_areas", "organisation__target_groups"
        ):
            organisation = opportunity.organisation
            areas = {tag.slug for tag in opportunity.activity_areas.all()}
            groups = {tag.slug for tag in opportunity.target_groups.all()}
            own_areas = {tag.slug for tag in organisation.activity_areas.all()}
            own_groups = {tag.slug for tag in organisation.target_groups.all()} | {"alle"}
            if not (areas <= own_areas and groups <= own_groups):
                misfits.append((organisation.name, opportunity.title))
    assert misfits == []


def test_demo_no_two_associations_of_a_tenant_share_an_opportunity_title(demo):
    with scopes_disabled():
        titles = Counter(Opportunity.objects.values_list("tenant__slug", "title"))
    assert [key for key, count in titles.items() if count > 1] == []


def test_demo_representatives_association_shows_every_state(demo):
    today = timezone.localdate()
    with scopes_disabled():
        for tenant in Tenant.objects.all():
            representative = User.objects.get(email=f"forening.{tenant.slug}@example.org")
            (association,) = represented_organisations(representative, tenant)
            opportunities = Opportunity.objects.filter(organisation=association)
            assert opportunities.filter(status=OpportunityStatus.DRAFT).exists()
            assert opportunities.filter(
                status=OpportunityStatus.PUBLISHED, expires_on__lte=today + timedelta(days=7)
            ).exists()
            statuses = set(
                Application.objects.filter(opportunity__organisation=association).values_list("status", flat=True)
            )
            assert statuses == set(ApplicationStatus.values)


def test_demo_dates_are_current(demo):
    today = timezone.localdate()
    with scopes_disabled():
        published = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
        assert not published.filter(expires_on__lt=today).exists()
        assert not published.filter(published_at__gt=timezone.now()).exists()
        assert not published.filter(published_at__lt=timezone.now() - timedelta(days=61)).exists()
