"""The association contact's page for one application, opened from a personal link without logging in (for
associations nobody represents with a login): see it, answer it, renew an expired link, ask to become the
association's representative. And the centre's list of the applications such associations have left unanswered,
from which staff act on the association's behalf or send the link again."""

import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.core.throttle import client_address
from frivillig.crm.selectors.representatives import pending_representative_requests
from frivillig.crm.services.representatives import representative_request_create
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.forms.applications import StatusForm
from frivillig.volunteering.forms.contact_link import RepresentativeRequestForm
from frivillig.volunteering.selectors.applications import (
    applications_without_representative,
    is_unrepresented_association,
    stale_applications_without_representative,
)
from frivillig.volunteering.services.applications import (
    REMINDER_AFTER_DAYS,
    ApplicationError,
    allowed_transitions,
)
from frivillig.volunteering.services.contact_link import (
    CONTACT_LINK_MAX_AGE_DAYS,
    ContactAccess,
    ContactLinkExpired,
    ContactLinkInvalid,
    RenewalRefused,
    application_change_status_by_contact,
    application_decline_by_contact,
    contact_access,
    contact_link_opened,
    contact_link_renew,
    contact_link_send,
)
from frivillig.volunteering.views.applications import decline_page

STAFF_PERMISSION = "volunteering.answer_for_unrepresented"


def _private(response):
    # The page shows a volunteer's contact details and its address is the key: no search engine, no shared cache,
    # and the address is not passed on to another site in the Referer header (same-origin, not no-referrer: the
    # browser would then send "Origin: null" with the page's forms, and the CSRF check rightly refuses that).
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _refused(request, error: Exception, token: str):
    """The page for a link that opens nothing: expired (renewable) or not valid. Neither names the volunteer."""
    if isinstance(error, ContactLinkExpired):
        context = {"token": token, "opportunity": error.access.application.opportunity}
        return _private(render(request, "volunteering/contact_link_expired.html", context, status=410))
    return _private(render(request, "volunteering/contact_link_invalid.html", status=404))


def _status_choices(application) -> list[str]:
    # As in the pipeline, declining has a page of its own: it asks why, and what to tell the volunteer.
    return [status for status in allowed_transitions(application) if status != ApplicationStatus.DECLINED]


def _page(request, access: ContactAccess, *, status_form=None, status: int = 200):
    application = access.application
    allowed = _status_choices(application)
    token = request.resolver_match.kwargs["token"]
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "organisation": application.opportunity.organisation,
        "token": token,
        "status_form": status_form or (StatusForm(allowed=allowed) if allowed else None),
        "may_decline": ApplicationStatus.DECLINED in allowed_transitions(application),
        "status_action": reverse("volunteering:contact_application_status", args=[request.tenant.slug, token]),
        "decline_href": reverse("volunteering:contact_application_decline", args=[request.tenant.slug, token]),
        "days": CONTACT_LINK_MAX_AGE_DAYS,
        "may_ask_to_represent": is_unrepresented_association(request.tenant, application.opportunity.organisation_id),
    }
    return _private(render(request, "volunteering/contact_application.html", context, status=status))


def _with_access(view):
    """The view of one link: it receives the link's access, or the visitor gets the page that says why the link no
    longer works (and how to get a new one)."""

    @functools.wraps(view)
    def with_access(request, tenant_slug: str, token: str):
        try:
            access = contact_access(token, tenant=request.tenant)
        except (ContactLinkExpired, ContactLinkInvalid) as error:
            return _refused(request, error, token)
        return view(request, access, token)

    return with_access


@never_cache
@view_permission(PUBLIC)
@_with_access
def contact_application(request, access: ContactAccess, token: str):
    contact_link_opened(access=access)
    return _page(request, access)


@never_cache
@require_POST
@view_permission(PUBLIC)
@_with_access
def contact_application_status(request, access: ContactAccess, token: str):
    application = access.application
    form = StatusForm(request.POST, allowed=_status_choices(application))
    if not form.is_valid():
        if not allowed_transitions(application):
            messages.error(request, _("The application is closed; its status cannot be changed any more."))
            return redirect("volunteering:contact_application", tenant_slug=request.tenant.slug, token=token)
        return _page(request, access, status_form=form)
    try:
        application_change_status_by_contact(
            access=access, to_status=form.cleaned_data["status"], base_url=site_url(request)
        )
    except ApplicationError as error:
        form.add_error(None, str(error))
        return _page(request, access, status_form=form)
    messages.success(
        request,
        _("%(name)s is now “%(status)s”.")
        % {"name": application.full_name, "status": application.get_status_display()},
    )
    return redirect("volunteering:contact_application", tenant_slug=request.tenant.slug, token=token)


@never_cache
@view_permission(PUBLIC)
@_with_access
def contact_application_decline(request, access: ContactAccess, token: str):
    """Declining from the link: the pipeline's decline form and service (a reason, and the kind message)."""
    application = access.application
    back = redirect("volunteering:contact_application", tenant_slug=request.tenant.slug, token=token)
    if ApplicationStatus.DECLINED not in allowed_transitions(application):
        messages.error(request, _("The application is closed; its status cannot be changed any more."))
        return back
    return _private(
        decline_page(
            request,
            application,
            decline=lambda values: application_decline_by_contact(access=access, base_url=site_url(request), **values),
            done=back,
            template="volunteering/contact_decline.html",
            extra={"token": token},
        )
    )


@never_cache
@require_POST
@view_permission(PUBLIC)
def contact_link_renew_view(request, tenant_slug: str, token: str):
    """ "Send me a new link": only for a genuine link that has expired, and only to the address it was sent to."""
    try:
        contact_access(token, tenant=request.tenant)
    except ContactLinkExpired as expired:
        access = expired.access
    except ContactLinkInvalid as error:
        return _refused(request, error, token)
    else:
        # The link still works: nothing to renew.
        return redirect("volunteering:contact_application", tenant_slug=request.tenant.slug, token=token)
    context = {"token": token, "opportunity": access.application.opportunity}
    try:
        contact_link_renew(access=access, client_address=client_address(request), base_url=site_url(request))
    except RenewalRefused as error:
        context["error"] = str(error)
        return _private(render(request, "volunteering/contact_link_expired.html", context, status=429))
    context["sent"] = True
    return _private(render(request, "volunteering/contact_link_expired.html", context))


@never_cache
@view_permission(PUBLIC)
@_with_access
def contact_representative_request(request, access: ContactAccess, token: str):
    """The association's contact asks the centre to become the association's representative (with a login)."""
    organisation = access.application.opportunity.organisation
    context = {"organisation": organisation, "opportunity": access.application.opportunity, "token": token}
    if not is_unrepresented_association(request.tenant, organisation.pk):
        context["represented"] = True
        return _private(render(request, "volunteering/contact_representative_request.html", context))
    already_asked = (
        pending_representative_requests(request.tenant)
        .filter(organisation=organisation, email__iexact=access.email)
        .exists()
    )
    if already_asked:
        context["already_asked"] = True
        return _private(render(request, "volunteering/contact_representative_request.html", context))
    contact = access.application.opportunity.contact_person
    initial = {}
    if contact is not None and (contact.email or "").strip().lower() == access.email:
        initial = {"full_name": contact.full_name, "phone": contact.phone}
    form = RepresentativeRequestForm(request.POST if request.method == "POST" else None, initial=initial)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        representative_request_create(
            organisation=organisation,
            full_name=form.cleaned_data["full_name"],
            email=access.email,
            phone=form.cleaned_data["phone"],
            message=form.cleaned_data["message"],
        )
        context = {**context, "form": None, "sent": True}
    return _private(render(request, "volunteering/contact_representative_request.html", context))


# --- the centre: applications nobody has answered ------------------------------------------------------------


@view_permission(STAFF_PERMISSION)
def unanswered_applications(request, tenant_slug: str):
    applications = stale_applications_without_representative(request.tenant, days=REMINDER_AFTER_DAYS)
    context = {"page": paginate(request, applications, per_page=50), "days": REMINDER_AFTER_DAYS}
    return render_list(request, "volunteering/contact_unanswered.html", context)


@require_POST
@view_permission(STAFF_PERMISSION)
def unanswered_send_link(request, tenant_slug: str, pk: int):
    application = (
        applications_without_representative(request.tenant)
        .select_related("tenant", "opportunity__organisation", "opportunity__contact_person__user")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    try:
        recipient = contact_link_send(application=application, actor=request.user, base_url=site_url(request))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("A new link to the application from %(name)s has been sent to %(email)s.")
            % {"name": application.full_name, "email": recipient},
        )
    return redirect("volunteering:unanswered_applications", tenant_slug=request.tenant.slug)


urlpatterns = [
    path("frivilligjob/svar/<str:token>/", contact_application, name="contact_application"),
    path("frivilligjob/svar/<str:token>/status/", contact_application_status, name="contact_application_status"),
    path("frivilligjob/svar/<str:token>/afvis/", contact_application_decline, name="contact_application_decline"),
    path("frivilligjob/svar/<str:token>/nyt-link/", contact_link_renew_view, name="contact_link_renew"),
    path(
        "frivilligjob/svar/<str:token>/repraesentant/",
        contact_representative_request,
        name="contact_representative_request",
    ),
    path("frivilligjob/administration/uden-svar/", unanswered_applications, name="unanswered_applications"),
    path(
        "frivilligjob/administration/uden-svar/<int:pk>/send-link/",
        unanswered_send_link,
        name="unanswered_send_link",
    ),
]
