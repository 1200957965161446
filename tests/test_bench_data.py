"""The benchmark's data generator (bench/data.py): national proportions, set-up tenants, current derived fields."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django_scopes import scopes_disabled

from bench.data import BENCH_EMAIL, BENCH_PASSWORD, Command, sizes_for
from bench.surveys import STAFF_EMAIL
from frivillig.accounts.models import User
from frivillig.crm.models import Organisation, Tag
from frivillig.tenants.models import Tenant
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.matching import WORD_KEY_FIELDS, word_keys_text
from frivillig.volunteering.models import Application, Opportunity, VolunteerProfile
from frivillig.volunteering.search import apply_search, search_fields

SCALE = 0.001


@pytest.fixture
def bench_data(db):
    out = StringIO()
    call_command(Command(), scale=SCALE, stdout=out)
    return out.getvalue()


def test_bench_data_keeps_the_national_proportions(bench_data):
    assert sizes_for(1.0).tenants == 98
    with scopes_disabled():
        assert Tenant.objects.count() == sizes_for(SCALE).tenants == 2
        assert Organisation.objects.count() == 20
        assert Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).count() == 50
        assert Opportunity.objects.count() == 50
        # Every account is a volunteer's, but the centre's staff member the survey results are measured as.
        assert VolunteerProfile.objects.count() == User.objects.exclude(email=STAFF_EMAIL).count() == 200
        assert User.objects.filter(email=STAFF_EMAIL).count() == 1
        assert Application.objects.count() == 1000
    assert "applications" in bench_data


def test_bench_data_tenants_are_distinct_with_seeded_vocabularies(bench_data):
    tenants = list(Tenant.objects.all())
    assert len({tenant.slug for tenant in tenants}) == len({tenant.kommunekode for tenant in tenants}) == 2
    with scopes_disabled():
        for tenant in tenants:
            assert Tag.objects.filter(tenant=tenant, slug="aeldre").exists()
            assert Organisation.objects.filter(tenant=tenant).exists()


def test_bench_data_opportunities_have_tags_and_current_search_fields_and_word_keys(bench_data):
    with scopes_disabled():
        opportunities = Opportunity.objects.select_related("organisation").prefetch_related(
            "activity_areas", "target_groups", "skills", "inclusion"
        )
        for opportunity in opportunities:
            assert opportunity.activity_areas.all() and opportunity.target_groups.all()
            assert {tag.tenant_id for tag in opportunity.target_groups.all()} == {opportunity.tenant_id}
            assert (opportunity.search_document, opportunity.search_stems) == search_fields(opportunity)
            words = {name: [tag.slug for tag in getattr(opportunity, name).all()] for name in WORD_KEY_FIELDS}
            assert opportunity.word_keys == word_keys_text(words)
        assert apply_search(Opportunity.objects.all(), "besøgsven").exists()


def test_bench_data_applications_are_unique_per_person_and_in_the_opportunitys_tenant(bench_data):
    with scopes_disabled():
        applications = Application.objects.all()
        assert not applications.exclude(tenant=F("opportunity__tenant")).exists()
        assert not applications.values("opportunity", "email").annotate(n=Count("pk")).filter(n__gt=1).exists()
        assert applications.filter(user__isnull=False).exists() and applications.filter(user__isnull=True).exists()
        assert applications.values("opportunity").distinct().count() > 25
        assert applications.values("created_at").distinct().count() > 900


def test_bench_data_volunteer_can_log_in(bench_data):
    user = User.objects.get(email=BENCH_EMAIL)
    assert user.check_password(BENCH_PASSWORD)
    assert user.volunteer_profile.interests


def test_bench_data_refuses_a_database_with_tenants(personas):
    with pytest.raises(CommandError):
        call_command(Command(), scale=SCALE, stdout=StringIO())
