"""Association self-service: representatives keep their association's public profile and contact people, and
invite colleagues. Every page narrows to the organisations the person represents; any other id is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from frivillig.core.links import site_url
from frivillig.core.permissions import view_permission
from frivillig.crm.forms.representatives import RepresentativeInviteForm
from frivillig.crm.forms.selfservice import ContactPersonForm, OrganisationProfileForm
from frivillig.crm.models import Organisation
from frivillig.crm.selectors import represented_organisations
from frivillig.crm.selectors.directory import representative_contact_roles
from frivillig.crm.services.representatives import representative_invite
from frivillig.crm.services.selfservice import contact_person_add, contact_role_end, organisation_profile_save

PERMISSION = "crm.edit_own_organisation"


def _represented(request, pk: int) -> Organisation:
    return get_object_or_404(represented_organisations(request.user, request.tenant), pk=pk)


@view_permission(PERMISSION)
def my_organisations(request, tenant_slug: str):
    organisations = list(represented_organisations(request.user, request.tenant))
    if len(organisations) == 1:
        return redirect("crm:selfservice_edit", tenant_slug=request.tenant.slug, pk=organisations[0].pk)
    return render(request, "crm/selfservice_list.html", {"organisations": organisations})


@view_permission(PERMISSION)
def selfservice_edit(request, tenant_slug: str, pk: int):
    organisation = _represented(request, pk)
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    form = OrganisationProfileForm(*data, instance=organisation, tenant=request.tenant)
    if request.method == "POST":
        if form.is_valid():
            organisation_profile_save(
                organisation=form.instance,
                actor=request.user,
                changed=form.changed_fields(),
                target_groups=form.cleaned_data["target_groups"],
                activity_areas=form.cleaned_data["activity_areas"],
                logo=form.cleaned_data.get("logo"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )
            messages.success(request, _("The association's profile has been saved."))
            return redirect("crm:selfservice_edit", tenant_slug=request.tenant.slug, pk=organisation.pk)
        # Validation copied the typed values onto the organisation; the page around the form shows the saved ones.
        organisation.refresh_from_db()
    return render(request, "crm/selfservice_edit.html", {"organisation": organisation, "form": form})


@view_permission(PERMISSION)
def selfservice_contacts(request, tenant_slug: str, pk: int):
    organisation = _represented(request, pk)
    form = ContactPersonForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        role = contact_person_add(organisation=organisation, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s has been added as %(role)s.")
            % {"name": role.person.full_name, "role": role.get_role_display().lower()},
        )
        return redirect("crm:selfservice_contacts", tenant_slug=request.tenant.slug, pk=organisation.pk)
    context = {"organisation": organisation, "roles": representative_contact_roles(organisation), "form": form}
    return render(request, "crm/selfservice_contacts.html", context)


@view_permission(PERMISSION)
def selfservice_contact_end(request, tenant_slug: str, pk: int, role_pk: int):
    organisation = _represented(request, pk)
    role = get_object_or_404(representative_contact_roles(organisation), pk=role_pk)
    role.organisation = organisation
    if request.method == "POST":
        contact_role_end(role=role, actor=request.user)
        messages.success(
            request,
            _("%(name)s is no longer %(role)s.")
            % {"name": role.person.full_name, "role": role.get_role_display().lower()},
        )
        return redirect("crm:selfservice_contacts", tenant_slug=request.tenant.slug, pk=organisation.pk)
    return render(request, "crm/selfservice_contact_end.html", {"organisation": organisation, "role": role})


@view_permission(PERMISSION)
def selfservice_invite(request, tenant_slug: str, pk: int):
    organisation = _represented(request, pk)
    form = RepresentativeInviteForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invitation = representative_invite(
            organisation=organisation,
            email=form.cleaned_data["email"],
            invited_by=request.user,
            base_url=site_url(request),
        )
        messages.success(
            request,
            _("The invitation has been sent to %(email)s. The link works for 7 days.") % {"email": invitation.email},
        )
        return redirect("crm:selfservice_edit", tenant_slug=request.tenant.slug, pk=organisation.pk)
    return render(request, "crm/selfservice_invite.html", {"organisation": organisation, "form": form})


urlpatterns = [
    path("min-forening/", my_organisations, name="my_organisations"),
    path("min-forening/<int:pk>/", selfservice_edit, name="selfservice_edit"),
    path("min-forening/<int:pk>/kontaktpersoner/", selfservice_contacts, name="selfservice_contacts"),
    path(
        "min-forening/<int:pk>/kontaktpersoner/<int:role_pk>/afslut/",
        selfservice_contact_end,
        name="selfservice_contact_end",
    ),
    path("min-forening/<int:pk>/inviter/", selfservice_invite, name="selfservice_invite"),
]
