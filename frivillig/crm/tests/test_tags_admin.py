"""The platform operator's Django admin: a new tenant gets the default word lists; the CRM pages open."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, OrganisationRole, Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.tenants.models import Tenant
from frivillig.testing import UserFactory, make_person


@pytest.fixture
def operator(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def tenant_data(**changes) -> dict:
    data = {
        "name": "Bravo",
        "slug": "bravo",
        "kommunekode": "903",
        "municipality_name": "Bravo Kommune",
        "centre_name": "Frivilligcenter Bravo",
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_tenant_admin_add_seeds_the_default_vocabularies(operator):
    response = operator.post(reverse("admin:tenants_tenant_add"), tenant_data())

    assert response.status_code == 302
    tenant = Tenant.objects.get(slug="bravo")
    with scopes_disabled():
        seeded = set(Tag.objects.filter(tenant=tenant).values_list("vocabulary", "slug"))
    assert seeded == {(vocabulary, slug) for vocabulary, words in DEFAULT_TAGS.items() for slug, _da, _en in words}


def test_tenant_admin_change_adds_no_words(operator, personas):
    with scopes_disabled():
        Tag.objects.filter(tenant=personas.tenant, slug="misbrug").delete()
        before = Tag.objects.filter(tenant=personas.tenant).count()
    data = tenant_data(name="Alfa", slug="alfa", kommunekode="901", centre_name="Frivilligcenter Alfa Nord")

    response = operator.post(reverse("admin:tenants_tenant_change", args=[personas.tenant.pk]), data)

    assert response.status_code == 302
    with scopes_disabled():
        assert Tag.objects.filter(tenant=personas.tenant).count() == before


def test_tenant_admin_add_with_bad_input_seeds_nothing(operator):
    response = operator.post(reverse("admin:tenants_tenant_add"), tenant_data(kommunekode="12"))

    assert response.status_code == 200
    assert not Tenant.objects.filter(slug="bravo").exists()
    with scopes_disabled():
        assert not Tag.objects.filter(tenant__slug="bravo").exists()


def crm_rows(personas) -> dict[str, int]:
    with scopes_disabled():
        person = make_person(personas.tenant, full_name="Kirsten Kontakt")
        role = OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=personas.organisation, person=person, role="chair"
        )
        interaction = Interaction.objects.create(
            tenant=personas.tenant, kind="meeting", happened_on="2017-03-01", summary="Møde om frivillige"
        )
        interaction.organisations.add(personas.organisation)
        interaction.topics.add(Tag.objects.filter(tenant=personas.tenant, vocabulary=Vocabulary.THEME).first())
        relation = CollaborationRelation.objects.create(
            tenant=personas.tenant, person=person, topic="Besøgsvenner", started_on="2017-02-01"
        )
        tag = Tag.objects.filter(tenant=personas.tenant).first()
    return {
        "tag": tag.pk,
        "organisation": personas.organisation.pk,
        "person": person.pk,
        "organisationrole": role.pk,
        "interaction": interaction.pk,
        "collaborationrelation": relation.pk,
    }


def test_crm_admin_pages_open_across_tenants(operator, personas):
    for model, pk in crm_rows(personas).items():
        for url in [
            reverse(f"admin:crm_{model}_changelist"),
            reverse(f"admin:crm_{model}_add"),
            reverse(f"admin:crm_{model}_change", args=[pk]),
            reverse(f"admin:crm_{model}_history", args=[pk]),
        ]:
            assert operator.get(url).status_code == 200, url
    listing = operator.get(reverse("admin:crm_organisation_changelist")).content.decode()
    assert "Alfa Besøgsvenner" in listing and "Charlie Idrætsforening" in listing


def test_crm_admin_offers_only_the_rows_tenant_words(operator, personas):
    response = operator.get(reverse("admin:crm_organisation_change", args=[personas.organisation.pk]))

    choices = response.context["adminform"].form.fields["target_groups"].queryset
    assert {tag.tenant_id for tag in choices} == {personas.tenant.pk}


def test_crm_admin_refuses_a_link_to_another_tenant(operator, personas):
    with scopes_disabled():
        foreign = Tag.objects.get(tenant=personas.other_tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")
        local = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="kultur")
    url = reverse("admin:crm_organisation_add")
    data = {"tenant": personas.tenant.pk, "kind": "association", "name": "Ny Forening", "target_groups": [foreign.pk]}

    response = operator.post(url, {**data, "activity_areas": [local.pk]})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["target_groups"]
    with scopes_disabled():
        assert not personas.organisation.__class__.objects.filter(name="Ny Forening").exists()
    assert operator.post(url, {**data, "target_groups": []}).status_code == 302


def test_crm_admin_never_deletes_a_word(operator, personas):
    with scopes_disabled():
        tag = Tag.objects.filter(tenant=personas.tenant).first()

    assert operator.get(reverse("admin:crm_tag_delete", args=[tag.pk])).status_code == 403


def test_membership_and_invitation_admin_pages_open_for_the_platform_operator(client, personas):
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from frivillig.tenants.models import Membership
    from frivillig.testing import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with scopes_disabled():
        rep_membership = Membership.objects.get(user=personas.user("association_rep"))
    assert client.get(reverse("admin:tenants_membership_change", args=[rep_membership.pk])).status_code == 200
    assert client.get(reverse("admin:tenants_membership_add")).status_code == 200
    assert client.get(reverse("admin:tenants_invitation_add")).status_code == 200
    assert client.get(reverse("admin:tenants_tenant_add")).status_code == 200


def test_crm_admin_stores_an_uploaded_logo_re_encoded_under_a_name_of_its_own(operator, personas, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, "PNG")
    upload = SimpleUploadedFile("logo.html", buffer.getvalue() + b"<script>alert(1)</script>", "text/html")
    data = {"tenant": personas.tenant.pk, "kind": "association", "name": "Logo Forening", "logo": upload}

    response = operator.post(reverse("admin:crm_organisation_add"), data)

    assert response.status_code == 302
    with scopes_disabled():
        stored = personas.organisation.__class__.objects.get(name="Logo Forening").logo
    assert stored.name.startswith("logos/") and stored.name.endswith(".png")
    content = (tmp_path / stored.name).read_bytes()
    assert b"<script" not in content
    assert Image.open(io.BytesIO(content)).size == (16, 16)
