import rules

from frivillig.tenants.rules import is_centre_staff, is_municipal_staff, is_tenant_admin

# The centre runs events, and the municipality its own (dialogue meetings, the collaboration forum, conferences);
# the tenant's administrator may too.
rules.add_perm("events.manage_events", is_centre_staff | is_municipal_staff | is_tenant_admin)
