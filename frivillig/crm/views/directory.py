"""directory pages of the CRM."""

urlpatterns: list = []
