from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.tenants import role_extensions
from frivillig.tenants.enums import STAFF_ROLES, Role
from frivillig.tenants.models import Tenant
from frivillig.tenants.selectors import memberships_for_admin, open_invitations


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A person can hold several roles, for example both centre staff and administrator."),
        error_messages={
            "required": _("Choose at least one role."),
            "invalid_choice": _("Choose among the roles in the list."),
        },
    )

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
        email, roles = cleaned.get("email"), cleaned.get("roles") or []
        # Per chosen role, what its app validated; what was typed for a role not chosen is not kept.
        cleaned["details"] = {}
        if not email:
            return cleaned
        for role in roles:
            extension = role_extensions.extension_for(role)
            if extension is not None:
                cleaned["details"][role] = extension.invitation_form_clean(
                    tenant=self.tenant, email=email, cleaned=cleaned
                )
                continue
            label = Role(role).label
            if memberships_for_admin(self.tenant).filter(user__email__iexact=email, role=role).exists():
                self.add_error("roles", _("This person already has the role “%(role)s”.") % {"role": label})
            elif open_invitations(self.tenant).filter(email__iexact=email, role=role).exists():
                self.add_error(
                    "roles",
                    _("An invitation to the role “%(role)s” has already been sent to this address.") % {"role": label},
                )
        return cleaned


class RolesForm(forms.Form):
    """The staff roles one person holds in the tenant, set together: a centre leader is both staff and admin."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, role.label) for role in STAFF_ROLES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one role. To take away a person's last role, use “Remove role”."),
            "invalid_choice": _("Choose among the roles in the list."),
        },
    )


class TenantSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Tenant
        fields = ["centre_name", "email", "phone", "address", "postcode", "town", "website"]
        widgets = {
            "postcode": forms.TextInput({"inputmode": "numeric", "autocomplete": "postal-code"}),
            "phone": forms.TextInput({"inputmode": "tel"}),
        }
