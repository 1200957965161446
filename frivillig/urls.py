from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from frivillig.accounts.views import switch_language
from frivillig.tenants.views import front_page, invitation_accept_view

tenant_patterns = [
    path("", include("frivillig.tenants.urls")),
    path("", include("frivillig.communication.urls")),
    path("", include("frivillig.crm.urls")),
    path("", include("frivillig.volunteering.urls")),
]

urlpatterns = [
    path("", front_page, name="front_page"),
    path("konto/", include("frivillig.accounts.urls")),
    path("invitation/<str:token>/", invitation_accept_view, name="invitation_accept"),
    path("sprog/", switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
    path("", include("frivillig.volunteering.urls_national")),
    # Last: every other first segment names a tenant (slugs that the site uses are reserved).
    path("<slug:tenant_slug>/", include(tenant_patterns)),
]

handler400 = "frivillig.core.views.bad_request"
handler403 = "frivillig.core.views.permission_denied"
handler404 = "frivillig.core.views.page_not_found"
handler500 = "frivillig.core.views.server_error"

if settings.DEBUG:
    import re

    from django.urls import re_path

    from frivillig.core.uploads import serve_media_for_development

    # With the headers the production proxy sends (README): an uploaded file is never run as a page or script.
    urlpatterns = [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media_for_development,
            name="media_for_development",
        ),
        *urlpatterns,
    ]
