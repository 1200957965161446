"""Who represents the associations, as the centre's staff keep it: the associations nobody represents with a
login, the requests of people who want to, and inviting an organisation's contact person to the role."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.crm.forms.representatives import RepresentativeRequestDeclineForm, UnrepresentedFilterForm
from frivillig.crm.selectors import active_organisations
from frivillig.crm.selectors.representatives import (
    invitable_contacts,
    pending_representative_requests,
    unrepresented_for_list,
)
from frivillig.crm.services.representatives import (
    RepresentativeRequestError,
    representative_invitation_problem,
    representative_invite,
    representative_request_approve,
    representative_request_decline,
)

PERMISSION = "crm.edit_register"


@view_permission(PERMISSION)
def unrepresented_list(request, tenant_slug: str):
    filter_form = UnrepresentedFilterForm(request.GET)
    search = filter_form.search()
    context = {
        "filter_form": filter_form,
        "search": search,
        "page": paginate(request, unrepresented_for_list(request.tenant, search)),
        "requests": pending_representative_requests(request.tenant),
    }
    return render_list(request, "crm/unrepresented_list.html", context)


@view_permission(PERMISSION)
def representative_invite_confirm(request, tenant_slug: str, pk: int, role_pk: int):
    """Invite one of the organisation's contact people to represent it: the page says who, where and to what, and
    only the button on it (a POST) sends the invitation."""
    organisation = get_object_or_404(active_organisations(request.tenant), pk=pk)
    role = get_object_or_404(invitable_contacts(organisation), pk=role_pk)
    person = role.person
    problem = representative_invitation_problem(organisation=organisation, email=person.email)
    if request.method == "POST" and not problem:
        representative_invite(
            organisation=organisation,
            email=person.email,
            invited_by=request.user,
            base_url=site_url(request),
            full_name=person.full_name,
        )
        messages.success(
            request,
            _("%(name)s has been invited to represent %(organisation)s. The link in the e-mail works for 7 days.")
            % {"name": person.full_name, "organisation": organisation.name},
        )
        return redirect("crm:organisation_detail", tenant_slug=request.tenant.slug, pk=organisation.pk)
    context = {"organisation": organisation, "person": person, "problem": problem}
    return render(request, "crm/representative_invite.html", context)


def _pending(request, pk: int):
    return get_object_or_404(pending_representative_requests(request.tenant), pk=pk)


@require_POST
@view_permission(PERMISSION)
def representative_request_approve_view(request, tenant_slug: str, pk: int):
    representative_request = _pending(request, pk)
    try:
        representative_request_approve(
            representative_request=representative_request, actor=request.user, base_url=site_url(request)
        )
    except RepresentativeRequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s has been invited to represent %(organisation)s. The link in the e-mail works for 7 days.")
            % {"name": representative_request.full_name, "organisation": representative_request.organisation.name},
        )
    return redirect("crm:unrepresented_list", tenant_slug=request.tenant.slug)


@view_permission(PERMISSION)
def representative_request_decline_view(request, tenant_slug: str, pk: int):
    representative_request = _pending(request, pk)
    form = RepresentativeRequestDeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            representative_request_decline(
                representative_request=representative_request, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except RepresentativeRequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The request from %(name)s has been declined.") % {"name": representative_request.full_name},
            )
        return redirect("crm:unrepresented_list", tenant_slug=request.tenant.slug)
    context = {"representative_request": representative_request, "form": form}
    return render(request, "crm/representativerequest_decline.html", context)


urlpatterns = [
    path("kontakter/foreninger-uden-repraesentant/", unrepresented_list, name="unrepresented_list"),
    path(
        "kontakter/organisationer/<int:pk>/inviter-repraesentant/<int:role_pk>/",
        representative_invite_confirm,
        name="organisation_invite_representative",
    ),
    path(
        "kontakter/repraesentant-anmodninger/<int:pk>/godkend/",
        representative_request_approve_view,
        name="unrepresented_request_approve",
    ),
    path(
        "kontakter/repraesentant-anmodninger/<int:pk>/afvis/",
        representative_request_decline_view,
        name="unrepresented_request_decline",
    ),
]
