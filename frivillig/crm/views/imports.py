"""imports pages of the CRM."""

urlpatterns: list = []
