import rules

from frivillig.tenants.rules import is_centre_staff, is_municipal_staff, is_tenant_admin

# The centre writes its strategy and the municipality its action plan; both follow and report on them, and the
# tenant's administrator may too. The public page of a published plan needs no permission.
rules.add_perm("strategy.manage_plans", is_centre_staff | is_municipal_staff | is_tenant_admin)
# The tenant's choices for the status rules.
rules.add_perm("strategy.change_settings", is_tenant_admin | is_centre_staff)
