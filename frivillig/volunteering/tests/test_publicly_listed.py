"""The rule "publicly listed" (what the public boards show) is stated once, in the board's selector; the administration
list annotates it from there, and its template asks `opportunity.is_publicly_listed` instead of restating it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.services.organisations import organisation_archive
from frivillig.testing import make_opportunity, make_organisation
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.board import visible_opportunities, with_publicly_listed

MANAGE = reverse("volunteering:opportunity_manage_list", kwargs={"tenant_slug": "alfa"})


def _opportunities(personas) -> dict[str, Opportunity]:
    today = timezone.localdate()
    archived = make_organisation(personas.tenant, name="Lukket forening")
    made = {
        "listed": make_opportunity(personas.organisation, title="Listed"),
        "draft": make_opportunity(personas.organisation, title="Draft", status=OpportunityStatus.DRAFT),
        "expired": make_opportunity(personas.organisation, title="Expired", expires_on=today - timedelta(days=1)),
        "scheduled": make_opportunity(
            personas.organisation, title="Scheduled", published_at=timezone.now() + timedelta(days=1)
        ),
        "archived organisation": make_opportunity(archived, title="Of an archived organisation"),
    }
    with scopes_disabled():
        organisation_archive(organisation=archived, actor=None)
    return made


def test_the_annotation_and_the_board_agree(personas):
    made = _opportunities(personas)
    with scopes_disabled():
        annotated = {
            row.title
            for row in with_publicly_listed(Opportunity.objects.filter(tenant=personas.tenant))
            if row.is_publicly_listed
        }
        on_the_board = set(visible_opportunities(personas.tenant).values_list("title", flat=True))
    assert annotated == on_the_board == {made["listed"].title}


def test_the_administration_list_offers_suggestions_only_for_listed_opportunities(personas, client_for):
    made = _opportunities(personas)
    page = client_for("centre_staff").get(MANAGE).content.decode()
    for key, opportunity in made.items():
        suggestions = reverse("volunteering:suggested_volunteers", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
        assert (suggestions in page) == (key == "listed"), key
