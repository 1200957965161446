import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.core.uploads import LOGO
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import Organisation, OrganisationRole, Person, Tag
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import UserFactory, assert_rows_rendered, grant, make_person


def url(name: str, organisation, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", "pk": organisation.pk, **kwargs})


def tag(tenant, vocabulary: Vocabulary, slug: str) -> Tag:
    with scopes_disabled():
        return Tag.objects.get(tenant=tenant, vocabulary=vocabulary, slug=slug)


def fresh(organisation) -> Organisation:
    with scopes_disabled():
        return Organisation.objects.get(pk=organisation.pk)


def audit_entries(code: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).order_by("pk"))


def image_upload(name: str = "logo.png", kind: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def profile_data(personas, **overrides) -> dict:
    data = {
        "purpose": "Vi besøger ensomme ældre.",
        "description": "Kom og vær med hver tirsdag.",
        "website": "besoeg.example.org",
        "email": "kontakt@besoeg.example.org",
        "phone": "12 34 56 78",
        "address": "Storgade 3",
        "postcode": "4180",
        "town": "Sorø",
        "target_groups": [tag(personas.tenant, Vocabulary.TARGET_GROUP, "aeldre").pk],
        "activity_areas": [tag(personas.tenant, Vocabulary.ACTIVITY_AREA, "besoegsvenner").pk],
        "is_public": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def rep(client_for):
    return english(client_for("association_rep"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- my organisations ------------------------------------------------------------------------------------


def test_my_organisations_with_one_goes_straight_to_it(rep, personas):
    response = rep.get(reverse("crm:my_organisations", kwargs={"tenant_slug": "alfa"}))
    assert response.status_code == 302
    assert response.url == url("selfservice_edit", personas.organisation)


def test_my_organisations_lists_every_represented_one(rep, personas):
    grant(
        personas.user("association_rep"),
        personas.tenant,
        Role.ASSOCIATION_REP,
        organisation=personas.other_organisation,
    )

    response = rep.get(reverse("crm:my_organisations", kwargs={"tenant_slug": "alfa"}))

    assert response.status_code == 200
    assert [o.name for o in response.context["organisations"]] == ["Alfa Besøgsvenner", "Alfa Lektiecafé"]
    content = response.content.decode()
    assert url("selfservice_edit", personas.other_organisation) in content
    assert url("selfservice_contacts", personas.organisation) in content


def test_my_organisations_without_an_active_one_says_so(rep, personas):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(archived_at=timezone.now())

    response = rep.get(reverse("crm:my_organisations", kwargs={"tenant_slug": "alfa"}))

    assert response.status_code == 200
    assert "You do not represent any association at the moment." in response.content.decode()


def test_tenant_home_links_the_directory_and_the_reps_association(client_for, personas):
    home = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
    directory = reverse("crm:directory", kwargs={"tenant_slug": "alfa"})
    edit = url("selfservice_edit", personas.organisation)

    anonymous = client_for("anonymous").get(home).content.decode()
    assert directory in anonymous and edit not in anonymous
    staff = client_for("centre_staff").get(home).content.decode()
    assert directory in staff and edit not in staff
    content = english(client_for("association_rep")).get(home).content.decode()
    assert "Your association" in content
    assert edit in content
    assert url("selfservice_contacts", personas.organisation) in content
    assert url("selfservice_invite", personas.organisation) in content
    assert url("selfservice_edit", personas.other_organisation) not in content


# --- the profile -----------------------------------------------------------------------------------------


def test_selfservice_edit_shows_only_the_public_fields(rep, personas):
    response = rep.get(url("selfservice_edit", personas.organisation))

    assert response.status_code == 200
    assert set(response.context["form"].fields) == {
        "purpose",
        "description",
        "website",
        "email",
        "phone",
        "address",
        "postcode",
        "town",
        "target_groups",
        "activity_areas",
        "logo",
        "is_public",
    }
    content = response.content.decode()
    assert 'name="cvr"' not in content and 'name="internal_notes"' not in content


def test_selfservice_edit_saves_the_profile_and_logs_it(rep, personas):
    response = rep.post(url("selfservice_edit", personas.organisation), profile_data(personas))

    assert response.status_code == 302
    assert response.url == url("selfservice_edit", personas.organisation)
    organisation = fresh(personas.organisation)
    assert organisation.purpose == "Vi besøger ensomme ældre."
    assert organisation.website == "https://besoeg.example.org"
    assert organisation.phone == "+45 12 34 56 78"
    assert (organisation.address, organisation.postcode, organisation.town) == ("Storgade 3", "4180", "Sorø")
    with scopes_disabled():
        assert [t.slug for t in organisation.target_groups.all()] == ["aeldre"]
        assert [t.slug for t in organisation.activity_areas.all()] == ["besoegsvenner"]
    [entry] = audit_entries("crm.organisation.updated")
    assert entry.actor == personas.user("association_rep")
    assert entry.tenant == personas.tenant
    assert {"purpose", "phone", "target_groups"} <= set(entry.data["fields"])
    assert "profile has been saved." in rep.get(response.url).content.decode()


def test_selfservice_edit_ignores_the_centres_fields(rep, personas):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(
            internal_notes="Kun for centret", member_since=date(2015, 1, 1)
        )
    forged = profile_data(
        personas,
        name="Nyt Navn",
        kind=OrganisationKind.BUSINESS,
        cvr="29403473",
        internal_notes="Overskrevet",
        member_since="2020-01-01",
        archived_at="2020-01-01",
        tenant=personas.other_tenant.pk,
    )

    response = rep.post(url("selfservice_edit", personas.organisation), forged)

    assert response.status_code == 302
    organisation = fresh(personas.organisation)
    assert organisation.name == "Alfa Besøgsvenner"
    assert organisation.kind == OrganisationKind.ASSOCIATION
    assert organisation.cvr == "12345674"
    assert organisation.internal_notes == "Kun for centret"
    assert organisation.member_since == date(2015, 1, 1)
    assert organisation.archived_at is None
    assert organisation.tenant == personas.tenant
    assert organisation.purpose == "Vi besøger ensomme ældre."


def test_selfservice_edit_bad_input_keeps_the_typed_values_and_saves_nothing(rep, personas):
    before = fresh(personas.organisation)
    data = profile_data(personas, postcode="41", email="ikke en adresse", phone="12", purpose="Ny formulering")

    response = rep.post(url("selfservice_edit", personas.organisation), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"postcode", "email", "phone"}
    content = response.content.decode()
    assert "Please correct the following" in content
    assert 'value="ikke en adresse"' in content
    assert "Ny formulering</textarea>" in content
    after = fresh(personas.organisation)
    assert (after.purpose, after.email, after.postcode, after.updated_at) == (
        before.purpose,
        before.email,
        before.postcode,
        before.updated_at,
    )
    with scopes_disabled():
        assert not after.target_groups.exists()
    assert audit_entries("crm.organisation.updated") == []


def test_selfservice_edit_refuses_another_tenants_tag(rep, personas):
    foreign = tag(personas.other_tenant, Vocabulary.TARGET_GROUP, "aeldre")

    response = rep.post(
        url("selfservice_edit", personas.organisation), profile_data(personas, target_groups=[foreign.pk])
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["target_groups"]
    with scopes_disabled():
        assert not fresh(personas.organisation).target_groups.exists()


def test_selfservice_edit_keeps_a_retired_tag_the_organisation_has(rep, personas):
    retired = tag(personas.tenant, Vocabulary.TARGET_GROUP, "misbrug")
    with scopes_disabled():
        Tag.objects.filter(pk=retired.pk).update(is_active=False)
        personas.organisation.target_groups.add(retired)
    form = rep.get(url("selfservice_edit", personas.organisation)).context["form"]
    assert retired in form.fields["target_groups"].queryset

    rep.post(url("selfservice_edit", personas.organisation), profile_data(personas, target_groups=[retired.pk]))

    with scopes_disabled():
        assert list(fresh(personas.organisation).target_groups.all()) == [retired]


def test_selfservice_edit_uploads_replaces_and_removes_the_logo(
    rep, personas, media, django_capture_on_commit_callbacks
):
    edit = url("selfservice_edit", personas.organisation)

    assert rep.post(edit, profile_data(personas, logo=image_upload("Mit Logo.png"))).status_code == 302
    first = fresh(personas.organisation).logo.name
    assert first.startswith("logos/") and first.endswith(".png") and "Mit" not in first
    assert (media / first).exists()

    # The old file goes once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        assert rep.post(edit, profile_data(personas, logo=image_upload("nyt.webp", "WEBP"))).status_code == 302
    second = fresh(personas.organisation).logo.name
    assert second.endswith(".webp")
    assert (media / second).exists()
    assert not (media / first).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert rep.post(edit, profile_data(personas, remove_logo="on")).status_code == 302
    assert fresh(personas.organisation).logo.name == ""
    assert not (media / second).exists()


def test_selfservice_edit_without_a_new_logo_keeps_the_old(rep, personas, media):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(logo="logos/gammelt.png")

    assert rep.post(url("selfservice_edit", personas.organisation), profile_data(personas)).status_code == 302
    assert fresh(personas.organisation).logo.name == "logos/gammelt.png"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"not a picture at all", content_type="image/png"), "not an image we can use"),
        (SimpleUploadedFile("logo.gif", b"GIF89a" + b"\0" * 20, content_type="image/gif"), "not an image we can use"),
        (SimpleUploadedFile("stor.png", b"\0" * (LOGO.max_bytes + 1), content_type="image/png"), "too large"),
    ],
)
def test_selfservice_edit_refuses_a_bad_logo(rep, personas, media, upload, message):
    response = rep.post(url("selfservice_edit", personas.organisation), profile_data(personas, logo=upload))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    assert message in response.content.decode()
    organisation = fresh(personas.organisation)
    assert organisation.logo.name == ""
    assert organisation.purpose == ""
    assert list(media.rglob("*.*")) == []


def test_selfservice_edit_refuses_upload_and_remove_together(rep, personas, media):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(logo="logos/gammelt.png")

    response = rep.post(
        url("selfservice_edit", personas.organisation), profile_data(personas, logo=image_upload(), remove_logo="on")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["remove_logo"]
    assert fresh(personas.organisation).logo.name == "logos/gammelt.png"


def test_selfservice_hiding_the_association_takes_it_out_of_the_directory(rep, personas, client):
    data = profile_data(personas)
    del data["is_public"]
    rep.post(url("selfservice_edit", personas.organisation), data)

    assert fresh(personas.organisation).is_public is False
    detail = reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    assert client.get(detail).status_code == 404


# --- another association's pages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["selfservice_edit", "selfservice_contacts", "selfservice_invite"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_selfservice_of_another_association_is_404(rep, personas, mailoutbox, name, method):
    target = personas.other_organisation
    response = getattr(rep, method)(url(name, target), {**profile_data(personas), "email": "x@example.org"})

    assert response.status_code == 404
    assert fresh(target).purpose == ""
    with scopes_disabled():
        assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_selfservice_of_another_tenants_association_is_404(rep, personas):
    assert rep.get(url("selfservice_edit", personas.foreign_organisation)).status_code == 404


def test_selfservice_of_an_archived_association_is_404(rep, personas):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(archived_at=timezone.now())
    assert rep.get(url("selfservice_edit", personas.organisation)).status_code == 404


def test_selfservice_rep_of_the_neighbour_gets_404_here(client_for, personas):
    neighbour = UserFactory(email="nabo@example.org")
    grant(neighbour, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    client = client_for("anonymous")
    client.force_login(neighbour)

    for name in ["selfservice_edit", "selfservice_contacts", "selfservice_invite"]:
        assert client.get(url(name, personas.organisation)).status_code == 404, name
    assert client.get(url("selfservice_edit", personas.other_organisation)).status_code == 200


# --- contact people --------------------------------------------------------------------------------------


def add_role(organisation, person, role=OrganisationRoleKind.CONTACT_PERSON, **fields) -> OrganisationRole:
    with scopes_disabled():
        return OrganisationRole.objects.create(
            tenant=organisation.tenant, organisation=organisation, person=person, role=role, **fields
        )


def test_selfservice_contacts_lists_current_people_without_internal_data(rep, personas):
    chair = make_person(
        personas.tenant,
        full_name="Anna Formand",
        email="anna@example.org",
        phone="+45 11 22 33 44",
        notes="Fortrolig note om Anna",
        consent_given_at=timezone.now(),
        department="Hemmelig afdeling",
    )
    add_role(personas.organisation, chair, OrganisationRoleKind.CHAIR, started_on=date(2016, 1, 1))
    add_role(personas.organisation, make_person(personas.tenant, full_name="Bent Tidligere"), ended_on=date(2017, 1, 1))
    add_role(personas.other_organisation, make_person(personas.tenant, full_name="Carl Naboforening"))
    gone = make_person(personas.tenant, full_name="Dorte Arkiveret", archived_at=timezone.now())
    add_role(personas.organisation, gone)

    response = rep.get(url("selfservice_contacts", personas.organisation))

    assert response.status_code == 200
    assert [role.person.full_name for role in response.context["roles"]] == ["Anna Formand"]
    content = response.content.decode()
    assert "Anna Formand" in content and "anna@example.org" in content and "+45 11 22 33 44" in content
    assert "Chair" in content
    for hidden in ["Fortrolig note", "Hemmelig afdeling", "Bent Tidligere", "Carl Naboforening", "Dorte Arkiveret"]:
        assert hidden not in content


def test_selfservice_contacts_adds_a_person_with_a_role(rep, personas):
    response = rep.post(
        url("selfservice_contacts", personas.organisation),
        {"full_name": "  Eva   Kasserer ", "email": "eva@example.org", "phone": "0045 87654321", "role": "treasurer"},
    )

    assert response.status_code == 302
    assert response.url == url("selfservice_contacts", personas.organisation)
    with scopes_disabled():
        role = OrganisationRole.objects.get(organisation=personas.organisation)
        person = role.person
    assert (person.full_name, person.email, person.phone) == ("Eva Kasserer", "eva@example.org", "+45 87 65 43 21")
    assert person.tenant == personas.tenant
    assert (role.role, role.ended_on) == (OrganisationRoleKind.TREASURER, None)
    assert len(audit_entries("crm.person.created")) == 1
    assert audit_entries("crm.organisation.updated")[0].data["role"] == "treasurer"
    page = rep.get(response.url).content.decode()
    assert "Eva Kasserer has been added as treasurer." in page
    assert "Eva Kasserer" in page


def test_selfservice_contacts_gives_a_known_contact_a_second_role(rep, personas):
    known = make_person(personas.tenant, full_name="Finn Kendt", email="finn@example.org")
    add_role(personas.organisation, known, OrganisationRoleKind.CONTACT_PERSON)

    rep.post(
        url("selfservice_contacts", personas.organisation),
        {"full_name": "Finn Kendt", "email": "FINN@example.org", "phone": "", "role": "chair"},
    )

    with scopes_disabled():
        assert Person.objects.filter(email__iexact="finn@example.org").count() == 1
        assert sorted(known.roles.values_list("role", flat=True)) == ["chair", "contact_person"]


def test_selfservice_contacts_never_attaches_a_person_of_another_organisation(rep, personas):
    stranger = make_person(personas.tenant, full_name="Gitte Fremmed", email="gitte@example.org")
    add_role(personas.other_organisation, stranger)

    rep.post(
        url("selfservice_contacts", personas.organisation),
        {"full_name": "Gitte", "email": "gitte@example.org", "phone": "", "role": "contact_person"},
    )

    with scopes_disabled():
        role = OrganisationRole.objects.get(organisation=personas.organisation)
    assert role.person != stranger
    assert role.person.full_name == "Gitte"


def test_selfservice_contacts_bad_input_keeps_values_and_saves_nothing(rep, personas):
    response = rep.post(
        url("selfservice_contacts", personas.organisation),
        {"full_name": "", "email": "ikke-en-adresse", "phone": "12", "role": "konge"},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "email", "phone", "role"}
    assert 'value="ikke-en-adresse"' in response.content.decode()
    with scopes_disabled():
        assert not Person.objects.exists()
        assert not OrganisationRole.objects.exists()


def test_selfservice_contacts_refuses_the_same_role_twice(rep, personas):
    add_role(personas.organisation, make_person(personas.tenant, full_name="Hans Hansen", email="hans@example.org"))

    response = rep.post(
        url("selfservice_contacts", personas.organisation),
        {"full_name": "Hans Hansen", "email": "hans@example.org", "phone": "", "role": "contact_person"},
    )

    assert response.status_code == 200
    assert "This person already has that role in the association." in response.content.decode()
    with scopes_disabled():
        assert OrganisationRole.objects.count() == 1


def test_selfservice_contact_end_asks_first_then_ends_the_role(rep, personas):
    role = add_role(personas.organisation, make_person(personas.tenant, full_name="Ida Ophørt"))
    end = reverse(
        "crm:selfservice_contact_end",
        kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk, "role_pk": role.pk},
    )

    confirm = rep.get(end)
    assert confirm.status_code == 200
    assert "Yes, end the role" in confirm.content.decode()
    with scopes_disabled():
        role.refresh_from_db()
    assert role.ended_on is None

    response = rep.post(end)

    assert response.status_code == 302
    with scopes_disabled():
        role.refresh_from_db()
        assert Person.objects.filter(full_name="Ida Ophørt").exists()
    assert role.ended_on == timezone.localdate()
    assert audit_entries("crm.organisation.updated")[-1].data["ended_on"] == timezone.localdate().isoformat()
    page = rep.get(url("selfservice_contacts", personas.organisation))
    assert list(page.context["roles"]) == []
    assert "Ida Ophørt is no longer contact person." in page.content.decode()
    assert rep.post(end).status_code == 404  # already ended


def test_selfservice_contact_end_of_another_organisations_role_is_404(rep, personas):
    role = add_role(personas.other_organisation, make_person(personas.tenant, full_name="Jens Nabo"))
    for organisation in [personas.organisation, personas.other_organisation]:
        end = reverse(
            "crm:selfservice_contact_end", kwargs={"tenant_slug": "alfa", "pk": organisation.pk, "role_pk": role.pk}
        )
        assert rep.post(end).status_code == 404
    with scopes_disabled():
        role.refresh_from_db()
    assert role.ended_on is None


@pytest.mark.parametrize("size", [1, 3])
def test_selfservice_contacts_query_count_is_constant(rep, personas, django_assert_num_queries, size):
    for number in range(size):
        add_role(personas.organisation, make_person(personas.tenant, full_name=f"Kontakt {number}"))
    contacts = url("selfservice_contacts", personas.organisation)

    # session, user, tenant, roles (for the permission), organisation, contact roles
    with django_assert_num_queries(6):
        response = rep.get(contacts)
    assert len(response.context["roles"]) == size
    assert_rows_rendered(response, [f"Kontakt {number}" for number in range(size)])


# --- inviting a colleague --------------------------------------------------------------------------------


def invite(rep, personas, email: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return rep.post(url("selfservice_invite", personas.organisation), {"email": email})


def test_selfservice_invite_sends_a_mail_for_the_same_organisation(
    rep, personas, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(rep, personas, "kollega@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == url("selfservice_edit", personas.organisation)
    with scopes_disabled():
        invitation = Invitation.objects.select_related("representative__organisation").get()
    assert (invitation.tenant, invitation.email, invitation.role, invitation.representative.organisation) == (
        personas.tenant,
        "kollega@example.org",
        Role.ASSOCIATION_REP,
        personas.organisation,
    )
    assert invitation.invited_by == personas.user("association_rep")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kollega@example.org"]
    assert "Alfa Besøgsvenner" in mailoutbox[0].body
    [entry] = audit_entries("tenants.invitation.sent")
    assert entry.data["organisation"] == personas.organisation.pk
    assert "kollega@example.org" in rep.get(response.url).content.decode()


def test_selfservice_invite_accepted_makes_the_colleague_rep_of_the_same_organisation(
    rep, personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = personas.user("citizen")
    invite(rep, personas, colleague.email, django_capture_on_commit_callbacks)
    accept = client_for("citizen")

    assert accept.post(link_path(mailoutbox[0].body)).status_code == 302

    with scopes_disabled():
        membership = Membership.objects.select_related("representative__organisation").get(user=colleague)
    assert (membership.tenant, membership.role, membership.representative.organisation) == (
        personas.tenant,
        Role.ASSOCIATION_REP,
        personas.organisation,
    )
    assert accept.get(url("selfservice_edit", personas.organisation)).status_code == 200
    assert accept.get(url("selfservice_edit", personas.other_organisation)).status_code == 404


def test_selfservice_invite_bad_address_keeps_it_and_sends_nothing(rep, personas, mailoutbox):
    response = rep.post(url("selfservice_invite", personas.organisation), {"email": "ikke en adresse"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'value="ikke en adresse"' in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_selfservice_invite_of_a_current_rep_is_refused(rep, personas, mailoutbox):
    response = rep.post(url("selfservice_invite", personas.organisation), {"email": "rep@alfa.example.org"})

    assert response.status_code == 200
    assert "This person already represents the organisation." in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()
