from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.tenants.enums import STAFF_ROLES, Role
from frivillig.tenants.models import Tenant
from frivillig.tenants.selectors import memberships_for_admin, open_invitations


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        help_text=_("Only for an association representative: the organisation they represent."),
    )

    def __init__(self, *args, tenant: Tenant, organisation=None, **kwargs):
        """With `organisation`, the invitation is a representative's invitation of a colleague."""
        from frivillig.crm.selectors import active_organisations

        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.fixed_organisation = organisation
        if organisation is not None:
            del self.fields["role"]
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = active_organisations(tenant)

    def clean(self):
        cleaned = super().clean()
        if self.fixed_organisation is not None:
            cleaned["role"] = Role.ASSOCIATION_REP
            cleaned["organisation"] = self.fixed_organisation
        email, role, organisation = cleaned.get("email"), cleaned.get("role"), cleaned.get("organisation")
        if role == Role.ASSOCIATION_REP and organisation is None and "organisation" in self.fields:
            self.add_error("organisation", _("Choose the organisation the person will represent."))
            return cleaned
        if role != Role.ASSOCIATION_REP:
            cleaned["organisation"] = organisation = None
        if email and role:
            memberships = memberships_for_admin(self.tenant).filter(
                user__email__iexact=email, role=role, organisation=organisation
            )
            if memberships.exists():
                raise forms.ValidationError(_("This person already has that role."))
            if open_invitations(self.tenant).filter(email__iexact=email, role=role, organisation=organisation).exists():
                raise forms.ValidationError(_("An invitation to that role has already been sent to this address."))
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[(role.value, role.label) for role in STAFF_ROLES])


class TenantSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Tenant
        fields = ["centre_name", "email", "phone", "address", "postcode", "town", "website"]
        widgets = {
            "postcode": forms.TextInput({"inputmode": "numeric", "autocomplete": "postal-code"}),
            "phone": forms.TextInput({"inputmode": "tel"}),
        }
