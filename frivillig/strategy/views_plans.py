"""The plan editor: staff write a plan with the structure of the documents (vision and values, goals, initiatives
under them and the measurable targets), reorder its parts with the keyboard, and copy it into next year's plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.params import get_id
from frivillig.core.permissions import view_permission
from frivillig.strategy.forms_plans import (
    SHOW_PARAMS,
    GoalForm,
    InitiativeForm,
    PlanCopyForm,
    PlanFilterForm,
    PlanForm,
    TargetForm,
    copy_initial,
)
from frivillig.strategy.models import Goal, Initiative, Plan, Target
from frivillig.strategy.selectors_plans import (
    goal_of,
    initiative_of,
    plan_for_staff,
    plan_structure,
    plans_for_list,
    target_of,
)
from frivillig.strategy.services_plans import (
    DOWN,
    UP,
    goal_delete,
    goal_move,
    goal_save,
    initiative_delete,
    initiative_move,
    initiative_save,
    plan_copy,
    plan_save,
    target_delete,
    target_move,
    target_save,
)

PERMISSION = "strategy.manage_plans"


def _to_plan(request, plan: Plan, anchor: str = ""):
    response = redirect("strategy:plan_detail", tenant_slug=request.tenant.slug, pk=plan.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _direction(request) -> str:
    direction = request.POST.get("retning", "")
    if direction not in (UP, DOWN):
        raise Http404
    return direction


# --- plans --------------------------------------------------------------------------------------------------------


@view_permission(PERMISSION)
def plan_list(request, tenant_slug: str):
    filter_form = PlanFilterForm(request.GET)
    context = {
        "filter_form": filter_form,
        "page": paginate(request, plans_for_list(request.tenant, filter_form.criteria())),
        "filtered": any(value for key, value in request.GET.items() if key not in ("side", "page")),
    }
    return render_list(request, "strategy/plan_list.html", context)


@view_permission(PERMISSION)
def plan_create(request, tenant_slug: str):
    form = PlanForm(request.POST or None, instance=Plan(tenant=request.tenant), tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        plan = plan_save(plan=form.instance, actor=request.user)
        messages.success(request, _("The plan has been created. Add its goals, initiatives and targets."))
        return _to_plan(request, plan)
    return render(request, "strategy/plan_form.html", {"form": form, "plan": None})


@view_permission(PERMISSION)
def plan_edit(request, tenant_slug: str, pk: int):
    plan = plan_for_staff(pk)
    form = PlanForm(request.POST or None, instance=plan, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        plan_save(plan=form.instance, actor=request.user, changed=form.changed_data)
        messages.success(request, _("The plan has been saved."))
        return _to_plan(request, plan)
    if request.method == "POST":
        plan = plan_for_staff(pk)
    return render(request, "strategy/plan_form.html", {"form": form, "plan": plan})


@view_permission(PERMISSION)
def plan_detail(request, tenant_slug: str, pk: int):
    plan = plan_for_staff(pk)
    return render(request, "strategy/plan_detail.html", {"plan": plan, "goals": plan_structure(plan)})


@view_permission(PERMISSION)
def plan_copy_view(request, tenant_slug: str, pk: int):
    plan = plan_for_staff(pk)
    form = PlanCopyForm(request.POST or None, initial=copy_initial(plan))
    if request.method == "POST" and form.is_valid():
        copy = plan_copy(
            plan=plan,
            title=form.cleaned_data["title"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            actor=request.user,
        )
        messages.success(
            request,
            _("The plan has been copied into “%(title)s”, a draft. Its initiatives are marked as continued.")
            % {"title": copy.title},
        )
        return _to_plan(request, copy)
    return render(request, "strategy/plan_copy.html", {"form": form, "plan": plan})


# --- goals --------------------------------------------------------------------------------------------------------


def _goal_page(request, plan: Plan, goal: Goal | None):
    instance = goal or Goal(tenant=request.tenant, plan=plan)
    form = GoalForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = goal_save(goal=form.instance, actor=request.user, changed=form.changed_data)
        messages.success(request, _("The goal has been saved.") if goal else _("The goal has been added."))
        return _to_plan(request, plan, f"maal-{saved.pk}")
    if goal is not None and request.method == "POST":
        goal = goal_of(plan, goal.pk)
    return render(request, "strategy/goal_form.html", {"form": form, "plan": plan, "goal": goal})


@view_permission(PERMISSION)
def goal_create(request, tenant_slug: str, pk: int):
    return _goal_page(request, plan_for_staff(pk), None)


@view_permission(PERMISSION)
def goal_edit(request, tenant_slug: str, pk: int, goal_pk: int):
    plan = plan_for_staff(pk)
    return _goal_page(request, plan, goal_of(plan, goal_pk))


@view_permission(PERMISSION)
def goal_delete_view(request, tenant_slug: str, pk: int, goal_pk: int):
    plan = plan_for_staff(pk)
    goal = goal_of(plan, goal_pk)
    if request.method == "POST":
        goal_delete(goal=goal, actor=request.user)
        messages.success(request, _("The goal has been deleted."))
        return _to_plan(request, plan)
    context = {
        "plan": plan,
        "goal": goal,
        "initiative_count": goal.initiatives.count(),
        "target_count": goal.targets.count(),
    }
    return render(request, "strategy/goal_delete.html", context)


@require_POST
@view_permission(PERMISSION)
def goal_move_view(request, tenant_slug: str, pk: int, goal_pk: int):
    plan = plan_for_staff(pk)
    goal = goal_of(plan, goal_pk)
    goal_move(goal=goal, direction=_direction(request), actor=request.user)
    messages.success(request, _("The goal “%(title)s” has been moved.") % {"title": goal.title})
    return _to_plan(request, plan, f"maal-{goal.pk}")


# --- initiatives --------------------------------------------------------------------------------------------------


def _initiative_page(request, plan: Plan, goal: Goal, initiative: Initiative | None):
    instance = initiative or Initiative(tenant=request.tenant, goal=goal)
    form = InitiativeForm(request.POST or None, instance=instance, tenant=request.tenant, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = initiative_save(
            initiative=form.instance,
            partners=form.cleaned_data["partners"],
            actor=request.user,
            changed=form.changed_data,
        )
        messages.success(
            request, _("The initiative has been saved.") if initiative else _("The initiative has been added.")
        )
        return _to_plan(request, plan, f"indsats-{saved.pk}")
    if initiative is not None and request.method == "POST":
        initiative = initiative_of(plan, initiative.pk)
    context = {"form": form, "plan": plan, "goal": goal, "initiative": initiative}
    return render(request, "strategy/initiative_form.html", context)


@view_permission(PERMISSION)
def initiative_create(request, tenant_slug: str, pk: int, goal_pk: int):
    plan = plan_for_staff(pk)
    return _initiative_page(request, plan, goal_of(plan, goal_pk), None)


@view_permission(PERMISSION)
def initiative_edit(request, tenant_slug: str, pk: int, initiative_pk: int):
    plan = plan_for_staff(pk)
    initiative = initiative_of(plan, initiative_pk)
    return _initiative_page(request, plan, initiative.goal, initiative)


@view_permission(PERMISSION)
def initiative_delete_view(request, tenant_slug: str, pk: int, initiative_pk: int):
    plan = plan_for_staff(pk)
    initiative = initiative_of(plan, initiative_pk)
    if request.method == "POST":
        initiative_delete(initiative=initiative, actor=request.user)
        messages.success(request, _("The initiative has been deleted."))
        return _to_plan(request, plan, f"maal-{initiative.goal_id}")
    context = {"plan": plan, "initiative": initiative, "target_count": initiative.targets.count()}
    return render(request, "strategy/initiative_delete.html", context)


@require_POST
@view_permission(PERMISSION)
def initiative_move_view(request, tenant_slug: str, pk: int, initiative_pk: int):
    plan = plan_for_staff(pk)
    initiative = initiative_of(plan, initiative_pk)
    initiative_move(initiative=initiative, direction=_direction(request), actor=request.user)
    messages.success(request, _("The initiative “%(title)s” has been moved.") % {"title": initiative.title})
    return _to_plan(request, plan, f"indsats-{initiative.pk}")


# --- targets ------------------------------------------------------------------------------------------------------


def _target_page(request, plan: Plan, goal: Goal, target: Target | None):
    initiatives = Initiative.objects.filter(goal=goal).order_by("position", "pk")
    instance = target or Target(tenant=request.tenant, goal=goal, starts_on=plan.starts_on, deadline=plan.ends_on)
    options = {"instance": instance, "tenant": request.tenant, "goal": goal, "initiatives": initiatives}
    if request.method == "POST" and SHOW_PARAMS in request.POST:
        # The indicator's parameters for the one chosen now, every value typed so far kept; nothing is checked yet.
        typed = {
            name: value for name, value in request.POST.items() if name not in ("csrfmiddlewaretoken", SHOW_PARAMS)
        }
        form = TargetForm(initial=typed, **options)
        for name in form.param_names:
            form.initial.setdefault(name, "")
            if name not in request.POST and form.fields[name].widget.input_type == "checkbox":
                form.initial[name] = False
    elif request.method == "POST":
        form = TargetForm(request.POST, **options)
        if form.is_valid():
            saved = target_save(target=form.apply(), actor=request.user, changed=form.changed_data)
            messages.success(request, _("The target has been saved.") if target else _("The target has been added."))
            return _to_plan(request, plan, f"succeskriterium-{saved.pk}")
        if target is not None:
            target = target_of(plan, target.pk)
    else:
        initial = {}
        chosen = get_id(request.GET, "indsats")
        if target is None and chosen is not None:
            initial["initiative"] = next((i.pk for i in initiatives if i.pk == chosen), None)
        form = TargetForm(initial=initial, **options)
    context = {"form": form, "plan": plan, "goal": goal, "target": target, "show_params": SHOW_PARAMS}
    return render(request, "strategy/target_form.html", context)


@view_permission(PERMISSION)
def target_create(request, tenant_slug: str, pk: int, goal_pk: int):
    plan = plan_for_staff(pk)
    return _target_page(request, plan, goal_of(plan, goal_pk), None)


@view_permission(PERMISSION)
def target_edit(request, tenant_slug: str, pk: int, target_pk: int):
    plan = plan_for_staff(pk)
    target = target_of(plan, target_pk)
    return _target_page(request, plan, target.goal, target)


@view_permission(PERMISSION)
def target_delete_view(request, tenant_slug: str, pk: int, target_pk: int):
    plan = plan_for_staff(pk)
    target = target_of(plan, target_pk)
    if request.method == "POST":
        target_delete(target=target, actor=request.user)
        messages.success(request, _("The target has been deleted."))
        return _to_plan(
            request, plan, f"indsats-{target.initiative_id}" if target.initiative_id else f"maal-{target.goal_id}"
        )
    return render(request, "strategy/target_delete.html", {"plan": plan, "target": target})


@require_POST
@view_permission(PERMISSION)
def target_move_view(request, tenant_slug: str, pk: int, target_pk: int):
    plan = plan_for_staff(pk)
    target = target_of(plan, target_pk)
    target_move(target=target, direction=_direction(request), actor=request.user)
    messages.success(request, _("The target has been moved."))
    return _to_plan(request, plan, f"succeskriterium-{target.pk}")


PLAN = "strategi/planer/<int:pk>/"

urlpatterns = [
    path("strategi/planer/", plan_list, name="plan_list"),
    path("strategi/planer/opret/", plan_create, name="plan_create"),
    path(PLAN, plan_detail, name="plan_detail"),
    path(PLAN + "rediger/", plan_edit, name="plan_edit"),
    path(PLAN + "kopier/", plan_copy_view, name="plan_copy"),
    path(PLAN + "maal/nyt/", goal_create, name="goal_create"),
    path(PLAN + "maal/<int:goal_pk>/", goal_edit, name="goal_edit"),
    path(PLAN + "maal/<int:goal_pk>/slet/", goal_delete_view, name="goal_delete"),
    path(PLAN + "maal/<int:goal_pk>/flyt/", goal_move_view, name="goal_move"),
    path(PLAN + "maal/<int:goal_pk>/indsatser/ny/", initiative_create, name="initiative_create"),
    path(PLAN + "indsatser/<int:initiative_pk>/", initiative_edit, name="initiative_edit"),
    path(PLAN + "indsatser/<int:initiative_pk>/slet/", initiative_delete_view, name="initiative_delete"),
    path(PLAN + "indsatser/<int:initiative_pk>/flyt/", initiative_move_view, name="initiative_move"),
    path(PLAN + "maal/<int:goal_pk>/succeskriterier/nyt/", target_create, name="target_create"),
    path(PLAN + "succeskriterier/<int:target_pk>/", target_edit, name="target_edit"),
    path(PLAN + "succeskriterier/<int:target_pk>/slet/", target_delete_view, name="target_delete"),
    path(PLAN + "succeskriterier/<int:target_pk>/flyt/", target_move_view, name="target_move"),
]
