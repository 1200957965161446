"""The public directory: everybody, logged in or not, from any tenant, may read it."""

from frivillig.testing import public_tenant_page

CASES = {
    "crm:directory": public_tenant_page(),
    "crm:directory_detail": public_tenant_page(kwargs={"pk": "{directory_organisation}"}),
}


def objects(personas) -> dict[str, int]:
    # The persona's association is public, so its page answers 200 to everybody.
    return {"directory_organisation": personas.organisation.pk}
