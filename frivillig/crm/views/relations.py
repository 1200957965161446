"""Collaboration relations between the centre and people or organisations, and the count of new ones in a period."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.exports import export_response
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.crm import exports
from frivillig.crm.forms.relations import RelationEndForm, RelationFilterForm, RelationForm, preselection
from frivillig.crm.selectors.relations import relation_for_staff, relations_for_export, relations_for_list
from frivillig.crm.services.relations import relation_end, relation_save


def _list_in_year_of(relation) -> str:
    """The list for the calendar year the relation started in, so that the saved relation is on the page."""
    year = relation.started_on.year
    url = reverse("crm:relation_list", kwargs={"tenant_slug": relation.tenant.slug})
    return f"{url}?fra={year}-01-01&til={year}-12-31"


@view_permission("crm.view_relations")
def relation_list(request, tenant_slug: str):
    filter_form = RelationFilterForm(request.GET)
    criteria = filter_form.criteria()
    context = {
        "filter_form": filter_form,
        "criteria": criteria,
        "page": paginate(request, relations_for_list(request.tenant, criteria)),
        "today": timezone.localdate(),
    }
    return render_list(request, "crm/collaborationrelation_list.html", context)


@view_permission("crm.manage_relations")
def relation_export(request, tenant_slug: str, fmt: str):
    criteria = RelationFilterForm(request.GET).criteria()
    return export_response(
        fmt,
        filename=f"samarbejdsrelationer-{request.tenant.slug}-{timezone.localdate():%Y-%m-%d}",
        columns=exports.RELATIONS,
        objects=relations_for_export(request.tenant, criteria),
    )


@view_permission("crm.manage_relations")
def relation_create(request, tenant_slug: str):
    form = RelationForm(request.POST or None, tenant=request.tenant, initial=preselection(request.GET, request.tenant))
    if request.method == "POST" and form.is_valid():
        relation = relation_save(relation=form.instance, actor=request.user)
        messages.success(request, _("The collaboration relation has been created."))
        return redirect(_list_in_year_of(relation))
    return render(request, "crm/collaborationrelation_form.html", {"form": form, "relation": None})


@view_permission("crm.manage_relations")
def relation_edit(request, tenant_slug: str, pk: int):
    relation = get_object_or_404(relation_for_staff(request.tenant), pk=pk)
    form = RelationForm(request.POST or None, instance=relation, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        relation_save(relation=form.instance, actor=request.user, changed=form.changed_data)
        messages.success(request, _("The collaboration relation has been saved."))
        return redirect(_list_in_year_of(relation))
    if request.method == "POST":
        relation = get_object_or_404(relation_for_staff(request.tenant), pk=pk)
    return render(request, "crm/collaborationrelation_form.html", {"form": form, "relation": relation})


@view_permission("crm.manage_relations")
def relation_end_view(request, tenant_slug: str, pk: int):
    relation = get_object_or_404(relation_for_staff(request.tenant), pk=pk)
    form = RelationEndForm(request.POST or None, relation=relation)
    if request.method == "POST" and form.is_valid():
        relation_end(relation=relation, ended_on=form.cleaned_data["ended_on"], actor=request.user)
        messages.success(request, _("The collaboration relation has been ended."))
        return redirect(_list_in_year_of(relation))
    return render(request, "crm/collaborationrelation_end.html", {"form": form, "relation": relation})


urlpatterns = [
    path("kontakter/samarbejdsrelationer/", relation_list, name="relation_list"),
    path("kontakter/samarbejdsrelationer/eksport/<str:fmt>/", relation_export, name="relation_export"),
    path("kontakter/samarbejdsrelationer/ny/", relation_create, name="relation_create"),
    path("kontakter/samarbejdsrelationer/<int:pk>/rediger/", relation_edit, name="relation_edit"),
    path("kontakter/samarbejdsrelationer/<int:pk>/afslut/", relation_end_view, name="relation_end"),
]
