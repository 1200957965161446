"""Merging duplicate organisations or people: pick two, compare them side by side, keep one."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.permissions import view_permission
from frivillig.crm.forms.merge import (
    MergeConfirmForm,
    MergePickForm,
    organisation_options,
    organisation_pair,
    person_options,
    person_pair,
)
from frivillig.crm.services.merge import MergeError, organisation_merge, person_merge


@dataclass(frozen=True)
class MergeKind:
    url_name: str
    detail_url_name: str
    title: Any
    intro: Any
    labels: tuple[Any, Any]
    same_message: Any
    options: Any
    pair: Any
    merge: Any
    rows: Any


def _text(value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "year"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _organisation_rows(first, second) -> list[tuple[str, str, str]]:
    def address(organisation) -> str:
        town = " ".join(part for part in (organisation.postcode, organisation.town) if part)
        return ", ".join(part for part in (organisation.address, town) if part)

    def tags(organisation, name: str) -> str:
        return ", ".join(tag.label for tag in getattr(organisation, name).all())

    values = [
        (_("Name"), lambda o: o.name),
        (_("Kind"), lambda o: o.get_kind_display()),
        (_("CVR number"), lambda o: o.cvr),
        (_("E-mail"), lambda o: o.email),
        (_("Phone"), lambda o: o.phone),
        (_("Website"), lambda o: o.website),
        (_("Address"), address),
        (_("Purpose"), lambda o: o.purpose),
        (_("Target groups"), lambda o: tags(o, "target_groups")),
        (_("Activity areas"), lambda o: tags(o, "activity_areas")),
        (_("Member since"), lambda o: o.member_since),
        (_("Shown in the public directory"), lambda o: o.is_public),
        (_("Archived"), lambda o: o.archived_at.date() if o.archived_at else None),
        (_("Roles of people"), lambda o: o.role_count),
        (_("Interactions"), lambda o: o.interaction_count),
        (_("Collaboration relations"), lambda o: o.relation_count),
        (_("Association representatives"), lambda o: o.representative_count),
        (_("Invitations"), lambda o: o.invitation_count),
        (_("Created"), lambda o: o.created_at.date()),
    ]
    return [(label, _text(value(first)), _text(value(second))) for label, value in values]


def _person_rows(first, second) -> list[tuple[str, str, str]]:
    values = [
        (_("Name"), lambda p: p.full_name),
        (_("E-mail"), lambda p: p.email),
        (_("Phone"), lambda p: p.phone),
        (_("Department"), lambda p: p.department),
        (_("Job title"), lambda p: p.job_title),
        (_("Login"), lambda p: p.user.email if p.user else None),
        (_("Consent to be contacted"), lambda p: p.consent_given_at.date() if p.consent_given_at else None),
        (_("Archived"), lambda p: p.archived_at.date() if p.archived_at else None),
        (_("Roles in organisations"), lambda p: p.role_count),
        (_("Interactions"), lambda p: p.interaction_count),
        (_("Collaboration relations"), lambda p: p.relation_count),
        (_("Created"), lambda p: p.created_at.date()),
    ]
    return [(label, _text(value(first)), _text(value(second))) for label, value in values]


ORGANISATIONS = MergeKind(
    url_name="crm:organisation_merge",
    detail_url_name="crm:organisation_detail",
    title=gettext_lazy("Merge two organisations"),
    intro=gettext_lazy(
        "Choose two organisations that are the same. Everything attached to the one you do not keep moves to the "
        "one you keep: people's roles, interactions, collaboration relations, association representatives, "
        "invitations, target groups and activity areas. Empty fields of the one you keep get the other's values."
    ),
    labels=(gettext_lazy("First organisation"), gettext_lazy("Second organisation")),
    same_message=gettext_lazy("An organisation cannot be merged with itself. Choose two different ones."),
    options=organisation_options,
    pair=organisation_pair,
    merge=organisation_merge,
    rows=_organisation_rows,
)
PEOPLE = MergeKind(
    url_name="crm:person_merge",
    detail_url_name="crm:person_detail",
    title=gettext_lazy("Merge two people"),
    intro=gettext_lazy(
        "Choose two people who are the same person. Everything attached to the one you do not keep moves to the "
        "one you keep: roles in organisations, interactions and collaboration relations. Empty fields of the one "
        "you keep get the other's values."
    ),
    labels=(gettext_lazy("First person"), gettext_lazy("Second person")),
    same_message=gettext_lazy("A person cannot be merged with themselves. Choose two different people."),
    options=person_options,
    pair=person_pair,
    merge=person_merge,
    rows=_person_rows,
)


def _merge_page(request, kind: MergeKind):
    posted = request.method == "POST"
    data = request.POST if posted else request.GET
    chosen = {name: data.get(name, "") for name in ("a", "b")}
    options = kind.options(request.tenant)
    known = {str(pk) for pk, _label in options}
    if any(value and value not in known for value in chosen.values()):
        # Not one of this tenant's records (another tenant's, a deleted one, or no number at all).
        raise Http404
    # One record chosen (e.g. from its own page) preselects it; two chosen are compared.
    bound = posted or all(chosen.values())
    pick = MergePickForm(
        data if bound else None,
        initial=None if bound else chosen,
        options=options,
        labels=kind.labels,
        same_message=str(kind.same_message),
    )
    context = {"kind": kind, "pick": pick, "first": None, "second": None, "confirm": None, "rows": []}
    if bound and pick.is_valid():
        first, second = kind.pair(request.tenant, (pick.cleaned_data["a"], pick.cleaned_data["b"]))
        confirm = MergeConfirmForm(request.POST if posted else None, first=first, second=second)
        if posted and confirm.is_valid():
            keep, remove = confirm.keep_and_remove()
            try:
                kind.merge(keep=keep, remove=remove, actor=request.user)
            except MergeError as error:
                messages.error(request, str(error))
                return redirect(reverse(kind.url_name, kwargs={"tenant_slug": request.tenant.slug}))
            messages.success(
                request, _("%(removed)s has been merged into %(kept)s.") % {"removed": remove, "kept": keep}
            )
            return redirect(reverse(kind.detail_url_name, kwargs={"tenant_slug": request.tenant.slug, "pk": keep.pk}))
        context.update(first=first, second=second, confirm=confirm, rows=kind.rows(first, second))
    return render(request, "crm/merge_form.html", context)


@view_permission("crm.merge_records")
def organisation_merge_view(request, tenant_slug: str):
    return _merge_page(request, ORGANISATIONS)


@view_permission("crm.merge_records")
def person_merge_view(request, tenant_slug: str):
    return _merge_page(request, PEOPLE)


urlpatterns = [
    path("kontakter/organisationer/flet/", organisation_merge_view, name="organisation_merge"),
    path("kontakter/personer/flet/", person_merge_view, name="person_merge"),
]
