"""Keeping volunteer opportunities: the administration list, create and edit, and who may touch what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationRoleKind, Vocabulary
from frivillig.crm.models import OrganisationRole, Tag
from frivillig.testing import assert_rows_rendered, make_opportunity, make_organisation, make_person
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity


def url(name: str, opportunity=None, **query) -> str:
    kwargs = {"tenant_slug": "alfa"}
    if opportunity is not None:
        kwargs["pk"] = opportunity.pk
    return reverse(f"volunteering:{name}", kwargs=kwargs)


def tag(tenant, vocabulary: Vocabulary, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def fresh(opportunity) -> Opportunity:
    with scopes_disabled():
        return Opportunity.objects.get(pk=opportunity.pk)


def audit_codes(opportunity) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(target_type="volunteering.opportunity", target_id=str(opportunity.pk))
            .order_by("pk")
            .values_list("code", flat=True)
        )


def contact(organisation, name: str = "Karen Kontakt", **role_fields):
    person = make_person(organisation.tenant, full_name=name, email=f"{name.split()[0].lower()}@example.org")
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=organisation.tenant,
            organisation=organisation,
            person=person,
            role=OrganisationRoleKind.CONTACT_PERSON,
            **role_fields,
        )
    return person


def form_data(personas, **overrides) -> dict:
    tenant = personas.tenant
    data = {
        "organisation": personas.organisation.pk,
        "title": "Besøgsven for en ældre borger",
        "summary": "Drik kaffe og gå ture med en ældre, der sidder meget alene.",
        "description": "Du besøger en ældre borger en gang om ugen.",
        "tasks": "Kaffe\nGåture",
        "activity_areas": [tag(tenant, Vocabulary.ACTIVITY_AREA, "besoegsvenner").pk],
        "target_groups": [tag(tenant, Vocabulary.TARGET_GROUP, "aeldre").pk],
        "skills": [tag(tenant, Vocabulary.SKILL, "samtale").pk],
        "inclusion": [
            tag(tenant, Vocabulary.INCLUSION, "lidt-dansk").pk,
            tag(tenant, Vocabulary.INCLUSION, "seniorer").pk,
        ],
        "commitment": "regular",
        "hours_per_week": "2",
        "in_evenings": "on",
        "starts_on": "2030-01-01",
        "ends_on": "2030-06-30",
        "address": "Storgade 3",
        "postcode": "4180",
        "town": "Sorø",
        "volunteers_needed": "3",
        "requires_child_certificate": "",
        "contact_person": "",
        "expires_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def rep(client_for):
    return english(client_for("association_rep"))


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


# --- create and edit ------------------------------------------------------------------------------------


def test_opportunity_create_by_rep_saves_a_draft_with_every_field(rep, personas):
    person = contact(personas.organisation)
    response = rep.post(url("opportunity_create"), form_data(personas, contact_person=str(person.pk)))
    assert response.status_code == 302
    with scopes_disabled():
        opportunity = Opportunity.objects.get()
        assert response.headers["Location"] == url("opportunity_edit", opportunity)
        assert opportunity.status == OpportunityStatus.DRAFT
        assert opportunity.organisation == personas.organisation
        assert opportunity.tenant == personas.tenant
        assert opportunity.created_by == personas.user("association_rep")
        assert opportunity.commitment == "regular"
        assert opportunity.hours_per_week == 2
        assert (opportunity.in_evenings, opportunity.on_weekdays, opportunity.at_weekends) == (True, False, False)
        assert str(opportunity.ends_on) == "2030-06-30"
        assert opportunity.volunteers_needed == 3
        assert opportunity.contact_person == person
        assert [t.slug for t in opportunity.activity_areas.all()] == ["besoegsvenner"]
        assert [t.slug for t in opportunity.target_groups.all()] == ["aeldre"]
        assert [t.slug for t in opportunity.skills.all()] == ["samtale"]
        assert sorted(t.slug for t in opportunity.inclusion.all()) == ["lidt-dansk", "seniorer"]
        # The search reads the saved words: the service refreshed the search fields after the tags.
        assert "Visiting friends" in opportunity.search_document
    assert audit_codes(opportunity) == ["volunteering.opportunity.created"]


def test_opportunity_create_offers_reps_only_their_organisations(rep, personas):
    page = rep.get(url("opportunity_create")).content.decode()
    assert "Alfa Besøgsvenner" in page
    assert "Alfa Lektiecafé" not in page
    response = rep.post(url("opportunity_create"), form_data(personas, organisation=personas.other_organisation.pk))
    assert response.status_code == 200
    with scopes_disabled():
        assert not Opportunity.objects.exists()


def test_opportunity_create_offers_staff_every_active_organisation(staff, personas):
    archived = make_organisation(personas.tenant, name="Arkiveret Forening", archived_at=timezone.now())
    page = staff.get(url("opportunity_create")).content.decode()
    assert "Alfa Besøgsvenner" in page and "Alfa Lektiecafé" in page
    assert archived.name not in page
    assert "Charlie Idrætsforening" not in page
    response = staff.post(url("opportunity_create"), form_data(personas, organisation=personas.other_organisation.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert Opportunity.objects.get().organisation == personas.other_organisation


def test_opportunity_create_shows_only_active_tags_as_checkboxes(rep, personas):
    retired = tag(personas.tenant, Vocabulary.SKILL, "fundraising")
    with scopes_disabled():
        Tag.objects.filter(pk=retired.pk).update(is_active=False)
    page = rep.get(url("opportunity_create")).content.decode()
    assert 'type="checkbox" class="form-checkbox" name="skills"' in page
    assert "Listening and conversation" in page
    assert "Fundraising" not in page


def test_opportunity_edit_saves_changes_and_logs_them(rep, personas):
    opportunity = make_opportunity(personas.organisation, status=OpportunityStatus.DRAFT)
    response = rep.post(url("opportunity_edit", opportunity), form_data(personas, title="Ny titel", is_remote="on"))
    assert response.status_code == 302
    saved = fresh(opportunity)
    assert saved.title == "Ny titel"
    assert saved.is_remote is True
    assert "t:ny" in saved.search_stems
    assert audit_codes(opportunity) == ["volunteering.opportunity.updated"]


def test_opportunity_edit_keeps_a_contact_whose_role_has_ended(rep, personas):
    person = contact(personas.organisation, ended_on=timezone.localdate() - timedelta(days=1))
    opportunity = make_opportunity(personas.organisation, contact_person=person)
    response = rep.post(
        url("opportunity_edit", opportunity), form_data(personas, title="Ændret", contact_person=str(person.pk))
    )
    assert response.status_code == 302
    assert fresh(opportunity).contact_person == person


def test_opportunity_contact_must_have_a_current_role_in_the_organisation(staff, personas):
    neighbour = contact(personas.other_organisation, name="Niels Nabo")
    former = contact(personas.organisation, name="Frede Fortid", ended_on=timezone.localdate())
    response = staff.post(url("opportunity_create"), form_data(personas, contact_person=str(neighbour.pk)))
    assert response.status_code == 200
    assert "Niels Nabo has no role in Alfa Besøgsvenner" in response.content.decode()
    response = staff.post(url("opportunity_create"), form_data(personas, contact_person=str(former.pk)))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with scopes_disabled():
        assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"starts_on": "2030-06-01", "ends_on": "2030-05-01"}, "ends_on", "The end date is before the start date."),
        ({"volunteers_needed": "0"}, "volunteers_needed", "At least one volunteer must be needed."),
        ({"summary": "x" * 301}, "summary", "at most 300 characters"),
        ({"expires_on": "2001-01-01"}, "expires_on", "The date has passed."),
        ({"postcode": "41800"}, "postcode", ""),
        ({"starts_on": "31-31-2030"}, "starts_on", "Enter a valid date."),
        ({"hours_per_week": "mange"}, "hours_per_week", "Enter a number."),
        ({"commitment": "forever"}, "commitment", "Select a valid choice."),
    ],
)
def test_opportunity_create_bad_input_keeps_typed_values_and_saves_nothing(rep, personas, overrides, field, message):
    response = rep.post(url("opportunity_create"), form_data(personas, title="Min skrevne titel", **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    page = response.content.decode()
    assert message in page
    assert 'value="Min skrevne titel"' in page
    with scopes_disabled():
        assert not Opportunity.objects.exists()
        assert not AuditEntry.objects.filter(code__startswith="volunteering.").exists()


def test_opportunity_foreign_tag_id_is_refused(rep, personas):
    with scopes_disabled():
        foreign = Tag.objects.get(tenant=personas.other_tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="kultur")
    opportunity = make_opportunity(personas.organisation, title="Uændret")
    response = rep.post(
        url("opportunity_edit", opportunity),
        form_data(personas, title="Skrevet titel", activity_areas=[foreign.pk]),
    )
    assert response.status_code == 200
    assert "activity_areas" in response.context["form"].errors
    page = response.content.decode()
    assert 'value="Skrevet titel"' in page
    # The page around the form shows the saved title, not the typed one.
    assert "<h1>Uændret</h1>" in page
    saved = fresh(opportunity)
    assert saved.title == "Uændret"
    with scopes_disabled():
        assert not saved.activity_areas.exists()
    assert audit_codes(opportunity) == []


def test_opportunity_other_vocabulary_tag_id_is_refused(rep, personas):
    target_group = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    response = rep.post(url("opportunity_create"), form_data(personas, activity_areas=[target_group.pk]))
    assert response.status_code == 200
    assert "activity_areas" in response.context["form"].errors


# --- who may touch what ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["opportunity_edit", "opportunity_publish", "opportunity_close", "opportunity_renew"])
def test_opportunity_of_another_association_is_404_for_reps(rep, personas, name):
    theirs = make_opportunity(personas.other_organisation, status=OpportunityStatus.DRAFT, title="Naboens job")
    method = rep.get if name == "opportunity_edit" else rep.post
    assert method(url(name, theirs)).status_code == 404
    response = rep.post(url("opportunity_edit", theirs), form_data(personas))
    assert response.status_code == 404
    assert fresh(theirs).title == "Naboens job"
    assert fresh(theirs).status == OpportunityStatus.DRAFT


def test_opportunity_of_any_association_is_open_to_staff(staff, personas):
    theirs = make_opportunity(personas.other_organisation, status=OpportunityStatus.DRAFT)
    assert staff.get(url("opportunity_edit", theirs)).status_code == 200
    response = staff.post(
        url("opportunity_edit", theirs),
        form_data(personas, organisation=personas.other_organisation.pk, title="Staff rettede"),
    )
    assert response.status_code == 302
    assert fresh(theirs).title == "Staff rettede"


def test_opportunity_of_another_tenant_is_404_for_staff(staff, personas):
    foreign = make_opportunity(personas.foreign_organisation)
    assert staff.get(url("opportunity_edit", foreign)).status_code == 404
    assert staff.post(url("opportunity_publish", foreign)).status_code == 404


# --- the administration list ------------------------------------------------------------------------------


def test_manage_list_shows_reps_only_their_organisations_opportunities(rep, personas):
    make_opportunity(personas.organisation, title="Vores job")
    make_opportunity(personas.other_organisation, title="Naboens job")
    make_opportunity(personas.foreign_organisation, title="Charlies job")
    page = rep.get(url("opportunity_manage_list")).content.decode()
    assert "Vores job" in page
    assert "Naboens job" not in page and "Charlies job" not in page


def test_manage_list_shows_staff_every_opportunity_of_the_tenant(staff, personas):
    make_opportunity(personas.organisation, title="Vores job")
    make_opportunity(personas.other_organisation, title="Naboens job")
    make_opportunity(personas.foreign_organisation, title="Charlies job")
    page = staff.get(url("opportunity_manage_list")).content.decode()
    assert "Vores job" in page and "Naboens job" in page
    assert "Charlies job" not in page


def test_manage_list_filters_by_status_organisation_and_title(staff, personas):
    make_opportunity(personas.organisation, title="Lektiehjælper", status=OpportunityStatus.DRAFT)
    make_opportunity(personas.organisation, title="Besøgsven")
    make_opportunity(personas.other_organisation, title="Besøgsven i caféen")

    def titles(**query) -> list[str]:
        response = staff.get(url("opportunity_manage_list"), {"sorter": "titel", **query})
        return [o.title for o in response.context["page"].object_list]

    assert titles(status="draft") == ["Lektiehjælper"]
    assert titles(organisation=personas.other_organisation.pk) == ["Besøgsven i caféen"]
    assert titles(soeg="besøgsven") == ["Besøgsven", "Besøgsven i caféen"]
    assert titles(soeg="ingenting") == []
    assert (
        "No opportunities match the search."
        in staff.get(url("opportunity_manage_list"), {"soeg": "x"}).content.decode()
    )
    # Nonsense in the URL is ignored, never an error page.
    response = staff.get(url("opportunity_manage_list"), {"status": "nonsense", "organisation": "abc", "sorter": "x"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 3


def test_manage_list_counts_only_confirmed_applications(staff, personas):
    from frivillig.volunteering.models import Application

    opportunity = make_opportunity(personas.organisation, title="Populært job")
    with scopes_disabled():
        for number, confirmed in enumerate([True, True, False]):
            Application.objects.create(
                tenant=personas.tenant,
                opportunity=opportunity,
                full_name=f"Ansøger {number}",
                email=f"a{number}@example.org",
                email_confirmed_at=timezone.now() if confirmed else None,
            )
    response = staff.get(url("opportunity_manage_list"))
    (row,) = response.context["page"].object_list
    assert row.confirmed_applications == 2


def test_manage_list_htmx_returns_only_the_results(staff, personas):
    make_opportunity(personas.organisation, title="Vores job")
    response = staff.get(url("opportunity_manage_list"), {"soeg": "vores"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="list-results"' in page
    assert "<html" not in page
    assert "Vores job" in page


@pytest.mark.parametrize("size", [1, 3])
def test_manage_list_query_count_does_not_grow(staff, personas, size, django_assert_num_queries):
    from frivillig.volunteering.models import Application

    for number in range(size):
        opportunity = make_opportunity(
            personas.organisation,
            title=f"Job {number}",
            contact_person=contact(personas.organisation, name=f"Kontakt {number}"),
        )
        with scopes_disabled():
            Application.objects.create(
                tenant=personas.tenant,
                opportunity=opportunity,
                full_name="Ansøger",
                email=f"a{number}@example.org",
                email_confirmed_at=timezone.now(),
            )
    # tenant, session, user, memberships, the organisation filter's choices, the count, the page
    with django_assert_num_queries(7):
        response = staff.get(url("opportunity_manage_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Job {number}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_manage_list_query_count_for_reps_does_not_grow(rep, personas, size, django_assert_num_queries):
    for number in range(size):
        make_opportunity(personas.organisation, title=f"Job {number}")
    # tenant, session, user, memberships, the represented organisations, the count, the page
    with django_assert_num_queries(7):
        response = rep.get(url("opportunity_manage_list"))
    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Job {number}" for number in range(size)])


def test_manage_list_empty_state(rep, personas):
    page = rep.get(url("opportunity_manage_list")).content.decode()
    assert "There are no opportunities yet." in page
