"""Forms of the association self-service: the public profile and the contact people.

Only the public face is editable here. Kind, CVR number, membership of the centre and the internal notes are
the centre's, and are simply not fields of these forms, so a posted value for them is ignored.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frivillig.core.uploads import LOGO, ImageUploadField
from frivillig.core.validators import normalise_phone, validate_phone
from frivillig.crm.enums import OrganisationRoleKind, Vocabulary
from frivillig.crm.models import Organisation, Tag
from frivillig.crm.selectors.directory import representative_contact_roles


class TagChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Tag) -> str:
        # Evaluated while the page renders, so the label follows the visitor's language.
        return obj.label


def _tag_choices(tenant, vocabulary: Vocabulary, organisation: Organisation, field: str):
    """The tenant's words in use, plus any retired word the organisation still has (so saving keeps it)."""
    condition = Q(is_active=True)
    if organisation.pk:
        condition |= Q(pk__in=getattr(organisation, field).values("pk"))
    return Tag.objects.filter(tenant=tenant, vocabulary=vocabulary).filter(condition)


class OrganisationProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    target_groups = TagChoiceField(label=_("Target groups"), queryset=None, required=False)
    activity_areas = TagChoiceField(label=_("Activity areas"), queryset=None, required=False)
    logo = ImageUploadField(
        kind=LOGO,
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 2 MB. Uploading a new logo replaces the old one."),
        # A plain input: the template shows the current logo and the "remove" choice beside it.
        widget=forms.FileInput,
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        # Deliberately short: kind, CVR, member_since and internal_notes belong to the centre.
        fields = [
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
            "is_public",
        ]
        labels = {
            "purpose": _("Purpose"),
            "description": _("Description"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "address": _("Address"),
            "postcode": _("Postcode"),
            "town": _("Town"),
            "is_public": _("Show the association in the public directory"),
        }
        help_texts = {
            "purpose": _("One or two sentences: what the association is for."),
            "description": _("What the association does, for whom, and how to join."),
            "email": _("Shown publicly: use the association's address rather than a private one."),
            "is_public": _("Everybody can then find the association, its purpose and its contact details."),
        }
        widgets = {
            "purpose": forms.Textarea({"rows": 3}),
            "description": forms.Textarea({"rows": 8}),
            "phone": forms.TextInput({"inputmode": "tel", "autocomplete": "tel"}),
            "address": forms.TextInput({"autocomplete": "street-address"}),
            "postcode": forms.TextInput({"inputmode": "numeric", "autocomplete": "postal-code"}),
            "town": forms.TextInput({"autocomplete": "address-level2"}),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = _tag_choices(
            tenant, Vocabulary.TARGET_GROUP, self.instance, "target_groups"
        )
        self.fields["activity_areas"].queryset = _tag_choices(
            tenant, Vocabulary.ACTIVITY_AREA, self.instance, "activity_areas"
        )
        if not self.instance.logo:
            del self.fields["remove_logo"]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and cleaned.get("remove_logo"):
            self.add_error(
                "remove_logo", _("Either upload a new logo or remove the current one, not both at the same time.")
            )
        return cleaned

    def changed_fields(self) -> list[str]:
        """The model fields the save changes, for the audit log."""
        changed = [name for name in self.changed_data if name not in {"logo", "remove_logo"}]
        if self.cleaned_data.get("logo") or self.cleaned_data.get("remove_logo"):
            changed.append("logo")
        return changed


class ContactPersonForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        validators=[validate_phone],
        widget=forms.TextInput({"inputmode": "tel"}),
    )
    role = forms.ChoiceField(label=_("Role in the association"), choices=OrganisationRoleKind.choices)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["role"].choices = [("", _("Choose a role")), *OrganisationRoleKind.choices]

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        name, email, role = cleaned.get("full_name"), cleaned.get("email"), cleaned.get("role")
        if name and role:
            same_person = Q(person__email__iexact=email) if email else Q(person__full_name__iexact=name)
            if representative_contact_roles(self.organisation).filter(same_person, role=role).exists():
                raise forms.ValidationError(_("This person already has that role in the association."))
        return cleaned
