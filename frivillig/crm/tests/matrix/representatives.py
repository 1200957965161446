"""Who represents the associations: the centre staff's list of associations without a representative, inviting a
contact person, and answering requests. Municipal staff read the register but do not appoint representatives."""

from django_scopes import scopes_disabled

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole, RepresentativeRequest
from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

REQUEST = {"pk": "{representatives_request}"}

CASES = {
    "crm:unrepresented_list": tenant_roles(Role.CENTRE_STAFF),
    "crm:organisation_invite_representative": tenant_roles(
        Role.CENTRE_STAFF, kwargs={"pk": "{representatives_organisation}", "role_pk": "{representatives_role}"}
    ),
    "crm:unrepresented_request_approve": tenant_roles(
        Role.CENTRE_STAFF, status=302, method="post", kwargs=dict(REQUEST)
    ),
    "crm:unrepresented_request_decline": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(REQUEST)),
}


def objects(personas) -> dict[str, int]:
    organisation = personas.other_organisation  # "Alfa Lektiecafé": nobody represents it
    person = make_person(personas.tenant, full_name="Lise Lektie", email="lise@example.org")
    with scopes_disabled():
        role = OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=organisation, person=person, role=OrganisationRoleKind.CHAIR
        )
        request = RepresentativeRequest.objects.create(
            tenant=personas.tenant, organisation=organisation, full_name="Bo Beder", email="bo@example.org"
        )
    return {
        "representatives_organisation": organisation.pk,
        "representatives_role": role.pk,
        "representatives_request": request.pk,
    }
