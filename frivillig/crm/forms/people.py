from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.core.enums import STAFF_CONSENT_METHODS
from frivillig.core.validators import normalise_phone
from frivillig.core.widgets import AutocompleteSelect
from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.forms.organisations import YES_NO_ANY
from frivillig.crm.models import Organisation, OrganisationRole, Person
from frivillig.crm.selectors import active_organisations
from frivillig.crm.selectors.people import PERSON_SORTS, PersonFilter

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, e-mail or phone"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    noter = forms.BooleanField(
        label=_("Also search internal notes"),
        required=False,
        help_text=_("The search is recorded in the access log."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        empty_label=_("All organisations"),
        widget=AutocompleteSelect,
    )
    samtykke = forms.ChoiceField(label=_("Consent to be contacted"), required=False, choices=YES_NO_ANY)
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("navn", _("Name")), ("email", _("E-mail")), ("nyeste", _("Newest first"))],
    )
    arkiverede = forms.BooleanField(label=_("Show archived people too"), required=False)

    def __init__(self, data, *, tenant):
        super().__init__(data)
        self.fields["organisation"].queryset = active_organisations(tenant)

    def criteria(self) -> PersonFilter:
        self.is_valid()
        values = self.cleaned_data
        sort = values.get("sorter") or "navn"
        return PersonFilter(
            search=values.get("soeg") or "",
            organisation=values.get("organisation"),
            consent={"ja": True, "nej": False}.get(values.get("samtykke") or ""),
            include_archived=bool(values.get("arkiverede")),
            sort=sort if sort in PERSON_SORTS else "navn",
            search_notes=bool(values.get("noter")),
        )


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "email", "phone", "department", "job_title", "notes"]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone") or "")


class NewPersonForm(PersonForm):
    """A new person added from an organisation's page gets their role there in the same step."""

    role = forms.ChoiceField(label=_("Role in the organisation"), choices=OrganisationRoleKind.choices)
    started_on = forms.DateField(label=_("Role from"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["role"].initial = OrganisationRoleKind.CONTACT_PERSON


class OrganisationRoleForm(forms.ModelForm):
    # Declared so that no query runs when the class is built (outside any tenant scope).
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, widget=AutocompleteSelect)

    class Meta:
        model = OrganisationRole
        fields = ["organisation", "role", "started_on", "ended_on"]
        widgets = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET}

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant
        self.fields["organisation"].queryset = active_organisations(tenant)
        self.fields["ended_on"].help_text = _("Leave empty while the person has the role.")

    def clean(self):
        cleaned = super().clean()
        started_on, ended_on = cleaned.get("started_on"), cleaned.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", _("The role cannot end before it starts."))
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        if organisation and role and not ended_on:
            duplicate = OrganisationRole.objects.filter(
                person=self.instance.person, organisation=organisation, role=role, ended_on=None
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                raise forms.ValidationError(
                    _("%(person)s already has this role in %(organisation)s."),
                    code="duplicate_role",
                    params={"person": self.instance.person, "organisation": organisation},
                )
        return cleaned


class ConsentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=[(method.value, method.label) for method in STAFF_CONSENT_METHODS],
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("In which language did the person read or hear the text?"),
        choices=[("da", _("Danish")), ("en", _("English"))],
        required=False,
        initial="da",
        widget=forms.RadioSelect,
    )

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or "da"


class ConsentWithdrawalForm(forms.Form):
    withdrawal_method = forms.ChoiceField(
        label=_("How did the person withdraw their consent?"),
        choices=[(method.value, method.label) for method in STAFF_CONSENT_METHODS],
        widget=forms.RadioSelect,
    )
