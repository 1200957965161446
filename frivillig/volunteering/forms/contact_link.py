from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.volunteering.forms.applications import _PhoneMixin


class RepresentativeRequestForm(_PhoneMixin, forms.Form):
    """The association's contact asks to become its representative. The e-mail address is the one the link was
    sent to, never typed: the centre invites that address when it approves."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your name, so the centre knows who is asking.")},
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        help_text=_("So the centre can call you if it has questions."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Message to the volunteer centre"),
        required=False,
        max_length=2000,
        help_text=_("For example your role in the association."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())
