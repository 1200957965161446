"""A published opportunity names its contact person (never their own address or phone), and an association's
public page lists its open opportunities: what the public boards show, and nothing else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.models import Organisation
from frivillig.testing import assert_rows_rendered, make_opportunity, make_organisation, make_person
from frivillig.volunteering.enums import OpportunityStatus


def public_url(opportunity) -> str:
    return reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})


def directory_url(organisation) -> str:
    return reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": organisation.pk})


def test_published_opportunity_names_its_contact_person_in_a_section_of_its_own(client, personas):
    karen = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@example.org", phone="+4511223344")
    opportunity = make_opportunity(personas.organisation, contact_person=karen)

    content = english(client).get(public_url(opportunity)).content.decode()

    assert "<h2>Contact person</h2>" in content
    assert (
        f"Your contact person at {personas.organisation.name} is Karen Kontakt, who receives your sign-up and gets "
        "in touch with you."
    ) in content
    assert "karen@example.org" not in content and "11223344" not in content


def test_published_opportunity_contact_person_in_danish(client, personas):
    karen = make_person(personas.tenant, full_name="Karen Kontakt")
    opportunity = make_opportunity(personas.organisation, contact_person=karen)

    content = client.get(public_url(opportunity)).content.decode()

    assert "<h2>Kontaktperson</h2>" in content
    assert f"Din kontaktperson i {personas.organisation.name} er Karen Kontakt" in content


def test_published_opportunity_without_contact_person_says_who_answers(client, personas):
    opportunity = make_opportunity(personas.organisation)

    content = english(client).get(public_url(opportunity)).content.decode()

    assert f"{personas.organisation.name} receives your sign-up and gets in touch with you." in content


def test_an_archived_contact_person_is_not_named(client, personas):
    gone = make_person(personas.tenant, full_name="Gudrun Gået", archived_at=timezone.now())
    opportunity = make_opportunity(personas.organisation, contact_person=gone)

    content = english(client).get(public_url(opportunity)).content.decode()

    assert "Gudrun Gået" not in content
    assert f"{personas.organisation.name} receives your sign-up" in content


def test_association_page_lists_its_open_opportunities_only(client, personas):
    organisation = personas.organisation
    today = timezone.localdate()
    shown = make_opportunity(organisation, title="Besøgsven om tirsdagen", summary="Kaffe og snak.", town="Sorø")
    make_opportunity(organisation, title="Kladden", status=OpportunityStatus.DRAFT)
    make_opportunity(organisation, title="Den lukkede", status=OpportunityStatus.CLOSED)
    make_opportunity(organisation, title="Den udløbne", expires_on=today - timedelta(days=1))
    make_opportunity(organisation, title="Den kommende", published_at=timezone.now() + timedelta(days=2))
    make_opportunity(personas.other_organisation, title="Naboens opslag")

    content = english(client).get(directory_url(organisation)).content.decode()

    assert '<h2 id="organisation-opportunities">Volunteer opportunities</h2>' in content
    assert f'<a href="{public_url(shown)}">Besøgsven om tirsdagen</a>' in content
    assert "Kaffe og snak." in content
    assert f"{organisation.name} is looking for volunteers for this opportunity now:" in content
    for title in ("Kladden", "Den lukkede", "Den udløbne", "Den kommende", "Naboens opslag"):
        assert title not in content


def test_association_page_counts_its_opportunities_in_danish(client, personas):
    for number in range(2):
        make_opportunity(personas.organisation, title=f"Opslag {number}")

    content = client.get(directory_url(personas.organisation)).content.decode()

    assert f"{personas.organisation.name} søger frivillige til disse 2 frivilligjob nu:" in content


def test_association_page_without_open_opportunities_has_no_such_section(client, personas):
    content = english(client).get(directory_url(personas.organisation)).content.decode()

    assert "organisation-opportunities" not in content


def test_association_page_of_an_archived_association_is_not_shown(client, personas):
    organisation = make_organisation(personas.tenant, name="Lukket Forening")
    make_opportunity(organisation, title="Glemt opslag")
    with scopes_disabled():
        Organisation.objects.filter(pk=organisation.pk).update(archived_at=timezone.now())

    assert client.get(directory_url(organisation)).status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_association_page_query_count_does_not_grow_with_its_opportunities(
    client, personas, django_assert_num_queries, size
):
    for number in range(size):
        make_opportunity(personas.organisation, title=f"Talt opslag {number}")
    client.get(directory_url(personas.organisation))  # warm the caches a first visit fills

    with django_assert_num_queries(5):
        response = client.get(directory_url(personas.organisation))

    assert_rows_rendered(response, [f"Talt opslag {number}" for number in range(size)])
