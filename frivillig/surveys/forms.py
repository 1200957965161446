"""The builder's forms: a survey's settings, a section, the choice of a question's type, and a question.

A question's answer options are edited in the question's own form: each existing option is a text field of its own
(correcting a typo keeps the option, and the answers that chose it) with a "Remove" box, and new options are
added as lines of one text box. That keeps an option's identity, which a single box of lines would lose."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.surveys.answering import yes_no_label
from frivillig.surveys.enums import (
    CHOICE_KINDS,
    CONDITION_KINDS,
    MINIMUM_GROUP_SIZE,
    NO,
    YES,
    QuestionKind,
    SurveyKind,
    SurveyStatus,
)
from frivillig.surveys.models import Question, Section, Survey
from frivillig.surveys.selectors import SurveyFilter

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search in the titles"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *SurveyKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *SurveyStatus.choices]
    )

    def criteria(self) -> SurveyFilter:
        if not self.is_valid():
            return SurveyFilter()
        return SurveyFilter(
            search=self.cleaned_data["soeg"].strip(),
            kind=self.cleaned_data["type"],
            status=self.cleaned_data["status"],
        )


class SurveyForm(forms.ModelForm):
    """A survey's settings. The times are typed in Danish time and stored in UTC; a time that does not exist or
    occurs twice when the clocks change is a form error (Django's DateTimeField refuses it in the current zone)."""

    class Meta:
        model = Survey
        fields = [
            "title",
            "kind",
            "introduction",
            "is_anonymous",
            "minimum_group_size",
            "opens_at",
            "closes_at",
            "thank_you_text",
            "max_reminders",
        ]
        widgets = {
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "thank_you_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "is_anonymous": _(
                "An anonymous survey stores nobody's name with the answers. It is fixed when the first invitation "
                "goes out."
            ),
            "minimum_group_size": _(
                "Results of an anonymous survey are shown only for groups of at least this many answers (5 or more)."
            ),
            "opens_at": _("Danish time. Leave empty while you are not sure."),
            "closes_at": _("Danish time."),
            "max_reminders": _("Never more reminders than this to someone who has not answered."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minimum_group_size"].widget.attrs["min"] = MINIMUM_GROUP_SIZE
        if self.instance.pk and self.instance.anonymity_locked:
            for name in ("is_anonymous", "minimum_group_size"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed when the first invitation went out.")

    def clean_minimum_group_size(self) -> int:
        size = self.cleaned_data["minimum_group_size"]
        if size is not None and size < MINIMUM_GROUP_SIZE:
            raise forms.ValidationError(
                _("The smallest group must be at least %(minimum)s answers."), params={"minimum": MINIMUM_GROUP_SIZE}
            )
        return size

    def clean_max_reminders(self) -> int:
        reminders = self.cleaned_data["max_reminders"]
        if reminders is not None and reminders > 10:
            raise forms.ValidationError(_("At most 10 reminders."))
        return reminders

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return cleaned


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"introduction": _("A short text shown at the top of the section's page.")}


class QuestionKindForm(forms.Form):
    """The first step of adding a question (or changing its type): the type decides which fields the form has."""

    type = forms.ChoiceField(label=_("Type of question"), choices=QuestionKind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if anonymous:
            # Which association someone answers for would name them (the services refuse it too).
            self.fields["type"].choices = [
                (value, label) for value, label in QuestionKind.choices if value != QuestionKind.ORGANISATION
            ]


def condition_choices(survey_sections, question: Question | None, section: Section) -> list[tuple[str, str]]:
    """The answers a question may depend on: each answer of each earlier single-choice or yes/no question."""
    options: list[tuple[str, str]] = [("", _("Always show the question"))]
    for each_section in survey_sections:
        for earlier in each_section.questions.all():
            if question is not None and earlier.pk == question.pk:
                return options
            if earlier.kind not in CONDITION_KINDS:
                continue
            if earlier.kind == QuestionKind.YES_NO:
                answers = [(YES, yes_no_label(YES)), (NO, yes_no_label(NO))]
            else:
                answers = [(str(choice.pk), choice.label) for choice in earlier.choices.all()]
            for value, label in answers:
                options.append(
                    (
                        f"{earlier.pk}:{value}",
                        _("Only if “%(question)s” is answered “%(answer)s”")
                        % {"question": earlier.text, "answer": label},
                    )
                )
        if each_section.pk == section.pk and question is None:
            return options
    return options


_KIND_FIELDS = {
    QuestionKind.SCALE: ["scale_points", "scale_low_label", "scale_high_label", "allow_dont_know"],
    QuestionKind.NUMBER: ["number_min", "number_max", "number_unit"],
    QuestionKind.MULTIPLE_CHOICE: ["allow_other"],
}


class QuestionForm(forms.ModelForm):
    """A question of one type: only the fields that type needs. Options are `option_<id>` and `remove_<id>` per
    existing option, and `new_options` (one per line)."""

    condition = forms.ChoiceField(label=_("Show the question"), required=False)
    new_options = forms.CharField(
        label=_("New answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One answer option per line."),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "required",
            "scale_points",
            "scale_low_label",
            "scale_high_label",
            "allow_dont_know",
            "number_min",
            "number_max",
            "number_unit",
            "allow_other",
        ]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "help_text": _("A short explanation shown under the question."),
            "scale_low_label": _("For example “Not at all”."),
            "scale_high_label": _("For example “To a very high degree”."),
            "number_unit": _("For example “volunteers” or “hours”."),
        }

    def __init__(self, *args, kind: str, sections, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {"text", "help_text", "required", *_KIND_FIELDS.get(kind, [])}
        for name in list(self.fields):
            if name in self.Meta.fields and name not in keep:
                del self.fields[name]
        if kind == QuestionKind.SCALE:
            self.fields["scale_points"].required = True
            self.fields["scale_points"].widget = forms.RadioSelect(choices=self.fields["scale_points"].choices[1:])
            self.fields["scale_points"].initial = self.instance.scale_points or 5
        self.fields["condition"].choices = condition_choices(
            sections, self.instance if self.instance.pk else None, section
        )
        if self.instance.show_if_question_id:
            self.fields["condition"].initial = f"{self.instance.show_if_question_id}:{self.instance.show_if_value}"
        if len(self.fields["condition"].choices) == 1:
            del self.fields["condition"]
        self.existing_options = []
        if kind in CHOICE_KINDS:
            choices = list(self.instance.choices.all()) if self.instance.pk else []
            for choice in choices:
                label_name, remove_name = f"option_{choice.pk}", f"remove_{choice.pk}"
                self.fields[label_name] = forms.CharField(
                    label=_("Answer option %(number)s") % {"number": len(self.existing_options) + 1},
                    max_length=200,
                    initial=choice.label,
                )
                self.fields[remove_name] = forms.BooleanField(
                    label=_("Remove “%(option)s”") % {"option": choice.label}, required=False
                )
                self.existing_options.append((choice, label_name, remove_name))
            if choices:
                self.fields["new_options"].label = _("Add answer options")
            else:
                self.fields["new_options"].label = _("Answer options")
                self.fields["new_options"].required = True
        else:
            del self.fields["new_options"]
        options = [name for _choice, label, remove in self.existing_options for name in (label, remove)]
        basic = [name for name in self.fields if name not in {*options, "new_options", "condition"}]
        self.order_fields([*basic, *options, "new_options", "condition"])

    def clean_new_options(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("new_options", "").splitlines()]
        options = [line for line in lines if line]
        too_long = [line for line in options if len(line) > 200]
        if too_long:
            raise forms.ValidationError(_("An answer option can be at most 200 characters long."))
        return options

    def clean(self):
        cleaned = super().clean()
        if self.kind in CHOICE_KINDS and "new_options" in cleaned:
            kept = [choice for choice, _label, remove in self.existing_options if not cleaned.get(remove)]
            if len(kept) + len(cleaned["new_options"]) < 2:
                self.add_error("new_options", _("Give at least two answer options."))
        low, high = cleaned.get("number_min"), cleaned.get("number_max")
        if low is not None and high is not None and high < low:
            self.add_error("number_max", _("The largest number cannot be smaller than the smallest."))
        condition = cleaned.get("condition") or ""
        if condition:
            question_pk, _sep, value = condition.partition(":")
            cleaned["show_if"] = (int(question_pk), value)
        else:
            cleaned["show_if"] = (None, "")
        return cleaned

    def option_changes(self) -> tuple[dict[int, str], list[int], list[str]]:
        """(corrected labels by option id, ids to remove, new labels)."""
        labels = {choice.pk: self.cleaned_data[label] for choice, label, _remove in self.existing_options}
        removed = [choice.pk for choice, _label, remove in self.existing_options if self.cleaned_data.get(remove)]
        return labels, removed, self.cleaned_data.get("new_options", [])
