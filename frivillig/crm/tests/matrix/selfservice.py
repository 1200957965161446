"""Association self-service: only the association's representatives; everybody else as for staff pages."""

from django_scopes import scopes_disabled

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

CASES = {
    # The persona represents exactly one organisation, so the list sends them straight to its page.
    "crm:my_organisations": tenant_roles(Role.ASSOCIATION_REP, status=302),
    "crm:selfservice_edit": tenant_roles(Role.ASSOCIATION_REP, kwargs={"pk": "{selfservice_organisation}"}),
    "crm:selfservice_contacts": tenant_roles(Role.ASSOCIATION_REP, kwargs={"pk": "{selfservice_organisation}"}),
    "crm:selfservice_contact_end": tenant_roles(
        Role.ASSOCIATION_REP, kwargs={"pk": "{selfservice_organisation}", "role_pk": "{selfservice_role}"}
    ),
    "crm:selfservice_invite": tenant_roles(Role.ASSOCIATION_REP, kwargs={"pk": "{selfservice_organisation}"}),
}


def objects(personas) -> dict[str, int]:
    person = make_person(personas.tenant, full_name="Matrix Kontakt")
    with scopes_disabled():
        role = OrganisationRole.objects.create(
            tenant=personas.tenant,
            organisation=personas.organisation,
            person=person,
            role=OrganisationRoleKind.CONTACT_PERSON,
        )
    return {"selfservice_organisation": personas.organisation.pk, "selfservice_role": role.pk}
