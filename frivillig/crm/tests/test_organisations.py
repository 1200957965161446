import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import InteractionKind, OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Tag
from frivillig.crm.selectors import public_associations
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person


def url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


LIST_URL = reverse("crm:organisation_list", kwargs={"tenant_slug": "alfa"})
CREATE_URL = reverse("crm:organisation_create", kwargs={"tenant_slug": "alfa"})


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


def tag(tenant, vocabulary: str, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def shown(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def audit_codes(target) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(target_type="crm.organisation", target_id=str(target.pk))
            .order_by("pk")
            .values_list("code", flat=True)
        )


def form_data(**changes) -> dict:
    data = {
        "name": "Sorø Seniorklub",
        "kind": OrganisationKind.ASSOCIATION,
        "cvr": "",
        "purpose": "Fællesskab for ældre",
        "description": "",
        "email": "kontakt@seniorklub.example.org",
        "phone": "12 34 56 78",
        "website": "seniorklub.example.org",
        "address": "Storgade 3",
        "postcode": "4180",
        "town": "Sorø",
        "member_since": "2017-03-01",
        "is_public": "on",
        "internal_notes": "Ringer helst om formiddagen.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def png_upload(name: str = "logo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- the list ------------------------------------------------------------------------------------------


def test_organisation_list_shows_active_organisations_of_the_tenant(staff, personas):
    make_organisation(personas.tenant, name="Arkiveret Forening", archived_at=timezone.now())

    response = staff.get(LIST_URL)

    assert response.status_code == 200
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]
    assert "Charlie Idrætsforening" not in response.content.decode()


def test_organisation_list_searches_name_cvr_and_town(staff, personas):
    make_organisation(personas.tenant, name="Dianalund Skakklub", town="Dianalund")

    assert shown(staff.get(LIST_URL, {"soeg": "lektie"})) == ["Alfa Lektiecafé"]
    assert shown(staff.get(LIST_URL, {"soeg": "12345674"})) == ["Alfa Besøgsvenner"]
    assert shown(staff.get(LIST_URL, {"soeg": "DK 12 34 56 74"})) == ["Alfa Besøgsvenner"]
    assert shown(staff.get(LIST_URL, {"soeg": "dianalund"})) == ["Dianalund Skakklub"]


def test_organisation_list_search_finds_danish_letters_whatever_their_case(staff, personas):
    make_organisation(personas.tenant, name="Ølklubben Ærø", town="Ærøskøbing")
    assert shown(staff.get(LIST_URL, {"soeg": "ølklubben"})) == ["Ølklubben Ærø"]
    assert shown(staff.get(LIST_URL, {"soeg": "ærøskøbing"})) == ["Ølklubben Ærø"]
    assert shown(staff.get(LIST_URL, {"soeg": "BESØGSVENNER"})) == ["Alfa Besøgsvenner"]


def test_organisation_list_search_without_match_says_so(staff):
    response = staff.get(LIST_URL, {"soeg": "findes ikke"})
    assert shown(response) == []
    assert "No organisations match the search." in response.content.decode()


def test_organisation_list_filters_by_kind_and_membership(staff, personas):
    make_organisation(personas.tenant, name="Brugsen", kind=OrganisationKind.BUSINESS, member_since=date(2016, 1, 1))

    assert shown(staff.get(LIST_URL, {"type": "business"})) == ["Brugsen"]
    assert shown(staff.get(LIST_URL, {"medlem": "ja"})) == ["Brugsen"]
    assert shown(staff.get(LIST_URL, {"medlem": "nej"})) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_organisation_list_filters_by_target_group_and_activity_area(staff, personas):
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    children = tag(personas.tenant, Vocabulary.TARGET_GROUP, "boern-og-unge")
    visiting = tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "besoegsvenner")
    with scopes_disabled():
        personas.organisation.target_groups.add(elderly, children)
        personas.organisation.activity_areas.add(visiting)
        personas.other_organisation.target_groups.add(children)

    assert shown(staff.get(LIST_URL, {"maalgruppe": elderly.pk})) == ["Alfa Besøgsvenner"]
    assert shown(staff.get(LIST_URL, {"maalgruppe": children.pk})) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]
    assert shown(staff.get(LIST_URL, {"omraade": visiting.pk})) == ["Alfa Besøgsvenner"]
    assert shown(staff.get(LIST_URL, {"maalgruppe": children.pk, "omraade": visiting.pk})) == ["Alfa Besøgsvenner"]


def test_organisation_list_offers_only_the_tenants_tags(staff, personas):
    foreign = tag(personas.other_tenant, Vocabulary.TARGET_GROUP, "aeldre")
    response = staff.get(LIST_URL, {"maalgruppe": foreign.pk})
    assert f'value="{foreign.pk}"' not in response.content.decode()
    # A tag of another tenant is not a valid filter: it is ignored rather than leaking anything.
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_organisation_list_shows_archived_only_when_asked(staff, personas):
    make_organisation(personas.tenant, name="Arkiveret Forening", archived_at=timezone.now())
    response = staff.get(LIST_URL, {"arkiverede": "on"})
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé", "Arkiveret Forening"]
    assert "Archived" in response.content.decode()


def test_organisation_list_sorts_by_whitelisted_keys(staff, personas):
    make_organisation(personas.tenant, name="Ølklubben", town="Ringsted")
    with scopes_disabled():
        Organisation.objects.filter(name="Alfa Lektiecafé").update(town="Slagelse")

    assert shown(staff.get(LIST_URL, {"sorter": "by"})) == ["Ølklubben", "Alfa Lektiecafé", "Alfa Besøgsvenner"]
    assert shown(staff.get(LIST_URL, {"sorter": "nyeste"}))[0] == "Ølklubben"
    # Unknown sort keys (or attempts at ordering by a hidden field) fall back to the name.
    assert shown(staff.get(LIST_URL, {"sorter": "internal_notes"})) == shown(staff.get(LIST_URL))


def test_organisation_list_ignores_unknown_filter_values(staff):
    response = staff.get(LIST_URL, {"type": "ufo", "maalgruppe": "abc", "medlem": "måske", "side": "x"})
    assert response.status_code == 200
    assert shown(response) == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]


def test_organisation_list_paginates_25_per_page_and_keeps_the_filter(staff, personas):
    for number in range(30):
        make_organisation(personas.tenant, name=f"Klub {number:02d}", town="Fjenneslev")

    first = staff.get(LIST_URL, {"soeg": "fjenneslev"})
    second = staff.get(LIST_URL, {"soeg": "fjenneslev", "side": 2})

    assert len(shown(first)) == 25
    assert shown(second) == [f"Klub {number:02d}" for number in range(25, 30)]
    assert "soeg=fjenneslev&amp;side=2" in first.content.decode()


def test_organisation_list_export_links_carry_the_filter(staff):
    content = staff.get(LIST_URL, {"soeg": "lektie", "side": "1"}).content.decode()
    assert url("organisation_export", fmt="xlsx") + "?soeg=lektie" in content
    assert url("organisation_export", fmt="csv") + "?soeg=lektie" in content


def test_organisation_list_keeps_the_filter_in_the_form(staff, personas):
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    content = staff.get(LIST_URL, {"soeg": "alfa", "maalgruppe": elderly.pk, "sorter": "by"}).content.decode()
    assert 'value="alfa"' in content
    assert f'<option value="{elderly.pk}" selected>' in content
    assert '<option value="by" selected>' in content


def test_organisation_list_htmx_request_gets_only_the_results(staff):
    response = staff.get(LIST_URL, {"soeg": "lektie"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="list-results"')
    assert "<html" not in content
    assert "Alfa Lektiecafé" in content and "Alfa Besøgsvenner" not in content


def test_organisation_list_form_works_without_javascript(staff):
    content = staff.get(LIST_URL).content.decode()
    assert f'<form method="get" action="{LIST_URL}" class="inline-form" role="search"' in content
    assert 'hx-push-url="true"' in content


@pytest.mark.parametrize("size", [1, 3])
def test_organisation_list_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant, staff_user = measuring_tenant()
    elderly = tag(tenant, Vocabulary.TARGET_GROUP, "aeldre")
    for number in range(size):
        organisation = make_organisation(tenant, name=f"Forening {number}")
        with scopes_disabled():
            organisation.target_groups.add(elderly)
    client.force_login(staff_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("crm:organisation_list", kwargs={"tenant_slug": tenant.slug}))

    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])


def measuring_tenant():
    from frivillig.crm.services import tags_seed_defaults

    tenant = TenantFactory(slug="maaling", name="Måling")
    staff_user = UserFactory(email="staff@maaling.example.org")
    grant(staff_user, tenant, Role.CENTRE_STAFF)
    with scopes_disabled():
        tags_seed_defaults(tenant=tenant)
    return tenant, staff_user


# --- the detail page -----------------------------------------------------------------------------------


def test_organisation_detail_shows_fields_people_interactions_and_relations(staff, personas):
    organisation = personas.organisation
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    chair = make_person(personas.tenant, full_name="Bente Formand")
    former = make_person(personas.tenant, full_name="Ole Tidligere")
    with scopes_disabled():
        Organisation.objects.filter(pk=organisation.pk).update(
            purpose="Besøg hos ensomme ældre", internal_notes="Formanden er ny i år.", member_since=date(2016, 5, 1)
        )
        organisation.target_groups.add(elderly)
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=organisation, person=chair, role=OrganisationRoleKind.CHAIR
        )
        OrganisationRole.objects.create(
            tenant=personas.tenant,
            organisation=organisation,
            person=former,
            role=OrganisationRoleKind.TREASURER,
            started_on=date(2015, 1, 1),
            ended_on=date(2017, 12, 31),
        )
        older = Interaction.objects.create(
            tenant=personas.tenant,
            kind=InteractionKind.MEETING,
            happened_on=date(2017, 2, 1),
            summary="Første møde om rekruttering",
        )
        newer = Interaction.objects.create(
            tenant=personas.tenant,
            kind=InteractionKind.ADVICE_SESSION,
            happened_on=date(2018, 6, 1),
            summary="Rådgivning om fundraising",
            staff=personas.user("centre_staff"),
        )
        for interaction in (older, newer):
            interaction.organisations.add(organisation)
        elsewhere = Interaction.objects.create(
            tenant=personas.tenant, kind=InteractionKind.VISIT, happened_on=date(2018, 1, 1), summary="Andet besøg"
        )
        elsewhere.organisations.add(personas.other_organisation)
        CollaborationRelation.objects.create(
            tenant=personas.tenant, organisation=organisation, topic="Besøgsordning", started_on=date(2017, 4, 1)
        )

    response = staff.get(url("organisation_detail", pk=organisation.pk))

    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Besøg hos ensomme ældre", "Formanden er ny i år.", "Older people", "12345674", "Besøgsordning"):
        assert text in content
    assert [role.person.full_name for role in response.context["current_roles"]] == ["Bente Formand"]
    assert [role.person.full_name for role in response.context["former_roles"]] == ["Ole Tidligere"]
    assert list(response.context["interactions"]) == [newer, older]
    assert content.index("Rådgivning om fundraising") < content.index("Første møde om rekruttering")
    assert "Andet besøg" not in content


def test_organisation_detail_links_to_logging_an_interaction_and_to_each_interaction(staff, personas):
    with scopes_disabled():
        logged = Interaction.objects.create(
            tenant=personas.tenant, kind=InteractionKind.MEETING, happened_on=date(2018, 3, 1), summary="Møde"
        )
        logged.organisations.add(personas.organisation)

    content = staff.get(url("organisation_detail", pk=personas.organisation.pk)).content.decode()

    # Both links are always there: a renamed page fails this test instead of silently losing the button.
    assert f'href="{url("interaction_create")}?organisation={personas.organisation.pk}"' in content
    assert f'href="{url("interaction_detail", pk=logged.pk)}"' in content


def test_organisation_detail_of_another_tenant_is_404(staff, personas):
    assert staff.get(url("organisation_detail", pk=personas.foreign_organisation.pk)).status_code == 404
    assert staff.get(url("organisation_edit", pk=personas.foreign_organisation.pk)).status_code == 404
    assert staff.post(url("organisation_archive", pk=personas.foreign_organisation.pk)).status_code == 404
    with scopes_disabled():
        personas.foreign_organisation.refresh_from_db()
    assert personas.foreign_organisation.archived_at is None


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff"])
def test_organisation_pages_are_forbidden_to_representatives_and_municipal_staff(client_for, personas, persona):
    client = client_for(persona)
    pk = personas.organisation.pk
    # Municipal staff read the register (list and detail), and keep nothing in it.
    reading = 200 if persona == "municipal_staff" else 403
    assert client.get(LIST_URL).status_code == reading
    assert client.get(url("organisation_detail", pk=pk)).status_code == reading
    assert client.post(url("organisation_edit", pk=pk), form_data()).status_code == 403
    assert client.post(url("organisation_archive", pk=pk)).status_code == 403
    with scopes_disabled():
        personas.organisation.refresh_from_db()
    assert (personas.organisation.name, personas.organisation.archived_at) == ("Alfa Besøgsvenner", None)


# --- create and edit -----------------------------------------------------------------------------------


def test_organisation_create_saves_normalised_values_tags_and_logs(staff, personas):
    elderly = tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre")
    visiting = tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "besoegsvenner")

    response = staff.post(
        CREATE_URL,
        form_data(cvr="DK 29 18 97 65", target_groups=[elderly.pk], activity_areas=[visiting.pk]),
    )

    with scopes_disabled():
        organisation = Organisation.objects.get(name="Sorø Seniorklub")
        assert list(organisation.target_groups.all()) == [elderly]
        assert list(organisation.activity_areas.all()) == [visiting]
    assert response.status_code == 302
    assert response.url == url("organisation_detail", pk=organisation.pk)
    assert organisation.tenant == personas.tenant
    assert (organisation.cvr, organisation.phone) == ("29189765", "+45 12 34 56 78")
    assert organisation.website == "https://seniorklub.example.org"
    assert organisation.member_since == date(2017, 3, 1)
    assert organisation.is_public is True
    assert audit_codes(organisation) == ["crm.organisation.created"]
    assert "Sorø Seniorklub has been created." in staff.get(response.url).content.decode()


def test_organisation_create_form_offers_only_active_tags_of_the_right_vocabulary(staff, personas):
    retired = tag(personas.tenant, Vocabulary.TARGET_GROUP, "misbrug")
    skill = tag(personas.tenant, Vocabulary.SKILL, "it")
    with scopes_disabled():
        Tag.objects.filter(pk=retired.pk).update(is_active=False)

    form = staff.get(CREATE_URL).context["form"]

    target_groups = set(form.fields["target_groups"].queryset)
    assert tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre") in target_groups
    assert retired not in target_groups and skill not in target_groups
    response = staff.post(CREATE_URL, form_data(target_groups=[skill.pk]))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["target_groups"]


def test_organisation_create_with_logo_stores_it_under_a_random_name(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = staff.post(CREATE_URL, {**form_data(), "logo": png_upload("min forening's logo.png")})

    assert response.status_code == 302
    with scopes_disabled():
        organisation = Organisation.objects.get(name="Sorø Seniorklub")
    assert organisation.logo.name.startswith("logos/") and organisation.logo.name.endswith(".png")
    assert "forening" not in organisation.logo.name
    assert (tmp_path / organisation.logo.name).exists()
    assert organisation.logo.url in staff.get(response.url).content.decode()


def test_organisation_edit_keeps_the_logo_unless_cleared(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff.post(CREATE_URL, {**form_data(), "logo": png_upload()})
    with scopes_disabled():
        organisation = Organisation.objects.get(name="Sorø Seniorklub")
    logo_name = organisation.logo.name
    edit_url = url("organisation_edit", pk=organisation.pk)
    assert logo_name in staff.get(edit_url).content.decode()

    staff.post(edit_url, form_data(town="Pedersborg"))
    with scopes_disabled():
        organisation.refresh_from_db()
    assert (organisation.town, organisation.logo.name) == ("Pedersborg", logo_name)

    staff.post(edit_url, form_data(**{"logo-clear": "on"}))
    with scopes_disabled():
        organisation.refresh_from_db()
    assert not organisation.logo


def test_organisation_edit_saves_changes_and_logs_the_fields(staff, personas):
    organisation = personas.organisation
    response = staff.post(url("organisation_edit", pk=organisation.pk), form_data(name="Alfa Besøgstjeneste"))

    assert response.status_code == 302
    with scopes_disabled():
        organisation.refresh_from_db()
        entry = AuditEntry.objects.get(code="crm.organisation.updated")
    assert organisation.name == "Alfa Besøgstjeneste"
    assert organisation.cvr == ""
    assert "name" in entry.data["fields"] and "cvr" in entry.data["fields"]
    assert entry.actor == personas.user("centre_staff")


def test_organisation_edit_keeps_its_own_cvr(staff, personas):
    response = staff.post(url("organisation_edit", pk=personas.organisation.pk), form_data(cvr="12345674"))
    assert response.status_code == 302


def test_organisation_edit_keeps_a_retired_tag_that_is_already_chosen(staff, personas):
    retired = tag(personas.tenant, Vocabulary.TARGET_GROUP, "misbrug")
    with scopes_disabled():
        Tag.objects.filter(pk=retired.pk).update(is_active=False)
        personas.organisation.target_groups.add(retired)

    staff.post(url("organisation_edit", pk=personas.organisation.pk), form_data(target_groups=[retired.pk]))

    with scopes_disabled():
        assert list(personas.organisation.target_groups.all()) == [retired]


def test_organisation_edit_page_shows_saved_values(staff, personas):
    response = staff.get(url("organisation_edit", pk=personas.organisation.pk))
    assert response.status_code == 200
    assert 'value="Alfa Besøgsvenner"' in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()


# --- bad input -----------------------------------------------------------------------------------------


def assert_nothing_created(name: str = "Sorø Seniorklub") -> None:
    with scopes_disabled():
        assert not Organisation.objects.filter(name=name).exists()
        assert not AuditEntry.objects.filter(code="crm.organisation.created").exists()


def test_organisation_create_invalid_cvr_is_a_form_error_with_typed_values_kept(staff):
    response = staff.post(CREATE_URL, form_data(cvr="12345678"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["cvr"]
    content = response.content.decode()
    assert "The CVR number 12345678 is not valid: the check digit does not match." in content
    assert 'value="Sorø Seniorklub"' in content and 'value="Storgade 3"' in content
    assert_nothing_created()


def test_organisation_create_duplicate_cvr_names_the_organisation_that_has_it(staff):
    response = staff.post(CREATE_URL, form_data(cvr="12 34 56 74"))

    assert list(response.context["form"].errors) == ["cvr"]
    assert "The CVR number 12345674 is already registered for Alfa Besøgsvenner." in response.content.decode()
    assert_nothing_created()


def test_organisation_create_duplicate_cvr_of_an_archived_organisation_is_refused_too(staff, personas):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(archived_at=timezone.now())
    response = staff.post(CREATE_URL, form_data(cvr="12345674"))
    assert "already registered for Alfa Besøgsvenner (archived)" in response.content.decode()
    assert_nothing_created()


def test_organisation_create_cvr_of_another_tenants_organisation_is_allowed(staff, personas):
    make_organisation(personas.other_tenant, name="Charlie Med Samme CVR", cvr="29189765")
    response = staff.post(CREATE_URL, form_data(cvr="29189765"))
    assert response.status_code == 302
    with scopes_disabled():
        assert Organisation.objects.filter(cvr="29189765").count() == 2


def test_organisation_create_bad_postcode_phone_email_and_missing_name_are_form_errors(staff):
    response = staff.post(
        CREATE_URL, form_data(name="", postcode="41a0", phone="12 34", email="ikke en adresse", member_since="32-13")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "postcode", "phone", "email", "member_since"}
    content = response.content.decode()
    assert "A postcode has four digits." in content
    assert 'value="41a0"' in content and 'value="ikke en adresse"' in content
    assert_nothing_created(name="")
    with scopes_disabled():
        assert Organisation.objects.count() == 3


def test_organisation_create_non_image_logo_is_a_clear_error_and_saves_nothing(staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not a picture", content_type="image/png")

    response = staff.post(CREATE_URL, {**form_data(), "logo": fake})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    content = response.content.decode()
    assert "The file is not an image we can use. Upload a JPEG, PNG or WebP picture." in content
    assert 'value="Sorø Seniorklub"' in content
    assert_nothing_created()
    assert not any(tmp_path.rglob("*.*"))


def test_organisation_create_too_large_logo_is_refused(staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("logo.png", b"0" * (2 * 1024 * 1024 + 1), content_type="image/png")
    response = staff.post(CREATE_URL, {**form_data(), "logo": big})
    assert "The image is too large. It may be at most 2 MB." in response.content.decode()
    assert_nothing_created()


def test_organisation_edit_bad_input_keeps_the_saved_name_in_the_heading(staff, personas):
    response = staff.post(url("organisation_edit", pk=personas.organisation.pk), form_data(name="", cvr="1"))

    assert set(response.context["form"].errors) == {"name", "cvr"}
    assert "<h1>Edit Alfa Besøgsvenner</h1>" in response.content.decode()
    with scopes_disabled():
        personas.organisation.refresh_from_db()
        assert not AuditEntry.objects.filter(code="crm.organisation.updated").exists()
    assert (personas.organisation.name, personas.organisation.cvr) == ("Alfa Besøgsvenner", "12345674")


# --- archive and restore -------------------------------------------------------------------------------


def test_organisation_archive_asks_first(staff, personas):
    response = staff.get(url("organisation_archive", pk=personas.organisation.pk))
    assert response.status_code == 200
    assert "Do you want to archive Alfa Besøgsvenner?" in response.content.decode()
    with scopes_disabled():
        personas.organisation.refresh_from_db()
    assert personas.organisation.archived_at is None


def test_organisation_archive_hides_it_from_the_list_and_the_directory(staff, personas):
    organisation = personas.organisation
    with scopes_disabled():
        assert organisation in public_associations(personas.tenant)

    response = staff.post(url("organisation_archive", pk=organisation.pk))

    assert response.status_code == 302
    assert response.url == LIST_URL
    with scopes_disabled():
        organisation.refresh_from_db()
        assert organisation not in public_associations(personas.tenant)
    assert organisation.archived_at is not None
    assert organisation.is_public is False
    assert shown(staff.get(LIST_URL)) == ["Alfa Lektiecafé"]
    assert audit_codes(organisation) == ["crm.organisation.archived"]


def test_organisation_restore_brings_it_back_to_the_list(staff, personas):
    organisation = personas.organisation
    staff.post(url("organisation_archive", pk=organisation.pk))

    response = staff.post(url("organisation_restore", pk=organisation.pk))

    assert response.status_code == 302
    assert response.url == url("organisation_detail", pk=organisation.pk)
    with scopes_disabled():
        organisation.refresh_from_db()
    assert organisation.archived_at is None
    assert "Alfa Besøgsvenner" in shown(staff.get(LIST_URL))
    assert audit_codes(organisation) == ["crm.organisation.archived", "crm.organisation.restored"]


def test_organisation_restore_only_by_post_and_not_twice(staff, personas):
    assert staff.get(url("organisation_restore", pk=personas.organisation.pk)).status_code == 405
    staff.post(url("organisation_restore", pk=personas.organisation.pk))
    assert audit_codes(personas.organisation) == []
