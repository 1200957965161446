"""tags pages of the CRM."""

urlpatterns: list = []
