"""The board finds an opportunity by what the register says now: its organisation's current name and its words'
current labels (issue 10). The CRM's services announce their changes (frivillig/crm/events.py) and volunteering
refreshes the affected opportunities' search text and word keys (frivillig/volunteering/receivers.py).

Runs on SQLite and on PostgreSQL (Danish full-text search on the stored column there)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.services.merge import organisation_merge
from frivillig.crm.services.organisations import organisation_save
from frivillig.crm.services.selfservice import organisation_profile_save
from frivillig.crm.services.tags import tag_update
from frivillig.crm.tests.test_import import csv_bytes, import_file
from frivillig.testing import UserFactory, make_organisation
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.tests.test_board import opportunity, shown

BOARD = reverse("volunteering:board", kwargs={"tenant_slug": "alfa"})
NATIONAL = reverse("national:board")
BOARDS = pytest.mark.parametrize("url", [BOARD, NATIONAL], ids=["tenant-board", "national-board"])


@pytest.fixture
def chess_club(personas):
    club = make_organisation(personas.tenant, name="Gammelby Skakklub", cvr="29403473")
    opportunity(club, title="Hjælper til turneringen", summary="Stil brikker op og byd velkommen.")
    return club


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block as a request would: its on-commit work (the events) happens when it is done."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rename(organisation: Organisation, name: str, actor) -> None:
    with scopes_disabled():
        organisation.name = name
        organisation_save(organisation=organisation, actor=actor, changed=["name"])


@BOARDS
def test_a_renamed_organisations_opportunities_are_found_by_the_new_name(client, personas, chess_club, committed, url):
    assert shown(client.get(url, {"soeg": "skakklub"})) == ["Hjælper til turneringen"]

    with committed():
        rename(chess_club, "Nyby Strikkeklub", personas.user("centre_staff"))

    assert shown(client.get(url, {"soeg": "strikkeklub"})) == ["Hjælper til turneringen"]
    assert shown(client.get(url, {"soeg": "skakklub"})) == []


@BOARDS
def test_a_name_changed_by_the_association_itself_is_found(client, personas, committed, url):
    organisation = personas.organisation
    opportunity(organisation, title="Kaffe og snak")

    with committed(), scopes_disabled():
        organisation.name = "Nyby Strikkeklub"
        organisation_profile_save(
            organisation=organisation,
            actor=personas.user("association_rep"),
            changed=["name"],
            target_groups=[],
            activity_areas=[],
        )

    assert shown(client.get(url, {"soeg": "strikkeklub"})) == ["Kaffe og snak"]


@BOARDS
def test_a_name_changed_by_an_import_is_found(
    client, client_for, personas, chess_club, committed, url, settings, tmp_path
):
    settings.MEDIA_ROOT, settings.PRIVATE_ROOT = tmp_path / "media", tmp_path / "private"
    staff = english(client_for("centre_staff"))

    with committed():
        import_file(staff, csv_bytes([["Navn", "CVR"], ["Nyby Strikkeklub", "29403473"]]))

    assert shown(client.get(url, {"soeg": "strikkeklub"})) == ["Hjælper til turneringen"]
    assert shown(client.get(url, {"soeg": "skakklub"})) == []


@BOARDS
@pytest.mark.parametrize(
    ("relation", "vocabulary", "slug", "parameter"),
    [
        ("target_groups", Vocabulary.TARGET_GROUP, "aeldre", "maalgruppe"),
        ("activity_areas", Vocabulary.ACTIVITY_AREA, "besoegsvenner", "omraade"),
    ],
)
def test_a_relabelled_word_is_found_and_filtered_by_its_new_label(
    client, personas, committed, url, relation, vocabulary, slug, parameter
):
    opportunity(personas.organisation, title="Kaffe og snak", **{relation: [slug]})
    with scopes_disabled():
        word = Tag.objects.get(tenant=personas.tenant, vocabulary=vocabulary, slug=slug)
    assert shown(client.get(url, {"soeg": "strikkeklub"})) == []

    with committed(), scopes_disabled():
        word.label_da = "Strikkeklubber"
        tag_update(tag=word, actor=personas.user("tenant_admin"), changed=["label_da"])

    assert shown(client.get(url, {"soeg": "strikkeklubber"})) == ["Kaffe og snak"]
    filtered = client.get(url, {parameter: slug})
    assert shown(filtered) == ["Kaffe og snak"]
    if url == BOARD:
        # The national board names the shared vocabulary's own words, whatever one tenant calls them.
        facet = next(facet for facet in filtered.context["facets"] if facet.param == parameter)
        assert [option.label for option in facet.options if option.value == slug] == ["Strikkeklubber"]


@BOARDS
def test_a_merged_organisations_opportunities_are_found_by_the_kept_name(client, personas, chess_club, committed, url):
    knitters = make_organisation(personas.tenant, name="Nyby Strikkeklub")

    with committed(), scopes_disabled():
        organisation_merge(keep=knitters, remove=chess_club, actor=personas.user("centre_staff"))

    assert shown(client.get(url, {"soeg": "strikkeklub"})) == ["Hjælper til turneringen"]
    assert shown(client.get(url, {"soeg": "skakklub"})) == []


def test_the_word_keys_follow_the_words_an_opportunity_is_saved_with(personas, committed):
    with scopes_disabled():
        made = opportunity(personas.organisation, title="Kaffe og snak", target_groups=["aeldre"])
        assert Opportunity.objects.get(pk=made.pk).word_keys == " target_groups:aeldre "


# --- the operator's Django admin goes through the same services ------------------------------------------------


def admin_post(client, url: str, **changes):
    """Post the admin's change form as it stands, with `changes`."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif getattr(field.widget, "input_type", "") == "file":
            continue
        elif value is not None:
            data[name] = value if isinstance(value, bool) else str(value)
    data.update(changes)
    data = {name: value for name, value in data.items() if value is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def operator(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_name_changed_in_the_admin_is_found(client, operator, personas, chess_club, committed):
    with committed():
        admin_post(operator, reverse("admin:crm_organisation_change", args=[chess_club.pk]), name="Nyby Strikkeklub")

    assert shown(client.get(NATIONAL, {"soeg": "strikkeklub"})) == ["Hjælper til turneringen"]
    assert shown(client.get(BOARD, {"soeg": "skakklub"})) == []


def test_a_label_changed_in_the_admin_is_found(client, operator, personas, committed):
    opportunity(personas.organisation, title="Kaffe og snak", target_groups=["aeldre"])
    with scopes_disabled():
        word = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")

    with committed():
        admin_post(operator, reverse("admin:crm_tag_change", args=[word.pk]), label_da="Strikkeklubber")

    assert shown(client.get(BOARD, {"soeg": "strikkeklubber"})) == ["Kaffe og snak"]


def test_a_deleted_word_no_longer_finds_the_opportunities_that_carried_it(client, personas):
    opportunity(personas.organisation, title="Kaffe og snak", target_groups=["aeldre"])
    with scopes_disabled():
        word = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")
        word.label_da = "Strikkeklubber"
        word.save()  # no service: as the shell would
        made = opportunity(personas.organisation, title="Strik", target_groups=["aeldre"])
    assert shown(client.get(BOARD, {"soeg": "strikkeklubber"})) == ["Strik"]

    with scopes_disabled():
        word.delete()

    assert shown(client.get(BOARD, {"soeg": "strikkeklubber"})) == []
    with scopes_disabled():
        assert Opportunity.objects.get(pk=made.pk).word_keys == ""
