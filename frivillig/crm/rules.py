import rules

from frivillig.tenants.rules import is_association_rep, is_centre_staff, is_municipal_staff, is_tenant_admin

# The centre's register (organisations, people, interactions, relations) is the centre staff's.
rules.add_perm("crm.view_register", is_centre_staff)
rules.add_perm("crm.edit_register", is_centre_staff)
rules.add_perm("crm.import_register", is_centre_staff)
rules.add_perm("crm.merge_records", is_centre_staff)
rules.add_perm("crm.view_interactions", is_centre_staff)
rules.add_perm("crm.log_interaction", is_centre_staff)
rules.add_perm("crm.view_dashboard", is_centre_staff)
rules.add_perm("crm.manage_relations", is_centre_staff)
rules.add_perm("crm.manage_tags", is_tenant_admin)
# The organisation list's saved filters are a tool of the centre's work (survey invitations use them too).
rules.add_perm("crm.manage_saved_filters", is_centre_staff)
# Representatives keep their own association's public face; views narrow it to the organisations they represent.
rules.add_perm("crm.edit_own_organisation", is_association_rep)

# Municipal staff fund the centre and follow its work: they read the association register and the collaboration
# relations, and keep nothing in them (editing, the people register, interactions and exports stay the centre's).
reads_register = is_centre_staff | is_municipal_staff
rules.add_perm("crm.view_organisations", reads_register)
rules.add_perm("crm.view_relations", reads_register)
# The municipality's overview of the register on the tenant's home.
rules.add_perm("crm.oversee_register", is_municipal_staff)
