"""National volunteering pages (namespace "national"): the board across tenants and the volunteer's own pages."""

from frivillig.volunteering.views import applications, board, matching, needs, opportunities, profile

app_name = "national"

urlpatterns = [
    *board.national_urlpatterns,
    *applications.national_urlpatterns,
    *profile.national_urlpatterns,
    *matching.national_urlpatterns,
    *needs.national_urlpatterns,
    *opportunities.national_urlpatterns,
]
