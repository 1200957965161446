from django.test import Client
from django.urls import path

from frivillig.core.permissions import PUBLIC, view_permission


@view_permission(PUBLIC)
def broken(request, tenant_slug=None):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", broken), path("<slug:tenant_slug>/boom/", broken)]
handler500 = "frivillig.core.views.server_error"


def test_server_error_page_renders_in_the_site_layout(settings, personas):
    import frivillig.urls

    settings.ROOT_URLCONF = __name__
    urlpatterns.extend(frivillig.urls.urlpatterns)
    client = Client(raise_request_exception=False)
    for address in ("/boom/", "/alfa/boom/"):
        response = client.get(address)
        assert response.status_code == 500
        content = response.content.decode()
        assert '<main id="main-content"' in content
        assert "Something went wrong" in content or "Der gik noget galt" in content
