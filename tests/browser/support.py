"""Helpers for the browser tests: axe-core, screenshots, bilingual UI texts and the test mailbox."""

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import BrowserContext, Page

from frivillig.testing import PASSWORD, Personas

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = ROOT / "test-results" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({impact: node.impact, target: node.target.map(String).join(" ")})),
  }));
}"""


def accessibility_violations(page: Page, *, via_script_tag: bool = False) -> list[str]:
    """Run axe-core on the page; describe each serious or critical WCAG 2.1 A/AA violation (empty: none).

    axe-core is evaluated through the DevTools protocol, which no CSP governs and which leaves no trace in the
    console, so every browser test runs under the site's real policy. The site's CSP (script-src 'self') blocks
    the inline script that `add_script_tag` writes: `via_script_tag=True` works only in a context made with
    `bypass_csp=True`.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        if via_script_tag:
            page.add_script_tag(path=str(AXE_PATH))
        else:
            page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    if not page.evaluate("() => typeof window.axe === 'object'"):
        pytest.fail(f"axe-core could not be loaded into {page.url} (blocked by the CSP? use bypass_csp=True)")
    violations = page.evaluate(_AXE_RUN, AXE_TAGS)
    lines = []
    for violation in violations:
        if violation["impact"] in FAILING_IMPACTS:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.extend(f"    at {node['target']}" for node in violation["nodes"])
    return lines


def check_accessibility(page: Page, *, via_script_tag: bool = False) -> None:
    """Run axe-core on the page and fail on every serious or critical WCAG 2.1 A/AA violation."""
    lines = accessibility_violations(page, via_script_tag=via_script_tag)
    if lines:
        failing = sum(1 for line in lines if line.startswith("- "))
        header = f"axe-core: {failing} serious/critical accessibility violation(s) on {page.url}:"
        pytest.fail("\n".join([header, *lines]), pytrace=False)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    """Save a picture of the page (`full_page=False`: the viewport only, which leaves an open drawer open)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=full_page)


def visit_checked(page: Page, name: str | None = None) -> None:
    """What happens on every page a journey reaches: axe-core, then (optionally) a screenshot."""
    page.wait_for_load_state("load")
    check_accessibility(page)
    if name:
        screenshot(page, name)


# Added to every page before its own scripts run (a DevTools-injected script is not subject to the CSP): a blocked
# resource, inline style or script reaches the console as an error even where the browser would not say so itself.
REPORT_POLICY_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline"} at ${event.sourceFile || ""}:${event.lineNumber || ""}`);
});
"""


HTMX_ABORT_NOTICES = ("htmx:sendAbort,", "htmx:afterRequest,")


class ConsoleWatch:
    """Listens on every page of the browser contexts it watches: console errors, uncaught exceptions in the
    page's scripts, and CSP violations. The `new_context` fixture fails the test on anything it heard.

    A test that provokes an error on purpose (a 404 page: the browser logs the failed document load) says so with
    `allow(pattern)`; everything else fails."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        self._allowed.append(re.compile(pattern))

    def watch(self, context: BrowserContext) -> None:
        context.add_init_script(REPORT_POLICY_VIOLATIONS)
        context.on("page", self._watch_page)

    def _watch_page(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self._record(f"uncaught error on {page.url}: {error}"))

    def _console(self, page: Page, message) -> None:
        if message.type != "error":
            return
        if message.text.startswith(HTMX_ABORT_NOTICES):
            # htmx logs, as errors, that it dropped a filter request a newer one replaced (hx-sync="this:replace":
            # the person typed or chose again before the answer came). Nothing failed. A request that did fail
            # also logs its own cause ("htmx:sendError", "htmx:responseError", ...), which counts.
            return
        location = message.location or {}
        where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})" if location.get("url") else ""
        self._record(f"console error on {page.url}: {message.text}{where}")

    def _record(self, problem: str) -> None:
        if not any(pattern.search(problem) for pattern in self._allowed):
            self.problems.append(problem)

    def report(self) -> str:
        return "\n".join(
            [f"The browser reported {len(self.problems)} console error(s) or CSP violation(s):", *self.problems]
        )


def ui(english: str, danish: str, *, exact: bool = True) -> re.Pattern:
    """A UI text in either language, so the tests hold whether or not the Danish catalogue is compiled."""
    either = f"(?:{re.escape(english)}|{re.escape(danish)})"
    return re.compile(rf"^\s*{either}\s*$" if exact else either, re.IGNORECASE)


def wait_for_mail(to: str, *, timeout: float = 5.0):
    """The newest message to `to` in the test outbox (the live server runs in this process, so it is shared)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [message for message in mail.outbox if to in message.to]
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            sent = [(message.to, message.subject) for message in mail.outbox]
            pytest.fail(f"No e-mail to {to} arrived within {timeout} s; the outbox holds {sent}")
        time.sleep(0.05)


def link_in(message, path_fragment: str) -> str:
    links = re.findall(r"https?://[^\s<>\"']+", message.body)
    matching = [link for link in links if path_fragment in link]
    assert matching, f"No link containing {path_fragment!r} in the e-mail {message.subject!r}: {message.body}"
    return matching[0]


@dataclass
class Site:
    """The live server's address and the personas in its database."""

    url: str
    personas: Personas

    def __call__(self, path: str) -> str:
        return self.url + path


def log_in_directly(context: BrowserContext, site: Site, user) -> None:
    """Give the browser a logged-in session without the login form (for tests about what comes after it); with
    both factors for one who needs them (conftest.py makes `force_login` verify the session)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": site.url,
                "httpOnly": True,
                "secure": settings.SESSION_COOKIE_SECURE,
                "sameSite": "Lax",
            }
        ]
    )


def submit_login_form(page: Page, email: str, password: str = PASSWORD, *, second_factor: bool = True) -> None:
    """Log in through the form, as a person would: the password, then (for one who needs it) the code from the
    authenticator app. A person who must have a second factor and has none is given one first (as if set up
    earlier); `second_factor=False` stops after the password step (the set-up or code page, for tests of those)."""
    from frivillig.accounts.models import User
    from frivillig.testing import give_second_factor, needs_verified_session, totp_code

    user = User.objects.filter(email__iexact=email).first()
    device = give_second_factor(user) if second_factor and user and needs_verified_session(user) else None
    page.get_by_label(ui("E-mail", "E-mail")).fill(email)
    page.get_by_label(ui("Password", "Adgangskode")).fill(password)
    page.get_by_role("main").get_by_role("button", name=ui("Log in", "Log ind")).click()
    page.wait_for_url(lambda url: "/konto/log-ind/" not in url)
    if device is not None and "/konto/to-trins/kode/" in page.url:
        submit_code(page, totp_code(device, after_last_used=True))


def submit_code(page: Page, code: str) -> None:
    """Type a code at the login's second step ("Indtast kode") and go on."""
    page.get_by_label(ui("Code", "Kode")).fill(code)
    page.get_by_role("main").get_by_role("button", name=ui("Continue", "Fortsæt")).click()
    page.wait_for_url(lambda url: "/konto/to-trins/kode/" not in url)
