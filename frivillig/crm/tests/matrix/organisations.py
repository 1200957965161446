"""Permission matrix rows for the staff's organisation pages: centre staff keep them; municipal staff read the list
and the detail page."""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

ORGANISATION = {"pk": "{organisations_organisation}"}

CASES = {
    "crm:organisation_list": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF),
    "crm:organisation_export": tenant_roles(Role.CENTRE_STAFF, kwargs={"fmt": "csv"}),
    "crm:organisation_create": tenant_roles(Role.CENTRE_STAFF),
    "crm:organisation_detail": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, kwargs=dict(ORGANISATION)),
    "crm:organisation_edit": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(ORGANISATION)),
    "crm:organisation_archive": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(ORGANISATION)),
    "crm:organisation_restore": tenant_roles(Role.CENTRE_STAFF, status=302, method="post", kwargs=dict(ORGANISATION)),
}


def objects(personas) -> dict[str, int]:
    return {"organisations_organisation": personas.other_organisation.pk}
