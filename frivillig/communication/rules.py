import rules

from frivillig.tenants.rules import is_tenant_admin

rules.add_perm("communication.edit_page", is_tenant_admin)
