"""The centre staff's pages for organisations: list, export, detail, create, edit, archive and restore."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.exports import export_response
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.crm import exports
from frivillig.crm.forms.organisations import OrganisationFilterForm, OrganisationForm
from frivillig.crm.models import Organisation
from frivillig.crm.selectors.organisations import (
    organisation_for_staff,
    organisation_interactions,
    organisation_relations,
    organisation_roles,
    organisations_for_export,
    organisations_for_list,
)
from frivillig.crm.selectors.representatives import (
    invitable_contacts,
    organisation_representative_requests,
    organisation_representatives,
)
from frivillig.crm.services.organisations import organisation_archive, organisation_restore, organisation_save

TIMELINE_LENGTH = 50


@view_permission("crm.view_organisations")
def organisation_list(request, tenant_slug: str):
    filter_form = OrganisationFilterForm(request.GET, tenant=request.tenant)
    criteria = filter_form.criteria()
    context = {
        "filter_form": filter_form,
        "page": paginate(request, organisations_for_list(request.tenant, criteria)),
        "criteria": criteria,
        # What "Save filter" keeps: the criteria alone, without sorting or page.
        "filter_query": urlencode(filter_form.params()),
    }
    return render_list(request, "crm/organisation_list.html", context)


@view_permission("crm.view_register")
def organisation_export(request, tenant_slug: str, fmt: str):
    criteria = OrganisationFilterForm(request.GET, tenant=request.tenant).criteria()
    return export_response(
        fmt,
        filename=f"organisationer-{timezone.localdate():%Y-%m-%d}",
        columns=exports.ORGANISATIONS,
        objects=organisations_for_export(request.tenant, criteria),
    )


@view_permission("crm.view_organisations")
def organisation_detail(request, tenant_slug: str, pk: int):
    organisation = get_object_or_404(organisation_for_staff(request.tenant), pk=pk)
    current_roles, former_roles = organisation_roles(organisation)
    interactions = organisation_interactions(organisation)
    context = {
        "organisation": organisation,
        "current_roles": current_roles,
        "former_roles": former_roles,
        "interactions": interactions[:TIMELINE_LENGTH],
        "interaction_count": interactions.count(),
        "timeline_length": TIMELINE_LENGTH,
        "relations": organisation_relations(organisation),
        "representatives": organisation_representatives(organisation),
        "representative_requests": organisation_representative_requests(organisation),
        "invitable": invitable_contacts(organisation),
        "log_interaction_url": reverse("crm:interaction_create", kwargs={"tenant_slug": request.tenant.slug})
        + f"?organisation={organisation.pk}",
    }
    return render(request, "crm/organisation_detail.html", context)


@view_permission("crm.edit_register")
def organisation_create(request, tenant_slug: str):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = OrganisationForm(data, files, instance=Organisation(), tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_save(
            organisation=form.save(commit=False),
            actor=request.user,
            target_groups=form.cleaned_data["target_groups"],
            activity_areas=form.cleaned_data["activity_areas"],
        )
        messages.success(request, _("%(name)s has been created.") % {"name": organisation.name})
        return redirect("crm:organisation_detail", tenant_slug=request.tenant.slug, pk=organisation.pk)
    return render(request, "crm/organisation_form.html", {"form": form, "organisation": None})


@view_permission("crm.edit_register")
def organisation_edit(request, tenant_slug: str, pk: int):
    organisation = get_object_or_404(organisation_for_staff(request.tenant), pk=pk)
    # The form copies typed values onto the instance; the page's heading and links name the saved organisation.
    saved_name = organisation.name
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = OrganisationForm(data, files, instance=organisation, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_save(
            organisation=form.save(commit=False),
            actor=request.user,
            changed=form.changed_data,
            target_groups=form.cleaned_data["target_groups"],
            activity_areas=form.cleaned_data["activity_areas"],
        )
        messages.success(request, _("The changes to %(name)s have been saved.") % {"name": organisation.name})
        return redirect("crm:organisation_detail", tenant_slug=request.tenant.slug, pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "saved_name": saved_name}
    return render(request, "crm/organisation_form.html", context)


@view_permission("crm.edit_register")
def organisation_archive_view(request, tenant_slug: str, pk: int):
    organisation = get_object_or_404(organisation_for_staff(request.tenant), pk=pk)
    if request.method == "POST":
        if organisation.is_archived:
            messages.info(request, _("%(name)s was already archived.") % {"name": organisation.name})
        else:
            organisation_archive(organisation=organisation, actor=request.user)
            messages.success(
                request,
                _("%(name)s has been archived. You can restore it from its page.") % {"name": organisation.name},
            )
        return redirect("crm:organisation_list", tenant_slug=request.tenant.slug)
    return render(request, "crm/organisation_archive.html", {"organisation": organisation})


@require_POST
@view_permission("crm.edit_register")
def organisation_restore_view(request, tenant_slug: str, pk: int):
    organisation = get_object_or_404(organisation_for_staff(request.tenant), pk=pk)
    if not organisation.is_archived:
        messages.info(request, _("%(name)s is not archived.") % {"name": organisation.name})
    else:
        organisation_restore(organisation=organisation, actor=request.user)
        messages.success(
            request,
            _(
                "%(name)s has been restored. It is not shown in the public directory until you choose so on the "
                "edit page."
            )
            % {"name": organisation.name},
        )
    return redirect("crm:organisation_detail", tenant_slug=request.tenant.slug, pk=organisation.pk)


urlpatterns = [
    path("kontakter/organisationer/", organisation_list, name="organisation_list"),
    path("kontakter/organisationer/eksport/<str:fmt>/", organisation_export, name="organisation_export"),
    path("kontakter/organisationer/ny/", organisation_create, name="organisation_create"),
    path("kontakter/organisationer/<int:pk>/", organisation_detail, name="organisation_detail"),
    path("kontakter/organisationer/<int:pk>/rediger/", organisation_edit, name="organisation_edit"),
    path("kontakter/organisationer/<int:pk>/arkiver/", organisation_archive_view, name="organisation_archive"),
    path("kontakter/organisationer/<int:pk>/genskab/", organisation_restore_view, name="organisation_restore"),
]
