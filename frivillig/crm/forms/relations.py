from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from frivillig.core.params import get_id
from frivillig.core.widgets import AutocompleteSelect
from frivillig.crm.models import CollaborationRelation
from frivillig.crm.selectors.interactions import selectable_organisations, selectable_people
from frivillig.crm.selectors.relations import (
    PARTY_ORGANISATION,
    PARTY_PERSON,
    RELATION_SORTS,
    STATUS_ACTIVE,
    STATUS_ENDED,
    RelationFilter,
    current_year_period,
)

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        # The department tells two people of the same name apart, and shows who is a municipal employee.
        return f"{obj.full_name} ({obj.department})" if obj.department else obj.full_name


class RelationFilterForm(forms.Form):
    """The list's GET parameters. Without any period in the address, the period is the current calendar year."""

    fra = forms.DateField(label=_("Started from"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    til = forms.DateField(label=_("Started until"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    parti = forms.ChoiceField(
        label=_("With"),
        required=False,
        choices=[
            ("", _("People and organisations")),
            (PARTY_PERSON, _("People")),
            (PARTY_ORGANISATION, _("Organisations")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and ended")), (STATUS_ACTIVE, _("Active")), (STATUS_ENDED, _("Ended"))],
    )
    soeg = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Topic, name or department"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kommunale = forms.BooleanField(label=_("Municipal employees only"), required=False)
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("nyeste", _("Newest first")), ("aeldste", _("Oldest first")), ("emne", _("Topic"))],
    )

    def __init__(self, data, *, today=None):
        if "fra" not in data and "til" not in data:
            start, end = current_year_period(today)
            data = data.copy()
            data["fra"], data["til"] = start.isoformat(), end.isoformat()
        super().__init__(data)

    def criteria(self) -> RelationFilter:
        self.is_valid()
        values = self.cleaned_data
        sort = values.get("sorter") or "nyeste"
        return RelationFilter(
            date_from=values.get("fra"),
            date_to=values.get("til"),
            party=values.get("parti") or "",
            municipal_only=bool(values.get("kommunale")),
            status=values.get("status") or "",
            search=values.get("soeg") or "",
            sort=sort if sort in RELATION_SORTS else "nyeste",
        )


class RelationForm(forms.ModelForm):
    person = PersonChoiceField(
        label=_("Person"),
        required=False,
        queryset=None,
        empty_label=_("No person"),
        help_text=_("Choose either a person or an organisation."),
        widget=AutocompleteSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        empty_label=_("No organisation"),
        help_text=_("Choose either a person or an organisation."),
        widget=AutocompleteSelect,
    )

    class Meta:
        model = CollaborationRelation
        fields = ["person", "organisation", "topic", "started_on", "ended_on", "note"]
        widgets = {
            "started_on": forms.DateInput(**DATE_WIDGET),
            "ended_on": forms.DateInput(**DATE_WIDGET),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "topic": _("What the collaboration is about, e.g. “Visiting friends at the nursing homes”."),
            "ended_on": _("Leave empty while the collaboration goes on."),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant
        # Only the tenant's own records; a party that has since been archived stays on its relation.
        chosen_people = [self.instance.person] if self.instance.person_id else []
        chosen_organisations = [self.instance.organisation] if self.instance.organisation_id else []
        self.fields["person"].queryset = selectable_people(tenant, chosen=chosen_people).order_by("full_name")
        self.fields["organisation"].queryset = selectable_organisations(tenant, chosen=chosen_organisations)
        if self.instance.pk is None:
            self.fields["started_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        person, organisation = cleaned.get("person"), cleaned.get("organisation")
        if "person" in cleaned and "organisation" in cleaned:
            if person is None and organisation is None:
                self.add_error("person", _("Choose the person or the organisation the centre collaborates with."))
            elif person is not None and organisation is not None:
                self.add_error(
                    "organisation",
                    _("Choose either a person or an organisation, not both. Create two relations if both apply."),
                )
        started_on, ended_on = cleaned.get("started_on"), cleaned.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", _("The end date cannot be before the start date."))
        return cleaned

    def _get_validation_exclusions(self):
        # The checks above say it in words; the model's constraints would repeat them as a generic message.
        return super()._get_validation_exclusions() | {"person", "organisation", "ended_on"}


class RelationEndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=forms.DateInput(**DATE_WIDGET))

    def __init__(self, *args, relation: CollaborationRelation, **kwargs):
        super().__init__(*args, **kwargs)
        self.relation = relation
        self.fields["ended_on"].initial = max(timezone.localdate(), relation.started_on)

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.relation.started_on:
            raise forms.ValidationError(
                _("The end date cannot be before the start date (%(date)s)."),
                params={"date": date_format(self.relation.started_on)},
            )
        return ended_on


def preselection(params, tenant) -> dict:
    """The party from `?person=<pk>` or `?organisation=<pk>` (unknown ids are ignored)."""
    initial = {}
    person, organisation = get_id(params, "person"), get_id(params, "organisation")
    if person and selectable_people(tenant).filter(pk=person).exists():
        initial["person"] = person
    elif organisation and selectable_organisations(tenant).filter(pk=organisation).exists():
        initial["organisation"] = organisation
    return initial
