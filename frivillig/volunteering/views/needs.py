"""needs pages of volunteering."""

urlpatterns: list = []
national_urlpatterns: list = []
