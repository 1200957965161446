"""The tenant admin's word lists: the list with usage counts, adding a word, editing it, taking it out of use."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.crm.selectors import tags
from frivillig.crm.services.tags import slugify_da
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.testing import assert_rows_rendered, make_organisation

LIST_URL = reverse("crm:tag_list", kwargs={"tenant_slug": "alfa"})


def create_url(vocabulary: str) -> str:
    return reverse("crm:tag_create", kwargs={"tenant_slug": "alfa", "vocabulary": vocabulary})


def edit_url(tag: Tag) -> str:
    return reverse("crm:tag_edit", kwargs={"tenant_slug": "alfa", "pk": tag.pk})


def tag(tenant, vocabulary: str, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def words(tenant, vocabulary: str) -> list[tuple[str, str]]:
    with scopes_disabled():
        return list(Tag.objects.filter(tenant=tenant, vocabulary=vocabulary).values_list("slug", "label_da"))


@pytest.fixture
def admin(client_for):
    return english(client_for("tenant_admin"))


def link(organisation, *, target_groups=(), activity_areas=()) -> None:
    with scopes_disabled():
        organisation.target_groups.add(*target_groups)
        organisation.activity_areas.add(*activity_areas)


def test_slugify_da_spells_out_danish_letters():
    assert slugify_da("Børn og ældre på Ærø") == "boern-og-aeldre-paa-aeroe"
    assert slugify_da("ÅBEN CAFÉ") == "aaben-cafe"


def test_tag_list_shows_every_vocabulary_with_its_words(admin, personas):
    response = admin.get(LIST_URL)

    assert response.status_code == 200
    sections = response.context["sections"]
    assert [section.value for section in sections] == list(Vocabulary.values)
    by_vocabulary = {section.value: section for section in sections}
    for vocabulary, defaults in DEFAULT_TAGS.items():
        assert [word.slug for word in by_vocabulary[vocabulary].words] == [slug for slug, _da, _en in defaults]
    content = response.content.decode()
    assert "Older people" in content and "Ældre" in content
    assert "Recruiting volunteers" in content
    assert reverse("crm:tag_create", kwargs={"tenant_slug": "alfa", "vocabulary": "inclusion"}) in content


def test_tag_list_counts_organisations_per_target_group_and_activity_area(admin, personas):
    tenant = personas.tenant
    older, families = tag(tenant, Vocabulary.TARGET_GROUP, "aeldre"), tag(tenant, Vocabulary.TARGET_GROUP, "familier")
    culture = tag(tenant, Vocabulary.ACTIVITY_AREA, "kultur")
    link(personas.organisation, target_groups=[older, families], activity_areas=[culture])
    link(personas.other_organisation, target_groups=[older])
    archived = make_organisation(tenant, name="Lukket Forening", archived_at=timezone.now())
    link(archived, target_groups=[older], activity_areas=[culture])
    # Charlie's words are Charlie's: its organisations never count in Alfa.
    link(personas.foreign_organisation, target_groups=[tag(personas.other_tenant, Vocabulary.TARGET_GROUP, "aeldre")])

    sections = {section.value: section for section in admin.get(LIST_URL).context["sections"]}

    usage = {word.slug: word.usage for word in sections[Vocabulary.TARGET_GROUP].words}
    assert (usage["aeldre"], usage["familier"], usage["handicap"]) == (2, 1, 0)
    assert {word.slug: word.usage for word in sections[Vocabulary.ACTIVITY_AREA].words}["kultur"] == 1
    assert sections[Vocabulary.TARGET_GROUP].counts_usage and not sections[Vocabulary.THEME].counts_usage


def test_tag_list_shows_words_out_of_use(admin, personas):
    with scopes_disabled():
        Tag.objects.filter(tenant=personas.tenant, slug="misbrug").update(is_active=False)

    sections = {section.value: section for section in admin.get(LIST_URL).context["sections"]}

    word = next(word for word in sections[Vocabulary.TARGET_GROUP].words if word.slug == "misbrug")
    assert word.is_active is False


@pytest.mark.parametrize("size", [1, 3])
def test_tag_list_query_count_does_not_grow_with_the_words(size, admin, personas, django_assert_num_queries):
    tenant = personas.tenant
    with scopes_disabled():
        Tag.objects.filter(tenant=tenant).delete()
        for number in range(size):
            for vocabulary in Vocabulary.values:
                new = Tag.objects.create(
                    tenant=tenant, vocabulary=vocabulary, slug=f"ord-{number}", label_da=f"Ord {number}", label_en="W"
                )
                link(personas.organisation, target_groups=[new], activity_areas=[new])
                link(make_organisation(tenant, name=f"Forening {vocabulary} {number}"), target_groups=[new])

    # Tenant, session, user, roles, and the words with their counts in one query.
    with django_assert_num_queries(5):
        response = admin.get(LIST_URL)

    assert sum(len(section.words) for section in response.context["sections"]) == size * len(Vocabulary.values)
    assert_rows_rendered(response, [f"Ord {number}" for number in range(size)])


def test_tag_create_makes_the_key_from_the_danish_label(admin, personas):
    response = admin.post(
        create_url("target_group"),
        {"label_da": "  Små  børn og ældre på Ærø ", "label_en": "Small children", "is_active": "on"},
    )

    assert response.status_code == 302
    assert response.url == LIST_URL + "#target_group"
    created = tag(personas.tenant, Vocabulary.TARGET_GROUP, "smaa-boern-og-aeldre-paa-aeroe")
    assert (created.label_da, created.label_en, created.is_active) == (
        "Små børn og ældre på Ærø",
        "Small children",
        True,
    )
    # Without a position the word goes last.
    assert created.position == len(DEFAULT_TAGS[Vocabulary.TARGET_GROUP])
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.tag.created")
    assert (entry.tenant, entry.actor, entry.target_id) == (
        personas.tenant,
        personas.user("tenant_admin"),
        str(created.pk),
    )
    assert "has been added" in admin.get(response.url).content.decode()


def test_tag_create_numbers_a_key_that_is_taken(admin, personas):
    # "Idræt og motion" already has the key "idraet".
    admin.post(create_url("activity_area"), {"label_da": "Idræt", "is_active": "on"})
    admin.post(create_url("activity_area"), {"label_da": "Idræt!", "is_active": "on"})

    slugs = dict(words(personas.tenant, Vocabulary.ACTIVITY_AREA))
    assert (slugs["idraet"], slugs["idraet-2"], slugs["idraet-3"]) == ("Idræt og motion", "Idræt", "Idræt!")
    # Each new word goes last.
    count = len(DEFAULT_TAGS[Vocabulary.ACTIVITY_AREA])
    assert tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "idraet-2").position == count
    assert tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "idraet-3").position == count + 1


def test_tag_create_key_is_per_vocabulary(admin, personas):
    # "fundraising" is a skill and a theme already; in the inclusion list the key is free.
    admin.post(create_url("inclusion"), {"label_da": "Fundraising", "is_active": "on"})

    assert ("fundraising", "Fundraising") in words(personas.tenant, Vocabulary.INCLUSION)


def test_tag_create_label_without_latin_letters_still_gets_a_key(admin, personas):
    admin.post(create_url("skill"), {"label_da": "العربية", "label_en": "Arabic", "is_active": "on"})
    admin.post(create_url("skill"), {"label_da": "Українська", "label_en": "Ukrainian", "is_active": "on"})

    slugs = dict(words(personas.tenant, Vocabulary.SKILL))
    assert (slugs["ord"], slugs["ord-2"]) == ("العربية", "Українська")


def test_tag_create_english_label_may_be_left_empty(admin, personas):
    admin.post(create_url("theme"), {"label_da": "Frivilligpolitik", "is_active": "on"})

    created = tag(personas.tenant, Vocabulary.THEME, "frivilligpolitik")
    assert created.label_en == ""
    with scope(tenant=personas.tenant):
        assert created in tags(personas.tenant, Vocabulary.THEME)


def test_tag_create_empty_label_shows_an_error_and_saves_nothing(admin, personas):
    before = words(personas.tenant, Vocabulary.TARGET_GROUP)

    response = admin.post(create_url("target_group"), {"label_da": "   ", "label_en": "Typed English", "position": "x"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Please correct the following" in content
    assert "This field is required." in content
    assert 'value="Typed English"' in content
    assert words(personas.tenant, Vocabulary.TARGET_GROUP) == before
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.tag.created").exists()


def test_tag_create_same_word_again_is_refused(admin, personas):
    before = words(personas.tenant, Vocabulary.TARGET_GROUP)

    response = admin.post(create_url("target_group"), {"label_da": "ÆLDRE", "is_active": "on"})

    assert response.status_code == 200
    assert "The list already has the word" in response.content.decode()
    assert words(personas.tenant, Vocabulary.TARGET_GROUP) == before


def test_tag_create_too_long_label_is_refused(admin, personas):
    before = words(personas.tenant, Vocabulary.TARGET_GROUP)

    response = admin.post(create_url("target_group"), {"label_da": "ø" * 101, "is_active": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors["label_da"]
    assert words(personas.tenant, Vocabulary.TARGET_GROUP) == before


def test_tag_create_unknown_vocabulary_is_404(admin, personas):
    assert admin.get(create_url("colour")).status_code == 404
    assert admin.post(create_url("colour"), {"label_da": "Blå", "is_active": "on"}).status_code == 404
    with scopes_disabled():
        assert not Tag.objects.filter(label_da="Blå").exists()


def test_tag_create_form_names_the_list(admin):
    response = admin.get(create_url("activity_area"))

    assert response.status_code == 200
    assert "Add a word to “Activity areas”" in response.content.decode()
    assert response.context["form"]["is_active"].value() is True


def test_tag_edit_changes_labels_but_keeps_the_key_and_the_place_in_the_list(admin, personas):
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    position = word.position

    # A typed position (an old form, a crafted request) is not a field any more, and is ignored.
    response = admin.post(
        edit_url(word), {"label_da": "Ældre over 65", "label_en": "People over 65", "position": "9", "is_active": "on"}
    )

    assert response.status_code == 302
    word.refresh_from_db()
    assert (word.slug, word.label_da, word.label_en, word.position) == (
        "aeldre",
        "Ældre over 65",
        "People over 65",
        position,
    )
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.tag.updated")
    assert set(entry.data["fields"]) == {"label_da", "label_en"}
    assert "has been saved" in admin.get(response.url).content.decode()


def test_tag_edit_takes_a_word_out_of_use_without_unlinking_it(admin, personas):
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "misbrug")
    link(personas.organisation, target_groups=[word])

    response = admin.post(edit_url(word), {"label_da": word.label_da, "label_en": word.label_en, "position": "9"})

    assert response.status_code == 302
    word.refresh_from_db()
    assert word.is_active is False
    with scope(tenant=personas.tenant):
        assert word not in tags(personas.tenant, Vocabulary.TARGET_GROUP)
        assert word in personas.organisation.target_groups.all()
    with scopes_disabled():
        assert AuditEntry.objects.get(code="crm.tag.updated").data["fields"] == ["is_active"]
    assert "is no longer in use" in admin.get(response.url).content.decode()


def test_tag_edit_puts_a_word_back_in_use(admin, personas):
    word = tag(personas.tenant, Vocabulary.THEME, "andet")
    with scopes_disabled():
        Tag.objects.filter(pk=word.pk).update(is_active=False)

    response = admin.post(
        edit_url(word), {"label_da": word.label_da, "label_en": word.label_en, "position": "6", "is_active": "on"}
    )

    word.refresh_from_db()
    assert word.is_active is True
    assert "is in use again" in admin.get(response.url).content.decode()


def test_tag_edit_form_shows_the_saved_values(admin, personas):
    word = tag(personas.tenant, Vocabulary.SKILL, "it")

    response = admin.get(edit_url(word))

    assert response.status_code == 200
    assert response.context["form"].initial["label_da"] == "IT"
    # The technical key is not shown to the admin, and there is no position to type.
    content = response.content.decode()
    assert "<code>" not in content
    assert 'name="position"' not in content


def test_tag_edit_bad_input_keeps_typed_values_and_saves_nothing(admin, personas):
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "familier")

    response = admin.post(edit_url(word), {"label_da": "", "label_en": "Kin", "is_active": "on"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"label_da"}
    content = response.content.decode()
    assert 'value="Kin"' in content
    # The heading names the word as saved, not as typed.
    assert "Edit the word “Familier”" in content
    word.refresh_from_db()
    assert (word.label_da, word.label_en, word.position) == ("Familier", "Families", 1)
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="crm.tag.updated").exists()


def test_tag_edit_refuses_the_label_of_another_word_in_the_list(admin, personas):
    word = tag(personas.tenant, Vocabulary.TARGET_GROUP, "familier")

    response = admin.post(edit_url(word), {"label_da": "ældre", "position": "1", "is_active": "on"})

    assert response.status_code == 200
    assert "The list already has the word" in response.content.decode()


def test_tag_edit_of_another_tenants_word_is_404(admin, personas):
    foreign = tag(personas.other_tenant, Vocabulary.TARGET_GROUP, "aeldre")

    assert admin.get(edit_url(foreign)).status_code == 404
    response = admin.post(edit_url(foreign), {"label_da": "Overtaget", "position": "0", "is_active": "on"})

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.label_da == "Ældre"


def test_tag_pages_are_linked_for_the_tenant_admin_only(client_for):
    home = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})

    assert LIST_URL in client_for("tenant_admin").get(home).content.decode()
    assert LIST_URL not in client_for("centre_staff").get(home).content.decode()
