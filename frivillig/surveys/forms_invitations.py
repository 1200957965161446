"""The invitation form: whom to ask (the member associations' contact people, the organisations a saved CRM filter or
a filter chosen here finds, pasted addresses), validated only; the selectors work out who that is."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.forms.organisations import TagChoiceField
from frivillig.crm.selectors import tags
from frivillig.crm.selectors.organisations import OrganisationFilter
from frivillig.crm.selectors.saved_filters import saved_filters
from frivillig.surveys.selectors_invitations import ANSWERED, DECLINED, NOT_ANSWERED

SEPARATORS = re.compile(r"[\s,;]+")
MAX_PASTED = 2000


def split_addresses(text: str) -> list[str]:
    """One address a line, or separated by commas or semicolons; "Name <address>" is not an address."""
    return [part for part in SEPARATORS.split(text or "") if part]


class InvitationForm(forms.Form):
    member_contacts = forms.BooleanField(
        label=_("The contact people of all member associations"),
        required=False,
        help_text=_(
            "An association's contact person; where it has none, its chair; where it has neither, its own e-mail "
            "address."
        ),
    )
    saved_filter = forms.ModelChoiceField(
        label=_("People from a saved filter"),
        required=False,
        queryset=None,
        empty_label=_("No saved filter"),
        help_text=_(
            "The contact people of the organisations the filter finds when the invitations are sent (archived "
            "organisations left out). Filters are saved on the organisation list."
        ),
        error_messages={"invalid_choice": _("The saved filter no longer exists. Choose another one.")},
    )
    by_filter = forms.BooleanField(
        label=_("The contact people of the organisations that match a filter"),
        required=False,
        help_text=_("The same choices as in the organisation list's filter. Choose at least one of them below."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    target_group = TagChoiceField(label=_("Target group"), required=False, queryset=None, empty_label=_("All"))
    activity_area = TagChoiceField(label=_("Activity area"), required=False, queryset=None, empty_label=_("All"))
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One address a line, or separated by commas or semicolons."),
    )

    def __init__(self, data=None, *, tenant):
        super().__init__(data)
        self.fields["saved_filter"].queryset = saved_filters(tenant)
        self.fields["target_group"].queryset = tags(tenant, Vocabulary.TARGET_GROUP)
        self.fields["activity_area"].queryset = tags(tenant, Vocabulary.ACTIVITY_AREA)

    def clean_addresses(self) -> list[str]:
        addresses = split_addresses(self.cleaned_data.get("addresses", ""))
        if len(addresses) > MAX_PASTED:
            raise ValidationError(
                _("Paste at most %(limit)s addresses at a time."), code="too_many", params={"limit": MAX_PASTED}
            )
        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("These are not valid e-mail addresses: %(addresses)s. Correct or remove them."),
                code="invalid",
                params={"addresses": ", ".join(invalid)},
            )
        return addresses

    def clean(self):
        cleaned = super().clean()
        has_criterion = any(cleaned.get(name) for name in ("kind", "target_group", "activity_area"))
        if cleaned.get("by_filter") and not has_criterion:
            self.add_error("kind", _("Choose a kind, a target group or an activity area for the filter."))
        if (
            not self.errors
            and not cleaned.get("member_contacts")
            and not cleaned.get("saved_filter")
            and not cleaned.get("by_filter")
            and not cleaned.get("addresses")
        ):
            raise ValidationError(
                _("Choose whom to invite: tick one of the groups, choose a saved filter or paste e-mail addresses.")
            )
        return cleaned

    def criteria(self) -> OrganisationFilter | None:
        """The filter as the CRM's organisation list reads it (archived organisations left out)."""
        if not self.cleaned_data.get("by_filter"):
            return None
        return OrganisationFilter(
            kind=self.cleaned_data.get("kind") or "",
            target_group=self.cleaned_data.get("target_group"),
            activity_area=self.cleaned_data.get("activity_area"),
        )


class InvitationStateForm(forms.Form):
    """The invitation list's filter (GET); a value that does not validate shows every invitation."""

    svar = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All invitations")),
            (ANSWERED, _("Answered")),
            (NOT_ANSWERED, _("Not answered")),
            (DECLINED, _("Do not wish to take part")),
        ],
    )

    def state(self) -> str:
        return self.cleaned_data.get("svar", "") if self.is_valid() else ""
