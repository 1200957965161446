"""Signing up for an opportunity, confirming a guest's e-mail, following applications up in a pipeline, and the
volunteer's own list of applications with withdrawal."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import AUTHENTICATED, PUBLIC, view_permission
from frivillig.core.throttle import client_address
from frivillig.volunteering.enums import OPEN_APPLICATION_STATUSES, ApplicationStatus
from frivillig.volunteering.forms.applications import (
    ChildCertificateForm,
    DeclineForm,
    GuestApplicationForm,
    MemberApplicationForm,
    NoteForm,
    PipelineFilterForm,
    StatusForm,
    UndoForm,
)
from frivillig.volunteering.selectors.applications import (
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
from frivillig.volunteering.selectors.follow_up import application_notes, open_for_sign_up, own_application_for
from frivillig.volunteering.services.applications import (
    CONFIRMATION_MAX_AGE_DAYS,
    REMINDER_AFTER_DAYS,
    ApplicationError,
    ConfirmationLinkError,
    DuplicateApplication,
    NothingToUndo,
    allowed_transitions,
    application_change_status,
    application_confirm,
    application_create,
    application_decline,
    application_note_add,
    application_record_child_certificate,
    application_undo,
    application_withdraw,
    default_decline_message,
    register_signup,
    signup_allowed,
    undoable_step,
    volunteer_language,
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
        own = own_application_for(opportunity, user) if user is not None else None
        # After a withdrawal the page says so and offers the form again: signing up again reopens the application.
        context["withdrawn_application"] = (
            own if own is not None and own.status == ApplicationStatus.WITHDRAWN else None
        )
        context["already_applied"] = own if own is not None and own.status != ApplicationStatus.WITHDRAWN else None
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
        context = {"error": str(error)}
        if error.application is not None:
            # An expired link of ours: the centre's page, with the way back to the opportunity to sign up again.
            context |= {
                "tenant": error.application.tenant,
                "opportunity": error.application.opportunity,
                "sign_up_again": open_for_sign_up(error.application.opportunity),
            }
        return render(request, "volunteering/application_confirm.html", context, status=400)
    # The page carries the centre's name and address, as the sign-up page did.
    context = {
        "tenant": application.tenant,
        "application": application,
        "opportunity": application.opportunity,
        "organisation": application.opportunity.organisation,
        "confirmed_now": confirmed_now,
    }
    return render(request, "volunteering/application_confirm.html", context)


# --- following up ----------------------------------------------------------------------------------------


def _pipeline_context(request, *, opportunity=None, filter_form: PipelineFilterForm) -> dict:
    criteria = filter_form.criteria()
    applications = followed_applications(
        request.user, request.tenant, opportunity=opportunity, organisation=criteria.get("organisation")
    )
    # Counted before the status is chosen: the counts are the links to each status.
    counts = status_counts(applications)
    return {
        "filter_form": filter_form,
        "counts": counts,
        "total": sum(number for _status, _label, number in counts),
        "page": paginate(request, pipeline(applications, status=criteria["status"]), per_page=50),
        "selected_status": criteria["status"],
        "filtered": bool(criteria["status"] or criteria.get("organisation")),
        "overdue_before": timezone.now() - timedelta(days=REMINDER_AFTER_DAYS),
        "reminder_days": REMINDER_AFTER_DAYS,
    }


@view_permission(PERMISSION)
def opportunity_pipeline(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(followed_opportunities(request.user, request.tenant), pk=pk)
    context = _pipeline_context(request, opportunity=opportunity, filter_form=PipelineFilterForm(request.GET))
    context["opportunity"] = opportunity
    return render_list(request, "volunteering/application_pipeline.html", context)


@view_permission(PERMISSION)
def pipeline_all(request, tenant_slug: str):
    filter_form = PipelineFilterForm(request.GET, organisations=followed_organisations(request.user, request.tenant))
    context = _pipeline_context(request, filter_form=filter_form)
    return render_list(request, "volunteering/application_pipeline.html", context)


def _followed(request, pk: int):
    application = application_for_follow_up(request.user, request.tenant, pk)
    if application is None:
        raise Http404
    return application


def _status_choices(application) -> list[str]:
    # Declining has a page of its own: it asks why, and what to tell the volunteer.
    return [status for status in allowed_transitions(application) if status != ApplicationStatus.DECLINED]


def _detail(
    request,
    application,
    *,
    status_form=None,
    certificate_form=None,
    undo_form=None,
    note_form=None,
    status: int = 200,
):
    choices = _status_choices(application)
    if certificate_form is None and application.opportunity.requires_child_certificate:
        certificate_form = ChildCertificateForm(
            initial={
                "obtained_on": application.child_certificate_obtained_on,
                "ok": {True: "yes", False: "no"}.get(application.child_certificate_ok),
            }
        )
    try:
        undo_step, nothing_to_undo = undoable_step(application), ""
    except NothingToUndo as reason:
        undo_step, nothing_to_undo = None, str(reason)
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "history": application_history(application),
        "notes": application_notes(application),
        "status_form": status_form or (StatusForm(allowed=choices) if choices else None),
        "may_decline": ApplicationStatus.DECLINED in allowed_transitions(application),
        "status_action": reverse("volunteering:application_status", args=[request.tenant.slug, application.pk]),
        "decline_href": reverse("volunteering:application_decline", args=[request.tenant.slug, application.pk]),
        "certificate_form": certificate_form,
        "certificate_closed": application.status in (ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN),
        "undo_step": undo_step,
        "nothing_to_undo": nothing_to_undo,
        "undo_form": undo_form or UndoForm(),
        "note_form": note_form or NoteForm(),
    }
    return render(request, "volunteering/application_detail.html", context, status=status)


def _to_detail(request, application):
    return redirect("volunteering:application_detail", tenant_slug=request.tenant.slug, pk=application.pk)


@view_permission(PERMISSION)
def application_detail(request, tenant_slug: str, pk: int):
    return _detail(request, _followed(request, pk))


@require_POST
@view_permission(PERMISSION)
def application_status(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    form = StatusForm(request.POST, allowed=_status_choices(application))
    if not form.is_valid():
        if not allowed_transitions(application):
            messages.error(request, _("The application is closed; its status cannot be changed any more."))
            return redirect("volunteering:application_detail", tenant_slug=request.tenant.slug, pk=application.pk)
        return _detail(request, application, status_form=form)
    try:
        application_change_status(
            application=application,
            to_status=form.cleaned_data["status"],
            actor=request.user,
            base_url=site_url(request),
        )
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


@view_permission(PERMISSION)
def application_decline_page(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    if ApplicationStatus.DECLINED not in allowed_transitions(application):
        messages.error(request, _("The application is closed; its status cannot be changed any more."))
        return _to_detail(request, application)
    return decline_page(
        request,
        application,
        decline=lambda values: application_decline(
            application=application, actor=request.user, base_url=site_url(request), **values
        ),
        done=_to_detail(request, application),
        template="volunteering/application_decline.html",
    )


def decline_page(request, application, *, decline, done, template: str, extra: dict | None = None):
    """The decline form, for the pipeline and for the association contact's link alike: a reason, the
    association's own words and the kind message the volunteer receives, written in their language.
    `decline(values)` calls the caller's service with the form's reason, note and message; `done` is the answer
    once declined."""
    language = volunteer_language(application) or "da"
    if request.method == "POST":
        form = DeclineForm(request.POST)
        if form.is_valid():
            values = {key: form.cleaned_data[key] for key in ("reason", "note", "message")}
            try:
                decline(values)
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("The application from %(name)s has been declined, and the message has been sent.")
                    % {"name": application.full_name},
                )
                return done
    else:
        form = DeclineForm(initial={"message": default_decline_message(application, language=language)})
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "form": form,
        "language_name": _language_name(language),
        **(extra or {}),
    }
    return render(request, template, context)


def _language_name(code: str) -> str:
    # Inside a sentence ("a kind message in Danish"): Danish writes the name of a language in lower case.
    names = {
        "da": pgettext("a language named in a sentence", "Danish"),
        "en": pgettext("a language named in a sentence", "English"),
    }
    return names.get(code, code)


@require_POST
@view_permission(PERMISSION)
def application_undo_view(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    form = UndoForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, undo_form=form)
    try:
        application_undo(
            application=application, note=form.cleaned_data["note"], actor=request.user, base_url=site_url(request)
        )
    except NothingToUndo as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The last change has been undone. %(name)s is “%(status)s” again.")
            % {"name": application.full_name, "status": application.get_status_display()},
        )
    return _to_detail(request, application)


@require_POST
@view_permission(PERMISSION)
def application_note_add_view(request, tenant_slug: str, pk: int):
    application = _followed(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, note_form=form)
    application_note_add(application=application, text=form.cleaned_data["text"], actor=request.user)
    messages.success(request, _("The note has been saved."))
    return _to_detail(request, application)


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
    context = {
        "application": application,
        "can_withdraw": application.status in OPEN_APPLICATION_STATUSES,
        "sign_up_again": application.status == ApplicationStatus.WITHDRAWN
        and open_for_sign_up(application.opportunity),
    }
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
    path(
        "frivilligjob/administration/ansoegninger/<int:pk>/afvis/",
        application_decline_page,
        name="application_decline",
    ),
    path("frivilligjob/administration/ansoegninger/<int:pk>/fortryd/", application_undo_view, name="application_undo"),
    path(
        "frivilligjob/administration/ansoegninger/<int:pk>/noter/", application_note_add_view, name="application_note"
    ),
    path("frivilligjob/administration/<int:pk>/ansoegninger/", opportunity_pipeline, name="pipeline"),
]

national_urlpatterns = [
    path("frivilligjob/bekraeft/<str:token>/", confirm_application, name="confirm_application"),
    path("min-side/ansoegninger/", my_applications, name="my_applications"),
    path("min-side/ansoegninger/<int:pk>/traek-tilbage/", withdraw_application, name="withdraw_application"),
]
