"""The shared components as the pages draw them: summary lists on detail pages, the filter panel of every list,
and long choice lists as search fields that are plain controls without JavaScript."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.core.widgets import AutocompleteCheckboxSelectMultiple, AutocompleteSelect
from frivillig.crm.models import Interaction
from frivillig.testing import make_person

ROOT = Path(__file__).resolve().parents[2]


def test_every_description_list_in_a_template_is_a_summary_list_or_key_figures():
    stray = []
    for template in ROOT.rglob("templates/**/*.html"):
        for tag in re.findall(r"<dl\b[^>]*>", template.read_text(encoding="utf-8")):
            if not re.search(r'class="[^"]*\b(summary-list|key-figures)\b', tag):
                stray.append(f"{template.relative_to(ROOT)}: {tag}")
    assert not stray, 'Label/value pairs use the summary list (class="summary-list"):\n' + "\n".join(stray)


def test_organisation_detail_shows_its_details_as_a_summary_list(personas, client_for):
    client = english(client_for("centre_staff"))
    content = client.get(
        reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    ).content.decode()
    summary = re.search(r'<dl class="summary-list">(.*?)</dl>', content, re.S)
    assert summary is not None
    assert re.search(r"<dt>CVR number</dt><dd>12345674</dd>", summary.group(1))


def test_a_list_page_has_one_foldable_filter_panel_with_one_hint_and_no_optional_marks(personas, client_for):
    make_person(personas.tenant, full_name="Birgitte Bestyrelse")
    client = english(client_for("centre_staff"))
    content = client.get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})).content.decode()
    panel = re.search(r'<details class="details filter-panel" open data-filter-panel>(.*?)</details>', content, re.S)
    assert panel is not None
    assert "Show filters" in panel.group(1) and "Hide filters" in panel.group(1)
    assert panel.group(1).count('class="form-hint filter-panel__hint"') == 1
    assert "(optional)" not in panel.group(1)
    # The results follow the panel, in a box of their own that scrolls sideways if the table is wide.
    assert re.search(r'<div class="table-wrapper" role="region" aria-labelledby="list-caption" tabindex="0">', content)


def test_a_list_page_in_danish_says_show_filters(personas, client_for):
    content = client_for("centre_staff").get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})).content
    assert "Vis filtre" in content.decode()


def test_organisation_filter_is_a_select_that_becomes_a_search_field(personas, client_for):
    client = english(client_for("centre_staff"))
    content = client.get(reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})).content.decode()
    select = re.search(r'<select name="organisation"[^>]*>', content)
    assert select is not None
    assert 'class="form-select"' in select.group(0)
    assert "data-autocomplete" in select.group(0)
    assert 'data-ac-no-results="Nothing matches what you typed."' in select.group(0)
    # Without JavaScript every organisation is an option of the plain select.
    assert "Alfa Besøgsvenner</option>" in content and "Alfa Lektiecafé</option>" in content


def test_interaction_form_chooses_several_organisations_by_checkboxes_not_ctrl_click(personas, client_for):
    client = english(client_for("centre_staff"))
    url = reverse("crm:interaction_create", kwargs={"tenant_slug": "alfa"})
    content = client.get(url).content.decode()
    assert "multiple" not in re.findall(r"<select[^>]*>", content)[0] if "<select" in content else True
    assert "Ctrl" not in content
    fieldset = re.search(r"<fieldset[^>]*data-autocomplete-multiple[^>]*>(.*?)</fieldset>", content, re.S)
    assert fieldset is not None
    assert f'name="organisations" id="id_organisations_0" value="{personas.organisation.pk}"' in content
    assert 'data-ac-add-label="Find and add"' in content

    person = make_person(personas.tenant, full_name="Birgitte Bestyrelse")
    response = client.post(
        url,
        {
            "kind": "meeting",
            "happened_on": "2026-12-01",
            "organisations": [personas.organisation.pk, personas.other_organisation.pk],
            "people": [person.pk],
            "staff": personas.users["centre_staff"].pk,
            "summary": "Møde om frivillige.",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        interaction = Interaction.objects.get(summary="Møde om frivillige.")
        assert set(interaction.organisations.all()) == {personas.organisation, personas.other_organisation}
        assert list(interaction.people.all()) == [person]


def _all_form_classes():
    import importlib
    import pkgutil

    from django import forms

    import frivillig

    for module in pkgutil.walk_packages(frivillig.__path__, "frivillig."):
        if ".forms" in module.name and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return [form for form in found if form.__module__.startswith("frivillig.")]


def test_no_form_asks_for_a_ctrl_click_multiple_select():
    from django import forms

    ctrl_click = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _all_form_classes()
        for name, field in form.base_fields.items()
        if type(field.widget) is forms.SelectMultiple
    ]
    assert not ctrl_click, f"Use checkboxes or AutocompleteCheckboxSelectMultiple instead: {ctrl_click}"


@pytest.mark.parametrize(
    ("module", "form", "field"),
    [
        ("frivillig.crm.forms.people", "PersonFilterForm", "organisation"),
        ("frivillig.crm.forms.people", "OrganisationRoleForm", "organisation"),
        ("frivillig.crm.forms.relations", "RelationForm", "person"),
        ("frivillig.crm.forms.relations", "RelationForm", "organisation"),
        ("frivillig.crm.forms.interactions", "InteractionFilterForm", "organisation"),
        ("frivillig.crm.forms.interactions", "InteractionForm", "organisations"),
        ("frivillig.crm.forms.interactions", "InteractionForm", "people"),
        ("frivillig.crm.forms.merge", "MergePickForm", "a"),
        ("frivillig.crm.forms.merge", "MergePickForm", "b"),
        ("frivillig.volunteering.forms.opportunities", "OpportunityFilterForm", "organisation"),
        ("frivillig.volunteering.forms.opportunities", "OpportunityForm", "organisation"),
        ("frivillig.volunteering.forms.applications", "PipelineFilterForm", "organisation"),
    ],
)
def test_choices_of_organisations_and_people_are_autocompletes(module, form, field):
    import importlib

    widget = getattr(importlib.import_module(module), form).base_fields[field].widget
    assert isinstance(widget, AutocompleteSelect | AutocompleteCheckboxSelectMultiple)


def test_the_representatives_organisation_in_an_invitation_is_an_autocomplete(personas):
    from frivillig.crm.roles import invitation_form_fields

    with scopes_disabled():
        fields = invitation_form_fields(tenant=personas.tenant)
    assert isinstance(fields["organisation"].widget, AutocompleteSelect)
