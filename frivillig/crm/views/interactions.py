"""interactions pages of the CRM."""

urlpatterns: list = []
