"""The organisation list's saved filters: saving one under a name, the list with what each finds now, opening one,
renaming and deleting, bad names, and who may do it."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.forms.organisations import OrganisationFilterForm
from frivillig.crm.models import SavedFilter, Tag
from frivillig.crm.selectors.organisations import OrganisationFilter, criteria_params
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation


def url(name: str, tenant_slug: str = "alfa", **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": tenant_slug, **kwargs})


LIST_URL = url("organisation_list")
FILTERS_URL = url("organisation_filters")
SAVE_URL = url("organisation_filter_save")


def tag(tenant, vocabulary: str, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def saved(tenant, name: str, **params) -> SavedFilter:
    with scopes_disabled():
        return SavedFilter.objects.create(tenant=tenant, name=name, params=params)


def filters_of(tenant) -> dict[str, dict]:
    with scopes_disabled():
        return {saved.name: saved.params for saved in SavedFilter.objects.filter(tenant=tenant)}


@pytest.fixture
def youth_clubs(personas):
    """Two associations for children and young people, a foundation for them, and an association for the elderly."""
    tenant = personas.tenant
    youth = tag(tenant, Vocabulary.TARGET_GROUP, "boern-og-unge")
    elderly = tag(tenant, Vocabulary.TARGET_GROUP, "aeldre")
    made = {
        "Alfa Roklub": (OrganisationKind.ASSOCIATION, youth),
        "Alfa Spejdere": (OrganisationKind.ASSOCIATION, youth),
        "Alfa Børnefond": (OrganisationKind.FOUNDATION, youth),
        "Alfa Seniorklub": (OrganisationKind.ASSOCIATION, elderly),
    }
    for name, (kind, word) in made.items():
        organisation = make_organisation(tenant, name=name, kind=kind)
        with scopes_disabled():
            organisation.target_groups.add(word)
    return youth


# --- saving ------------------------------------------------------------------------------------------------------


def test_the_list_offers_to_save_the_filter_chosen(personas, client_for, youth_clubs):
    client = client_for("centre_staff")
    page = client.get(LIST_URL, {"type": "association", "maalgruppe": youth_clubs.pk, "sorter": "by"})
    content = page.content.decode()
    query = urlencode({"type": "association", "maalgruppe": youth_clubs.pk}).replace("&", "&amp;")
    assert f'href="{SAVE_URL}?{query}"' in content
    assert "Gem filter" in content
    assert f'href="{FILTERS_URL}"' in content
    # Without a filter there is nothing to save.
    assert SAVE_URL not in client.get(LIST_URL).content.decode()


def test_the_live_filter_keeps_the_save_link_current(personas, client_for, youth_clubs):
    response = client_for("centre_staff").get(LIST_URL, {"type": "foundation"}, HTTP_HX_REQUEST="true")
    assert f'href="{SAVE_URL}?type=foundation"' in response.content.decode()


def test_municipal_staff_read_the_list_without_saved_filters(personas, client_for, youth_clubs):
    content = client_for("municipal_staff").get(LIST_URL, {"type": "association"}).content.decode()
    assert SAVE_URL not in content
    assert FILTERS_URL not in content


def test_saving_keeps_the_lists_criteria_under_a_name_and_returns_to_the_list(personas, client_for, youth_clubs):
    client = client_for("centre_staff")
    form = client.get(SAVE_URL, {"type": "association", "maalgruppe": youth_clubs.pk, "side": "2"})
    content = form.content.decode()
    assert "Type: Forening" in content
    assert f"Målgruppe: {youth_clubs.label_da}" in content

    response = client.post(
        SAVE_URL, {"name": "  Foreninger   for børn ", "type": "association", "maalgruppe": youth_clubs.pk}
    )

    params = {"type": "association", "maalgruppe": str(youth_clubs.pk)}
    assert response.status_code == 302
    assert response.headers["Location"] == f"{LIST_URL}?{urlencode(params)}"
    assert filters_of(personas.tenant) == {"Foreninger for børn": params}
    with scopes_disabled():
        saved_filter = SavedFilter.objects.get(tenant=personas.tenant)
        entry = AuditEntry.objects.get(code="crm.saved_filter.created")
    assert saved_filter.created_by == personas.user("centre_staff")
    assert entry.target_id == str(saved_filter.pk)
    listed = client.get(response.headers["Location"])
    assert "Filteret “Foreninger for børn” er gemt." in listed.content.decode()
    assert [organisation.name for organisation in listed.context["page"].object_list] == [
        "Alfa Roklub",
        "Alfa Spejdere",
    ]


def test_only_what_the_list_understands_is_saved(personas, client_for):
    response = client_for("centre_staff").post(
        SAVE_URL,
        {"name": "Medlemmer", "medlem": "ja", "type": "ukendt", "maalgruppe": "999999", "sorter": "nyeste"},
    )
    assert response.status_code == 302
    assert filters_of(personas.tenant) == {"Medlemmer": {"medlem": "ja"}}


def test_an_empty_name_is_refused_in_danish_and_nothing_is_saved(personas, client_for):
    response = client_for("centre_staff").post(SAVE_URL, {"name": "   ", "type": "association"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Giv filteret et navn." in content
    # The criteria are still there to save with the next try.
    assert '<input type="hidden" name="type" value="association">' in content
    assert filters_of(personas.tenant) == {}


def test_a_taken_name_is_refused_the_typed_name_kept_and_nothing_saved(personas, client_for):
    saved(personas.tenant, "Ældre og børn", type="foundation")
    saved(personas.other_tenant, "Kun i Charlie", type="foundation")
    client = client_for("centre_staff")

    response = client.post(SAVE_URL, {"name": "ældre OG børn", "type": "association"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Der er allerede et gemt filter, der hedder “ældre OG børn”. Vælg et andet navn." in content
    assert 'value="ældre OG børn"' in content
    assert filters_of(personas.tenant) == {"Ældre og børn": {"type": "foundation"}}
    # Another tenant's names are no hindrance.
    assert client.post(SAVE_URL, {"name": "Kun i Charlie", "type": "association"}).status_code == 302


def test_a_filter_that_narrows_nothing_is_not_saved(personas, client_for):
    client = client_for("centre_staff")
    page = client.get(SAVE_URL, {"sorter": "by"}).content.decode()
    assert "Der er ikke noget at gemme endnu." in page
    response = client.post(SAVE_URL, {"name": "Alle", "sorter": "by"})
    assert response.status_code == 200
    assert filters_of(personas.tenant) == {}


def test_the_form_and_the_stored_criteria_agree(personas):
    youth = tag(personas.tenant, Vocabulary.TARGET_GROUP, "boern-og-unge")
    culture = tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "kultur")
    criteria = OrganisationFilter(
        search="Sorø", kind="association", target_group=youth, activity_area=culture, member=False
    )
    with scopes_disabled():
        read = OrganisationFilterForm(criteria_params(criteria), tenant=personas.tenant).criteria()
    assert read == criteria
    assert criteria_params(OrganisationFilter(include_archived=True, sort="by")) == {"arkiverede": "on"}


# --- the list of saved filters, and opening one -----------------------------------------------------------------


def test_the_saved_filters_are_listed_with_what_they_find_now(personas, client_for, youth_clubs):
    saved(personas.tenant, "Børn og unge", maalgruppe=str(youth_clubs.pk))
    saved(personas.tenant, "Fonde", type="foundation")
    saved(personas.other_tenant, "Charlies filter", type="foundation")
    client = client_for("centre_staff")

    response = client.get(FILTERS_URL)

    content = response.content.decode()
    counts = {saved_filter.name: saved_filter.organisation_count for saved_filter in response.context["filters"]}
    assert counts == {"Børn og unge": 3, "Fonde": 1}
    assert "Charlies filter" not in content
    assert f'href="{LIST_URL}?maalgruppe={youth_clubs.pk}"' in content
    assert "Type: Fond" in content
    # A new organisation is counted at once: the filter keeps criteria, not a list.
    make_organisation(personas.tenant, name="Alfa Legatfond", kind=OrganisationKind.FOUNDATION)
    counts = {item.name: item.organisation_count for item in client.get(FILTERS_URL).context["filters"]}
    assert counts == {"Børn og unge": 3, "Fonde": 2}


def test_opening_a_saved_filter_shows_the_list_with_it(personas, client_for, youth_clubs):
    saved(personas.tenant, "Foreningsfilter", type="association", maalgruppe=str(youth_clubs.pk))
    client = client_for("centre_staff")
    link = client.get(FILTERS_URL).context["filters"][0].list_url
    listed = client.get(link)
    assert [organisation.name for organisation in listed.context["page"].object_list] == [
        "Alfa Roklub",
        "Alfa Spejdere",
    ]


def test_a_word_taken_out_of_use_still_filters(personas, client_for, youth_clubs):
    saved(personas.tenant, "Børn og unge", maalgruppe=str(youth_clubs.pk))
    with scopes_disabled():
        Tag.objects.filter(pk=youth_clubs.pk).update(is_active=False)
    client = client_for("centre_staff")

    response = client.get(FILTERS_URL)

    assert response.context["filters"][0].organisation_count == 3
    assert "et ord, der ikke længere er i brug" in response.content.decode()
    listed = client.get(response.context["filters"][0].list_url)
    assert listed.context["page"].paginator.count == 3
    # The list offers the retired word only while a filter has chosen it.
    other = client.get(LIST_URL).context["filter_form"].fields["maalgruppe"].queryset
    assert youth_clubs not in list(other)


def test_without_saved_filters_the_page_says_how_to_make_one(personas, client_for):
    content = client_for("centre_staff").get(FILTERS_URL).content.decode()
    assert "Der er ingen gemte filtre endnu." in content
    assert "<table" not in content


@pytest.mark.parametrize("size", [1, 3])
def test_saved_filter_list_query_count_is_constant(client, db, django_assert_num_queries, size):
    from frivillig.crm.services import tags_seed_defaults

    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
    words = [tag(tenant, Vocabulary.TARGET_GROUP, slug) for slug in ("aeldre", "boern-og-unge", "handicap")]
    for number in range(size):
        make_organisation(tenant, name=f"Forening {number}")
        saved(tenant, f"Filter {number}", type="association", maalgruppe=str(words[number].pk))
    client.force_login(staff_user)

    with django_assert_num_queries(7):
        response = client.get(url("organisation_filters", tenant_slug="maaling"))

    assert len(response.context["filters"]) == size
    assert_rows_rendered(response, [f"Filter {number}" for number in range(size)])


# --- renaming and deleting ---------------------------------------------------------------------------------------


def test_renaming_a_filter(personas, client_for):
    saved_filter = saved(personas.tenant, "Fonde", type="foundation")
    client = client_for("centre_staff")
    rename_url = url("organisation_filter_rename", pk=saved_filter.pk)
    assert 'value="Fonde"' in client.get(rename_url).content.decode()

    response = client.post(rename_url, {"name": "Alle fonde"}, follow=True)

    assert response.redirect_chain[-1][0] == FILTERS_URL
    assert "Filteret “Fonde” hedder nu “Alle fonde”." in response.content.decode()
    assert filters_of(personas.tenant) == {"Alle fonde": {"type": "foundation"}}
    with scopes_disabled():
        assert AuditEntry.objects.get(code="crm.saved_filter.renamed").data == {"from": "Fonde", "to": "Alle fonde"}


def test_renaming_refuses_an_empty_or_taken_name_and_keeps_the_typed_one(personas, client_for):
    saved_filter = saved(personas.tenant, "Fonde", type="foundation")
    saved(personas.tenant, "Foreninger", type="association")
    client = client_for("centre_staff")
    rename_url = url("organisation_filter_rename", pk=saved_filter.pk)

    taken = client.post(rename_url, {"name": "FORENINGER"}).content.decode()
    empty = client.post(rename_url, {"name": ""}).content.decode()

    assert "Der er allerede et gemt filter, der hedder “FORENINGER”. Vælg et andet navn." in taken
    assert 'value="FORENINGER"' in taken
    assert "Omdøb filteret “Fonde”" in taken
    assert "Giv filteret et navn." in empty
    assert filters_of(personas.tenant) == {"Fonde": {"type": "foundation"}, "Foreninger": {"type": "association"}}
    # A filter may keep its own name, in other letters.
    assert client.post(rename_url, {"name": "FONDE"}).status_code == 302


def test_deleting_asks_first(personas, client_for):
    saved_filter = saved(personas.tenant, "Fonde", type="foundation")
    client = client_for("centre_staff")
    delete_url = url("organisation_filter_delete", pk=saved_filter.pk)

    page = client.get(delete_url).content.decode()
    assert "Slet filteret “Fonde”" in page
    assert filters_of(personas.tenant) == {"Fonde": {"type": "foundation"}}

    response = client.post(delete_url, follow=True)
    assert response.redirect_chain[-1][0] == FILTERS_URL
    assert "Filteret “Fonde” er slettet." in response.content.decode()
    assert filters_of(personas.tenant) == {}
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="crm.saved_filter.deleted", target_id=str(saved_filter.pk)).exists()


# --- who may ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["municipal_staff", "tenant_admin", "association_rep", "citizen"])
def test_other_roles_are_refused(persona, personas, client_for):
    saved_filter = saved(personas.tenant, "Fonde", type="foundation")
    client = client_for(persona)
    assert client.get(FILTERS_URL).status_code == 403
    assert client.post(SAVE_URL, {"name": "Mit filter", "type": "association"}).status_code == 403
    assert client.post(url("organisation_filter_rename", pk=saved_filter.pk), {"name": "Nyt"}).status_code == 403
    assert client.post(url("organisation_filter_delete", pk=saved_filter.pk)).status_code == 403
    assert filters_of(personas.tenant) == {"Fonde": {"type": "foundation"}}


def test_another_tenants_filter_is_not_found(personas, client_for):
    foreign = saved(personas.other_tenant, "Charlies fonde", type="foundation")
    client = client_for("centre_staff")
    rename_url = url("organisation_filter_rename", pk=foreign.pk)
    delete_url = url("organisation_filter_delete", pk=foreign.pk)
    assert client.get(rename_url).status_code == 404
    assert client.post(rename_url, {"name": "Overtaget"}).status_code == 404
    assert client.get(delete_url).status_code == 404
    assert client.post(delete_url).status_code == 404
    assert filters_of(personas.other_tenant) == {"Charlies fonde": {"type": "foundation"}}
