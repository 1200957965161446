"""Permission matrix row for a contact's access export as a PDF: centre staff, as for the JSON export."""

from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

CASES = {
    "crm:person_data_pdf": tenant_roles(Role.CENTRE_STAFF, method="post", kwargs={"pk": "{person_data_person}"}),
}


def objects(personas) -> dict[str, int]:
    return {"person_data_person": make_person(personas.tenant, full_name="Matrix Indsigt").pk}
