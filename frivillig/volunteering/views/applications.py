"""Signing up for an opportunity, confirming a guest's e-mail, following applications up in a pipeline, and the
volunteer's own list of applications with withdrawal."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import AUTHENTICATED, PUBLIC, view_permission
from frivillig.core.throttle import client_address
from frivillig.volunteering.enums import OPEN_APPLICATION_STATUSES, ApplicationStatus
from frivillig.volunteering.forms.applications import (
    ChildCertificateForm,
    GuestApplicationForm,
    MemberApplicationForm,
    PipelineFilterForm,
    StatusForm,
)
from frivillig.volunteering.selectors.applications import (
    already_applied,
    application_for_follow_up,
    application_history,
    followed_applications,
    followed_opportunities,
    followed_organisations,
    open_opportunity,
    own_applications,
    pipeline,
    status_counts,
)
from frivillig.volunteering.services.applications import (
    CONFIRMATION_MAX_AGE_DAYS,
    REMINDER_AFTER_DAYS,
    ApplicationError,
    ConfirmationLinkError,
    DuplicateApplication,
    allowed_transitions,
    application_change_status,
    application_confirm,
    application_create,
    application_record_child_certificate,
    application_withdraw,
    register_signup,
    signup_allowed,
)

PERMISSION = "volunteering.follow_up_applications"


# --- signing up -------------------------------------------------------------------------------------------


@view_permission(PUBLIC)
def apply(request, tenant_slug: str, pk: int):
    opportunity = open_opportunity(request.tenant, pk)
    if opportunity is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    data = request.POST if request.method == "POST" else None
    form = MemberApplicationForm(data, user=user) if user else GuestApplicationForm(data)
    context = {"opportunity": opportunity, "form": form, "days": CONFIRMATION_MAX_AGE_DAYS}
    if request.method != "POST":
        context["already_applied"] = user is not None and already_applied(opportunity, user)
        return render(request, "volunteering/application_form.html", context)

    address = client_address(request)
    if not signup_allowed(address):
        context["throttled"] = True
        return render(request, "volunteering/application_form.html", context, status=429)
    if not form.is_valid():
        return render(request, "volunteering/application_form.html", context)
    if not register_signup(address):
        # Parallel sign-ups that all passed the first look: only as many as the limit allows are counted.
        context["throttled"] = True
        return render(request, "volunteering/application_form.html", context, status=429)
    if form.is_robot():
        # Looks like success, saves nothing: a robot learns nothing from the answer.
        context = {"opportunity": opportunity, "guest": True, "days": CONFIRMATION_MAX_AGE_DAYS}
        return render(request, "volunteering/application_thanks.html", context)
    values = form.cleaned_data
    try:
        application = application_create(
            opportunity=opportunity,
            full_name=(user.full_name or user.email) if user else values["full_name"],
            email=user.email if user else values["email"],
            phone=values.get("phone", ""),
            message=values.get("message", ""),
            user=user,
            language=request.LANGUAGE_CODE,
            base_url=site_url(request),
        )
    except DuplicateApplication as error:
        # Only a logged-in person is told: it is their own address. A guest gets the same answer whatever the
        # address has done before (the mail tells its owner).
        form.add_error(None, str(error))
        context["duplicate"] = True
        return render(request, "volunteering/application_form.html", context)
    context = {"opportunity": opportunity, "guest": user is None, "days": CONFIRMATION_MAX_AGE_DAYS}
    if user is not None:
        context["application"] = application
    return render(request, "volunteering/application_thanks.html", context)


@view_permission(PUBLIC)
def confirm_application(request, token: str):
    try:
        application, confirmed_now = application_confirm(token=token, base_url=site_url(request))
    except ConfirmationLinkError as error:
        return render(request, "volunteering/application_confirm.html", {"error": str(error)}, status=400)
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "organisation": application.opportunity.organisation,
        "confirmed_now": confirmed_now,
    }
    return render(request, "volunteering/application_confirm.html", context)


# --- following up ----------------------------------------------------------------------------------------


def _pipeline_context(request, applications, *, filter_form: PipelineFilterForm) -> dict:
    criteria = filter_form.criteria()
    counts = status_counts(applications)
    if criteria.get("organisation") is not None:
        applications = applications.filter(opportunity__organisation=criteria["organisation"])
        counts = status_counts(applications)
    if criteria["status"]:
        applications = applications.filter(status=criteria["status"])
    return {
        "filter_form": filter_form,
        "counts": counts,
        "total": sum(number for _status, _label, number in counts),
        "page": paginate(request, pipeline(applications), per_page=50),
        "selected_status": criteria["status"],
        "filtered": bool(criteria["status"] or criteria.get("organisation")),
        "overdue_before": timezone.now() - timedelta(days=REMINDER_AFTER_DAYS),
        "reminder_days": REMINDER_AFTER_DAYS,
    }


@view_permission(PERMISSION)
def opportunity_pipeline(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(followed_opportunities(request.user, request.tenant), pk=pk)
    applications = followed_applications(request.user, request.tenant).filter(opportunity=opportunity)
    context = _pipeline_context(request, applications, filter_form=PipelineFilterForm(request.GET))
    context["opportunity"] = opportunity
    return render_list(request, "volunteering/application_pipeline.html", context)


@view_permission(PERMISSION)
def pipeline_all(request, tenant_slug: str):
    filter_form = PipelineFilterForm(request.GET, organisations=followed_organisations(request.user, request.tenant))
    applications = followed_applications(request.user, request.tenant)
    context = _pipeline_context(request, applications, filter_form=filter_form)
    return render_list(request, "volunteering/application_pipeline.html", context)


def _followed(request, pk: int):
    application = application_for_follow_up(request.user, request.tenant, pk)
    if application is None:
        raise Http404
    return application


def _detail(request, application, *, status_form=None, certificate_form=None, status: int = 200):
    allowed = allowed_transitions(application)
    if certificate_form is None and application.opportunity.requires_child_certificate:
        certificate_form = ChildCertificateForm(
            initial={
                "obtained_on": application.child_certificate_obtained_on,
                "ok": {True: "yes", False: "no"}.get(application.child_certificate_ok),
            }
        )
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "history": application_history(application),
        "status_form": status_form or (StatusForm(allowed=allowed) if allowed else None),
        "certificate_form": certificate_form,
        "certificate_closed": application.status in (ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN),
    }
    return render(request, "volunteering/application_detail.html", context, status=status)


@view_permission(PERMISSION)
def application_detail(request, tenant_slug: str, pk: int):
    return _detail(request, _followed(request, pk))


@require_POST
@view_permission(PERMISSION)
def application_status(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    form = StatusForm(request.POST, allowed=allowed_transitions(application))
    if not form.is_valid():
        if not allowed_transitions(application):
            messages.error(request, _("The application is closed; its status cannot be changed any more."))
            return redirect("volunteering:application_detail", tenant_slug=request.tenant.slug, pk=application.pk)
        return _detail(request, application, status_form=form)
    try:
        application_change_status(application=application, to_status=form.cleaned_data["status"], actor=request.user)
    except ApplicationError as error:
        form.add_error(None, str(error))
        return _detail(request, application, status_form=form)
    messages.success(
        request,
        _("%(name)s is now “%(status)s”.")
        % {"name": application.full_name, "status": application.get_status_display()},
    )
    return redirect("volunteering:application_detail", tenant_slug=request.tenant.slug, pk=application.pk)


@require_POST
@view_permission(PERMISSION)
def application_child_certificate(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    if not application.opportunity.requires_child_certificate:
        raise Http404
    form = ChildCertificateForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, certificate_form=form)
    try:
        application_record_child_certificate(
            application=application,
            obtained_on=form.cleaned_data["obtained_on"],
            ok=form.cleaned_data["ok"],
            actor=request.user,
        )
    except ApplicationError as error:
        form.add_error(None, str(error))
        return _detail(request, application, certificate_form=form)
    messages.success(request, _("The child certificate has been recorded."))
    return redirect("volunteering:application_detail", tenant_slug=request.tenant.slug, pk=application.pk)


# --- the volunteer's own applications (national) -------------------------------------------------------------


@view_permission(AUTHENTICATED)
def my_applications(request):
    page = paginate(request, own_applications(request.user))
    context = {"page": page, "open_statuses": OPEN_APPLICATION_STATUSES}
    return render(request, "volunteering/application_my_list.html", context)


@view_permission(AUTHENTICATED)
def withdraw_application(request, pk: int):
    application = get_object_or_404(own_applications(request.user), pk=pk)
    if request.method == "POST":
        try:
            application_withdraw(application=application, actor=request.user, base_url=site_url(request))
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your application for “%(title)s” has been withdrawn.") % {"title": application.opportunity.title},
            )
        return redirect("national:my_applications")
    context = {"application": application, "can_withdraw": application.status in OPEN_APPLICATION_STATUSES}
    return render(request, "volunteering/application_withdraw.html", context)


urlpatterns = [
    path("frivilligjob/<int:pk>/tilmeld/", apply, name="apply"),
    path("frivilligjob/administration/ansoegninger/", pipeline_all, name="pipeline_all"),
    path("frivilligjob/administration/ansoegninger/<int:pk>/", application_detail, name="application_detail"),
    path("frivilligjob/administration/ansoegninger/<int:pk>/status/", application_status, name="application_status"),
    path(
        "frivilligjob/administration/ansoegninger/<int:pk>/boerneattest/",
        application_child_certificate,
        name="application_child_certificate",
    ),
    path("frivilligjob/administration/<int:pk>/ansoegninger/", opportunity_pipeline, name="pipeline"),
]

national_urlpatterns = [
    path("frivilligjob/bekraeft/<str:token>/", confirm_application, name="confirm_application"),
    path("min-side/ansoegninger/", my_applications, name="my_applications"),
    path("min-side/ansoegninger/<int:pk>/traek-tilbage/", withdraw_application, name="withdraw_application"),
]
