"""Permission matrix row for erasing a contact: centre staff, as the person's other pages (the confirmation page;
posting it erases, see tests/test_erasure.py)."""

from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

CASES = {
    "crm:person_erase": tenant_roles(Role.CENTRE_STAFF, kwargs={"pk": "{person_erase_person}"}),
}


def objects(personas) -> dict[str, int]:
    return {"person_erase_person": make_person(personas.tenant, full_name="Matrix Sletning").pk}
