from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:dashboard": tenant_roles(Role.CENTRE_STAFF),
}
