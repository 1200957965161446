"""relations pages of the CRM."""

urlpatterns: list = []
