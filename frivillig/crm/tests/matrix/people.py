"""Permission matrix rows for the staff's pages about people, their roles and consent: centre staff only."""

from django_scopes import scopes_disabled

from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import OrganisationRole
from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

PERSON = {"pk": "{people_person}"}

CASES = {
    "crm:person_list": tenant_roles(Role.CENTRE_STAFF),
    "crm:person_export": tenant_roles(Role.CENTRE_STAFF, kwargs={"fmt": "xlsx"}),
    "crm:person_create": tenant_roles(Role.CENTRE_STAFF),
    "crm:person_detail": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
    "crm:person_edit": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
    "crm:person_archive": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
    "crm:person_consent": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
    "crm:person_data_download": tenant_roles(Role.CENTRE_STAFF, method="post", kwargs=dict(PERSON)),
    "crm:role_create": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
    "crm:role_end": tenant_roles(Role.CENTRE_STAFF, status=302, method="post", kwargs={"pk": "{people_role}"}),
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
    return {"people_person": person.pk, "people_role": role.pk}
