from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyKind(models.TextChoices):
    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    EVALUATION = "evaluation", _("Evaluation")
    COLLABORATION = "collaboration", _("Collaboration survey")
    OTHER = "other", pgettext_lazy("survey kind", "Other")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("survey status", "Draft")
    OPEN = "open", pgettext_lazy("survey status", "Open")
    CLOSED = "closed", pgettext_lazy("survey status", "Closed")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("One choice of several")
    MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
    SCALE = "scale", _("Rating scale")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    ORGANISATION = "organisation", _("Choice of an association")


# The kinds whose answers are the question's own choices (Choice rows).
CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})
# The kinds a "show only if" condition may name: one answer that is a choice or yes/no.
CONDITION_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.YES_NO})

# How a yes/no answer is written in a condition and in a form's value.
YES = "yes"
NO = "no"
# The value of "don't know" on a scale.
DONT_KNOW = "x"

SCALE_POINTS = ((5, "1–5"), (7, "1–7"))
# The smallest group whose results an anonymous survey may show; a survey may ask for more, never for less.
MINIMUM_GROUP_SIZE = 5
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 5000
