"""Permission matrix row for the administrator's reset of a colleague's two-factor login."""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "tenants:member_two_factor_reset": tenant_roles(Role.TENANT_ADMIN, kwargs={"pk": "{administration_membership}"}),
}
