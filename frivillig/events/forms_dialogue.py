"""Forms of the dialogue meetings' input: the staff list's filter, staff's own input and its follow-up, the
participants' phone form and the summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.core.honeypot import HoneypotMixin
from frivillig.events.enums import DialogueInputKind, FollowUpStatus
from frivillig.events.selectors_dialogue import InputFilter, staff_users, themes

TEXT_LENGTH = 2000


class ThemeField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class ResponsibleField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


class InputFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    tema = ThemeField(label=_("Theme"), required=False, queryset=None, empty_label=_("All themes"))
    type = forms.ChoiceField(
        label=_("Idea or concern"), required=False, choices=[("", _("Both")), *DialogueInputKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Follow-up"), required=False, choices=[("", _("Every status")), *FollowUpStatus.choices]
    )

    def __init__(self, data, *, tenant):
        super().__init__(data)
        self.fields["tema"].queryset = themes(tenant)

    def criteria(self) -> InputFilter:
        if not self.is_valid():
            return InputFilter()
        theme = self.cleaned_data["tema"]
        return InputFilter(
            theme_id=theme.pk if theme else None, kind=self.cleaned_data["type"], status=self.cleaned_data["status"]
        )


class _InputFields(forms.Form):
    kind = forms.ChoiceField(
        label=_("Is it an idea or a concern?"),
        choices=DialogueInputKind.choices,
        initial=DialogueInputKind.IDEA,
        widget=forms.RadioSelect,
    )
    theme = ThemeField(label=_("Theme"), required=False, queryset=None, empty_label=_("Choose a theme"))
    text = forms.CharField(
        label=_("The idea or concern"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes(tenant)

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()


class StaffInputForm(_InputFields):
    """An input that staff register from the meeting (a flip-over, a note)."""


class ParticipantInputForm(HoneypotMixin, _InputFields):
    """A participant's input from the phone: no name, no e-mail. The page adds the honeypot
    (core/ui/honeypot.html), which `is_robot` reads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Your idea or concern")
        self.fields["text"].help_text = _("Write it in your own words. Your name is not saved.")
        self.fields["theme"].help_text = _("You can leave it out; staff will choose one.")


class FollowUpForm(_InputFields):
    """After the meeting: who follows the input up, how far it has come, and the answer."""

    responsible = ResponsibleField(label=_("Responsible"), required=False, queryset=None, empty_label=_("No one yet"))
    follow_up_status = forms.ChoiceField(label=_("Follow-up"), choices=FollowUpStatus.choices)
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=4000,
        help_text=_("What became of the input. It is shown in the summary."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, tenant=tenant, **kwargs)
        self.fields["responsible"].queryset = staff_users(tenant)

    def clean_answer(self) -> str:
        return self.cleaned_data["answer"].strip()


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the meeting"),
        required=False,
        max_length=10000,
        help_text=_("Shown at the top of the summary, before the inputs."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    summary_published = forms.BooleanField(
        label=_("Show the summary and what became of each input on the event's public page"), required=False
    )

    def clean_summary(self) -> str:
        return self.cleaned_data["summary"].strip()
