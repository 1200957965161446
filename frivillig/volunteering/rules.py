import rules

from frivillig.tenants.rules import is_association_rep, is_centre_staff, is_municipal_staff

# Opportunities and their applications: centre staff for every association of the tenant, representatives
# for their own (views narrow to represented organisations).
is_opportunity_keeper = is_centre_staff | is_association_rep
rules.add_perm("volunteering.manage_opportunities", is_opportunity_keeper)
rules.add_perm("volunteering.follow_up_applications", is_opportunity_keeper)
# The needs overview with its figures per association (and their export, which holds no personal data) is also
# the municipality's: it funds the centre and plans with these figures.
rules.add_perm("volunteering.view_needs_details", is_centre_staff | is_municipal_staff)
rules.add_perm("volunteering.see_suggested_volunteers", is_opportunity_keeper)

# Who sees which sections of a tenant's home: the association's (new applications, drafts and closing
# opportunities of the represented associations), the centre staff's "today" and the municipality's overview.
rules.add_perm("volunteering.follow_up_own_applications", is_association_rep)
rules.add_perm("volunteering.help_associations", is_centre_staff)
rules.add_perm("volunteering.oversee_needs", is_municipal_staff)
# Applications to associations that nobody represents with a login: the centre answers for them and resends the
# association's contact their link.
rules.add_perm("volunteering.answer_for_unrepresented", is_centre_staff)
