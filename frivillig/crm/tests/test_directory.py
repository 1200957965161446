import json
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import Interaction, OrganisationRole, Tag
from frivillig.testing import assert_rows_rendered, make_organisation, make_person

DIRECTORY_URL = reverse("crm:directory", kwargs={"tenant_slug": "alfa"})


def detail_url(organisation) -> str:
    return reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": organisation.pk})


def tag(tenant, vocabulary: Vocabulary, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def tag_organisation(organisation, *, target_groups=(), activity_areas=()) -> None:
    with scopes_disabled():
        organisation.target_groups.add(*target_groups)
        organisation.activity_areas.add(*activity_areas)


def shown(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), flags=re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


# --- the list ---------------------------------------------------------------------------------------------


def test_directory_lists_only_public_active_associations_of_the_tenant(client, personas):
    make_organisation(personas.tenant, name="Skjult Forening", is_public=False)
    make_organisation(personas.tenant, name="Arkiveret Forening", archived_at=timezone.now())
    make_organisation(personas.tenant, name="Firma ApS", kind=OrganisationKind.BUSINESS)

    response = client.get(DIRECTORY_URL)

    assert response.status_code == 200
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]
    content = response.content.decode()
    for hidden in ["Skjult Forening", "Arkiveret Forening", "Firma ApS", "Charlie Idrætsforening"]:
        assert hidden not in content


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("name", "Sorø Skakklub", "skak"),
        ("purpose", "Vi spiller skak hver tirsdag", "SKAK"),
        ("description", "Turneringer og skak for begyndere", "skak"),
        ("town", "Skakby", "skakby"),
    ],
)
def test_directory_search_finds_name_purpose_description_and_town(client, personas, field, value, query):
    fields = {"name": "Forening Med Ord", field: value} if field != "name" else {"name": value}
    make_organisation(personas.tenant, **fields)

    response = client.get(DIRECTORY_URL, {"soeg": query})

    assert shown(response) == [fields["name"]]
    assert f'value="{query}"' in response.content.decode()


def test_directory_filters_by_target_group_and_activity_area(client, personas):
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    children = tag(personas.tenant, Vocabulary.TARGET_GROUP, "boern-og-unge")
    sport = tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "idraet")
    tag_organisation(personas.organisation, target_groups=[elderly])
    tag_organisation(personas.other_organisation, target_groups=[children, elderly], activity_areas=[sport])

    assert shown(client.get(DIRECTORY_URL, {"maalgruppe": "aeldre"})) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]
    assert shown(client.get(DIRECTORY_URL, {"maalgruppe": "boern-og-unge"})) == ["Alfa Lektiecafé"]
    response = client.get(DIRECTORY_URL, {"maalgruppe": "aeldre", "omraade": "idraet"})
    assert shown(response) == ["Alfa Lektiecafé"]
    content = response.content.decode()
    assert '<option value="aeldre" selected>' in content
    assert '<option value="idraet" selected>' in content


def test_directory_filter_offers_only_tags_in_use_in_the_visitors_language(client, personas):
    tag_organisation(personas.organisation, target_groups=[tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")])
    hidden = make_organisation(personas.tenant, name="Skjult", is_public=False)
    tag_organisation(hidden, target_groups=[tag(personas.tenant, Vocabulary.TARGET_GROUP, "misbrug")])

    response = english(client).get(DIRECTORY_URL)

    assert [t.slug for t in response.context["options"].target_groups] == ["aeldre"]
    content = response.content.decode()
    assert ">Older people</option>" in content
    assert "Substance abuse" not in content
    assert "Older people" in content  # also on the association's line in the list


def test_directory_unknown_filter_value_is_ignored(client, personas):
    response = client.get(DIRECTORY_URL, {"maalgruppe": "findes-ikke", "omraade": "<b>", "sorter": "cvr"})
    assert response.status_code == 200
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_directory_sorts_by_town(client, personas):
    make_organisation(personas.tenant, name="Aaa Forening", town="Ørslev")
    make_organisation(personas.tenant, name="Zzz Forening", town="Ans")

    response = client.get(DIRECTORY_URL, {"sorter": "by"})

    assert shown(response)[0] == "Zzz Forening"
    assert shown(response)[-1] == "Aaa Forening"


def test_directory_paginates_by_twenty_and_keeps_the_filter(client, personas):
    for number in range(21):
        make_organisation(personas.tenant, name=f"Skakklub {number:02d}")

    first = client.get(DIRECTORY_URL, {"soeg": "skakklub"})
    second = client.get(DIRECTORY_URL, {"soeg": "skakklub", "side": "2"})

    assert len(shown(first)) == 20
    assert shown(second) == ["Skakklub 20"]
    assert "?soeg=skakklub&amp;side=2" in first.content.decode()


def test_directory_search_without_results_says_so(client, personas):
    response = english(client).get(DIRECTORY_URL, {"soeg": "ingen forening hedder sådan"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "No associations match the search." in content
    assert "Show all associations" in content


def test_directory_without_associations_says_so(client, personas):
    with scopes_disabled():
        personas.organisation.is_public = False
        personas.organisation.save()
        personas.other_organisation.is_public = False
        personas.other_organisation.save()

    content = english(client).get(DIRECTORY_URL).content.decode()

    assert "No associations are listed yet." in content
    assert "No associations match the search." not in content


def test_directory_htmx_request_gets_only_the_results(client, personas):
    response = client.get(DIRECTORY_URL, {"soeg": "lektie"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert 'name="soeg"' not in content
    assert "Alfa Lektiecafé" in content
    assert "Alfa Besøgsvenner" not in content


def test_directory_form_works_without_javascript_and_with_htmx(client, personas):
    content = client.get(DIRECTORY_URL).content.decode()
    assert f'<form method="get" action="{DIRECTORY_URL}"' in content
    assert f'hx-get="{DIRECTORY_URL}"' in content
    assert 'hx-target="#list-results"' in content
    assert 'hx-push-url="true"' in content


@pytest.mark.parametrize("size", [1, 3])
def test_directory_query_count_is_constant(client, personas, django_assert_num_queries, size):
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    sport = tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "idraet")
    for number in range(size):
        organisation = make_organisation(personas.tenant, name=f"Talt Forening {number}")
        tag_organisation(organisation, target_groups=[elderly], activity_areas=[sport])

    # tenant, filter options, count, page, target groups, activity areas
    with django_assert_num_queries(6):
        response = client.get(DIRECTORY_URL, {"soeg": "talt"})
    assert len(shown(response)) == size
    assert_rows_rendered(response, [f"Talt Forening {number}" for number in range(size)])


# --- the detail page --------------------------------------------------------------------------------------


def test_directory_detail_shows_the_public_profile(client, personas):
    organisation = make_organisation(
        personas.tenant,
        name="Sorø Besøgsvenner",
        purpose="Vi besøger ensomme ældre.",
        description="Kom og vær med.",
        website="https://besoeg.example.org",
        email="kontakt@besoeg.example.org",
        phone="+45 12 34 56 78",
        address="Storgade 3",
        postcode="4180",
        town="Sorø",
        member_since=date(2015, 3, 1),
    )
    tag_organisation(organisation, target_groups=[tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")])

    response = english(client).get(detail_url(organisation))

    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Sorø Besøgsvenner",
        "Vi besøger ensomme ældre.",
        "Kom og vær med.",
        'href="https://besoeg.example.org"',
        "mailto:kontakt@besoeg.example.org",
        "tel:+4512345678",
        "Storgade 3, 4180 Sorø",
        "Older people",
        "Member of Frivilligcenter Alfa since 2015.",
    ]:
        assert text in content, text


def test_directory_detail_never_shows_the_centres_internal_data(client, personas):
    organisation = personas.organisation
    person = make_person(personas.tenant, full_name="Hemmelig Kontakt", notes="Personlig note")
    with scopes_disabled():
        organisation.internal_notes = "Intern bemærkning om foreningen"
        organisation.save()
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=organisation, person=person, role=OrganisationRoleKind.CHAIR
        )
        interaction = Interaction.objects.create(
            tenant=personas.tenant, kind="meeting", happened_on=date(2017, 5, 1), summary="Fortroligt møde"
        )
        interaction.organisations.add(organisation)

    content = client.get(detail_url(organisation)).content.decode()

    for secret in ["Intern bemærkning", "Hemmelig Kontakt", "Personlig note", "Fortroligt møde"]:
        assert secret not in content


@pytest.mark.parametrize(
    "fields",
    [
        {"is_public": False},
        {"archived_at": timezone.now()},
        {"kind": OrganisationKind.BUSINESS},
        {"kind": OrganisationKind.MUNICIPAL_UNIT},
    ],
)
def test_directory_detail_of_an_unlisted_organisation_is_404(client, personas, fields):
    organisation = make_organisation(personas.tenant, **fields)
    assert client.get(detail_url(organisation)).status_code == 404


def test_directory_detail_of_another_tenants_association_is_404(client, personas):
    response = client.get(detail_url(personas.foreign_organisation))
    assert response.status_code == 404
    assert "Charlie Idrætsforening" not in response.content.decode()


def test_directory_detail_carries_organization_json_ld(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = make_organisation(
        personas.tenant,
        name="Sorø Besøgsvenner",
        cvr="29403473",
        description="Vi besøger ensomme ældre.",
        website="https://besoeg.example.org",
        email="kontakt@besoeg.example.org",
        phone="+45 12 34 56 78",
        address="Storgade 3",
        postcode="4180",
        town="Sorø",
        logo="logos/abc.png",
    )

    data = json_ld(client.get(detail_url(organisation)))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Sorø Besøgsvenner",
        "description": "Vi besøger ensomme ældre.",
        "url": "https://besoeg.example.org",
        "email": "kontakt@besoeg.example.org",
        "telephone": "+45 12 34 56 78",
        "logo": "http://testserver/media/logos/abc.png",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Storgade 3",
            "postalCode": "4180",
            "addressLocality": "Sorø",
            "addressCountry": "DK",
        },
        "identifier": {"@type": "PropertyValue", "propertyID": "CVR", "value": "29403473"},
    }


def test_directory_detail_json_ld_leaves_out_what_is_missing(client, personas):
    organisation = make_organisation(personas.tenant, name="Lille Forening", email="", postcode="", town="")

    data = json_ld(client.get(detail_url(organisation)))

    assert data == {"@context": "https://schema.org", "@type": "Organization", "name": "Lille Forening"}


def test_directory_detail_json_ld_cannot_be_broken_out_of(client, personas):
    name = 'Evil </script><script>alert("x")</script> & <!-- Co'
    organisation = make_organisation(personas.tenant, name=name, purpose="</SCRIPT> too")

    response = client.get(detail_url(organisation))

    content = response.content.decode()
    block = content.split('<script type="application/ld+json">', 1)[1]
    # The block ends at the first "</script" the HTML parser meets: that must be its own closing tag.
    inside = block.split("</script>", 1)[0]
    assert "<" not in inside and ">" not in inside
    data = json.loads(inside)
    assert data["name"] == name
    assert data["description"] == "</SCRIPT> too"
    assert content.count("<script") == content.count("<script src=") + 1
