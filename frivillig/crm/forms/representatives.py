"""Forms about who represents an association: inviting someone to, and the centre's answer to a request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.crm.models import Organisation
from frivillig.crm.services.representatives import representative_invitation_problem


class RepresentativeInviteForm(forms.Form):
    """An e-mail address to invite to represent `organisation` (by a colleague, or by the centre)."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            problem = representative_invitation_problem(organisation=self.organisation, email=email)
            if problem:
                raise forms.ValidationError(problem)
        return cleaned


class RepresentativeRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("A short reason for the centre's records, e.g. that the association does not know the person."),
    )


class UnrepresentedFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A word in the association's name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def search(self) -> str:
        return self.cleaned_data.get("soeg", "").strip() if self.is_valid() else ""
