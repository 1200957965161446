import rules

from frivillig.tenants.rules import is_association_rep, is_centre_staff

# Opportunities and their applications: centre staff for every association of the tenant, representatives
# for their own (views narrow to represented organisations).
is_opportunity_keeper = is_centre_staff | is_association_rep
rules.add_perm("volunteering.manage_opportunities", is_opportunity_keeper)
rules.add_perm("volunteering.follow_up_applications", is_opportunity_keeper)
rules.add_perm("volunteering.view_needs_details", is_centre_staff)
rules.add_perm("volunteering.see_suggested_volunteers", is_opportunity_keeper)
# Applications to associations that nobody represents with a login: the centre answers for them and resends the
# association's contact their link.
rules.add_perm("volunteering.answer_for_unrepresented", is_centre_staff)
