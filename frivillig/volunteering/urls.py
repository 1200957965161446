"""Tenant pages of volunteering (namespace "volunteering", under /<tenant>/); national pages are in urls_national."""

from frivillig.volunteering.views import applications, board, contact_link, matching, needs, opportunities, profile

app_name = "volunteering"

urlpatterns = [
    *opportunities.urlpatterns,
    *applications.urlpatterns,
    *contact_link.urlpatterns,
    *matching.urlpatterns,
    *needs.urlpatterns,
    *profile.urlpatterns,
    *board.urlpatterns,
]
