"""PDFs from the same HTML templates: made by the server, styled from the site's own static files, never online."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import RequestFactory, override_settings

from frivillig.core.pdf import LocalStaticFetcher, RefusedURL, pdf_response, render_pdf
from frivillig.core.tests.helpers import pdf_titles


def templates(**sources):
    return override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", sources)]},
            }
        ]
    )


RECORD = """{% load static %}<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="{% static 'dkfds/css/dkfds.min.css' %}"></head>
<body><h1>Fortegnelse over behandlingsaktiviteter</h1><h2>Frivillige og ansøgninger</h2>
<p>Ærø</p>{{ extra|safe }}</body>
</html>"""


@templates(**{"record.html": RECORD})
def test_a_pdf_is_made_from_a_template_with_its_title_and_headings():
    pdf = render_pdf("record.html", {"title": "Fortegnelse – Frivilligcenter Ærø", "extra": ""})
    assert pdf.startswith(b"%PDF-")
    titles = pdf_titles(pdf)
    assert "Fortegnelse – Frivilligcenter Ærø" in titles
    assert "Frivillige og ansøgninger" in titles


class CountingHandler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def remote_server():
    server = HTTPServer(("127.0.0.1", 0), CountingHandler)
    CountingHandler.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@templates(**{"record.html": RECORD})
def test_a_remote_address_or_a_local_file_in_a_template_is_never_fetched(remote_server):
    extra = (
        f'<link rel="stylesheet" href="{remote_server}/tracker.css">'
        f'<img src="{remote_server}/pixel.png" alt="">'
        '<img src="file:///etc/hostname" alt="">'
    )
    pdf = render_pdf("record.html", {"title": "Fortegnelse", "extra": extra})
    assert pdf.startswith(b"%PDF-")
    assert CountingHandler.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.org/static/dkfds/css/dkfds.min.css",
        "file:///etc/passwd",
        "http://testserver/media/upload.png",
        "http://testserver/static/../settings.py",
        "http://testserver/static/%2e%2e/settings.py",
        "http://testserver/static//etc/passwd",
        "http://testserver/static/no/such/file.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_sites_static_files(url):
    with pytest.raises((RefusedURL, ValueError)):
        LocalStaticFetcher("http://testserver/static/").fetch(url)


def test_the_fetcher_serves_a_static_file_from_the_disk():
    response = LocalStaticFetcher("http://testserver/static/").fetch("http://testserver/static/frivillig/site.css")
    assert response.content_type == "text/css"
    assert response.read()


@templates(**{"record.html": RECORD})
def test_a_pdf_download_is_an_attachment_no_cache_keeps():
    request = RequestFactory().get("/")
    response = pdf_response(request, "record.html", {"title": "Fortegnelse", "extra": ""}, filename="fortegnelse")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="fortegnelse.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
