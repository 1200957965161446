"""Keeping volunteer opportunities: the administration list, create and edit, the status actions (publish,
close, renew), and the public one-click renewal link from the reminder e-mail.

Centre staff keep every organisation's opportunities; representatives only their own organisations' (any other
id is a 404, see selectors.opportunities.keepable_opportunities).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.params import get_id
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.forms.opportunities import CloseForm, OpportunityFilterForm, OpportunityForm, RenewForm
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.opportunities import (
    keepable_opportunities,
    keepable_organisations,
    keeps_every_organisation,
    opportunities_for_manage_list,
    opportunity_for_keeper,
)
from frivillig.volunteering.services.opportunities import (
    MISSING_PIECES,
    PUBLISHING_FIELDS,
    OpportunityStateError,
    missing_for_publishing,
    missing_labels,
    opportunity_close,
    opportunity_from_renewal_token,
    opportunity_publish,
    opportunity_renew,
    opportunity_save,
    renewal_date,
)

PERMISSION = "volunteering.manage_opportunities"


def _edit_redirect(request, opportunity: Opportunity):
    return redirect("volunteering:opportunity_edit", tenant_slug=request.tenant.slug, pk=opportunity.pk)


@view_permission(PERMISSION)
def opportunity_manage_list(request, tenant_slug: str):
    staff = keeps_every_organisation(request.user, request.tenant)
    filter_form = OpportunityFilterForm(
        request.GET, organisations=keepable_organisations(request.user, request.tenant) if staff else None
    )
    criteria = filter_form.criteria()
    context = {
        "filter_form": filter_form,
        "criteria": criteria,
        "page": paginate(request, opportunities_for_manage_list(request.user, request.tenant, criteria)),
        "show_organisation": staff or len(keepable_organisations(request.user, request.tenant)) > 1,
    }
    return render_list(request, "volunteering/opportunity_manage_list.html", context)


@view_permission(PERMISSION)
def opportunity_create(request, tenant_slug: str):
    organisations = keepable_organisations(request.user, request.tenant)
    initial = {}
    chosen = get_id(request.GET, "organisation")
    if chosen is not None:
        initial["organisation"] = chosen
    form = OpportunityForm(
        request.POST if request.method == "POST" else None,
        tenant=request.tenant,
        organisations=organisations,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        opportunity = opportunity_save(opportunity=form.instance, actor=request.user, **form.save_m2m_values())
        messages.success(
            request,
            _("The opportunity has been saved as a draft. Publish it when it is ready, and it will be shown."),
        )
        return _edit_redirect(request, opportunity)
    return render(request, "volunteering/opportunity_form.html", {"form": form, "opportunity": None})


def _status_context(opportunity: Opportunity, form: OpportunityForm) -> dict:
    context = {"close_form": CloseForm(prefix="close"), "renew_form": RenewForm(prefix="renew")}
    missing = missing_for_publishing(opportunity)
    if opportunity.status != OpportunityStatus.DRAFT:
        # Renewing sets a new "open until" date, so the current one is not missing.
        missing = [key for key in missing if key != "expires_on"]
        context["renewal_date"] = renewal_date(opportunity)
    # Each missing piece links to the form field below that gives it.
    context["missing"] = [{"label": str(MISSING_PIECES[key]), "anchor": _anchor(form, key)} for key in missing]
    return context


def _anchor(form: OpportunityForm, piece: str) -> str:
    """The id of the (first) input of the field that gives a piece: a group of checkboxes or radio buttons has no
    id of its own (Django labels none of them as a whole), so its first box stands for it."""
    field = form[PUBLISHING_FIELDS[piece][0]]
    return field.id_for_label or f"{field.auto_id}_0"


@view_permission(PERMISSION)
def opportunity_edit(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(opportunity_for_keeper(request.user, request.tenant), pk=pk)
    form = OpportunityForm(
        request.POST if request.method == "POST" else None,
        instance=opportunity,
        tenant=request.tenant,
        organisations=keepable_organisations(request.user, request.tenant),
    )
    if request.method == "POST":
        if form.is_valid():
            opportunity_save(
                opportunity=form.instance, actor=request.user, changed=form.changed_data, **form.save_m2m_values()
            )
            messages.success(request, _("The opportunity has been saved."))
            if opportunity.status == OpportunityStatus.PUBLISHED:
                missing = missing_for_publishing(opportunity)
                if missing:
                    messages.warning(
                        request,
                        _("The opportunity is shown, but it lacks: %(pieces)s.")
                        % {"pieces": "; ".join(missing_labels(missing))},
                    )
            return _edit_redirect(request, opportunity)
        # Validation copied the typed values onto the opportunity; the page around the form shows the saved ones.
        opportunity.refresh_from_db()
    context = {"form": form, "opportunity": opportunity, **_status_context(opportunity, form)}
    return render(request, "volunteering/opportunity_form.html", context)


@require_POST
@view_permission(PERMISSION)
def opportunity_publish_view(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(keepable_opportunities(request.user, request.tenant), pk=pk)
    try:
        opportunity_publish(opportunity=opportunity, actor=request.user)
    except OpportunityStateError as error:
        messages.error(request, _("The opportunity has not been published. %(reason)s") % {"reason": error})
    else:
        messages.success(
            request,
            _("The opportunity has been published. It is shown until %(date)s.")
            % {"date": _date(opportunity.expires_on)},
        )
    return _edit_redirect(request, opportunity)


@require_POST
@view_permission(PERMISSION)
def opportunity_close_view(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(keepable_opportunities(request.user, request.tenant), pk=pk)
    form = CloseForm(request.POST, prefix="close")
    if not form.is_valid():
        messages.error(request, _("Choose whether the opportunity is filled or closed."))
        return _edit_redirect(request, opportunity)
    try:
        opportunity_close(opportunity=opportunity, actor=request.user, status=form.cleaned_data["status"])
    except OpportunityStateError as error:
        messages.error(request, str(error))
    else:
        if opportunity.status == OpportunityStatus.FILLED:
            messages.success(request, _("The opportunity is marked as filled and is no longer shown. Congratulations."))
        else:
            messages.success(request, _("The opportunity has been closed and is no longer shown."))
    return _edit_redirect(request, opportunity)


@require_POST
@view_permission(PERMISSION)
def opportunity_renew_view(request, tenant_slug: str, pk: int):
    opportunity = get_object_or_404(keepable_opportunities(request.user, request.tenant), pk=pk)
    form = RenewForm(request.POST, prefix="renew")
    if not form.is_valid():
        for error in form.errors.get("expires_on", []):
            messages.error(request, error)
        return _edit_redirect(request, opportunity)
    try:
        opportunity_renew(opportunity=opportunity, actor=request.user, expires_on=form.cleaned_data["expires_on"])
    except OpportunityStateError as error:
        messages.error(request, _("The opportunity has not been renewed. %(reason)s") % {"reason": error})
    else:
        messages.success(
            request,
            _("The opportunity has been renewed. It is shown until %(date)s.")
            % {"date": _date(opportunity.expires_on)},
        )
    return _edit_redirect(request, opportunity)


@view_permission(PUBLIC)
def opportunity_renew_link(request, tenant_slug: str, token: str):
    """The one-click renewal from the reminder e-mail: no login, the signed link is the key."""
    try:
        opportunity = opportunity_from_renewal_token(token, tenant=request.tenant)
    except OpportunityStateError as error:
        return render(request, "volunteering/opportunity_renew_link.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        try:
            opportunity_renew(opportunity=opportunity, actor=request.user, via="link")
        except OpportunityStateError as error:
            context = {"opportunity": opportunity, "error": str(error)}
            return render(request, "volunteering/opportunity_renew_link.html", context, status=400)
        return render(request, "volunteering/opportunity_renew_link.html", {"opportunity": opportunity, "done": True})
    context = {"opportunity": opportunity, "new_date": renewal_date(opportunity)}
    return render(request, "volunteering/opportunity_renew_link.html", context)


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


urlpatterns = [
    path("frivilligjob/administration/", opportunity_manage_list, name="opportunity_manage_list"),
    path("frivilligjob/administration/ny/", opportunity_create, name="opportunity_create"),
    path("frivilligjob/administration/<int:pk>/", opportunity_edit, name="opportunity_edit"),
    path(
        "frivilligjob/administration/<int:pk>/offentliggoer/",
        opportunity_publish_view,
        name="opportunity_publish",
    ),
    path("frivilligjob/administration/<int:pk>/luk/", opportunity_close_view, name="opportunity_close"),
    path("frivilligjob/administration/<int:pk>/forny/", opportunity_renew_view, name="opportunity_renew"),
    path("frivilligjob/forny/<str:token>/", opportunity_renew_link, name="opportunity_renew_link"),
]
national_urlpatterns: list = []
