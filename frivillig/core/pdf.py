"""PDFs from the same HTML templates as the pages (WeasyPrint): a record, an export, a letter, printed by the server.

WeasyPrint fetches what a document links to (stylesheets, fonts, images). Here it may fetch only this site's own
static files, read from the disk through the static finders (or the collected static root), and `data:` URLs;
anything else, another host, `file:` or a path outside the static files, is refused. A PDF thereby never waits
on the network, never leaks who reads it to a third party, and cannot be made to read the server's files.
"""

import mimetypes
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from PIL import ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from frivillig.core.links import site_url

# Importing WeasyPrint tells Pillow, for the whole process, to accept truncated pictures. The PDFs draw only the
# site's own static files; uploads must keep refusing a truncated picture (core/uploads.py), so the policy is put back.
ImageFile.LOAD_TRUNCATED_IMAGES = False

PDF_TYPE = "application/pdf"
# Where relative links resolve when the site's own address is unknown (a command with no ALLOWED_HOSTS).
FALLBACK_BASE_URL = "http://localhost/"


class RefusedURL(ValueError):
    """A document asked for something other than the site's own static files."""


def _static_file(name: str) -> str | None:
    """The local path of a static file by its name under STATIC_URL, or None."""
    found = finders.find(name)
    if found:
        return found if isinstance(found, str) else found[0]
    # A hashed name ("site.3f2a1b.css") exists only in the collected static root, not in the finders' sources.
    try:
        path = staticfiles_storage.path(name)
    except NotImplementedError:  # a storage that is not on this disk: never fetched over the network
        return None
    return path if staticfiles_storage.exists(name) else None


class LocalStaticFetcher(URLFetcher):
    """Serves the site's static files from the disk and `data:` URLs; refuses every other address."""

    def __init__(self, static_prefix: str):
        super().__init__(allowed_protocols=("data",))
        self.static_prefix = static_prefix

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(self.static_prefix):
            raise RefusedURL(f"Only the site's own static files are fetched for a PDF, not {url}")
        name = unquote(urlsplit(url[len(self.static_prefix) :]).path)
        if not name or name.startswith("/") or "\\" in name or normpath(name) != name or ".." in name.split("/"):
            raise RefusedURL(f"Not a static file's name: {url}")
        path = _static_file(name)
        if path is None:
            raise RefusedURL(f"No such static file: {url}")
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(template_name: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """The template rendered as a PDF: the document's `<title>` becomes the PDF's title, its `lang` the PDF's
    language, and its stylesheets (`@media print` included) lay it out on the page."""
    html = render_to_string(template_name, context, request=request)
    base_url = (site_url(request) or FALLBACK_BASE_URL.rstrip("/")) + "/"
    fetcher = LocalStaticFetcher(urljoin(base_url, settings.STATIC_URL))
    # Tagged, so that a screen reader reads headings, tables and their order (the PDF is a document of a public
    # body); it costs little in size.
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(pdf_tags=True)


def pdf_response(request: HttpRequest, template_name: str, context: dict, *, filename: str) -> HttpResponse:
    """A download of the template as a PDF file named `filename` (".pdf" added unless given, as the table
    exports name theirs). Not kept by any cache: it holds what the reader may see today."""
    if not filename.lower().endswith(".pdf"):
        filename = f"{filename}.pdf"
    response = HttpResponse(render_pdf(template_name, context, request=request), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
