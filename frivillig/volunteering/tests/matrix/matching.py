"""Permission matrix rows for explained matching: a person's own suggestions (national, logged in), and the
suggested volunteers of an opportunity (centre staff, and the representatives of its association)."""

from frivillig.tenants.enums import Role
from frivillig.testing import logged_in, make_opportunity, tenant_roles

CASES = {
    "national:suggestions": logged_in(),
    "volunteering:suggested_volunteers": tenant_roles(
        Role.CENTRE_STAFF, Role.ASSOCIATION_REP, kwargs={"pk": "{matching_opportunity}"}
    ),
}


def objects(personas) -> dict[str, int]:
    # An opportunity of the association the "association_rep" persona represents.
    return {"matching_opportunity": make_opportunity(personas.organisation).pk}
