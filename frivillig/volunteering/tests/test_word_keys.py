"""Opportunity.word_keys: the words' keys as one text, stored by the opportunity's service with its words (and
refreshed when the register announces a change to a word); the suggestions pre-filter and rank by it."""

import importlib

from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.testing import make_opportunity
from frivillig.volunteering.matching import word_keys_text, words_of_keys
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import refresh_search_fields
from frivillig.volunteering.services.opportunities import opportunity_save


def keys_of(opportunity) -> str:
    with scopes_disabled():
        return Opportunity.objects.get(pk=opportunity.pk).word_keys


def tag(tenant, vocabulary, slug) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def test_word_keys_text_is_sorted_unique_and_reads_back():
    text = word_keys_text({"skills": ["madlavning", "it"], "target_groups": ["aeldre", "aeldre"], "inclusion": []})

    assert text == " target_groups:aeldre skills:it skills:madlavning "
    assert words_of_keys(text) == {
        "target_groups": {"aeldre": "aeldre"},
        "skills": {"it": "it", "madlavning": "madlavning"},
    }
    assert word_keys_text({}) == ""
    assert words_of_keys("") == {}


def test_word_keys_follow_the_words_the_service_saves(personas):
    opportunity = make_opportunity(personas.organisation)
    older = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    danish = tag(personas.tenant, Vocabulary.INCLUSION, "lidt-dansk")

    with scopes_disabled():
        opportunity_save(opportunity=opportunity, actor=None, target_groups=[older], inclusion=[danish])
        assert keys_of(opportunity) == " target_groups:aeldre inclusion:lidt-dansk "

        opportunity_save(opportunity=opportunity, actor=None, inclusion=[danish])
        assert keys_of(opportunity) == " inclusion:lidt-dansk "

        opportunity_save(opportunity=opportunity, actor=None)
        assert keys_of(opportunity) == ""


def test_words_written_past_the_service_wait_for_the_refresh(personas):
    """No model signal watches the word relations (issue 10: one mechanism for derived data); code that writes
    them directly refreshes the opportunity, as the seeding helpers do."""
    opportunity = make_opportunity(personas.organisation)
    opportunity.target_groups.add(tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre"))
    assert keys_of(opportunity) == ""

    with scopes_disabled():
        refresh_search_fields(opportunity)
    assert keys_of(opportunity) == " target_groups:aeldre "


def test_word_keys_lose_a_deleted_word(personas):
    opportunity = make_opportunity(personas.organisation)
    older = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    with scopes_disabled():
        opportunity_save(opportunity=opportunity, actor=None, target_groups=[older])

    with scopes_disabled():
        older.delete()

    assert keys_of(opportunity) == ""


def test_the_migration_fills_the_word_keys_of_existing_opportunities(personas):
    from django.apps import apps

    fill = importlib.import_module("frivillig.volunteering.migrations.0004_opportunity_word_keys").fill_word_keys
    opportunity = make_opportunity(personas.organisation)
    bare = make_opportunity(personas.organisation, title="Uden ord")
    opportunity.target_groups.add(tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre"))
    opportunity.skills.add(tag(personas.tenant, Vocabulary.SKILL, "madlavning"))
    with scopes_disabled():
        Opportunity.objects.update(word_keys="")

    with scopes_disabled():  # the migration's historical models have plain managers
        fill(apps, None)

    assert keys_of(opportunity) == " target_groups:aeldre skills:madlavning "
    assert keys_of(bare) == ""
