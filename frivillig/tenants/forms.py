from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.tenants import role_extensions
from frivillig.tenants.enums import STAFF_ROLES, Role
from frivillig.tenants.models import Tenant
from frivillig.tenants.selectors import memberships_for_admin, open_invitations


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        # A role held for something an app keeps (a representative's organisation) asks for it with the app's fields.
        self.extension_fields: dict[str, list[str]] = {}
        for extension in role_extensions.extensions():
            fields = extension.invitation_form_fields(tenant=tenant)
            self.fields.update(fields)
            self.extension_fields[extension.ROLE] = list(fields)

    def clean(self):
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        extension = role_extensions.extension_for(role) if role else None
        # The details of the chosen role only: what was typed for another role is not kept.
        cleaned["details"] = {}
        if extension is not None:
            if email:
                cleaned["details"] = extension.invitation_form_clean(tenant=self.tenant, email=email, cleaned=cleaned)
            return cleaned
        if email and role:
            if memberships_for_admin(self.tenant).filter(user__email__iexact=email, role=role).exists():
                raise forms.ValidationError(_("This person already has that role."))
            if open_invitations(self.tenant).filter(email__iexact=email, role=role).exists():
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
