"""What the opportunity's edit page tells the person who keeps it: which fields publishing needs (never marked
"optional"), what is still missing before the publish button can be pressed (linked to each field), and, once
published, the way to its public page and to its applications. And on the needs page, the two counts of places
are named for what each counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.models import Organisation
from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.forms.opportunities import PUBLISHING_NOTES, OpportunityForm
from frivillig.volunteering.models import Application
from frivillig.volunteering.services.opportunities import MISSING_PIECES, PUBLISHING_FIELDS
from frivillig.volunteering.tests.test_opportunities_lifecycle import complete_draft, url

CREATE_URL = reverse("volunteering:opportunity_create", kwargs={"tenant_slug": "alfa"})


@pytest.fixture
def rep(client_for):
    return english(client_for("association_rep"))


def label_of(page: str, name: str) -> str:
    """The text of a field's label or legend (with its marker), tags removed."""
    match = re.search(rf'<label class="form-label" for="id_{name}">(.*?)</label>', page, flags=re.S)
    if match is None:
        # A group of checkboxes or radio buttons: the legend of the fieldset that holds the first one.
        before = page.split(f'id="id_{name}_0"', 1)[0]
        match = re.search(r'<legend class="form-label">((?:(?!</legend>).)*)</legend>(?:(?!<legend).)*$', before, re.S)
    assert match is not None, name
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


NEEDED = {
    "summary": "Short summary (needed to publish)",
    "description": "Description (needed to publish, unless you list the tasks)",
    "tasks": "Tasks (needed to publish, unless you write a description)",
    "activity_areas": "Activity areas (at least one is needed to publish)",
    "commitment": "Commitment (needed to publish)",
    "postcode": "Postcode (needed to publish, unless it can be done from home)",
    "expires_on": "Open until (needed to publish)",
}


def test_new_opportunity_form_marks_what_publishing_needs_not_optional(rep):
    page = rep.get(CREATE_URL).content.decode()

    for name, text in NEEDED.items():
        assert label_of(page, name) == text
    # What publishing does not need is still "optional".
    for name in ("hours_per_week", "address", "town", "skills", "starts_on"):
        assert label_of(page, name).endswith("(optional)"), name
    # Without a chosen organisation the contact person may still be left out (the organisation's e-mail serves).
    assert label_of(page, "contact_person") == "Contact person (optional)"


def test_new_opportunity_form_in_danish_says_what_publishing_needs(client_for):
    page = client_for("association_rep").get(CREATE_URL).content.decode()

    assert label_of(page, "summary") == "Kort resumé (skal udfyldes for at offentliggøre)" or label_of(
        page, "summary"
    ).endswith("(skal udfyldes for at offentliggøre)")
    assert "(valgfrit)" not in label_of(page, "summary")
    assert label_of(page, "activity_areas").endswith("(vælg mindst ét for at offentliggøre)")
    assert label_of(page, "hours_per_week").endswith("(valgfrit)")


def test_every_field_publishing_needs_is_in_the_form_and_marked(personas):
    assert set(PUBLISHING_FIELDS) == set(MISSING_PIECES)
    with scopes_disabled():
        organisations = Organisation.objects.filter(pk=personas.organisation.pk)
        form = OpportunityForm(tenant=personas.tenant, organisations=organisations)
    for names in PUBLISHING_FIELDS.values():
        for name in names:
            field = form.fields[name]
            if field.required or name in ("is_remote", "contact_person"):
                continue
            assert getattr(field, "requirement_note", None) == PUBLISHING_NOTES[name], name


def test_contact_person_is_marked_needed_when_the_organisation_has_no_email(rep, personas):
    with_email = complete_draft(personas.organisation)
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(email="")

    page = rep.get(url("opportunity_edit", with_email)).content.decode()

    assert label_of(page, "contact_person") == (
        "Contact person (needed to publish, since the organisation has no e-mail address)"
    )


def test_draft_with_missing_pieces_has_no_publish_action_and_links_each_piece_to_its_field(rep, personas):
    draft = make_opportunity(personas.organisation, status=OpportunityStatus.DRAFT, summary="")

    page = rep.get(url("opportunity_edit", draft)).content.decode()

    publish = url("opportunity_publish", draft)
    assert f'action="{publish}"' not in page
    assert re.search(
        r'<button type="button" class="button button-primary" disabled aria-describedby="publish-hint">', page
    )
    assert "You can publish the opportunity when the pieces listed above are filled in and saved." in page
    missing = re.search(r'<ul class="alert-text" id="missing-pieces">(.*?)</ul>', page, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', missing)
    assert ("id_summary", "a short summary") in links
    assert ("id_commitment_0", "the commitment (one-off, for a short period or regularly)") in links
    assert ("id_postcode", "a place (at least a postcode) or “can be done from home”") in links
    # Every link leads to a field on the page.
    for anchor, _label in links:
        assert f'id="{anchor}"' in page, anchor


def test_complete_draft_offers_the_publish_button(rep, personas):
    draft = complete_draft(personas.organisation)

    page = rep.get(url("opportunity_edit", draft)).content.decode()

    assert f'action="{url("opportunity_publish", draft)}"' in page
    assert (
        'id="missing-pieces"' not in page
        and "disabled" not in page.split('id="status-heading"', 1)[1].split("</section>", 1)[0]
    )


def test_published_opportunity_links_to_its_public_page_and_its_applications(rep, personas):
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.PUBLISHED)
    opportunity.published_at = timezone.now() - timedelta(days=1)
    with scopes_disabled():
        opportunity.save(update_fields=["published_at"])
        Application.objects.create(
            tenant=personas.tenant,
            opportunity=opportunity,
            full_name="Bente Bekræftet",
            email="bente@example.org",
            email_confirmed_at=timezone.now(),
        )
        # Not yet confirmed: the association does not see it, so it is not counted.
        Application.objects.create(
            tenant=personas.tenant, opportunity=opportunity, full_name="Ulla Ubekræftet", email="ulla@example.org"
        )

    page = rep.get(url("opportunity_edit", opportunity)).content.decode()

    public = reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    assert f'<a href="{public}">See the opportunity as volunteers see it</a>' in page
    assert f'<a href="{url("pipeline", opportunity)}">See the applications (1)</a>' in page
    assert rep.get(public).status_code == 200


def test_a_draft_has_no_public_link(rep, personas):
    draft = complete_draft(personas.organisation)

    page = rep.get(url("opportunity_edit", draft)).content.decode()

    public = reverse("volunteering:opportunity_detail", kwargs={"tenant_slug": "alfa", "pk": draft.pk})
    assert public not in page
    assert "See the applications (0)" in page


def test_needs_page_names_what_each_count_of_places_counts(client_for):
    client = client_for("centre_staff")
    for name in ("needs", "needs_details"):
        page = client.get(reverse(f"volunteering:{name}", kwargs={"tenant_slug": "alfa"})).content.decode()
        # "Ledige pladser" and "Ubesatte pladser" read as the same thing; the names say what is counted.
        assert "Ledige pladser" not in page and "Ubesatte pladser" not in page
        assert "Frivillige, der stadig søges" in page
        assert "Pladser, der aldrig blev besat" in page


def test_needs_export_headings_name_the_counts(client_for):
    client = english(client_for("centre_staff"))

    response = client.get(reverse("volunteering:needs_export", kwargs={"tenant_slug": "alfa", "fmt": "csv"}))

    heading = response.content.decode("utf-8").lstrip("\ufeff").splitlines()[0].split(";")
    assert "Volunteers still wanted" in heading and "Places never filled" in heading
