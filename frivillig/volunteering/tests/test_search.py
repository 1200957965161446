import pytest
from django_scopes import scopes_disabled

from frivillig.testing import make_opportunity
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import apply_search, stems


def titles(query: str) -> list[str]:
    with scopes_disabled():
        return [o.title for o in apply_search(Opportunity.objects.all(), query).order_by("-search_rank", "title")]


def test_stems_meet_across_danish_inflections():
    assert stems("frivillig")[0] == stems("frivillige")[0] == stems("frivilliges")[0]


@pytest.mark.parametrize("query", ["frivillige", "frivillig", "Frivilliges"])
def test_search_finds_inflected_danish_words(personas, query):
    make_opportunity(personas.organisation, title="Frivillig til lektiecafé")
    make_opportunity(personas.organisation, title="Kasserer", summary="Hold styr på regnskabet")
    assert titles(query) == ["Frivillig til lektiecafé"]


def test_search_ranks_title_hits_first(personas):
    make_opportunity(personas.organisation, title="Hjælper i haven", description="Vi søger en besøgsven")
    make_opportunity(personas.organisation, title="Besøgsven", summary="Besøg en ældre")
    assert titles("besøgsven") == ["Besøgsven", "Hjælper i haven"]


def test_search_requires_every_word(personas):
    make_opportunity(personas.organisation, title="Besøgsven om aftenen")
    make_opportunity(personas.organisation, title="Besøgsven om morgenen")
    assert titles("besøgsven aftenen") == ["Besøgsven om aftenen"]


def test_empty_search_keeps_everything(personas):
    make_opportunity(personas.organisation, title="A")
    assert titles("") == ["A"]
