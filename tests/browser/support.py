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


def accessibility_violations(page: Page, *, via_script_tag: bool = True) -> list[str]:
    """Run axe-core on the page; describe each serious or critical WCAG 2.1 A/AA violation (empty: none).

    The site's CSP (script-src 'self') blocks the inline script that `add_script_tag` writes, so pages checked
    that way need a context made with `bypass_csp=True`. With `via_script_tag=False` the script is evaluated
    through the DevTools protocol instead, which no CSP governs and which leaves no trace in the console: that
    is how the CSP test checks its pages without bypassing the policy.
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


def check_accessibility(page: Page, *, via_script_tag: bool = True) -> None:
    """Run axe-core on the page and fail on every serious or critical WCAG 2.1 A/AA violation."""
    lines = accessibility_violations(page, via_script_tag=via_script_tag)
    if lines:
        failing = sum(1 for line in lines if line.startswith("- "))
        header = f"axe-core: {failing} serious/critical accessibility violation(s) on {page.url}:"
        pytest.fail("\n".join([header, *lines]), pytrace=False)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


def visit_checked(page: Page, name: str | None = None) -> None:
    """What happens on every page a journey reaches: axe-core, then (optionally) a screenshot."""
    page.wait_for_load_state("load")
    check_accessibility(page)
    if name:
        screenshot(page, name)


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
    """Give the browser a logged-in session without the login form (for tests about what comes after it)."""
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


def submit_login_form(page: Page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label(ui("E-mail", "E-mail")).fill(email)
    page.get_by_label(ui("Password", "Adgangskode")).fill(password)
    page.get_by_role("main").get_by_role("button", name=ui("Log in", "Log ind")).click()
    page.wait_for_url(lambda url: "/konto/log-ind/" not in url)
