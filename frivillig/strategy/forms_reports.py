"""Forms of the yearly status report: the year of a new report, the report's texts (one field per goal and per
initiative, in the plan's order) and the note of a publication."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.strategy.models import Goal, Initiative, Plan

TEXT_ROWS = 5


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["year"].help_text = _("A year within the plan's period, %(first)s–%(last)s.") % {
            "first": plan.starts_on.year,
            "last": plan.ends_on.year,
        }

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not self.plan.starts_on.year <= year <= self.plan.ends_on.year:
            raise forms.ValidationError(
                _("The year must lie within the plan's period, %(first)s–%(last)s."),
                params={"first": self.plan.starts_on.year, "last": self.plan.ends_on.year},
            )
        return year


class ReportEditForm(forms.Form):
    """The report's title and introduction, then a status text for each goal and each of its initiatives, in the
    plan's order. `subjects` pairs each text field's name with its goal or initiative, for the template."""

    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
        help_text=_("Shown first in the report, after the table of contents."),
    )

    def __init__(self, *args, goals: list[Goal], initiatives: list[Initiative], texts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects: list[tuple[str, Goal | Initiative, str]] = []
        by_goal: dict[int, list[Initiative]] = {}
        for initiative in initiatives:
            by_goal.setdefault(initiative.goal_id, []).append(initiative)
        for goal_number, goal in enumerate(goals, start=1):
            self._add(f"goal-{goal.pk}", goal, f"{goal_number}", texts)
            for number, initiative in enumerate(by_goal.get(goal.pk, []), start=1):
                self._add(f"initiative-{initiative.pk}", initiative, f"{goal_number}.{number}", texts)

    def _add(self, name: str, subject, number: str, texts: dict[str, str]) -> None:
        self.fields[name] = forms.CharField(
            label=_("Status: %(number)s %(title)s") % {"number": number, "title": subject.title},
            required=False,
            initial=texts.get(name, ""),
            widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
        )
        self.subjects.append((name, subject, number))

    def subject_fields(self) -> list:
        """Each status text's bound field, in the plan's order."""
        return [self[name] for name, _subject, _number in self.subjects]

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _subject, _number in self.subjects}


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What has changed since the previous version"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.first = first
        note = self.fields["note"]
        if first:
            note.label = _("Note")
            note.help_text = _("Optional for the first version, e.g. the committee meeting it is for.")
        else:
            note.required = True
            note.help_text = _("Required from the second version on. The earlier versions stay readable.")
            note.error_messages["required"] = _("Write what has changed since the previous version.")
