"""Tenant pages of events (namespace "events", under /<tenant>/); the national list is in urls_national."""

from frivillig.events import (
    views_campaigns,
    views_dialogue,
    views_participants,
    views_public,
    views_registration,
    views_staff,
)

app_name = "events"

urlpatterns = [
    *views_staff.urlpatterns,
    *views_public.urlpatterns,
    *views_registration.urlpatterns,
    *views_participants.urlpatterns,
    *views_dialogue.urlpatterns,
    *views_campaigns.urlpatterns,
]
