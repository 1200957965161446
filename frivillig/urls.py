from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from frivillig.accounts.views import switch_language
from frivillig.core.urlconf import NATIONAL_URLS, TENANT_URLS, app_url_includes
from frivillig.tenants.views import front_page, invitation_accept_view, my_home, volunteer_life

# The kernel's pages are mounted here by name; every other app's pages are found in its own `urls.py` (a tenant's
# pages) and `urls_national.py` (pages of no tenant), in INSTALLED_APPS order (core/urlconf.py).
KERNEL_URL_MODULES = ("frivillig.accounts.urls", "frivillig.tenants.urls")

tenant_patterns = [
    path("", include("frivillig.tenants.urls")),
    *app_url_includes(TENANT_URLS, mounted_by_name=KERNEL_URL_MODULES),
]

urlpatterns = [
    path("", front_page, name="front_page"),
    path("min-side/", my_home, name="my_home"),
    path("min-side/frivilligliv/", volunteer_life, name="volunteer_life"),
    path("konto/", include("frivillig.accounts.urls")),
    path("invitation/<str:token>/", invitation_accept_view, name="invitation_accept"),
    path("sprog/", switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
    *app_url_includes(NATIONAL_URLS, mounted_by_name=KERNEL_URL_MODULES),
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
