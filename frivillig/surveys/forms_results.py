"""Forms of the results pages: the filter, the choice of a cross-tabulation's two questions, and the summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.crm.enums import OrganisationKind
from frivillig.surveys.answering import yes_no_label
from frivillig.surveys.enums import NO, YES, QuestionKind
from frivillig.surveys.models import Survey
from frivillig.surveys.results import options_of
from frivillig.surveys.selectors_results import CROSSTAB_KINDS, ORGANISATION_KIND, ResultFilter

ANSWER_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO)


class ResultFilterForm(forms.Form):
    """The results' GET filter. The organisation's kind and tag are offered for named surveys only (an anonymous
    response has no organisation); an answer to a single-choice or yes/no question for every survey. A value that
    does not validate is ignored, never an error page."""

    type = forms.ChoiceField(label=_("The organisation's kind"), required=False)
    emne = forms.TypedChoiceField(label=_("The organisation's tag"), required=False, coerce=int, empty_value=None)
    svar = forms.ChoiceField(label=_("Only those who answered"), required=False)

    def __init__(self, data, *, survey: Survey, questions, tags):
        super().__init__(data)
        self.fields["svar"].choices = [("", _("Everybody")), *self._answers(questions)]
        if survey.is_anonymous:
            del self.fields["type"]
            del self.fields["emne"]
        else:
            self.fields["type"].choices = [("", _("All kinds")), *OrganisationKind.choices]
            self.fields["emne"].choices = [("", _("All tags")), *[(tag.pk, tag.label) for tag in tags]]

    @staticmethod
    def _answers(questions):
        options = []
        for question in questions:
            if question.kind == QuestionKind.SINGLE_CHOICE:
                options += [
                    (f"{question.pk}:{choice.pk}", f"{question.text}: {choice.label}")
                    for choice in options_of(question)
                ]
            elif question.kind == QuestionKind.YES_NO:
                options += [
                    (f"{question.pk}:{value}", f"{question.text}: {yes_no_label(value)}") for value in (YES, NO)
                ]
        return options

    def criteria(self) -> ResultFilter:
        if not self.is_valid():
            return ResultFilter()
        return ResultFilter(
            kind=self.cleaned_data.get("type") or "",
            tag=self.cleaned_data.get("emne"),
            answer=self.cleaned_data.get("svar") or "",
        )


class CrosstabForm(forms.Form):
    """The two dimensions of a cross-tabulation: closed questions, and for a named survey the organisation's kind."""

    raekker = forms.ChoiceField(label=_("Rows"))
    kolonner = forms.ChoiceField(label=_("Columns"))

    def __init__(self, data, *, survey: Survey, questions):
        super().__init__(data)
        self.questions = {str(question.pk): question for question in questions if question.kind in CROSSTAB_KINDS}
        choices = [(key, question.text) for key, question in self.questions.items()]
        if not survey.is_anonymous:
            choices.append((ORGANISATION_KIND, _("The respondent organisation's kind")))
        self.fields["raekker"].choices = choices
        self.fields["kolonner"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("raekker") and cleaned.get("raekker") == cleaned.get("kolonner"):
            raise forms.ValidationError(_("Choose two different questions."))
        return cleaned

    def dimension(self, name: str):
        """The chosen question, or None for the organisation's kind."""
        return self.questions.get(self.cleaned_data[name])


class SummaryForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "summary": _("Placed at the top of the report: what the answers show and what the centre concludes.")
        }
