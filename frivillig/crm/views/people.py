"""people pages of the CRM."""

urlpatterns: list = []
