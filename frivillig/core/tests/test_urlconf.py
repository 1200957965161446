"""The site's own first path segments come from the URLconf: an app reserves its paths by mounting its pages."""

import pytest
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from frivillig.core.urlconf import site_path_segments
from frivillig.tenants.models import Tenant, validate_slug_not_reserved


def _page(request, **kwargs):
    return HttpResponse("")


# A root URLconf as a new app would extend it: national pages of its own under "nyhedsbreve/", mounted at the
# root through an include without a prefix, beside the tenant's pages.
urlpatterns = [
    path("", _page, name="front_page"),
    path("konto/", _page, name="account"),
    path("", include(([path("nyhedsbreve/", _page, name="newsletters")], "newsletters"))),
    path("<slug:tenant_slug>/", include(([path("", _page, name="home")], "tenants"))),
]


def test_the_site_reserves_the_first_segments_of_its_urlconf_and_of_its_files():
    assert site_path_segments() >= {"admin", "konto", "invitation", "sprog", "frivilligjob", "min-side"}
    assert {"static", "media"} <= site_path_segments()


@override_settings(ROOT_URLCONF=__name__, STATIC_URL="/filer/", MEDIA_URL="https://cdn.example.org/media/")
def test_a_new_apps_national_path_is_reserved_without_naming_the_app_anywhere_else():
    assert site_path_segments() == {"konto", "nyhedsbreve", "filer"}
    with pytest.raises(ValidationError):
        validate_slug_not_reserved("nyhedsbreve")
    validate_slug_not_reserved("frivilligjob")  # not a path of this URLconf


@pytest.mark.django_db
def test_a_tenant_cannot_take_a_path_of_the_site():
    tenant = Tenant(
        name="Konto", slug="konto", kommunekode="999", municipality_name="Konto Kommune", centre_name="Frivilligcenter"
    )
    with pytest.raises(ValidationError) as raised:
        tenant.full_clean()
    assert raised.value.message_dict["slug"] == ["Dette korte navn bruges af hjemmesiden selv. Vælg et andet."]
