"""dashboard pages of the CRM."""

urlpatterns: list = []
