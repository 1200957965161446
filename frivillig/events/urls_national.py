"""National event pages (namespace "events_national"): the list of events across tenants."""

from frivillig.events import views_public

app_name = "events_national"

urlpatterns = [*views_public.national_urlpatterns]
