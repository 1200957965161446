"""The board's and the suggestions' short-lived caches: a repeated request is cheaper and answers the same, and
every change to what they show is seen at once (frivillig/volunteering/caching.py)."""

import time
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.services.organisations import organisation_archive
from frivillig.tenants.services import tenant_update
from frivillig.testing import assert_rows_rendered, make_opportunity
from frivillig.volunteering import caching
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.services.opportunities import opportunities_expire, opportunity_close, opportunity_save
from frivillig.volunteering.tests.test_board import opportunity, shown, total
from frivillig.volunteering.tests.test_matching_pages import SUGGESTIONS, english, make_profile, with_words

NATIONAL = reverse("national:board")
BOARD = reverse("volunteering:board", kwargs={"tenant_slug": "alfa"})
SEARCH = {"soeg": "besøgsven", "maalgruppe": "aeldre", "hvornaar": "aften"}


def main_part(response) -> str:
    """The page's <main>: the header holds a CSRF token, masked anew on every response."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def counts(response, param: str) -> dict[str, int]:
    facet = next(facet for facet in response.context["facets"] if facet.param == param)
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def visiting(personas):
    return opportunity(personas.organisation, title="Besøgsven om aftenen", in_evenings=True, target_groups=["aeldre"])


# --- the board ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [NATIONAL, BOARD])
def test_a_repeated_board_request_reads_only_the_page_rows_and_answers_the_same(
    client, visiting, django_assert_num_queries, url
):
    first = client.get(url, SEARCH)
    # tenant (per-tenant board only); the page's rows; their inclusion words
    with django_assert_num_queries(2 if url == NATIONAL else 3):
        second = client.get(url, SEARCH)

    assert shown(second) == shown(first) == ["Besøgsven om aftenen"]
    assert_rows_rendered(second, ["Besøgsven om aftenen"])
    assert counts(second, "maalgruppe") == counts(first, "maalgruppe") == {"aeldre": 1}
    assert main_part(second) == main_part(first)


def test_the_board_cache_keeps_other_searches_and_pages_apart(client, personas, visiting):
    opportunity(personas.organisation, title="Lektiehjælp", target_groups=["boern-og-unge"])

    assert shown(client.get(NATIONAL, SEARCH)) == ["Besøgsven om aftenen"]
    assert shown(client.get(NATIONAL, {"soeg": "lektiehjælp"})) == ["Lektiehjælp"]
    assert total(client.get(NATIONAL)) == 2
    assert total(client.get(BOARD)) == 2
    assert shown(client.get(NATIONAL, {"side": "2"})) == shown(client.get(NATIONAL))  # page 2 of 1: the last


def test_a_tenant_board_never_answers_from_another_tenants_cached_answer(client, personas, visiting):
    opportunity(personas.foreign_organisation, title="Besøgsven i Charlie", in_evenings=True, target_groups=["aeldre"])
    charlie = reverse("volunteering:board", kwargs={"tenant_slug": personas.other_tenant.slug})

    assert shown(client.get(BOARD, SEARCH)) == ["Besøgsven om aftenen"]
    assert shown(client.get(charlie, SEARCH)) == ["Besøgsven i Charlie"]
    assert shown(client.get(BOARD, SEARCH)) == ["Besøgsven om aftenen"]


def test_a_new_opportunity_is_on_the_board_at_once(client, personas, visiting):
    assert total(client.get(NATIONAL, SEARCH)) == 1

    opportunity(personas.other_organisation, title="Besøgsven i weekenden", in_evenings=True, target_groups=["aeldre"])

    response = client.get(NATIONAL, SEARCH)
    assert total(response) == 2
    assert counts(response, "maalgruppe") == {"aeldre": 2}


def test_a_closed_opportunity_leaves_the_board_at_once(client, personas, visiting):
    assert total(client.get(NATIONAL, SEARCH)) == 1

    opportunity_close(opportunity=visiting, actor=personas.user("centre_staff"))

    assert total(client.get(NATIONAL, SEARCH)) == 0


def test_a_changed_word_changes_the_facet_counts_at_once(client, personas, visiting):
    assert counts(client.get(NATIONAL), "omraade") == {}

    # Words change through the opportunity's service, which saves the row (post_save renews the board).
    with scopes_disabled():
        area = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="besoegsvenner")
        opportunity_save(
            opportunity=visiting,
            actor=None,
            activity_areas=[area],
            target_groups=visiting.target_groups.all(),
        )

    assert counts(client.get(NATIONAL), "omraade") == {"besoegsvenner": 1}


def test_an_archived_organisation_leaves_the_board_at_once(
    client, personas, visiting, django_capture_on_commit_callbacks
):
    assert total(client.get(BOARD)) == 1

    # The register announces the archiving once it is committed (crm.events.organisation_changed).
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        organisation_archive(organisation=personas.organisation, actor=personas.user("centre_staff"))

    assert total(client.get(BOARD)) == 0


def test_a_renamed_municipality_is_seen_at_once_in_the_filter(
    client, personas, visiting, django_capture_on_commit_callbacks
):
    response = client.get(NATIONAL)
    assert personas.tenant.municipality_name in response.content.decode()

    # The tenants app announces the change once it is committed (tenants.events.tenant_changed).
    personas.tenant.municipality_name = "Nyby Kommune"
    with django_capture_on_commit_callbacks(execute=True):
        tenant_update(tenant=personas.tenant, actor=personas.user("tenant_admin"), changed=["municipality_name"])

    assert "Nyby Kommune" in client.get(NATIONAL).content.decode()


def test_the_periodic_expiry_empties_the_board_at_once(client, personas):
    tomorrow = timezone.localdate() + timedelta(days=1)
    opportunity(personas.organisation, title="Snart slut", expires_on=tomorrow)
    assert shown(client.get(BOARD)) == ["Snart slut"]

    # The command's run on the day after: a bulk update, which sends no signal.
    assert opportunities_expire(today=tomorrow + timedelta(days=1)) == 1

    assert shown(client.get(BOARD)) == []


def test_the_board_caches_nothing_when_turned_off(client, visiting, settings, django_assert_num_queries):
    settings.BOARD_CACHE_SECONDS = 0
    client.get(NATIONAL, SEARCH)
    # the counting statement; the page's rows; their inclusion words
    with django_assert_num_queries(3):
        response = client.get(NATIONAL, SEARCH)

    assert_rows_rendered(response, ["Besøgsven om aftenen"])


def test_the_board_cache_is_apart_from_the_default_cache(client, visiting):
    caches["default"].clear()
    client.get(NATIONAL, SEARCH)

    # The login throttle lives in the default cache: the board's many entries must never push it out.
    assert caches["default"].get(caching.VERSION_KEY) is None
    assert caches[caching.CACHE_ALIAS].get(caching.VERSION_KEY)


def test_a_change_renews_the_version_now_and_again_on_commit(db, django_capture_on_commit_callbacks):
    before = caching.board_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        caching.board_changed()
        during = caching.board_version()
    after = caching.board_version()

    assert len(callbacks) == 1
    assert len({before, during, after}) == 3


# --- the suggestions ---------------------------------------------------------------------------------------------


@pytest.fixture
def suggesting(personas):
    citizen = personas.user("citizen")
    profile = make_profile(citizen, interests=["aeldre"], in_evenings=True, postcode="4180")
    evening = with_words(
        make_opportunity(personas.organisation, title="Besøgsven om aftenen", in_evenings=True, postcode="4180"),
        target_groups=["aeldre"],
    )
    walk = make_opportunity(personas.organisation, title="Gåture", postcode="8000")
    with_words(walk, target_groups=["aeldre"])
    return profile, evening, walk


def titles(response) -> list[str]:
    return [suggestion.opportunity.title for suggestion in response.context["suggestions"]]


def test_repeated_suggestions_cost_one_query_beyond_the_session_and_answer_the_same(
    personas, client_for, suggesting, django_assert_num_queries
):
    client = client_for("citizen")
    first = client.get(SUGGESTIONS)
    # session, user, profile; the person's applications (part of the key)
    with django_assert_num_queries(4):
        second = client.get(SUGGESTIONS)

    assert titles(second) == titles(first) == ["Besøgsven om aftenen", "Gåture"]
    assert_rows_rendered(second, ["Besøgsven om aftenen", "Gåture"])
    assert main_part(second) == main_part(first)


def test_suggestions_leave_out_an_opportunity_at_once_after_applying(personas, client_for, suggesting):
    _profile, evening, _walk = suggesting
    client = client_for("citizen")
    assert titles(client.get(SUGGESTIONS)) == ["Besøgsven om aftenen", "Gåture"]

    client.post(
        reverse("volunteering:apply", kwargs={"tenant_slug": evening.tenant.slug, "pk": evening.pk}), {"message": ""}
    )

    assert titles(client.get(SUGGESTIONS)) == ["Gåture"]


def test_suggestions_follow_a_changed_profile_at_once(personas, client_for, suggesting):
    profile, _evening, _walk = suggesting
    client = client_for("citizen")
    assert titles(client.get(SUGGESTIONS)) == ["Besøgsven om aftenen", "Gåture"]

    profile.interests = ["boern-og-unge"]
    profile.postcode = ""
    profile.in_evenings = False
    profile.save()

    assert titles(client.get(SUGGESTIONS)) == []


def test_suggestions_drop_a_closed_opportunity_at_once(personas, client_for, suggesting):
    _profile, evening, _walk = suggesting
    client = client_for("citizen")
    assert titles(client.get(SUGGESTIONS)) == ["Besøgsven om aftenen", "Gåture"]

    with scopes_disabled():
        evening.status = OpportunityStatus.CLOSED
        evening.save()

    assert titles(client.get(SUGGESTIONS)) == ["Gåture"]


def test_suggestions_are_kept_per_language(personas, client_for, suggesting):
    client = client_for("citizen")
    danish = client.get(SUGGESTIONS).context["suggestions"][0].match.reasons
    english_reasons = english(client).get(SUGGESTIONS).context["suggestions"][0].match.reasons

    assert "matcher din interesse for ældre" in danish
    assert "matches your interest in older people" in english_reasons


# --- one computation at a time ----------------------------------------------------------------------------------


def test_while_one_process_works_out_a_new_answer_others_get_the_previous_one(client, personas, visiting):
    assert total(client.get(NATIONAL, SEARCH)) == 1
    opportunity(personas.other_organisation, title="Besøgsven i weekenden", in_evenings=True, target_groups=["aeldre"])

    # Another process holds the right to work out the new answer: this one answers with the previous one.
    with patch.object(caches[caching.CACHE_ALIAS], "add", return_value=False):
        assert total(client.get(NATIONAL, SEARCH)) == 1

    assert total(client.get(NATIONAL, SEARCH)) == 2


def test_an_answer_is_worked_out_anew_once_it_is_older_than_the_setting(client, personas, visiting, settings):
    settings.BOARD_CACHE_SECONDS = 60
    assert total(client.get(NATIONAL, SEARCH)) == 1
    with scopes_disabled():
        # A change no signal reports (as time passing would): only the age renews the answer.
        Opportunity.objects.filter(pk=visiting.pk).update(status=OpportunityStatus.CLOSED)

    assert total(client.get(NATIONAL, SEARCH)) == 1
    with patch("frivillig.core.caching.time.time", return_value=time.time() + 61):
        assert total(client.get(NATIONAL, SEARCH)) == 0
