from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frivillig.accounts.models import User
from frivillig.accounts.services import email_taken, user_set_password_by_reset
from frivillig.core.email import send_templated_mail


class NewPasswordMixin:
    """Two password fields, validated by the project's password validators against the typed user data."""

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords are not the same."))
        return password2

    def _validate_password(self, user: User) -> None:
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


def password_fields():
    return (
        forms.CharField(
            label=_("Password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_("At least 10 characters. A sentence of several words is easy to remember and hard to guess."),
        ),
        forms.CharField(
            label=_("Repeat the password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class SignUpForm(NewPasswordMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail"), max_length=254, widget=forms.EmailInput({"autocomplete": "email"}))
    password1, password2 = password_fields()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. "
                    "Log in, or reset your password if you forgot it."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        self._validate_password(User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", "")))
        return cleaned


class InvitationSignUpForm(NewPasswordMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"}))
    password1, password2 = password_fields()

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        self._validate_password(User(email=self.email, full_name=cleaned.get("full_name", "")))
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput({"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, request=None, blocked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.blocked = blocked
        self.user = None
        self.unverified_user = None

    def clean(self):
        cleaned = super().clean()
        if self.blocked:
            # Checked before the password, so a blocked guesser learns nothing from further tries.
            minutes = max(1, settings.LOGIN_BLOCK_SECONDS // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts. Wait %(minutes)d minute and try again, or reset your password.",
                    "Too many failed attempts. Wait %(minutes)d minutes and try again, or reset your password.",
                    minutes,
                )
                % {"minutes": minutes},
                code="blocked",
            )
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            self.user = authenticate(self.request, username=email, password=password)
            if self.user is None:
                candidate = User.objects.filter(email__iexact=email, is_active=False, email_verified_at=None).first()
                if candidate is not None and candidate.check_password(password):
                    self.unverified_user = candidate
                    raise forms.ValidationError(
                        _(
                            "You have not confirmed your e-mail address yet. We have sent you a new link; "
                            "open it and log in again."
                        ),
                        code="unverified",
                    )
                raise forms.ValidationError(
                    _("The e-mail or the password is wrong. Check both and try again."), code="invalid_login"
                )
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language"]
        widgets = {
            "full_name": forms.TextInput({"autocomplete": "name"}),
            "phone": forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
            "preferred_language": forms.RadioSelect,
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for it so that nobody else can delete your account."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong."))
        return password


class LanguageAwarePasswordResetForm(PasswordResetForm):
    """Sends the reset mail in the language the person chose, not the visitor's current one, and also to an account
    still waiting for its address to be confirmed: completing the reset from that mail proves the address is
    theirs (see `user_set_password_by_reset`), so somebody else's unconfirmed sign-up cannot keep the owner out.
    An account an operator switched off after confirmation gets nothing."""

    def get_users(self, email):
        accounts = User.objects.filter(email__iexact=email).filter(
            Q(is_active=True) | Q(is_active=False, email_verified_at=None)
        )
        return (user for user in accounts if user.has_usable_password() and user.email.lower() == email.lower())

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        # The shared mail helper renders the subject as plain text (no HTML escaping) in the person's language.
        send_templated_mail(
            to=to_email,
            template=subject_template_name.removesuffix("_subject.txt"),
            context=context,
            language=context["user"].preferred_language,
        )


class ResetPasswordForm(SetPasswordForm):
    """The new password chosen from a reset link; saving goes through the service, which also confirms an address
    that was still waiting for confirmation."""

    def save(self, commit=True):
        self.user = user_set_password_by_reset(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user
