"""The centre staff's pages for people (contacts): list, export, detail, create, edit, archive, roles, consent and
its withdrawal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.access_log import log_access
from frivillig.core.consent import consent_history
from frivillig.core.exports import export_response
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.params import get_id, safe_next
from frivillig.core.permissions import view_permission
from frivillig.crm import exports
from frivillig.crm.forms.people import (
    ConsentForm,
    ConsentWithdrawalForm,
    NewPersonForm,
    OrganisationRoleForm,
    PersonFilterForm,
    PersonForm,
)
from frivillig.crm.models import OrganisationRole, Person
from frivillig.crm.privacy import CONTACT_CONSENT
from frivillig.crm.selectors import active_organisations
from frivillig.crm.selectors.organisations import is_current_role
from frivillig.crm.selectors.people import (
    PersonFilter,
    people_for_export,
    people_for_list,
    person_for_staff,
    person_interactions,
    person_relations,
    person_roles,
    role_for_staff,
)
from frivillig.crm.services.organisations import (
    organisation_role_end,
    organisation_role_save,
    person_archive,
    person_create_with_role,
    person_record_consent,
    person_save,
    person_withdraw_consent,
)
from frivillig.crm.views.organisations import TIMELINE_LENGTH


def _log_notes_search(request, criteria: PersonFilter) -> None:
    """A search over the internal notes is a logged reading: once per request that runs it (a page of the list,
    the live filter's refresh, an export), with the term and no one person as its subject."""
    if criteria.searches_notes:
        log_access(
            actor=request.user,
            tenant=request.tenant,
            subject=None,
            what="crm.person.notes.search",
            request=request,
            search=criteria.search,
        )


@view_permission("crm.view_register")
def person_list(request, tenant_slug: str):
    filter_form = PersonFilterForm(request.GET, tenant=request.tenant)
    criteria = filter_form.criteria()
    _log_notes_search(request, criteria)
    context = {
        "filter_form": filter_form,
        "page": paginate(request, people_for_list(request.tenant, criteria)),
        "criteria": criteria,
    }
    return render_list(request, "crm/person_list.html", context)


@view_permission("crm.view_register")
def person_export(request, tenant_slug: str, fmt: str):
    criteria = PersonFilterForm(request.GET, tenant=request.tenant).criteria()
    _log_notes_search(request, criteria)
    return export_response(
        fmt,
        filename=f"personer-{timezone.localdate():%Y-%m-%d}",
        columns=exports.PEOPLE,
        objects=people_for_export(request.tenant, criteria),
    )


@view_permission("crm.view_register")
def person_detail(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    today = timezone.localdate()
    roles = list(person_roles(person))
    interactions = person_interactions(person)
    context = {
        "person": person,
        "current_roles": [role for role in roles if is_current_role(role, today)],
        "former_roles": [role for role in roles if not is_current_role(role, today)],
        "interactions": interactions[:TIMELINE_LENGTH],
        "interaction_count": interactions.count(),
        "timeline_length": TIMELINE_LENGTH,
        "relations": person_relations(person),
        "consent_form": ConsentForm(),
        "withdrawal_form": ConsentWithdrawalForm(),
        "consent_history": consent_history(person),
        "contact_consent": CONTACT_CONSENT,
        "log_interaction_url": reverse("crm:interaction_create", kwargs={"tenant_slug": request.tenant.slug})
        + f"?person={person.pk}",
    }
    # The page shows the internal notes: a logged reading, whether or not there are any today.
    log_access(actor=request.user, tenant=request.tenant, subject=person, what="crm.person.notes", request=request)
    return render(request, "crm/person_detail.html", context)


@view_permission("crm.edit_register")
def person_create(request, tenant_slug: str):
    organisation = None
    organisation_id = get_id(request.GET, "organisation")
    if organisation_id is not None:
        organisation = get_object_or_404(active_organisations(request.tenant), pk=organisation_id)
    data = request.POST if request.method == "POST" else None
    person = Person()
    if organisation is not None:
        form = NewPersonForm(data, instance=person, tenant=request.tenant, organisation=organisation)
    else:
        form = PersonForm(data, instance=person, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        if organisation is not None:
            person_create_with_role(
                person=form.save(commit=False),
                organisation=organisation,
                role=form.cleaned_data["role"],
                started_on=form.cleaned_data["started_on"],
                actor=request.user,
            )
            messages.success(
                request,
                _("%(person)s has been added to %(organisation)s.")
                % {"person": person.full_name, "organisation": organisation.name},
            )
            return redirect("crm:organisation_detail", tenant_slug=request.tenant.slug, pk=organisation.pk)
        person_save(person=form.save(commit=False), actor=request.user)
        messages.success(request, _("%(name)s has been created.") % {"name": person.full_name})
        return redirect("crm:person_detail", tenant_slug=request.tenant.slug, pk=person.pk)
    return render(request, "crm/person_form.html", {"form": form, "person": None, "organisation": organisation})


@view_permission("crm.edit_register")
def person_edit(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    saved_name = person.full_name
    form = PersonForm(request.POST if request.method == "POST" else None, instance=person, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        person_save(person=form.save(commit=False), actor=request.user, changed=form.changed_data)
        messages.success(request, _("The changes to %(name)s have been saved.") % {"name": person.full_name})
        return redirect("crm:person_detail", tenant_slug=request.tenant.slug, pk=person.pk)
    if request.method == "GET":
        # The form opens with the saved internal notes in it (a re-shown form holds what was just typed).
        log_access(actor=request.user, tenant=request.tenant, subject=person, what="crm.person.notes", request=request)
    return render(request, "crm/person_form.html", {"form": form, "person": person, "saved_name": saved_name})


@view_permission("crm.edit_register")
def person_archive_view(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    if request.method == "POST":
        if person.archived_at is not None:
            messages.info(request, _("%(name)s was already archived.") % {"name": person.full_name})
        else:
            person_archive(person=person, actor=request.user)
            messages.success(request, _("%(name)s has been archived.") % {"name": person.full_name})
        return redirect("crm:person_list", tenant_slug=request.tenant.slug)
    return render(request, "crm/person_archive.html", {"person": person})


@view_permission("crm.edit_register")
def person_consent(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person_record_consent(
            person=person,
            method=form.cleaned_data["method"],
            language=form.cleaned_data["language"],
            actor=request.user,
        )
        messages.success(request, _("The consent of %(name)s has been recorded.") % {"name": person.full_name})
        return redirect("crm:person_detail", tenant_slug=request.tenant.slug, pk=person.pk)
    return render(
        request, "crm/person_consent.html", {"person": person, "form": form, "contact_consent": CONTACT_CONSENT}
    )


@view_permission("crm.edit_register")
def person_consent_withdraw(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    form = ConsentWithdrawalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if person.consent_given_at is None:
            messages.info(request, _("%(name)s has no consent to withdraw.") % {"name": person.full_name})
        else:
            person_withdraw_consent(person=person, method=form.cleaned_data["withdrawal_method"], actor=request.user)
            messages.success(
                request,
                _("The withdrawal of %(name)s's consent has been recorded. The centre may no longer contact them.")
                % {"name": person.full_name},
            )
        return redirect(
            reverse("crm:person_detail", kwargs={"tenant_slug": request.tenant.slug, "pk": person.pk}) + "#consent"
        )
    return render(request, "crm/person_consent_withdraw.html", {"person": person, "form": form})


@view_permission("crm.edit_register")
def role_create(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    role = OrganisationRole(person=person)
    form = OrganisationRoleForm(
        request.POST if request.method == "POST" else None, instance=role, tenant=request.tenant
    )
    if request.method == "POST" and form.is_valid():
        role = organisation_role_save(role=form.save(commit=False), actor=request.user)
        messages.success(
            request,
            _("%(person)s now has the role %(role)s in %(organisation)s.")
            % {"person": person.full_name, "role": role.get_role_display(), "organisation": role.organisation.name},
        )
        return redirect("crm:person_detail", tenant_slug=request.tenant.slug, pk=person.pk)
    return render(request, "crm/organisationrole_form.html", {"form": form, "person": person})


@require_POST
@view_permission("crm.edit_register")
def role_end(request, tenant_slug: str, pk: int):
    role = get_object_or_404(role_for_staff(request.tenant), pk=pk)
    if is_current_role(role):
        organisation_role_end(role=role, actor=request.user)
        messages.success(
            request,
            _("%(person)s no longer has the role %(role)s in %(organisation)s.")
            % {
                "person": role.person.full_name,
                "role": role.get_role_display(),
                "organisation": role.organisation.name,
            },
        )
    else:
        messages.info(request, _("The role had already ended."))
    person_url = reverse("crm:person_detail", kwargs={"tenant_slug": request.tenant.slug, "pk": role.person_id})
    return redirect(safe_next(request, person_url))


urlpatterns = [
    path("kontakter/personer/", person_list, name="person_list"),
    path("kontakter/personer/eksport/<str:fmt>/", person_export, name="person_export"),
    path("kontakter/personer/ny/", person_create, name="person_create"),
    path("kontakter/personer/<int:pk>/", person_detail, name="person_detail"),
    path("kontakter/personer/<int:pk>/rediger/", person_edit, name="person_edit"),
    path("kontakter/personer/<int:pk>/arkiver/", person_archive_view, name="person_archive"),
    path("kontakter/personer/<int:pk>/samtykke/", person_consent, name="person_consent"),
    path("kontakter/personer/<int:pk>/samtykke/tilbagetraek/", person_consent_withdraw, name="person_consent_withdraw"),
    path("kontakter/personer/<int:pk>/roller/ny/", role_create, name="role_create"),
    path("kontakter/roller/<int:pk>/afslut/", role_end, name="role_end"),
]
