import rules

from frivillig.tenants.rules import is_centre_staff, is_tenant_admin

# The centre builds and runs its surveys; the tenant's administrator may too.
rules.add_perm("surveys.manage_surveys", is_centre_staff | is_tenant_admin)
