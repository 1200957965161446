"""organisations pages of the CRM."""

urlpatterns: list = []
