from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import User


class SetUpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code from the app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input-width-s"}
        ),
        help_text=_("Six digits. Spaces do not matter."),
    )


class LoginCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "input-width-s"}),
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
    )


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for it so that nobody else can turn off your two-factor login."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong."))
        return password
