"""The site's own address, for links that leave the page: in e-mails, feeds and anything sent later.

`SITE_URL` (settings, from the environment) is the canonical address and wins when it is set: a link in an
e-mail then never depends on the Host header of the request that caused it. Without it, a request's own
scheme and host are used (Django has checked the host against ALLOWED_HOSTS), and outside a request (management
commands) the first named host in ALLOWED_HOSTS, over HTTPS.
"""

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """The address of the site without a trailing slash, e.g. "https://frivillig.example.dk"; "" if unknown."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    hosts = [host for host in settings.ALLOWED_HOSTS if host and host != "*" and not host.startswith(".")]
    return f"https://{hosts[0]}" if hosts else ""


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """The full address of a path of this site (from `reverse`), for use outside the page."""
    return site_url(request) + path
