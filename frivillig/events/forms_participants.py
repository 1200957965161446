"""Forms of the participants' pages: the list's filter, the check-in page's session and search, a mark, and the
e-mail a participant checks in with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.events.enums import AttendanceStatus
from frivillig.events.selectors_participants import SHOW_CANCELLED, SHOW_REGISTERED, SHOW_WAITLISTED


class ParticipantFilterForm(forms.Form):
    """The participant list's filter (GET); a value that does not validate shows those registered."""

    soeg = forms.CharField(label=_("Search by name, e-mail or association"), required=False, max_length=100)
    vis = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (SHOW_REGISTERED, _("Registered")),
            (SHOW_WAITLISTED, _("On the waiting list")),
            (SHOW_CANCELLED, _("Cancelled registrations")),
        ],
    )

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return SHOW_REGISTERED, ""
        return self.cleaned_data.get("vis") or SHOW_REGISTERED, self.cleaned_data.get("soeg", "").strip()


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        from django.template.defaultfilters import date as date_filter
        from django.utils import timezone

        when = date_filter(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
        return f"{session.title} ({when})" if session.title else when


class CheckInFilterForm(forms.Form):
    """The check-in page's session and search (GET)."""

    moedegang = SessionChoiceField(label=_("Session"), queryset=None, required=False, empty_label=None)
    soeg = forms.CharField(
        label=_("Search by name or association"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        self.fields["moedegang"].queryset = sessions

    def session(self, default):
        if self.is_valid() and self.cleaned_data.get("moedegang") is not None:
            return self.cleaned_data["moedegang"]
        return default

    def search(self) -> str:
        return self.cleaned_data.get("soeg", "").strip() if self.is_valid() else ""


class CheckInMarkForm(forms.Form):
    moedegang = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=AttendanceStatus.choices)


class SelfCheckInForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you registered with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
