"""Merging organisations or people in the CRM carries volunteering's rows along, though crm never imports them."""

from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.services.merge import organisation_merge, person_merge
from frivillig.testing import make_opportunity, make_organisation, make_person
from frivillig.volunteering.models import Application, Opportunity


def test_organisation_merge_moves_the_opportunities_and_their_applications(personas):
    duplicate = make_organisation(personas.tenant, name="Besøgsvennerne i Alfa")
    kept_own = make_opportunity(personas.organisation, title="Besøgsven om onsdagen")
    moved = make_opportunity(duplicate, title="Besøgsven om lørdagen")
    with scopes_disabled():
        application = Application.objects.create(
            tenant=personas.tenant, opportunity=moved, full_name="Åse Ærø", email="aase@example.org"
        )

    with scope(tenant=personas.tenant):
        organisation_merge(keep=personas.organisation, remove=duplicate, actor=personas.user("centre_staff"))

    with scopes_disabled():
        titles = Opportunity.objects.filter(organisation=personas.organisation).values_list("title", flat=True)
        assert sorted(titles) == sorted([kept_own.title, moved.title])
        application.refresh_from_db()
        assert application.opportunity_id == moved.pk
        entry = AuditEntry.objects.get(code="crm.organisation.merged")
    assert entry.data["moved"]["volunteering.opportunity.organisation"] == 1


def test_person_merge_moves_the_contact_person_of_opportunities(personas):
    keep = make_person(personas.tenant, full_name="Åse Ærø")
    remove = make_person(personas.tenant, full_name="Aase Aeroe")
    opportunity = make_opportunity(personas.organisation, contact_person=remove)

    with scope(tenant=personas.tenant):
        person_merge(keep=keep, remove=remove, actor=personas.user("centre_staff"))

    with scopes_disabled():
        opportunity.refresh_from_db()
    # Without the move, deleting the duplicate would have left the opportunity without a contact (SET_NULL).
    assert opportunity.contact_person_id == keep.pk
