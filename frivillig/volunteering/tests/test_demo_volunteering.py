from django.core.management import call_command
from django_scopes import scopes_disabled

from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Application, Opportunity
from frivillig.volunteering.search import apply_search


def test_demo_publishes_searchable_opportunities_once(db):
    call_command("demo", force=True)
    with scopes_disabled():
        first = (Opportunity.objects.count(), Application.objects.count())
        assert first[0] >= 20
        assert Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).count() == first[0]
        assert (
            apply_search(Opportunity.objects.all(), "besøgsvenner").exists()
            or apply_search(Opportunity.objects.all(), "lektiehjælp").exists()
        )
    call_command("demo", force=True)
    with scopes_disabled():
        assert (Opportunity.objects.count(), Application.objects.count()) == first
