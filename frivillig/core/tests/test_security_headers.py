import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

import frivillig

PACKAGE_DIR = Path(frivillig.__file__).resolve().parent

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)
CHECKS = {
    "inline <script> without src": INLINE_SCRIPT,
    "<style> element": STYLE_ELEMENT,
    "style= attribute": STYLE_ATTRIBUTE,
    "inline event handler": EVENT_HANDLER,
    "javascript: URL": JAVASCRIPT_URL,
}


def template_files() -> list[Path]:
    return sorted(path for path in PACKAGE_DIR.rglob("templates/**/*") if path.is_file())


def violations(text: str) -> list[str]:
    return [name for name, pattern in CHECKS.items() if pattern.search(text)]


def test_csp_policy_forbids_inline_code():
    directives = dict(part.strip().split(" ", 1) for part in settings.CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in settings.CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in settings.CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("persona", "method", "url", "status"),
    [
        ("anonymous", "get", "/", 200),
        ("anonymous", "get", "/alfa/", 200),
        ("anonymous", "get", "/alfa/tilgaengelighed/", 200),
        ("anonymous", "get", "/findes-ikke/", 404),
        ("anonymous", "get", "/konto/profil/", 302),
        ("anonymous", "get", "/konto/log-ud/", 405),
        ("anonymous", "get", "/konto/bekraeft/forkert/", 400),
        ("centre_staff", "get", "/alfa/administration/medlemmer/", 403),
        ("other_staff", "get", "/alfa/administration/medlemmer/", 404),
        ("tenant_admin", "get", "/alfa/administration/log/", 200),
        ("tenant_admin", "post", "/alfa/administration/kontaktoplysninger/", 200),
    ],
)
def test_csp_header_on_every_kind_of_response(client_for, persona, method, url, status):
    response = getattr(client_for(persona), method)(url)
    assert response.status_code == status
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert policy == settings.CONTENT_SECURITY_POLICY


def test_csp_header_on_a_throttled_login(client, personas, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 1
    client.post(reverse("accounts:login"), {"email": "citizen@example.org", "password": "forkert forkert"})
    response = client.post(reverse("accounts:login"), {"email": "citizen@example.org", "password": "forkert"})
    assert response.status_code == 429
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_csp_header_on_an_htmx_fragment(client_for):
    response = client_for("tenant_admin").get(
        reverse("tenants:audit_log", kwargs={"tenant_slug": "alfa"}), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_templates_are_found():
    names = {path.name for path in template_files()}
    assert {"base.html", "404.html", "user_login.html", "membership_list.html", "contentpage_detail.html"} <= names


def test_templates_have_no_inline_script_or_style():
    found = {
        str(path.relative_to(PACKAGE_DIR)): problems
        for path in template_files()
        if (problems := violations(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<script src=\"{% static 'x.js' %}\" defer></script>", []),
        ("<script>alert(1)</script>", ["inline <script> without src"]),
        ('<script type="module">run()</script>', ["inline <script> without src"]),
        ("<style>p { color: red }</style>", ["<style> element"]),
        ('<p class="x" style="color: red">', ["style= attribute"]),
        ('<button onclick="go()">', ["inline event handler"]),
        ('<a href="javascript:go()">', ["javascript: URL"]),
        ('<link rel="stylesheet" href="site.css"><p class="one">Style is ours</p>', []),
        ('<option value="on">', []),
    ],
)
def test_template_scanner_catches_inline_code(snippet, expected):
    assert violations(snippet) == expected
