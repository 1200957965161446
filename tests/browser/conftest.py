"""Fixtures for the browser tests: one headless Chromium per run, the live server, and the personas in it."""

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from frivillig.testing import build_personas
from tests.browser.support import ConsoleWatch, Site

# Playwright's sync API runs an event loop in the main thread; without this Django's ORM refuses to work there
# (the fixtures and assertions query the database while Playwright is running). Django reads it at query time.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# Long enough for a slow machine, short enough that a missing element fails the test quickly.
TIMEOUT_MS = 15_000


def chromium_executable() -> str:
    configured = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    found = configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else shutil.which(configured)
    if found is None:
        reason = (
            f"Chromium is missing: no executable at {configured!r} (set CHROMIUM_PATH, or apt-get install chromium)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}. CI must run the browser tests.", pytrace=False)
        pytest.skip(reason)
    return found


class LazyChromium:
    """One Chromium for the whole run, started when a test first asks for a browser context.

    Starting it inside the test (not in a fixture) makes a missing Chromium a FAILED test under CI=true, or a
    SKIPPED one elsewhere, rather than a setup error.
    """

    def __init__(self) -> None:
        self._playwright = None
        self._browser: Browser | None = None

    def get(self) -> Browser:
        if self._browser is None:
            executable = chromium_executable()
            playwright = sync_playwright().start()
            try:
                self._browser = playwright.chromium.launch(
                    executable_path=executable, headless=True, args=CHROMIUM_ARGS
                )
            except Exception:
                playwright.stop()  # so the next test reports the same launch error, not a second event loop
                raise
            self._playwright = playwright
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[LazyChromium]:
    lazy = LazyChromium()
    yield lazy
    lazy.close()


@pytest.fixture
def console_watch() -> ConsoleWatch:
    """What the browser reported on this test's pages; `console_watch.allow(pattern)` for an error provoked on
    purpose."""
    return ConsoleWatch()


@pytest.fixture
def new_context(chromium: LazyChromium, console_watch: ConsoleWatch) -> Iterator[Callable[..., BrowserContext]]:
    """Make a fresh browser context (its own cookies: a separate person) with a desktop viewport.

    The site's CSP holds (axe-core is injected past it, see `support.accessibility_violations`), and every page
    is listened to: a console error, an uncaught exception or a CSP violation on any of them fails the test.
    """
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        options = {"locale": "da-DK", "viewport": {"width": 1280, "height": 900}} | options
        context = chromium.get().new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        console_watch.watch(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    if console_watch.problems:
        pytest.fail(console_watch.report(), pytrace=False)


@pytest.fixture
def site(transactional_db, live_server) -> Site:
    """The live server with the personas (tenants Alfa and Charlie, a user per role) in its database."""
    return Site(url=live_server.url, personas=build_personas())
