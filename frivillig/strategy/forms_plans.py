"""Forms of the plan editor: the list's filter, a plan, a goal, an initiative, a target (whose indicator's typed
parameters become fields of their own) and the copy of a plan into the next. They validate and normalise only."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frivillig.core import indicators as registry
from frivillig.core.indicators import Indicator, Param, ParamKind
from frivillig.strategy.enums import Comparator, InitiativeOrigin, PlanKind, PlanOwner, PlanStatus, TargetKind
from frivillig.strategy.indicators import MANUAL_KEY
from frivillig.strategy.models import Goal, Initiative, Plan, Target
from frivillig.strategy.selectors_plans import (
    PlanFilter,
    initiatives_to_continue,
    partner_choices,
    plans_to_continue,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARAM_PREFIX = "param_"
# The submit button that shows the chosen indicator's parameters instead of saving.
SHOW_PARAMS = "vis_valg"


class PlanFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    status = forms.ChoiceField(
        label=pgettext_lazy("plan", "Status"), required=False, choices=[("", _("All")), *PlanStatus.choices]
    )
    slags = forms.ChoiceField(
        label=pgettext_lazy("plan", "Kind"), required=False, choices=[("", _("All")), *PlanKind.choices]
    )

    def criteria(self) -> PlanFilter:
        if not self.is_valid():
            return PlanFilter()
        return PlanFilter(status=self.cleaned_data["status"], kind=self.cleaned_data["slags"])


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.starts_on.year}–{obj.ends_on.year})"


class PlanForm(forms.ModelForm):
    continues = PlanChoiceField(
        label=_("Continues the plan"),
        required=False,
        queryset=None,
        empty_label=_("No earlier plan"),
        help_text=_("The earlier plan this one follows on from, if it is in Frivillig."),
        error_messages={
            "invalid_choice": _(
                "Choose one of the plans offered: a plan cannot continue itself, a plan that follows on from it, "
                "or another centre's plan."
            )
        },
    )

    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "owner",
            "starts_on",
            "ends_on",
            "vision",
            "values",
            "legal_basis",
            "introduction",
            "status",
            "continues",
            "is_public",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "kind": forms.RadioSelect,
            "vision": forms.Textarea(attrs={"rows": 3}),
            "values": forms.Textarea(attrs={"rows": 4}),
            "introduction": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "kind": _("Kind of plan"),
            "title": _("Title"),
            "owner": _("Whose plan it is"),
            "starts_on": _("The period's first day"),
            "ends_on": _("The period's last day"),
            "vision": _("Vision"),
            "values": _("Values"),
            "legal_basis": _("Legal basis"),
            "introduction": _("Introduction"),
            "status": pgettext_lazy("plan", "Status"),
            "is_public": _("Publish the plan on the public strategy page"),
        }
        help_texts = {
            "title": _("E.g. “Strategy for the volunteer centre 2017–2018”."),
            "values": _("What the work builds on, e.g. the centre's values."),
            "legal_basis": _("E.g. “Serviceloven §18”."),
            "status": _("A draft is seen only by staff. An active plan is followed on its dashboard."),
            "is_public": _(
                "The public page shows the goals, initiatives and the targets' status and figures, never the records "
                "behind them."
            ),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["continues"].queryset = plans_to_continue(tenant, self.instance)
        self.fields["kind"].choices = PlanKind.choices
        self.fields["owner"].choices = PlanOwner.choices
        self.fields["status"].choices = PlanStatus.choices

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period's last day cannot be before its first day."))
        return cleaned


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        labels = {"title": _("Title"), "description": _("Description")}
        help_texts = {"title": _("A focus area, a strategic goal or a theme, e.g. “Better conditions”.")}


class PartnersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.name


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.goal.plan.title}: {obj.title}"


class InitiativeForm(forms.ModelForm):
    partners = PartnersField(
        label=_("Partners"),
        required=False,
        queryset=None,
        help_text=_("The associations and other organisations from the contacts that take part."),
    )
    continues = InitiativeChoiceField(
        label=_("Continues the initiative"),
        required=False,
        queryset=None,
        empty_label=_("None in Frivillig"),
        help_text=_("For a continued initiative: the one in an earlier plan that it carries on."),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "background",
            "actions",
            "benefit",
            "resource_needs",
            "responsible",
            "partners",
            "origin",
            "continues",
            "continued_from",
        ]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.Textarea(attrs={"rows": 5}),
            "benefit": forms.Textarea(attrs={"rows": 4}),
            "resource_needs": forms.Textarea(attrs={"rows": 3}),
            "origin": forms.RadioSelect,
        }
        labels = {
            "title": _("Title"),
            "background": _("Background"),
            "actions": _("What will be done"),
            "benefit": _("Benefit"),
            "resource_needs": _("Resources needed"),
            "responsible": _("Responsible"),
            "origin": _("New or continued"),
            "continued_from": _("Continued from (in words)"),
        }
        help_texts = {
            "responsible": _("A person or a unit, e.g. “The volunteer centre's leader”."),
            "continued_from": _("When the predecessor is not in Frivillig, e.g. “The action plan 2015”."),
        }

    def __init__(self, *args, tenant, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partner_choices(tenant)
        self.fields["continues"].queryset = initiatives_to_continue(tenant, plan)
        self.fields["origin"].choices = InitiativeOrigin.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("origin") == InitiativeOrigin.NEW:
            if cleaned.get("continues"):
                self.add_error(
                    "continues", _("A new initiative continues no other. Choose “Continued” or no initiative.")
                )
            if cleaned.get("continued_from"):
                self.add_error(
                    "continued_from",
                    _("A new initiative is continued from nothing. Choose “Continued” or empty the field."),
                )
        return cleaned


# --- targets ------------------------------------------------------------------------------------------------------


def indicator_choices() -> list:
    """The registry's indicators by label, grouped by the app that registers them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, indicator in registry.indicators().items():
        label = key.split(".", 1)[0]
        try:
            group = str(apps.get_app_config(label).verbose_name)
        except LookupError:
            group = label
        groups.setdefault(group, []).append((key, indicator.label))
    return [
        ("", _("Choose an indicator")),
        *((group, sorted(items, key=lambda item: item[1])) for group, items in groups.items()),
    ]


def param_field(param: Param, tenant) -> forms.Field:
    options = {"label": param.label, "required": param.required, "help_text": param.help_text}
    if param.kind == ParamKind.CHOICE:
        choices = [(str(value), label) for value, label in (param.choices(tenant) if param.choices else [])]
        choices = [("", _("Choose") if param.required else _("All")), *choices]
        return forms.ChoiceField(
            choices=choices,
            error_messages={"invalid_choice": _("“%(value)s” is not one of the choices offered. Choose one of them.")},
            **options,
        )
    if param.kind == ParamKind.NUMBER:
        return forms.DecimalField(max_digits=12, decimal_places=2, **options)
    if param.kind == ParamKind.FLAG:
        options["required"] = False
        return forms.BooleanField(**options)
    return forms.CharField(max_length=200, **options)


class InitiativeUnderGoalField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class TargetForm(forms.ModelForm):
    indicator_key = forms.ChoiceField(
        label=_("Indicator"),
        choices=(),
        help_text=_("What the result is measured by. Press “Show the indicator's choices” after choosing another."),
    )
    initiative = InitiativeUnderGoalField(
        label=_("Under the initiative"),
        required=False,
        queryset=None,
        empty_label=_("Under the goal itself"),
    )

    class Meta:
        model = Target
        fields = [
            "title",
            "initiative",
            "kind",
            "indicator_key",
            "comparator",
            "target_value",
            "baseline",
            "starts_on",
            "deadline",
            "evaluation",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.RadioSelect,
            "starts_on": DATE_WIDGET,
            "deadline": DATE_WIDGET,
            "evaluation": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "title": _("The result in words"),
            "kind": _("Kind of target"),
            "comparator": _("Comparison"),
            "target_value": _("Target value"),
            "baseline": _("Baseline"),
            "starts_on": _("Measured from"),
            "deadline": _("Deadline"),
            "evaluation": _("Evaluation"),
        }
        help_texts = {
            "title": _(
                "As the plan says it, e.g. “At least 8 associations take part in the course by the end of 2018”."
            ),
            "baseline": _("The value when the plan began, if it is known."),
            "evaluation": _("A few words on how it went, for the status report."),
        }

    def __init__(self, *args, tenant, goal: Goal, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.fields["indicator_key"].choices = indicator_choices()
        self.fields["initiative"].queryset = initiatives
        self.fields["kind"].choices = TargetKind.choices
        self.fields["comparator"].choices = Comparator.choices
        self.indicator = registry.indicator(self._chosen_key())
        self.param_names: list[str] = []
        if self.indicator is None:
            return
        stored = (self.instance.params or {}) if self.instance.indicator_key == self.indicator.key else {}
        for param in self.indicator.params:
            if not param.editable:
                continue
            name = PARAM_PREFIX + param.name
            self.fields[name] = param_field(param, tenant)
            self.param_names.append(name)
            if name not in self.initial and param.name in stored:
                self.initial[name] = stored[param.name]

    def _chosen_key(self) -> str:
        if self.is_bound:
            return self.data.get(self.add_prefix("indicator_key"), "")
        return self.initial.get("indicator_key") or self.instance.indicator_key or ""

    @property
    def param_fields(self):
        return [self[name] for name in self.param_names]

    @property
    def main_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.param_names]

    def clean(self):
        cleaned = super().clean()
        key, kind = cleaned.get("indicator_key"), cleaned.get("kind")
        if key and kind and (key == MANUAL_KEY) != (kind == TargetKind.MANUAL):
            manual = registry.indicator(MANUAL_KEY)
            self.add_error(
                "kind",
                _(
                    "The indicator “%(indicator)s” goes with the kind “%(kind)s”, and that kind with that "
                    "indicator only."
                )
                % {"indicator": manual.label if manual else MANUAL_KEY, "kind": TargetKind.MANUAL.label},
            )
        starts_on, deadline = cleaned.get("starts_on"), cleaned.get("deadline")
        if starts_on and deadline and deadline < starts_on:
            self.add_error("deadline", _("The deadline cannot be before the day it is measured from."))
        return cleaned

    def params(self, indicator: Indicator) -> dict:
        """The parameters as the target stores them (JSON): choices and text as strings, numbers as text, a flag
        only when set; what the strategy fills in itself is kept as it was."""
        stored = {
            param.name: value
            for param in indicator.params
            if not param.editable
            for value in [(self.instance.params or {}).get(param.name)]
            if value is not None and self.instance.indicator_key == indicator.key
        }
        for param in indicator.params:
            if not param.editable:
                continue
            value = self.cleaned_data.get(PARAM_PREFIX + param.name)
            if param.kind == ParamKind.FLAG:
                if value:  # unset reads as no (Param.convert), so "no" is not stored: it is no change either
                    stored[param.name] = True
            elif value not in (None, ""):
                stored[param.name] = str(value)
        return stored

    def save(self, commit: bool = True):
        raise NotImplementedError("targets are saved by services_plans.target_save")

    def apply(self) -> Target:
        """The instance (the form's validation already set its fields) with its parameters; not saved."""
        target = self.instance
        target.params = self.params(self.indicator) if self.indicator else {}
        return target


class PlanCopyForm(forms.Form):
    title = forms.CharField(label=_("The new plan's title"), max_length=200)
    starts_on = forms.DateField(label=_("The period's first day"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("The period's last day"), widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period's last day cannot be before its first day."))
        return cleaned


def year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def next_title(title: str) -> str:
    """The title with each year in it one later: "Strategi 2017-2018" becomes "Strategi 2018-2019"."""
    return re.sub(r"\b(19|20)\d\d\b", lambda match: str(int(match.group(0)) + 1), title)


def copy_initial(plan: Plan) -> dict:
    return {
        "title": next_title(plan.title),
        "starts_on": year_later(plan.starts_on),
        "ends_on": year_later(plan.ends_on),
    }
