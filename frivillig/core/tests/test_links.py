"""Links that leave the page (e-mails, feeds) carry the site's own address: SITE_URL first, else the request's."""

from django.test import RequestFactory, override_settings

from frivillig.accounts import views as account_views
from frivillig.core.links import absolute_url, site_url


@override_settings(SITE_URL="")
def test_site_url_is_the_requests_own_address_when_none_is_configured():
    request = RequestFactory().get("/", secure=True)

    assert site_url(request) == "https://testserver"
    assert absolute_url("/konto/", request) == "https://testserver/konto/"


@override_settings(SITE_URL="https://frivillig.example.dk/")
def test_site_url_prefers_the_configured_address_to_the_host_of_the_request():
    request = RequestFactory().get("/", HTTP_HOST="localhost")

    assert site_url(request) == "https://frivillig.example.dk"
    assert absolute_url("/alfa/", None) == "https://frivillig.example.dk/alfa/"


@override_settings(SITE_URL="", ALLOWED_HOSTS=[".example.dk", "frivillig.example.dk", "*"])
def test_site_url_outside_a_request_takes_the_first_named_host():
    assert site_url() == "https://frivillig.example.dk"


@override_settings(SITE_URL="", ALLOWED_HOSTS=["*"])
def test_site_url_outside_a_request_without_a_named_host_is_empty():
    assert site_url() == ""


def test_the_helper_lives_in_the_kernel_only():
    # Three apps once imported this from accounts' views; the kernel helper replaces it.
    assert not hasattr(account_views, "base_url")
