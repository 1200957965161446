"""Asking people, for the centre's staff: a survey's status, the invitation form (choose, see the summary, confirm),
the invitation list, reminders and the open link."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.forms_invitations import InvitationForm, InvitationStateForm
from frivillig.surveys.models import Survey
from frivillig.surveys.selectors import survey_for_staff
from frivillig.surveys.selectors_invitations import invitations_for_list, plan_invitations, reminders_due
from frivillig.surveys.services import SurveyEditRefused
from frivillig.surveys.services_invitations import (
    open_link_create,
    open_link_remove,
    survey_close,
    survey_invite,
    survey_open,
    survey_reopen,
    survey_send_reminders,
)

PERMISSION = "surveys.manage_surveys"
STATUS_ACTIONS = {"aaben": survey_open, "luk": survey_close, "genaaben": survey_reopen}
STATUS_MESSAGES = {
    "aaben": gettext_lazy("The survey is open. You can now invite people to answer."),
    "luk": gettext_lazy("The survey is closed. Nobody can answer it any more."),
    "genaaben": gettext_lazy("The survey is open again."),
}


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(survey_for_staff(request.tenant), pk=pk)


def _to_survey(request, survey: Survey, anchor: str = ""):
    response = redirect("surveys:survey_detail", tenant_slug=request.tenant.slug, pk=survey.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_POST
@view_permission(PERMISSION)
def survey_status(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    action = request.POST.get("handling", "")
    if action not in STATUS_ACTIONS:
        messages.error(request, _("Choose what to do with the survey."))
        return _to_survey(request, survey)
    try:
        STATUS_ACTIONS[action](survey=survey, actor=request.user)
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, str(STATUS_MESSAGES[action]))
    return _to_survey(request, survey)


@view_permission(PERMISSION)
def survey_invite_view(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    context = {"survey": survey}
    if survey.status != SurveyStatus.OPEN:
        return render(request, "surveys/survey_invite_closed.html", context)
    form = InvitationForm(request.POST if request.method == "POST" else None, tenant=request.tenant)
    context["form"] = form
    if request.method != "POST" or "aendr" in request.POST or not form.is_valid():
        return render(request, "surveys/survey_invite.html", context)
    plan = plan_invitations(
        survey,
        member_contacts=form.cleaned_data["member_contacts"],
        saved_filter=form.cleaned_data["saved_filter"],
        criteria=form.criteria(),
        addresses=form.cleaned_data["addresses"],
    )
    context["plan"] = plan
    if "send" not in request.POST or not plan.recipients:
        return render(request, "surveys/survey_invite_summary.html", context)
    try:
        sent = survey_invite(survey=survey, actor=request.user, recipients=plan.recipients, base_url=site_url(request))
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
        return _to_survey(request, survey)
    messages.success(
        request,
        ngettext("%(count)s invitation has been sent.", "%(count)s invitations have been sent.", sent)
        % {"count": sent},
    )
    return redirect("surveys:invitation_list", tenant_slug=request.tenant.slug, pk=survey.pk)


@view_permission(PERMISSION)
def invitation_list(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    state_form = InvitationStateForm(request.GET)
    context = {
        "survey": survey,
        "filter_form": state_form,
        "page": paginate(request, invitations_for_list(survey, state_form.state())),
        "filtered": bool(state_form.state()),
        "reminder_count": reminders_due(survey, now=timezone.now()).count(),
    }
    return render_list(request, "surveys/invitation_list.html", context)


@require_POST
@view_permission(PERMISSION)
def survey_remind(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    sent = survey_send_reminders(survey=survey, actor=request.user, now=timezone.now(), base_url=site_url(request))
    if sent:
        messages.success(
            request,
            ngettext("%(count)s reminder has been sent.", "%(count)s reminders have been sent.", sent)
            % {"count": sent},
        )
    else:
        messages.info(request, _("No reminders were sent: nobody is waiting for one."))
    return redirect("surveys:invitation_list", tenant_slug=request.tenant.slug, pk=survey.pk)


@require_POST
@view_permission(PERMISSION)
def open_link(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    try:
        if request.POST.get("handling") == "sluk":
            open_link_remove(survey=survey, actor=request.user)
            messages.success(request, _("The open link has been turned off. Nobody can answer through it any more."))
        else:
            open_link_create(survey=survey, actor=request.user)
            messages.success(request, _("The open link is ready. Copy it from the survey's page."))
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
    return _to_survey(request, survey, "aabent-link")


urlpatterns = [
    path("undersoegelser/<int:pk>/status/", survey_status, name="survey_status"),
    path("undersoegelser/<int:pk>/inviter/", survey_invite_view, name="survey_invite"),
    path("undersoegelser/<int:pk>/invitationer/", invitation_list, name="invitation_list"),
    path("undersoegelser/<int:pk>/paamind/", survey_remind, name="survey_remind"),
    path("undersoegelser/<int:pk>/aabent-link/", open_link, name="open_link"),
]
