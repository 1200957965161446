"""The association contact's link (public: the signed link is the key, and a link of another tenant opens nothing)
and the centre's list of applications nobody has answered (centre staff)."""

from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.tenants.enums import Role
from frivillig.testing import make_opportunity, make_person, public_tenant_page, tenant_roles
from frivillig.volunteering.models import Application
from frivillig.volunteering.services.contact_link import contact_token

CASES = {
    "volunteering:contact_application": public_tenant_page(kwargs={"token": "{contact_token}"}),
    "volunteering:contact_application_status": public_tenant_page(
        302, method="post", kwargs={"token": "{contact_token}"}, data={"status": "contacted"}
    ),
    "volunteering:contact_application_decline": public_tenant_page(kwargs={"token": "{contact_token}"}),
    # A link that still works has nothing to renew: the answer leads back to the application.
    "volunteering:contact_link_renew": public_tenant_page(302, method="post", kwargs={"token": "{contact_token}"}),
    "volunteering:contact_representative_request": public_tenant_page(kwargs={"token": "{contact_token}"}),
    "volunteering:unanswered_applications": tenant_roles(Role.CENTRE_STAFF),
    "volunteering:unanswered_send_link": tenant_roles(
        Role.CENTRE_STAFF, status=302, method="post", kwargs={"pk": "{contact_application}"}
    ),
}


def objects(personas) -> dict:
    # Alfa Lektiecafé: an association that nobody represents with a login.
    contact = make_person(personas.tenant, full_name="Matrix Kontakt", email="matrix-kontakt@example.org")
    opportunity = make_opportunity(personas.other_organisation, title="Matrix: lektiecafé", contact_person=contact)
    with scopes_disabled():
        application = Application.objects.create(
            tenant=personas.tenant,
            opportunity=opportunity,
            full_name="Matrix Frivillig",
            email="matrix-frivillig@example.org",
            email_confirmed_at=timezone.now(),
        )
    return {"contact_application": application.pk, "contact_token": contact_token(application, contact.email)}
