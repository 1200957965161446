"""Explained matching on the pages: "Forslag til dig" for a volunteer, suggested volunteers for an opportunity."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.services import tags_seed_defaults
from frivillig.tenants.enums import Role
from frivillig.testing import (
    TenantFactory,
    UserFactory,
    assert_rows_rendered,
    grant,
    make_opportunity,
    make_organisation,
)
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, VolunteerProfile
from frivillig.volunteering.search import refresh_search_fields

SUGGESTIONS = reverse("national:suggestions")


def with_words(opportunity, **words):
    """Attach vocabulary words by key: with_words(o, target_groups=["aeldre"], inclusion=["lidt-dansk"])."""
    vocabularies = {
        "target_groups": Vocabulary.TARGET_GROUP,
        "activity_areas": Vocabulary.ACTIVITY_AREA,
        "skills": Vocabulary.SKILL,
        "inclusion": Vocabulary.INCLUSION,
    }
    with scopes_disabled():
        for field, keys in words.items():
            tags = Tag.objects.filter(tenant=opportunity.tenant, vocabulary=vocabularies[field], slug__in=keys)
            getattr(opportunity, field).add(*tags)
        refresh_search_fields(opportunity)  # what opportunity_save does after writing the words
    return opportunity


def make_profile(user=None, **fields):
    user = user or UserFactory()
    fields.setdefault("interests", ["aeldre"])
    return VolunteerProfile.objects.create(user=user, **fields)


def english(client):
    client.cookies["frivillig_language"] = "en"
    return client


def suggested_volunteers_url(opportunity):
    return reverse(
        "volunteering:suggested_volunteers", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk}
    )


# --- Forslag til dig -------------------------------------------------------------------------------------


def test_suggestions_without_a_profile_invite_to_fill_it_in(personas, client_for):
    response = english(client_for("citizen")).get(SUGGESTIONS)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Fill in your volunteer profile" in page
    assert reverse("national:volunteer_profile") in page


def test_suggestions_show_the_best_published_opportunities_with_reasons(personas, client_for):
    citizen = personas.user("citizen")
    make_profile(citizen, interests=["aeldre"], inclusion_needs=["lidt-dansk"], in_evenings=True, postcode="4180")
    best = with_words(
        make_opportunity(personas.organisation, title="Besøgsven om aftenen", in_evenings=True, postcode="4180"),
        target_groups=["aeldre"],
        inclusion=["lidt-dansk"],
    )
    with_words(
        make_opportunity(personas.organisation, title="Gåture med ældre", postcode="8000"), target_groups=["aeldre"]
    )
    with_words(
        make_opportunity(personas.organisation, title="Kladde", status=OpportunityStatus.DRAFT),
        target_groups=["aeldre"],
    )
    with_words(
        make_opportunity(personas.organisation, title="Lukket", status=OpportunityStatus.CLOSED),
        target_groups=["aeldre"],
    )
    with_words(make_opportunity(personas.organisation, title="Fodbold"), target_groups=["boern-og-unge"])

    response = english(client_for("citizen")).get(SUGGESTIONS)

    suggestions = response.context["suggestions"]
    assert [s.opportunity.title for s in suggestions] == ["Besøgsven om aftenen", "Gåture med ældre"]
    assert suggestions[0].match.reasons == [
        "matches your interest in older people",
        "close to you",
        "in the evenings",
        "suits you: suitable with little Danish",
    ]
    page = response.content.decode()
    assert "Kladde" not in page and "Lukket" not in page and "Fodbold" not in page
    assert "matches your interest in older people" in page
    assert best.organisation.name in page


def test_suggestions_cross_tenants(personas, client_for):
    make_profile(personas.user("citizen"), interests=["idraet"])
    with_words(
        make_opportunity(personas.foreign_organisation, title="Fodboldtræner i Charlie"), activity_areas=["idraet"]
    )

    response = client_for("citizen").get(SUGGESTIONS)

    assert [s.opportunity.title for s in response.context["suggestions"]] == ["Fodboldtræner i Charlie"]


def test_suggestions_leave_out_what_one_has_applied_for(personas, client_for):
    citizen = personas.user("citizen")
    make_profile(citizen)
    applied = with_words(make_opportunity(personas.organisation, title="Allerede søgt"), target_groups=["aeldre"])
    with scopes_disabled():
        Application.objects.create(
            tenant=applied.tenant, opportunity=applied, user=citizen, full_name="Cecilie Borger", email=citizen.email
        )

    response = client_for("citizen").get(SUGGESTIONS)

    assert response.context["suggestions"] == []
    assert (
        "No open volunteer opportunity fits your profile right now"
        in english(client_for("citizen")).get(SUGGESTIONS).content.decode()
    )


def test_suggestions_leave_out_inactive_tenants(personas, client_for):
    make_profile(personas.user("citizen"))
    with_words(make_opportunity(personas.foreign_organisation, title="I en lukket kommune"), target_groups=["aeldre"])
    personas.other_tenant.is_active = False
    personas.other_tenant.save()

    assert client_for("citizen").get(SUGGESTIONS).context["suggestions"] == []


def test_suggestions_show_at_most_ten(personas, client_for):
    make_profile(personas.user("citizen"))
    for number in range(12):
        with_words(make_opportunity(personas.organisation, title=f"Opslag {number}"), target_groups=["aeldre"])

    suggestions = client_for("citizen").get(SUGGESTIONS).context["suggestions"]

    # Equal scores: the newest first.
    assert [s.opportunity.title for s in suggestions] == [f"Opslag {number}" for number in range(11, 1, -1)]


@pytest.mark.parametrize("size", [1, 3])
def test_suggestions_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
    for number in range(size):
        organisation = make_organisation(tenant)
        with_words(
            make_opportunity(organisation, title=f"Opslag {number}", postcode="4180"),
            target_groups=["aeldre"],
            activity_areas=["besoegsvenner"],
            skills=["madlavning"],
            inclusion=["lidt-dansk"],
        )
    user = UserFactory()
    make_profile(user, interests=["aeldre"], skills=["madlavning"], inclusion_needs=["lidt-dansk"], postcode="4180")
    client.force_login(user)

    # session, user, profile; the person's applications; the candidates; the winners' words; the winners for display
    with django_assert_num_queries(7):
        response = client.get(SUGGESTIONS)

    assert len(response.context["suggestions"]) == size
    assert_rows_rendered(response, [f"Opslag {number}" for number in range(size)])


# --- suggested volunteers for an opportunity ------------------------------------------------------------


@pytest.fixture
def opportunity(personas):
    return with_words(
        make_opportunity(personas.organisation, title="Besøgsven", postcode="4180", in_evenings=True),
        target_groups=["aeldre"],
        skills=["samtale"],
    )


def test_suggested_volunteers_list_only_those_who_opted_in(personas, client_for, opportunity):
    make_profile(UserFactory(full_name="Anna Andersen"), open_to_suggestions=True, postcode="4100", in_evenings=True)
    make_profile(UserFactory(full_name="Bent Bentsen"), open_to_suggestions=False)
    make_profile(UserFactory(full_name="Carl Carlsen"), open_to_suggestions=True, interests=["idraet"], postcode="8000")

    response = english(client_for("association_rep")).get(suggested_volunteers_url(opportunity))

    assert response.status_code == 200
    volunteers = response.context["volunteers"]
    assert [v.first_name for v in volunteers] == ["Anna"]
    assert volunteers[0].postcode == "4100"
    assert volunteers[0].match.reasons == ["interested in older people", "lives close by", "available in the evenings"]
    page = response.content.decode()
    assert "Anna" in page and "Andersen" not in page
    assert "Bent" not in page and "Carl" not in page


def test_suggested_volunteers_never_show_contact_details_or_private_notes(personas, client_for, opportunity):
    user = UserFactory(full_name="Dorte Dam", email="dorte.hemmelig@example.org", phone="+45 11 22 33 44")
    make_profile(user, open_to_suggestions=True, private_notes="Min ryg er dårlig", languages="Dansk")

    page = client_for("centre_staff").get(suggested_volunteers_url(opportunity)).content.decode()

    assert "Dorte" in page
    assert "dorte.hemmelig@example.org" not in page
    assert "11 22 33 44" not in page
    assert "Min ryg er dårlig" not in page
    assert "Dam" not in page


def test_suggested_volunteers_leave_out_those_who_already_applied(personas, client_for, opportunity):
    user = UserFactory(full_name="Eva Ebbesen")
    make_profile(user, open_to_suggestions=True)
    with scopes_disabled():
        Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            user=user,
            full_name=user.full_name,
            email=user.email,
            status=ApplicationStatus.NEW,
        )

    response = client_for("centre_staff").get(suggested_volunteers_url(opportunity))

    assert response.context["volunteers"] == []


def test_suggested_volunteers_of_another_association_is_404_for_a_representative(personas, client_for):
    neighbours = with_words(make_opportunity(personas.other_organisation), target_groups=["aeldre"])

    assert client_for("association_rep").get(suggested_volunteers_url(neighbours)).status_code == 404
    assert client_for("centre_staff").get(suggested_volunteers_url(neighbours)).status_code == 200


def test_suggested_volunteers_of_another_tenant_is_404(personas, client_for):
    foreign = make_opportunity(personas.foreign_organisation)
    url = reverse("volunteering:suggested_volunteers", kwargs={"tenant_slug": "alfa", "pk": foreign.pk})
    assert client_for("centre_staff").get(url).status_code == 404


FIRST_NAMES = ["Asta", "Bertil", "Cirkeline"]


@pytest.mark.parametrize("size", [1, 3])
def test_suggested_volunteers_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    opportunity = with_words(
        make_opportunity(make_organisation(tenant), postcode="4180"),
        target_groups=["aeldre"],
        skills=["samtale"],
        inclusion=["lidt-dansk"],
    )
    for number in range(size):
        make_profile(
            UserFactory(full_name=f"{FIRST_NAMES[number]} Hansen"),
            open_to_suggestions=True,
            interests=["aeldre"],
            skills=["samtale"],
            postcode="4180",
        )
    client.force_login(staff)

    with django_assert_num_queries(10):
        response = client.get(suggested_volunteers_url(opportunity))

    assert len(response.context["volunteers"]) == size
    # Associations see a volunteer's first name only.
    assert_rows_rendered(response, FIRST_NAMES[:size])
    assert "Hansen" not in response.content.decode()
