from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.honeypot import HoneypotMixin, honeypot_field
from frivillig.core.validators import normalise_phone, validate_phone
from frivillig.core.widgets import AutocompleteSelect
from frivillig.volunteering.enums import ApplicationStatus, DeclineReason
from frivillig.volunteering.selectors.applications import PIPELINE_ORDER

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


# The same words as core.validators.validate_phone uses.
PHONE_NOT_UNDERSTOOD = _(
    "Write a Danish phone number with 8 digits, or a foreign number starting with + and the country code."
)


class _PhoneMixin:
    def clean_phone(self) -> str:
        typed = self.cleaned_data.get("phone", "")
        phone = normalise_phone(typed)
        if typed.strip() and not phone:
            # Letters only: normalising would silently drop them, so say what we expect instead.
            raise forms.ValidationError(PHONE_NOT_UNDERSTOOD)
        validate_phone(phone)
        return phone


MESSAGE_FIELD = {
    "label": _("Message to the association"),
    "required": False,
    "max_length": 2000,
    "help_text": _("For example when you can start, or what you would like to know."),
    "widget": forms.Textarea(attrs={"rows": 5}),
}


class GuestApplicationForm(_PhoneMixin, HoneypotMixin, forms.Form):
    """Sign-up without an account: the e-mail address is confirmed by a link before the association sees it."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send you a link to confirm your sign-up."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(**MESSAGE_FIELD)
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def person_fields(self) -> list:
        return [self[name] for name in ("full_name", "email", "phone", "message")]


class MemberApplicationForm(_PhoneMixin, HoneypotMixin, forms.Form):
    """Sign-up with an account: name and e-mail come from the account; one click and an optional message."""

    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        help_text=_("So the association can call you. You can leave it empty."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(**MESSAGE_FIELD)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"phone": user.phone})
        super().__init__(*args, **kwargs)

    def person_fields(self) -> list:
        return [self["phone"], self["message"]]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Move the application to"), widget=forms.RadioSelect)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status, ApplicationStatus(status).label) for status in allowed]


class DeclineForm(forms.Form):
    """Why the application is declined (for the association and the centre) and what the volunteer is told."""

    reason = forms.ChoiceField(
        label=_("Why is the application declined?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the application is declined.")},
    )
    note = forms.CharField(
        label=_("In your own words"),
        required=False,
        max_length=2000,
        help_text=_("Only the association and the volunteer centre see this. Required for “Another reason”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Message to the volunteer"),
        max_length=4000,
        help_text=_("Sent by e-mail. The volunteer always hears the outcome; change the words as you like."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the message to the volunteer. They are always told the outcome.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == DeclineReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Write the reason in your own words when you choose “Another reason”."))
        return cleaned


class UndoForm(forms.Form):
    note = forms.CharField(
        label=_("Why is the change undone?"),
        max_length=1000,
        help_text=_("Shown in the history for the association and the volunteer centre, not to the volunteer."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write why the change is undone, so that colleagues can follow the history.")},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=4000,
        help_text=_("Only the association and the volunteer centre see notes. The volunteer never does."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note before you save it.")},
    )


class ChildCertificateForm(forms.Form):
    obtained_on = forms.DateField(
        label=_("Child certificate obtained on"),
        widget=forms.DateInput(**DATE_WIDGET),
        help_text=_("Record only the date and the result. Never write down what the certificate says."),
    )
    ok = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("OK")), ("no", _("Not OK"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def clean_obtained_on(self):
        obtained_on = self.cleaned_data["obtained_on"]
        if obtained_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return obtained_on


class PipelineFilterForm(forms.Form):
    """The pipeline's GET parameters. A value that does not validate is ignored, never an error page."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *((status.value, status.label) for status in PIPELINE_ORDER)],
    )
    organisation = forms.ModelChoiceField(
        label=_("Association"),
        required=False,
        queryset=None,
        empty_label=_("All associations"),
        widget=AutocompleteSelect,
    )

    def __init__(self, data, *, organisations=None):
        super().__init__(data)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def criteria(self) -> dict:
        self.is_valid()
        return {
            "status": self.cleaned_data.get("status") or "",
            "organisation": self.cleaned_data.get("organisation"),
        }
