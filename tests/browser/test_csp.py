"""The strict Content-Security-Policy holds: the site's own pages cause no CSP violation, in a browser that
enforces the policy (no bypass_csp here)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import check_accessibility, submit_login_form

pytestmark = pytest.mark.browser

# Registered before any of the page's own scripts run; a DevTools-injected script is not subject to the CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || ""}`);
});
"""


def assert_policy_kept(page: Page, console: list[str], failed_assets: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("() => window.__cspViolations || []")
    assert not console, f"CSP violations reported in the console on {page.url}: {console}"
    assert not violations, f"securitypolicyviolation events on {page.url}: {violations}"
    assert not failed_assets, f"Static files that did not load on {page.url}: {failed_assets}"
    # The site's own scripts ran, so the policy allows what the site needs.
    assert page.evaluate("() => typeof window.htmx === 'object' && typeof window.DKFDS === 'object'"), (
        f"htmx or DKFDS did not load on {page.url}"
    )


def test_pages_cause_no_content_security_policy_violations(site, new_context):
    context = new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    failed_assets: list[str] = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on(
        "response",
        lambda response: (
            failed_assets.append(f"{response.status} {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )

    def visit(path: str | None = None) -> None:
        if path is not None:
            page.goto(site(path))
        assert_policy_kept(page, console, failed_assets)
        check_accessibility(page, via_script_tag=False)

    visit("/")
    visit("/alfa/")
    visit("/konto/log-ind/")
    submit_login_form(page, "tenant_admin@alfa.example.org")
    visit()  # where the login leads: the home of the administrator's one tenant
    assert page.url == site("/alfa/")
    visit("/alfa/")  # the tenant page with the administrator's menu
    visit("/alfa/administration/log/")
    # An htmx swap (the log's action filter) must keep the policy too: htmx may inject no inline style or eval.
    page.locator('select[name="handling"]').select_option("accounts.user.logged_in")
    page.wait_for_url(re.compile(r"[?&]handling=accounts\.user\.logged_in"))
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    visit()
