"""The public detail page of a volunteer opportunity and its schema.org JobPosting."""

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind
from frivillig.testing import assert_rows_rendered, make_organisation, make_person
from frivillig.volunteering.enums import Commitment, OpportunityStatus
from frivillig.volunteering.tests.test_board import opportunity
from frivillig.volunteering.views import board as board_views


def detail_url(item, tenant_slug: str = "alfa") -> str:
    return reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": tenant_slug, "pk": item.pk})


def json_ld(response) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture
def full(personas):
    contact = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@example.org", phone="+4511223344")
    return opportunity(
        personas.organisation,
        title="Besøgsven for en ældre borger",
        summary="Drik kaffe med en ældre, der sidder meget alene.",
        description="Du besøger en ældre borger i eget hjem.",
        tasks="Kaffe, gåture og en god snak.",
        target_groups=["aeldre", "ensomhed"],
        activity_areas=["besoegsvenner"],
        skills=["samtale"],
        inclusion=["lidt-dansk", "seniorer"],
        commitment=Commitment.REGULAR,
        hours_per_week=Decimal("2.5"),
        on_weekdays=True,
        at_weekends=True,
        starts_on=date(2099, 2, 1),
        ends_on=date(2099, 12, 31),
        address="Storgade 3",
        postcode="4180",
        town="Sorø",
        volunteers_needed=4,
        requires_child_certificate=True,
        contact_person=contact,
        expires_on=date(2099, 3, 1),
        published_at=timezone.make_aware(datetime(2025, 1, 15, 10, 0)),
    )


def test_detail_shows_what_a_volunteer_needs_to_decide(client, full):
    response = english(client).get(detail_url(full))

    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "<h1>Besøgsven for en ældre borger</h1>",
        "Drik kaffe med en ældre, der sidder meget alene.",
        "Du besøger en ældre borger i eget hjem.",
        "Kaffe, gåture og en god snak.",
        "Alfa Besøgsvenner",
        "Older people, Loneliness",
        "Visiting friends",
        "Listening and conversation",
        "Suitable with little Danish, Suitable for seniors",
        "Regularly",
        "<dd>2.5</dd>",
        "Weekdays (daytime), weekends",
        "Storgade 3, 4180 Sorø",
        "<dd>4</dd>",
        "Required: the association obtains it with your consent before you start.",
        "Karen Kontakt",
        "1 March 2099",
        "1 February 2099",
    ]:
        assert text in content, text
    # The contact person's name, never their contact details: the sign-up goes through the platform.
    assert "karen@example.org" not in content
    assert "11223344" not in content


def test_detail_links_to_the_association_profile_when_it_is_public(client, full, personas):
    directory = reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    assert f'<a href="{directory}">Alfa Besøgsvenner</a>' in client.get(detail_url(full)).content.decode()

    hidden = make_organisation(personas.tenant, name="Skjult Forening", is_public=False)
    business = make_organisation(personas.tenant, name="Firma ApS", kind=OrganisationKind.BUSINESS)
    for organisation in (hidden, business):
        content = client.get(detail_url(opportunity(organisation, title="Opslag"))).content.decode()
        assert organisation.name in content
        assert f"/alfa/foreninger/{organisation.pk}/" not in content


def test_detail_has_a_call_to_action_to_sign_up(client, full):
    apply_url = reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": full.pk})
    content = english(client).get(detail_url(full)).content.decode()
    assert f'<a class="button button-primary" href="{apply_url}">I would like to help' in content


def test_detail_with_a_renamed_sign_up_page_fails_instead_of_hiding_the_button(client, full, monkeypatch):
    real_reverse = board_views.reverse

    def reverse_without_apply(name, *args, **kwargs):
        if name == "volunteering:apply":
            raise NoReverseMatch(name)
        return real_reverse(name, *args, **kwargs)

    monkeypatch.setattr(board_views, "reverse", reverse_without_apply)
    with pytest.raises(NoReverseMatch):
        english(client).get(detail_url(full))


@pytest.mark.parametrize(
    "fields",
    [{"status": OpportunityStatus.DRAFT}, {"published_at": timezone.now() + timedelta(days=2)}],
)
def test_detail_of_an_opportunity_never_published_is_404(client, personas, fields):
    item = opportunity(personas.organisation, title="Hemmelig kladde", **fields)
    response = english(client).get(detail_url(item))
    assert response.status_code == 404
    assert "Hemmelig kladde" not in response.content.decode()
    assert "no longer open" not in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": OpportunityStatus.FILLED},
        {"status": OpportunityStatus.CLOSED},
        {"status": OpportunityStatus.EXPIRED},
        {"expires_on": date(2020, 1, 1)},
    ],
)
def test_detail_of_an_opportunity_no_longer_open_says_so_with_404(client, personas, fields):
    item = opportunity(personas.organisation, title="Gammelt opslag", **fields)

    response = english(client).get(detail_url(item))

    assert response.status_code == 404
    content = response.content.decode()
    assert "This volunteer opportunity is no longer open" in content
    assert 'href="/alfa/frivilligjob/"' in content
    assert "Gammelt opslag" not in content


def test_detail_of_an_archived_organisations_opportunity_is_404(client, personas):
    archived = make_organisation(personas.tenant, name="Arkiveret", archived_at=timezone.now())
    response = english(client).get(detail_url(opportunity(archived, title="Arkiveret opslag")))
    assert response.status_code == 404
    assert "no longer open" not in response.content.decode()


def test_detail_of_another_tenants_opportunity_is_404(client, personas):
    foreign = opportunity(personas.foreign_organisation, title="Charlies opslag")

    response = english(client).get(detail_url(foreign, tenant_slug="alfa"))

    assert response.status_code == 404
    assert "Charlies opslag" not in response.content.decode()
    assert "no longer open" not in response.content.decode()
    assert client.get(detail_url(foreign, tenant_slug="charlie")).status_code == 200


def test_detail_query_count(client, full, django_assert_num_queries):
    # tenant, the opportunity with its organisation and contact, its words (one union)
    with django_assert_num_queries(3):
        response = client.get(detail_url(full))
    assert response.status_code == 200
    assert_rows_rendered(response, ["Besøgsven for en ældre borger", "Karen Kontakt", "Alfa Besøgsvenner"])


# --- JSON-LD ---------------------------------------------------------------------------------------------------


def test_detail_carries_a_volunteer_job_posting(client, full, personas):
    with scopes_disabled():
        personas.organisation.website = "https://besoeg.example.org"
        personas.organisation.save()

    data = json_ld(client.get(detail_url(full)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "VOLUNTEER"
    assert data["title"] == "Besøgsven for en ældre borger"
    assert data["description"].startswith("Drik kaffe med en ældre")
    assert "Kaffe, gåture og en god snak." in data["description"]
    assert data["datePosted"] == "2025-01-15"
    assert data["validThrough"] == "2099-03-01"
    assert data["directApply"] is True
    assert data["totalJobOpenings"] == 4
    assert data["url"] == f"http://testserver{detail_url(full)}"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Alfa Besøgsvenner",
        "url": f"http://testserver/alfa/foreninger/{personas.organisation.pk}/",
        "sameAs": "https://besoeg.example.org",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storgade 3",
            "postalCode": "4180",
            "addressLocality": "Sorø",
            "addressCountry": "DK",
        },
    }
    assert "jobLocationType" not in data


def test_detail_json_ld_of_remote_work_says_telecommute(client, personas):
    item = opportunity(personas.organisation, title="Hjemmefra", is_remote=True, postcode="", town="")

    data = json_ld(client.get(detail_url(item)))

    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "DK"}
    # The association's own address says nothing about where remote work happens.
    assert "jobLocation" not in data
    assert "validThrough" not in data


def test_detail_json_ld_falls_back_to_the_organisations_place(client, personas):
    item = opportunity(personas.organisation, title="Et sted")
    data = json_ld(client.get(detail_url(item)))
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "postalCode": "4180",
        "addressLocality": "Sorø",
        "addressCountry": "DK",
    }


def test_detail_json_ld_cannot_be_broken_out_of(client, personas):
    title = 'Evil </script><script>alert("x")</script> & <!-- co'
    item = opportunity(personas.organisation, title=title, summary="</SCRIPT> too")

    response = client.get(detail_url(item))

    content = response.content.decode()
    block = content.split('<script type="application/ld+json">', 1)[1]
    inside = block.split("</script>", 1)[0]
    assert "<" not in inside and ">" not in inside and "&" not in inside
    data = json.loads(inside)
    assert data["title"] == title
    assert data["description"] == "</SCRIPT> too"
    assert content.count("<script") == content.count("<script src=") + 1
    assert "<h1>Evil &lt;/script&gt;" in content
