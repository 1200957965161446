"""Signing up (public), the confirmation link (public, national), the pipeline (centre staff and the association's
representatives), and the volunteer's own applications (national, logged in; someone else's → 404)."""

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.tenants.enums import Role
from frivillig.testing import (
    LOGIN,
    PERSONAS,
    Case,
    everyone,
    logged_in,
    make_opportunity,
    public_tenant_page,
    tenant_roles,
)
from frivillig.volunteering.models import Application

KEEPERS = (Role.CENTRE_STAFF, Role.ASSOCIATION_REP)


def _only_the_owner(status: int, **options) -> Case:
    expected: dict[str, int | str] = dict.fromkeys(PERSONAS, 404)
    expected["anonymous"] = LOGIN
    expected["citizen"] = status
    return Case(expected, **options)


CASES = {
    "volunteering:apply": public_tenant_page(kwargs={"pk": "{applications_opportunity}"}),
    "volunteering:pipeline_all": tenant_roles(*KEEPERS),
    "volunteering:pipeline": tenant_roles(*KEEPERS, kwargs={"pk": "{applications_opportunity}"}),
    "volunteering:application_detail": tenant_roles(*KEEPERS, kwargs={"pk": "{applications_application}"}),
    "volunteering:application_status": tenant_roles(
        *KEEPERS,
        status=302,
        method="post",
        kwargs={"pk": "{applications_application}"},
        data={"status": "contacted"},
    ),
    "volunteering:application_decline": tenant_roles(*KEEPERS, kwargs={"pk": "{applications_application}"}),
    "volunteering:application_undo": tenant_roles(
        *KEEPERS, status=302, method="post", kwargs={"pk": "{applications_application}"}, data={"note": "Matrix"}
    ),
    "volunteering:application_note": tenant_roles(
        *KEEPERS, status=302, method="post", kwargs={"pk": "{applications_application}"}, data={"text": "Matrix"}
    ),
    "volunteering:application_child_certificate": tenant_roles(
        *KEEPERS,
        status=302,
        method="post",
        kwargs={"pk": "{applications_certificate_application}"},
        data={"obtained_on": "2024-03-01", "ok": "yes"},
    ),
    "national:confirm_application": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "national:my_applications": logged_in(),
    "national:withdraw_application": _only_the_owner(200, kwargs={"pk": "{applications_own}"}),
}


def objects(personas) -> dict[str, int]:
    citizen = personas.user("citizen")
    opportunity = make_opportunity(personas.organisation, title="Matrix: lektiehjælp")
    certificate_opportunity = make_opportunity(
        personas.organisation, title="Matrix: fodboldtræner", requires_child_certificate=True
    )
    with scopes_disabled():
        application = Application.objects.create(
            tenant=personas.tenant,
            opportunity=opportunity,
            user=citizen,
            full_name=citizen.full_name,
            email=citizen.email,
            email_confirmed_at=timezone.now(),
        )
        certificate_application = Application.objects.create(
            tenant=personas.tenant,
            opportunity=certificate_opportunity,
            full_name="Gæst Gæstesen",
            email="gaest@example.org",
            email_confirmed_at=timezone.now(),
        )
    return {
        "applications_opportunity": opportunity.pk,
        "applications_application": application.pk,
        "applications_certificate_application": certificate_application.pk,
        "applications_own": application.pk,
    }
