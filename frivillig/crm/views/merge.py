"""merge pages of the CRM."""

urlpatterns: list = []
