"""Ordering a word list by moving words up and down (POST buttons that work from the keyboard without
JavaScript); the admin never sees a technical key or types a number."""

import re

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.services.tags import tag_move
from frivillig.crm.tests.test_tags import LIST_URL, tag
from frivillig.crm.vocabularies import DEFAULT_TAGS


def move_url(word: Tag) -> str:
    return reverse("crm:tag_move", kwargs={"tenant_slug": "alfa", "pk": word.pk})


def labels(tenant, vocabulary: str) -> list[str]:
    with scopes_disabled():
        return list(
            Tag.objects.filter(tenant=tenant, vocabulary=vocabulary)
            .order_by("position", "label_da", "pk")
            .values_list("label_da", flat=True)
        )


def shown_labels(content: str, vocabulary: str) -> list[str]:
    """The Danish words of one list, in the order the page shows them."""
    section = content.split(f'<section id="{vocabulary}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row" lang="da">(.*?)</th>', section)


@pytest.fixture
def admin(client_for):
    return english(client_for("tenant_admin"))


def defaults(vocabulary: str) -> list[str]:
    return [label_da for _slug, label_da, _en in DEFAULT_TAGS[vocabulary]]


def test_move_up_swaps_the_word_with_the_one_above_on_the_page(admin, personas):
    order = defaults(Vocabulary.TARGET_GROUP)
    with scopes_disabled():
        word = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, label_da=order[2])

    response = admin.post(move_url(word), {"retning": "up"})

    assert response.status_code == 302
    assert response.url == LIST_URL + f"#ord-{word.pk}"
    expected = [order[0], order[2], order[1], *order[3:]]
    assert labels(personas.tenant, Vocabulary.TARGET_GROUP) == expected
    page = admin.get(response.url).content.decode()
    assert shown_labels(page, Vocabulary.TARGET_GROUP) == expected
    assert f"“{order[2]}” has been moved up." in page
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.tag.moved")
    assert (entry.actor, entry.target_id, entry.data["direction"]) == (
        personas.user("tenant_admin"),
        str(word.pk),
        "up",
    )


def test_move_down_then_up_restores_the_order(admin, personas):
    order = defaults(Vocabulary.SKILL)
    with scopes_disabled():
        word = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.SKILL, label_da=order[0])

    admin.post(move_url(word), {"retning": "down"})
    assert labels(personas.tenant, Vocabulary.SKILL) == [order[1], order[0], *order[2:]]
    admin.post(move_url(word), {"retning": "up"})

    assert labels(personas.tenant, Vocabulary.SKILL) == order


def test_first_word_cannot_move_up_and_last_cannot_move_down(admin, personas):
    order = defaults(Vocabulary.THEME)
    with scopes_disabled():
        first = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.THEME, label_da=order[0])
        last = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.THEME, label_da=order[-1])

    first_response = admin.post(move_url(first), {"retning": "up"}, follow=True)
    admin.post(move_url(last), {"retning": "down"})

    assert labels(personas.tenant, Vocabulary.THEME) == order
    assert f"“{order[0]}” is already first in the list." in first_response.content.decode()
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.tag.moved").exists()


def test_list_page_offers_move_buttons_not_keys_or_positions(admin, personas):
    content = admin.get(LIST_URL).content.decode()

    section = content.split(f'<section id="{Vocabulary.TARGET_GROUP}"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr id=\"ord-\d+\">.*?</tr>", section, flags=re.S)
    assert len(rows) == len(DEFAULT_TAGS[Vocabulary.TARGET_GROUP])
    # Each button is a submit button in a POST form, named for the word it moves (for screen readers).
    assert 'name="retning" value="up"' not in rows[0] and 'name="retning" value="down"' in rows[0]
    assert 'name="retning" value="up"' in rows[-1] and 'name="retning" value="down"' not in rows[-1]
    assert all('method="post"' in row for row in rows)
    assert 'Move up<span class="sr-only"> – ' in rows[1]
    # No technical key, no position number to type.
    assert "<code>" not in content
    assert ">Key<" not in content and ">Position<" not in content
    slugs = [slug for slug, _da, _en in DEFAULT_TAGS[Vocabulary.TARGET_GROUP]]
    assert not any(f">{slug}<" in section for slug in slugs if slug not in {"andet"})


def test_move_buttons_in_danish(client_for):
    content = client_for("tenant_admin").get(LIST_URL).content.decode()

    assert "Flyt op" in content and "Flyt ned" in content and "Rækkefølge" in content


def test_move_numbers_the_list_anew_when_positions_were_shared(personas):
    with scopes_disabled():
        Tag.objects.filter(tenant=personas.tenant, vocabulary=Vocabulary.INCLUSION).update(position=0)
    order = labels(personas.tenant, Vocabulary.INCLUSION)  # alphabetical, since the positions are equal
    word = tag(personas.tenant, Vocabulary.INCLUSION, _slug_of(personas.tenant, Vocabulary.INCLUSION, order[1]))

    with scope(tenant=personas.tenant):
        assert tag_move(tag=word, direction="up", actor=None) is True

    assert labels(personas.tenant, Vocabulary.INCLUSION) == [order[1], order[0], *order[2:]]
    with scopes_disabled():
        positions = list(
            Tag.objects.filter(tenant=personas.tenant, vocabulary=Vocabulary.INCLUSION)
            .order_by("position")
            .values_list("position", flat=True)
        )
    assert positions == list(range(len(order)))


def _slug_of(tenant, vocabulary: str, label_da: str) -> str:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, label_da=label_da).slug


def test_move_is_post_only(admin, personas):
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")

    assert admin.get(move_url(word)).status_code == 405


def test_move_with_an_unknown_direction_changes_nothing(admin, personas):
    order = defaults(Vocabulary.TARGET_GROUP)
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")

    response = admin.post(move_url(word), {"retning": "sideways"}, follow=True)

    assert labels(personas.tenant, Vocabulary.TARGET_GROUP) == order
    assert "Choose whether the word moves up or down." in response.content.decode()


@pytest.mark.parametrize("persona", ["centre_staff", "association_rep", "municipal_staff", "citizen"])
def test_move_is_refused_to_other_roles(client_for, personas, persona):
    order = defaults(Vocabulary.TARGET_GROUP)
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")

    response = client_for(persona).post(move_url(word), {"retning": "down"})

    assert response.status_code == 403
    assert labels(personas.tenant, Vocabulary.TARGET_GROUP) == order


def test_move_of_another_tenants_word_is_404(admin, personas):
    order = labels(personas.other_tenant, Vocabulary.TARGET_GROUP)
    foreign = tag(personas.other_tenant, Vocabulary.TARGET_GROUP, "aeldre")

    response = admin.post(move_url(foreign), {"retning": "down"})

    assert response.status_code == 404
    assert labels(personas.other_tenant, Vocabulary.TARGET_GROUP) == order
