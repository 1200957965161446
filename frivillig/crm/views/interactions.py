"""The interaction log: meetings, calls and advice sessions with organisations and people, and their follow-ups."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.exports import export_response
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import view_permission
from frivillig.crm import exports
from frivillig.crm.forms.interactions import InteractionFilterForm, InteractionForm, preselection
from frivillig.crm.selectors.interactions import interaction_for_staff, interactions_for_export, interactions_for_list
from frivillig.crm.services.interactions import InteractionError, interaction_follow_up_done, interaction_save


@view_permission("crm.view_interactions")
def interaction_list(request, tenant_slug: str):
    filter_form = InteractionFilterForm(request.GET, tenant=request.tenant)
    criteria = filter_form.criteria()
    context = {
        "filter_form": filter_form,
        "page": paginate(request, interactions_for_list(request.tenant, criteria)),
        "filtered": any(value for key, value in request.GET.items() if key not in {"side", "sorter"}),
    }
    return render_list(request, "crm/interaction_list.html", context)


@view_permission("crm.view_interactions")
def interaction_export(request, tenant_slug: str, fmt: str):
    criteria = InteractionFilterForm(request.GET, tenant=request.tenant).criteria()
    return export_response(
        fmt,
        filename=f"henvendelser-{request.tenant.slug}-{timezone.localdate():%Y-%m-%d}",
        columns=exports.INTERACTIONS,
        objects=interactions_for_export(request.tenant, criteria),
    )


@view_permission("crm.log_interaction")
def interaction_create(request, tenant_slug: str):
    form = InteractionForm(
        request.POST or None,
        tenant=request.tenant,
        user=request.user,
        initial=preselection(request.GET, request.tenant),
    )
    if request.method == "POST" and form.is_valid():
        interaction = interaction_save(
            interaction=form.instance,
            actor=request.user,
            organisations=form.cleaned_data["organisations"],
            people=form.cleaned_data["people"],
            topics=form.cleaned_data["topics"],
        )
        messages.success(request, _("The interaction has been logged."))
        return redirect("crm:interaction_detail", tenant_slug=request.tenant.slug, pk=interaction.pk)
    return render(request, "crm/interaction_form.html", {"form": form, "interaction": None})


@view_permission("crm.view_interactions")
def interaction_detail(request, tenant_slug: str, pk: int):
    interaction = get_object_or_404(interaction_for_staff(request.tenant), pk=pk)
    return render(request, "crm/interaction_detail.html", {"interaction": interaction})


@view_permission("crm.log_interaction")
def interaction_edit(request, tenant_slug: str, pk: int):
    interaction = get_object_or_404(interaction_for_staff(request.tenant), pk=pk)
    form = InteractionForm(request.POST or None, instance=interaction, tenant=request.tenant, user=request.user)
    if request.method == "POST" and form.is_valid():
        interaction_save(
            interaction=form.instance,
            actor=request.user,
            organisations=form.cleaned_data["organisations"],
            people=form.cleaned_data["people"],
            topics=form.cleaned_data["topics"],
            changed=form.changed_data,
        )
        messages.success(request, _("The interaction has been saved."))
        return redirect("crm:interaction_detail", tenant_slug=request.tenant.slug, pk=interaction.pk)
    if request.method == "POST":
        # Validation copied the typed values onto the instance; the heading shows the saved ones.
        interaction = get_object_or_404(interaction_for_staff(request.tenant), pk=pk)
    return render(request, "crm/interaction_form.html", {"form": form, "interaction": interaction})


@require_POST
@view_permission("crm.log_interaction")
def interaction_follow_up(request, tenant_slug: str, pk: int):
    interaction = get_object_or_404(interaction_for_staff(request.tenant), pk=pk)
    try:
        interaction_follow_up_done(interaction=interaction, actor=request.user)
    except InteractionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The follow-up has been marked as done."))
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect("crm:dashboard", tenant_slug=request.tenant.slug)
    return redirect("crm:interaction_detail", tenant_slug=request.tenant.slug, pk=interaction.pk)


urlpatterns = [
    path("kontakter/henvendelser/", interaction_list, name="interaction_list"),
    path("kontakter/henvendelser/eksport/<str:fmt>/", interaction_export, name="interaction_export"),
    path("kontakter/henvendelser/ny/", interaction_create, name="interaction_create"),
    path("kontakter/henvendelser/<int:pk>/", interaction_detail, name="interaction_detail"),
    path("kontakter/henvendelser/<int:pk>/rediger/", interaction_edit, name="interaction_edit"),
    path("kontakter/henvendelser/<int:pk>/opfoelgning/", interaction_follow_up, name="interaction_follow_up"),
]
