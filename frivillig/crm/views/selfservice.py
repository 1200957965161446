"""selfservice pages of the CRM."""

urlpatterns: list = []
