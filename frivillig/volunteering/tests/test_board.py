"""The public board: per tenant and national; search, filters with facet counts, sort, pages, htmx.

Runs on SQLite and on PostgreSQL (`DATABASE_URL=...`): the search differs underneath, the answers must not.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Tag
from frivillig.testing import TenantFactory, assert_rows_rendered, make_opportunity, make_organisation
from frivillig.volunteering.enums import Commitment, OpportunityStatus
from frivillig.volunteering.search import refresh_search_fields

BOARD = reverse("volunteering:board", kwargs={"tenant_slug": "alfa"})
NATIONAL = reverse("national:board")
RELATIONS = {
    "target_groups": Vocabulary.TARGET_GROUP,
    "activity_areas": Vocabulary.ACTIVITY_AREA,
    "inclusion": Vocabulary.INCLUSION,
    "skills": Vocabulary.SKILL,
}


def opportunity(organisation, *, days_old: int = 0, **fields):
    """A published opportunity; pass words by relation name as lists of slugs, e.g. target_groups=["aeldre"]."""
    words = {relation: fields.pop(relation, ()) for relation in RELATIONS}
    fields.setdefault("published_at", timezone.now() - timedelta(days=days_old))
    created = make_opportunity(organisation, **fields)
    with scopes_disabled():
        for relation, slugs in words.items():
            tags = Tag.objects.filter(tenant=organisation.tenant, vocabulary=RELATIONS[relation], slug__in=slugs)
            assert len(tags) == len(slugs), slugs
            getattr(created, relation).add(*tags)
        if any(words.values()):
            refresh_search_fields(created)
    return created


def shown(response) -> list[str]:
    return [item.title for item in response.context["page"].object_list]


def total(response) -> int:
    return response.context["results"].total


def facet_counts(response) -> dict[str, dict[str, int]]:
    return {
        facet.param: {option.value: option.count for option in facet.options} for facet in response.context["facets"]
    }


@pytest.fixture
def board_data(personas):
    """Five opportunities in Alfa and two in Charlie, with every kind of filter value."""
    alfa, other, charlie = personas.organisation, personas.other_organisation, personas.foreign_organisation
    today = timezone.localdate()
    opportunity(
        alfa,
        title="Besøgsven for ældre",
        summary="Drik kaffe med en ældre borger",
        target_groups=["aeldre"],
        activity_areas=["besoegsvenner"],
        inclusion=["lidt-dansk"],
        commitment=Commitment.REGULAR,
        on_weekdays=True,
        in_evenings=True,
        town="Sorø",
        expires_on=today + timedelta(days=30),
    )
    opportunity(
        other,
        title="Lektiehjælper",
        summary="Hjælp børn med lektierne",
        target_groups=["boern-og-unge"],
        activity_areas=["lektiehjaelp"],
        inclusion=["unge-15-17", "tag-en-ven"],
        commitment=Commitment.REGULAR,
        in_evenings=True,
        is_remote=True,
        days_old=10,
    )
    opportunity(
        alfa,
        title="Chauffør til udflugter",
        summary="Kør ældre frivillige og borgere på tur",
        target_groups=["aeldre"],
        activity_areas=["socialt-arbejde"],
        commitment=Commitment.ONE_OFF,
        at_weekends=True,
        days_old=3,
        expires_on=today + timedelta(days=5),
    )
    opportunity(
        other,
        title="Kassererhjælp",
        summary="Hold styr på regnskabet",
        commitment=Commitment.SHORT_PERIOD,
        is_remote=True,
        on_weekdays=True,
        days_old=20,
    )
    opportunity(
        alfa,
        title="Frivillig til sommerfesten",
        summary="Vær med til at lave byens fest",
        target_groups=["alle"],
        activity_areas=["kultur", "fritid-og-faellesskab"],
        inclusion=["lidt-dansk", "handicap"],
        commitment=Commitment.ONE_OFF,
        at_weekends=True,
    )
    opportunity(
        charlie,
        title="Idrætstræner",
        summary="Træn børn i fodbold",
        target_groups=["boern-og-unge"],
        activity_areas=["idraet"],
        inclusion=["lidt-dansk"],
        commitment=Commitment.REGULAR,
        in_evenings=True,
    )
    opportunity(
        charlie,
        title="Besøgsven i Charlie",
        summary="Besøg en ældre",
        target_groups=["aeldre"],
        activity_areas=["besoegsvenner"],
        commitment=Commitment.REGULAR,
        on_weekdays=True,
        is_remote=True,
        days_old=8,
    )
    return personas


ALFA_TITLES = {
    "Besøgsven for ældre",
    "Lektiehjælper",
    "Chauffør til udflugter",
    "Kassererhjælp",
    "Frivillig til sommerfesten",
}


# --- what is on the board --------------------------------------------------------------------------------------


def test_board_lists_only_published_open_opportunities_of_the_tenant(client, personas):
    yesterday = timezone.localdate() - timedelta(days=1)
    archived = make_organisation(personas.tenant, name="Arkiveret", archived_at=timezone.now())
    opportunity(personas.organisation, title="Synligt opslag")
    opportunity(personas.organisation, title="Kladde", status=OpportunityStatus.DRAFT)
    opportunity(personas.organisation, title="Besat", status=OpportunityStatus.FILLED)
    opportunity(personas.organisation, title="Lukket", status=OpportunityStatus.CLOSED)
    opportunity(personas.organisation, title="Udløbet", status=OpportunityStatus.EXPIRED)
    opportunity(personas.organisation, title="Fristen er gået", expires_on=yesterday)
    opportunity(personas.organisation, title="Udgives i morgen", published_at=timezone.now() + timedelta(days=1))
    opportunity(archived, title="Arkiveret forenings opslag")
    opportunity(personas.foreign_organisation, title="Charlies opslag")

    response = client.get(BOARD)

    assert response.status_code == 200
    assert shown(response) == ["Synligt opslag"]
    assert total(response) == 1
    content = response.content.decode()
    for hidden in [
        "Kladde",
        "Besat",
        "Lukket",
        "Udløbet",
        "Fristen er gået",
        "Udgives i morgen",
        "Arkiveret",
        "Charlie",
    ]:
        assert hidden not in content.split('id="list-results"')[1], hidden


def test_board_shows_an_opportunity_until_the_end_of_its_last_day(client, personas):
    opportunity(personas.organisation, title="Sidste dag i dag", expires_on=timezone.localdate())
    assert shown(client.get(BOARD)) == ["Sidste dag i dag"]


def test_national_board_spans_every_active_tenant(client, board_data):
    sleeping = TenantFactory(slug="sovende", name="Sovende", kommunekode="903", is_active=False)
    opportunity(make_organisation(sleeping, name="Sovende forening"), title="Hos en inaktiv kommune")
    opportunity(board_data.foreign_organisation, title="Charlies kladde", status=OpportunityStatus.DRAFT)

    response = client.get(NATIONAL)

    assert response.status_code == 200
    assert set(shown(response)) == ALFA_TITLES | {"Idrætstræner", "Besøgsven i Charlie"}
    content = response.content.decode()
    assert "Hos en inaktiv kommune" not in content
    assert "Charlies kladde" not in content
    # Each row names its municipality and links to the detail page in its own tenant.
    assert "Charlie Kommune" in content
    assert "/charlie/frivilligjob/" in content


def test_tenant_board_does_not_show_other_tenants(client, board_data):
    response = client.get(BOARD)
    assert set(shown(response)) == ALFA_TITLES
    assert "Idrætstræner" not in response.content.decode()


def test_tenant_board_has_no_municipality_filter(client, board_data):
    response = client.get(BOARD, {"kommune": "charlie"})
    assert set(shown(response)) == ALFA_TITLES
    assert "kommune" not in facet_counts(response)
    assert 'name="kommune"' not in response.content.decode()


# --- search ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["frivillige", "frivillig", "FRIVILLIGES"])
def test_board_search_finds_inflected_danish_words(client, personas, query):
    opportunity(personas.organisation, title="Kasserer", summary="Vi søger en frivillig til regnskabet")
    opportunity(personas.organisation, title="Gartner", summary="Hold haven pæn")

    response = client.get(BOARD, {"soeg": query})

    assert shown(response) == ["Kasserer"]
    assert f'value="{query}"' in response.content.decode()


def test_board_search_reads_the_words_of_the_opportunity(client, personas):
    opportunity(personas.organisation, title="Hjælper", target_groups=["flygtninge-og-indvandrere"])
    opportunity(personas.organisation, title="Anden hjælper")
    assert shown(client.get(BOARD, {"soeg": "flygtninge"})) == ["Hjælper"]


def test_board_search_ranks_title_hits_first_and_can_sort_otherwise(client, personas):
    opportunity(personas.organisation, title="Havehjælp", summary="Også for en besøgsven", days_old=0)
    opportunity(personas.organisation, title="Besøgsven", summary="Besøg en ældre", days_old=5)

    assert shown(client.get(BOARD, {"soeg": "besøgsven"})) == ["Besøgsven", "Havehjælp"]
    assert shown(client.get(BOARD, {"soeg": "besøgsven", "sorter": "nyeste"})) == ["Havehjælp", "Besøgsven"]


def test_board_search_ranks_within_the_filtered_results(client, personas):
    opportunity(personas.organisation, title="Havehjælp", summary="Også for en besøgsven", target_groups=["aeldre"])
    opportunity(
        personas.organisation, title="Besøgsven", summary="Besøg en ældre", days_old=5, target_groups=["aeldre"]
    )
    opportunity(personas.organisation, title="Besøgsven for børn", days_old=1, target_groups=["boern-og-unge"])

    assert shown(client.get(BOARD, {"soeg": "besøgsven", "maalgruppe": "aeldre"})) == ["Besøgsven", "Havehjælp"]


def test_national_board_search_spans_tenants(client, board_data):
    response = client.get(NATIONAL, {"soeg": "ældre"})
    assert set(shown(response)) == {"Besøgsven for ældre", "Chauffør til udflugter", "Besøgsven i Charlie"}


# --- filters -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"maalgruppe": "aeldre"}, {"Besøgsven for ældre", "Chauffør til udflugter"}),
        ({"omraade": "kultur"}, {"Frivillig til sommerfesten"}),
        ({"inklusion": "lidt-dansk"}, {"Besøgsven for ældre", "Frivillig til sommerfesten"}),
        ({"omfang": "one_off"}, {"Chauffør til udflugter", "Frivillig til sommerfesten"}),
        ({"hvornaar": "aften"}, {"Besøgsven for ældre", "Lektiehjælper"}),
        ({"hvornaar": "hverdage"}, {"Besøgsven for ældre", "Kassererhjælp"}),
        ({"hvornaar": "weekend"}, {"Chauffør til udflugter", "Frivillig til sommerfesten"}),
        ({"hjemme": "1"}, {"Lektiehjælper", "Kassererhjælp"}),
        ({"ny": "1"}, {"Besøgsven for ældre", "Chauffør til udflugter", "Frivillig til sommerfesten"}),
        ({"maalgruppe": "aeldre", "hvornaar": "weekend"}, {"Chauffør til udflugter"}),
        ({"soeg": "ældre", "omfang": "regular"}, {"Besøgsven for ældre"}),
    ],
)
def test_board_filters_narrow_the_results(client, board_data, params, expected):
    response = client.get(BOARD, params)
    assert set(shown(response)) == expected
    assert total(response) == len(expected)


def test_national_board_filters_by_municipality(client, board_data):
    response = client.get(NATIONAL, {"kommune": "charlie"})
    assert set(shown(response)) == {"Idrætstræner", "Besøgsven i Charlie"}


def test_national_board_matches_words_by_their_key_across_tenants(client, board_data):
    response = client.get(NATIONAL, {"omraade": "besoegsvenner"})
    assert set(shown(response)) == {"Besøgsven for ældre", "Besøgsven i Charlie"}
    assert facet_counts(response)["kommune"] == {"alfa": 1, "charlie": 1}


def test_board_keeps_the_filter_state_in_the_form(client, board_data):
    params = {"soeg": "ældre", "maalgruppe": "aeldre", "omfang": "regular", "hvornaar": "aften", "hjemme": "1"}
    content = client.get(BOARD, {**params, "sorter": "frist"}).content.decode()

    assert 'value="ældre"' in content
    assert '<option value="aeldre" selected>' in content
    assert '<option value="regular" selected>' in content
    assert '<option value="aften" selected>' in content
    assert 'name="hjemme" value="1" checked' in content
    assert '<option value="frist" selected>' in content


def test_board_ignores_values_that_are_not_valid(client, board_data):
    params = {
        "maalgruppe": "<script>",
        "omfang": "altid",
        "hvornaar": "nat",
        "hjemme": "måske",
        "sorter": "pris",
        "side": "x",
        "soeg": "  ",
    }
    response = client.get(BOARD, params)

    assert response.status_code == 200
    assert set(shown(response)) == ALFA_TITLES


def test_board_cuts_a_very_long_search(client, personas):
    opportunity(personas.organisation, title="Kasserer")
    response = client.get(BOARD, {"soeg": "kasserer " + "x" * 500})
    assert response.status_code == 200
    assert len(response.context["criteria"].search) == 100


def test_board_keeps_an_unknown_word_chosen_with_no_results(client, board_data):
    response = client.get(BOARD, {"maalgruppe": "findes-ikke"})

    assert shown(response) == []
    assert facet_counts(response)["maalgruppe"]["findes-ikke"] == 0
    assert '<option value="findes-ikke" selected>' in response.content.decode()


# --- facet counts ------------------------------------------------------------------------------------------------


FACET_CASES = [
    (BOARD, {}),
    (BOARD, {"soeg": "frivillig"}),
    (BOARD, {"maalgruppe": "aeldre"}),
    (BOARD, {"omfang": "regular", "hvornaar": "aften"}),
    (BOARD, {"hjemme": "1", "hvornaar": "aften"}),
    (BOARD, {"inklusion": "lidt-dansk", "omraade": "kultur", "sorter": "frist"}),
    (NATIONAL, {}),
    (NATIONAL, {"kommune": "charlie"}),
    (NATIONAL, {"maalgruppe": "aeldre", "hjemme": "1"}),
    (NATIONAL, {"soeg": "besøgsven", "hvornaar": "hverdage"}),
]


@pytest.mark.parametrize(("url", "params"), FACET_CASES)
def test_facet_counts_agree_with_the_results_of_each_option(client, board_data, url, params):
    response = client.get(url, params)
    assert total(response) == len(shown(response))
    counts = facet_counts(response)
    assert any(count for options in counts.values() for count in options.values())

    for param, options in counts.items():
        for value, count in options.items():
            applied = client.get(url, {**params, param: value})
            assert total(applied) == count, (param, value)
            assert len(shown(applied)) == count, (param, value)


def test_facet_counts_hide_words_without_matches(client, board_data):
    counts = facet_counts(client.get(BOARD))

    assert counts["maalgruppe"] == {"aeldre": 2, "boern-og-unge": 1, "alle": 1}
    assert counts["omfang"] == {"one_off": 2, "short_period": 1, "regular": 2}
    assert counts["hjemme"] == {"1": 2}
    assert counts["ny"] == {"1": 3}


def test_facet_counts_show_beside_each_option_in_the_visitors_language(client, board_data):
    content = english(client).get(BOARD).content.decode()

    assert '<option value="aeldre">Older people (2)</option>' in content
    assert '<option value="one_off">One-off (2)</option>' in content
    assert 'Can be done from home <span id="facet-count-hjemme">(2)</span>' in content


def test_national_facets_use_the_shared_words_and_name_municipalities(client, board_data):
    with scopes_disabled():
        Tag.objects.filter(tenant=board_data.other_tenant, slug="aeldre").update(label_en="Seniors (Charlie)")

    response = english(client).get(NATIONAL)

    counts = facet_counts(response)
    assert counts["kommune"] == {"alfa": 5, "charlie": 2}
    assert counts["maalgruppe"]["aeldre"] == 3
    content = response.content.decode()
    assert '<option value="aeldre">Older people (3)</option>' in content
    assert '<option value="charlie">Charlie Kommune (2)</option>' in content


# --- sorting and pages -------------------------------------------------------------------------------------------


def test_board_sorts_newest_first_by_default(client, board_data):
    titles = shown(client.get(BOARD))
    assert titles[-2:] == ["Lektiehjælper", "Kassererhjælp"]


def test_board_sorts_by_the_soonest_deadline_with_open_ended_last(client, board_data):
    titles = shown(client.get(BOARD, {"sorter": "frist"}))
    assert titles[:2] == ["Chauffør til udflugter", "Besøgsven for ældre"]
    assert set(titles[2:]) == {"Lektiehjælper", "Kassererhjælp", "Frivillig til sommerfesten"}


def test_board_without_search_words_falls_back_from_relevance_to_newest(client, board_data):
    assert shown(client.get(BOARD, {"sorter": "relevans"})) == shown(client.get(BOARD, {"sorter": "nyeste"}))


def test_board_paginates_by_twenty_and_keeps_the_filter(client, personas):
    for number in range(21):
        opportunity(personas.organisation, title=f"Opslag {number:02d}", days_old=number, at_weekends=True)

    first = client.get(BOARD, {"hvornaar": "weekend"})
    second = client.get(BOARD, {"hvornaar": "weekend", "side": "2"})

    assert len(shown(first)) == 20
    assert total(first) == 21
    assert shown(second) == ["Opslag 20"]
    assert "?hvornaar=weekend&amp;side=2" in first.content.decode()


# --- htmx, no JavaScript, empty states --------------------------------------------------------------------------


def test_board_form_works_without_javascript_and_with_htmx(client, personas):
    content = client.get(BOARD).content.decode()
    assert f'<form method="get" action="{BOARD}"' in content
    assert f'hx-get="{BOARD}"' in content
    assert 'hx-target="#list-results"' in content
    assert 'hx-push-url="true"' in content
    assert "data-autosubmit" in content


def test_board_htmx_request_gets_the_results_and_new_counts(client, board_data):
    response = client.get(BOARD, {"maalgruppe": "aeldre"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert 'name="soeg"' not in content
    assert "Chauffør til udflugter" in content
    assert "Lektiehjælper" not in content.split("hx-swap-oob")[0]
    assert '<p id="board-count" hx-swap-oob="innerHTML">' in content
    assert '<select id="id_omfang" hx-swap-oob="innerHTML">' in content
    assert '<span id="facet-count-hjemme" hx-swap-oob="innerHTML">(0)</span>' in content


def test_board_htmx_history_restore_gets_the_whole_page(client, board_data):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(BOARD, headers=headers).content.decode()


def test_board_without_matches_suggests_removing_filters(client, board_data):
    response = english(client).get(BOARD, {"soeg": "ældre", "maalgruppe": "boern-og-unge", "hjemme": "1"})

    assert shown(response) == []
    content = response.content.decode()
    assert "No volunteer opportunities match your search" in content
    assert "Remove “Target group: Children and young people”" in content
    # Removing one filter keeps the others.
    assert 'href="?soeg=%C3%A6ldre&amp;hjemme=1"' in content
    assert 'href="?soeg=%C3%A6ldre&amp;maalgruppe=boern-og-unge"' in content
    assert f'href="{BOARD}">Show all volunteer opportunities' in content


def test_board_without_opportunities_says_so(client, personas):
    content = english(client).get(BOARD).content.decode()
    assert "There are no volunteer opportunities on the board right now." in content
    assert "No volunteer opportunities match your search" not in content


def test_board_links_to_its_feed_and_from_the_menu(client, personas):
    content = english(client).get(BOARD).content.decode()
    assert 'href="/alfa/frivilligjob/feed/"' in content
    # The work area in the header, the page itself in the area's side navigation.
    assert '<a href="/alfa/frivilligjob/" class="nav-link" aria-current="true"><span>Volunteer opportunities' in content
    assert '<a href="/alfa/frivilligjob/" class="nav-link" aria-current="page"><span>Volunteer opportunities' in content
    national = client.get(NATIONAL).content.decode()
    assert 'href="/frivilligjob/feed/"' in national
    assert '<a href="/frivilligjob/" class="nav-link" aria-current="true"><span>Volunteer opportunities' in national


def test_front_pages_link_to_the_boards(client, personas):
    assert 'href="/frivilligjob/"' in client.get(reverse("front_page")).content.decode()
    home = client.get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"})).content.decode()
    assert 'class="button button-primary" href="/alfa/frivilligjob/"' in home


def test_board_lists_opportunities_of_any_kind_of_organisation(client, personas):
    business = make_organisation(personas.tenant, name="Firma ApS", kind=OrganisationKind.BUSINESS, is_public=False)
    opportunity(business, title="Firmaets frivilligdag")
    assert shown(client.get(BOARD)) == ["Firmaets frivilligdag"]


# --- queries -----------------------------------------------------------------------------------------------------


def _sized(personas, size: int) -> None:
    for number in range(size):
        for organisation in (personas.organisation, personas.foreign_organisation):
            opportunity(
                organisation,
                title=f"Talt frivilligjob {number}",
                target_groups=["aeldre"],
                activity_areas=["besoegsvenner"],
                inclusion=["lidt-dansk", "mentor"],
                in_evenings=True,
            )
        opportunity(personas.other_organisation, title=f"Andet job i Alfa {number}", inclusion=["mentor"])


@pytest.mark.parametrize("size", [1, 3])
def test_board_query_count_is_constant(client, personas, django_assert_num_queries, size):
    _sized(personas, size)
    # tenant; one statement for the total, every facet and the page's ids; the page's rows; their inclusion words
    with django_assert_num_queries(4):
        response = client.get(BOARD, {"soeg": "frivilligjob", "inklusion": "mentor", "hvornaar": "aften"})
    assert total(response) == size
    assert_rows_rendered(response, [f"Talt frivilligjob {number}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_board_query_count_is_constant_without_filters(client, personas, django_assert_num_queries, size):
    _sized(personas, size)
    # tenant; the counting statement; the page's rows; their inclusion words
    with django_assert_num_queries(4):
        response = client.get(BOARD)
    assert total(response) == 2 * size
    assert_rows_rendered(response, [f"Talt frivilligjob {number}" for number in range(size)])
    assert_rows_rendered(response, [f"Andet job i Alfa {number}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_national_board_query_count_is_constant(client, personas, django_assert_num_queries, size):
    _sized(personas, size)
    # the counting statement (total, facets, municipalities, page ids); the page's rows; their inclusion words
    with django_assert_num_queries(3):
        response = client.get(NATIONAL, {"soeg": "frivilligjob", "maalgruppe": "aeldre", "hvornaar": "aften"})
    assert total(response) == 2 * size
    assert_rows_rendered(response, [f"Talt frivilligjob {number}" for number in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_board_htmx_query_count_is_constant(client, personas, django_assert_num_queries, size):
    _sized(personas, size)
    with django_assert_num_queries(3):
        response = client.get(NATIONAL, {"maalgruppe": "aeldre"}, headers={"HX-Request": "true"})

    assert_rows_rendered(response, [f"Talt frivilligjob {number}" for number in range(size)])
