"""The centre staff's saved filters of the organisation list: save the list's filter under a name, the list of
saved filters (each opens the organisation list with its filter), rename and delete."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from frivillig.core.permissions import view_permission
from frivillig.crm.forms.organisations import OrganisationFilterForm
from frivillig.crm.forms.saved_filters import SavedFilterForm
from frivillig.crm.selectors.saved_filters import saved_filter_criteria, saved_filters, saved_filters_for_list
from frivillig.crm.services.saved_filters import (
    SavedFilterNameTaken,
    saved_filter_create,
    saved_filter_delete,
    saved_filter_rename,
)

PERMISSION = "crm.manage_saved_filters"


def organisation_list_url(request, params: dict) -> str:
    address = reverse("crm:organisation_list", kwargs={"tenant_slug": request.tenant.slug})
    return f"{address}?{urlencode(params)}" if params else address


def _filters_url(request) -> str:
    return reverse("crm:organisation_filters", kwargs={"tenant_slug": request.tenant.slug})


@view_permission(PERMISSION)
def organisation_filters(request, tenant_slug: str):
    filters = saved_filters_for_list(request.tenant)
    for saved in filters:
        saved.list_url = organisation_list_url(request, saved.params)
    return render(request, "crm/savedfilter_list.html", {"filters": filters})


@view_permission(PERMISSION)
def organisation_filter_save(request, tenant_slug: str):
    """The organisation list's "Save this filter": its criteria arrive in the address (and are posted back with the
    name), read by the list's own filter form, so only what the list understands is kept."""
    posted = request.method == "POST"
    filter_form = OrganisationFilterForm(request.POST if posted else request.GET, tenant=request.tenant)
    criteria = filter_form.criteria()
    params = filter_form.params()
    form = SavedFilterForm(request.POST if posted else None, tenant=request.tenant)
    if posted and criteria.narrows and form.is_valid():
        try:
            saved = saved_filter_create(
                tenant=request.tenant, name=form.cleaned_data["name"], params=params, actor=request.user
            )
        except SavedFilterNameTaken:
            form.add_error("name", form.taken_error(form.cleaned_data["name"]))
        else:
            messages.success(
                request,
                _("The filter “%(name)s” has been saved. You find it under “Saved filters”.") % {"name": saved.name},
            )
            return redirect(organisation_list_url(request, params))
    context = {
        "form": form,
        "criteria": criteria,
        "params": params,
        "list_url": organisation_list_url(request, params),
    }
    return render(request, "crm/savedfilter_form.html", context)


@view_permission(PERMISSION)
def organisation_filter_rename(request, tenant_slug: str, pk: int):
    saved = get_object_or_404(saved_filters(request.tenant), pk=pk)
    saved_name = saved.name
    form = SavedFilterForm(request.POST if request.method == "POST" else None, tenant=request.tenant, instance=saved)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        try:
            saved_filter_rename(saved_filter=saved, name=name, actor=request.user)
        except SavedFilterNameTaken:
            form.add_error("name", form.taken_error(name))
        else:
            messages.success(
                request, _("The filter “%(old)s” is now called “%(new)s”.") % {"old": saved_name, "new": name}
            )
            return redirect(_filters_url(request))
    context = {
        "form": form,
        "saved_filter": saved,
        "saved_name": saved_name,
        "criteria": saved_filter_criteria(saved),
        "list_url": _filters_url(request),
    }
    return render(request, "crm/savedfilter_form.html", context)


@view_permission(PERMISSION)
def organisation_filter_delete(request, tenant_slug: str, pk: int):
    saved = get_object_or_404(saved_filters(request.tenant), pk=pk)
    if request.method == "POST":
        saved_filter_delete(saved_filter=saved, actor=request.user)
        messages.success(request, _("The filter “%(name)s” has been deleted.") % {"name": saved.name})
        return redirect(_filters_url(request))
    return render(request, "crm/savedfilter_delete.html", {"saved_filter": saved})


PREFIX = "kontakter/organisationer/filtre/"

urlpatterns = [
    path(PREFIX, organisation_filters, name="organisation_filters"),
    path(f"{PREFIX}gem/", organisation_filter_save, name="organisation_filter_save"),
    path(f"{PREFIX}<int:pk>/omdoeb/", organisation_filter_rename, name="organisation_filter_rename"),
    path(f"{PREFIX}<int:pk>/slet/", organisation_filter_delete, name="organisation_filter_delete"),
]
