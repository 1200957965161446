from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frivillig.core.params import parse_int
from frivillig.core.uploads import LOGO, ImageUploadField
from frivillig.core.validators import normalise_cvr, normalise_phone
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Organisation
from frivillig.crm.selectors import tags
from frivillig.crm.selectors.organisations import (
    MEMBER_VALUES,
    ORGANISATION_SORTS,
    OrganisationFilter,
    criteria_params,
)

YES_NO_ANY = [("", _("All")), ("ja", _("Yes")), ("nej", _("No"))]


class TagChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class TagMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


def _yes_no(value: str) -> bool | None:
    return MEMBER_VALUES.get(value)


class OrganisationFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, CVR number or town"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices])
    maalgruppe = TagChoiceField(label=_("Target group"), required=False, queryset=None, empty_label=_("All"))
    omraade = TagChoiceField(label=_("Activity area"), required=False, queryset=None, empty_label=_("All"))
    medlem = forms.ChoiceField(label=_("Member of the volunteer centre"), required=False, choices=YES_NO_ANY)
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("navn", _("Name")), ("by", _("Town")), ("nyeste", _("Newest first"))],
    )
    arkiverede = forms.BooleanField(label=_("Show archived organisations too"), required=False)

    def __init__(self, data, *, tenant):
        super().__init__(data)
        for name, vocabulary in (("maalgruppe", Vocabulary.TARGET_GROUP), ("omraade", Vocabulary.ACTIVITY_AREA)):
            # A saved filter may name a word the admin has since taken out of use: it still filters by it (and
            # shows it as chosen), but the list offers it only while it is chosen.
            chosen = parse_int(data.get(name)) if data else None
            offered = tags(tenant, vocabulary)
            if chosen is not None:
                offered = tags(tenant, vocabulary, include_inactive=True).filter(Q(is_active=True) | Q(pk=chosen))
            self.fields[name].queryset = offered

    def criteria(self) -> OrganisationFilter:
        self.is_valid()
        values = self.cleaned_data
        sort = values.get("sorter") or "navn"
        return OrganisationFilter(
            search=values.get("soeg") or "",
            kind=values.get("type") or "",
            target_group=values.get("maalgruppe"),
            activity_area=values.get("omraade"),
            member=_yes_no(values.get("medlem") or ""),
            include_archived=bool(values.get("arkiverede")),
            sort=sort if sort in ORGANISATION_SORTS else "navn",
        )

    def params(self) -> dict[str, str]:
        """What narrows the list, as its address carries it: what a saved filter keeps."""
        return criteria_params(self.criteria())


class OrganisationForm(forms.ModelForm):
    # Longer than the stored 8 digits: people type "DK 12 34 56 78"; clean_cvr makes it 8 digits.
    cvr = forms.CharField(
        label=_("CVR number"),
        required=False,
        max_length=20,
        help_text=_("8 digits. Leave empty if the organisation has no CVR number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    target_groups = TagMultipleChoiceField(
        label=_("Target groups"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    activity_areas = TagMultipleChoiceField(
        label=_("Activity areas"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    logo = ImageUploadField(
        kind=LOGO,
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 2 MB."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "cvr",
            "purpose",
            "description",
            "email",
            "phone",
            "website",
            "address",
            "postcode",
            "town",
            "target_groups",
            "activity_areas",
            "member_since",
            "is_public",
            "logo",
            "internal_notes",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "internal_notes": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
            "member_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.instance.tenant = tenant
        for name, vocabulary in (
            ("target_groups", Vocabulary.TARGET_GROUP),
            ("activity_areas", Vocabulary.ACTIVITY_AREA),
        ):
            # A word the admin has since retired stays ticked on the organisations that have it.
            chosen = list(getattr(self.instance, name).all()) if self.instance.pk else []
            self.fields[name].queryset = tags(tenant, vocabulary, include_inactive=True).filter(
                Q(is_active=True) | Q(pk__in=[tag.pk for tag in chosen])
            )

    def clean_cvr(self) -> str:
        cvr = normalise_cvr(self.cleaned_data.get("cvr") or "")
        if not cvr:
            return ""
        holder = (
            Organisation.objects.filter(tenant=self.tenant, cvr=cvr)
            .exclude(pk=self.instance.pk)
            .only("name", "archived_at")
            .first()
        )
        if holder is not None:
            if holder.is_archived:
                message = _("The CVR number %(cvr)s is already registered for %(name)s (archived).")
            else:
                message = _("The CVR number %(cvr)s is already registered for %(name)s.")
            raise forms.ValidationError(message, code="duplicate_cvr", params={"cvr": cvr, "name": holder.name})
        return cvr

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone") or "")

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        # The model re-checks a logo on every save; a stored one was checked when it came, and re-reading it
        # from storage on each edit would fail the whole form if the file were ever missing.
        if not self.files.get(self.add_prefix("logo")):
            exclusions.add("logo")
        return exclusions
