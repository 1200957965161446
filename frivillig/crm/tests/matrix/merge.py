"""Permission matrix rows for merging duplicates: centre staff only."""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:organisation_merge": tenant_roles(Role.CENTRE_STAFF),
    "crm:person_merge": tenant_roles(Role.CENTRE_STAFF),
}
