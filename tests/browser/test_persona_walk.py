"""Every page a persona can reach from its home, walked breadth-first and checked like the journeys' pages.

For each persona the walk logs in, opens the persona's home and follows every same-origin link (`<a href>` only,
GET only: forms are never submitted, so nothing is logged out, switched or archived; a link to "archive" or
"remove" opens the page that asks, which acts only on POST, and is checked like any page). Each page must answer
below 400, pass axe-core at desktop width (no serious or critical WCAG 2.1 A/AA violation) and, at 320 CSS
pixels (WCAG 1.4.10 Reflow), not scroll sideways. The walk is bounded: at most MAX_PAGES pages per persona and
a few addresses per kind of page (other ids and query strings of a page already seen add little).

The pages that the journeys never reach are named in MUST_VISIT, and the walk fails if it did not get there:
a link that disappears, or a page that stops answering, cannot silently shrink what is checked.
"""

import re
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from frivillig.core.access_log import log_access
from frivillig.crm.enums import InteractionKind, OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Person, Tag
from frivillig.crm.services.interactions import interaction_save
from frivillig.crm.services.organisations import organisation_role_save, organisation_save, person_save
from frivillig.crm.services.relations import relation_save
from frivillig.tenants.models import Tenant
from frivillig.testing import make_opportunity
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, VolunteerProfile
from frivillig.volunteering.search import refresh_search_fields
from tests.browser.support import AXE_PATH, accessibility_violations, log_in_directly

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
MAX_PAGES = 60
# Addresses per kind of page: "/kontakter/personer/7/" and "/kontakter/personer/8/" are one kind, and so are
# "/frivilligjob/" and "/frivilligjob/?side=2".
PER_KIND = 2

# Where each persona lands: the front page, or after logging in "My page" (their own volunteer page, or the home of
# the tenant where they hold a role).
HOMES = {
    "anonymous": "/",
    "citizen": "/min-side/",
    "association_rep": "/min-side/",
    "centre_staff": "/min-side/",
    "municipal_staff": "/min-side/",
    "tenant_admin": "/min-side/",
}

ORGANISATIONS = "/alfa/kontakter/organisationer/"
PEOPLE = "/alfa/kontakter/personer/"
INTERACTIONS = "/alfa/kontakter/henvendelser/"
RELATIONS = "/alfa/kontakter/samarbejdsrelationer/"
IMPORT = "/alfa/kontakter/import/"
IMPORT_PREVIEW = "/alfa/kontakter/import/gennemse/"

# The pages each persona must reach (by address, without the query string): what they are, and a text from the
# seeded records that they show (None for forms), so that no page is checked only in its empty state.
MUST_VISIT = {
    "anonymous": {
        "/frivilligjob/": ("the national board of volunteer opportunities", "Træner for et motionshold"),
        "/alfa/": ("the volunteer centre's front page", None),
        "/alfa/foreninger/": ("the directory of associations", "Alfa Lektiecafé"),
        "/alfa/frivilligjob/": ("the centre's board of volunteer opportunities", "Besøgsven hos en ældre"),
        "/alfa/mangler-frivillige/": ("where volunteers are lacking", "4180"),
    },
    "citizen": {
        "/frivilligjob/": ("the national board of volunteer opportunities", "Lektiehjælper i lektiecaféen"),
        "/min-side/forslag/": ("the suggestions (Forslag til dig)", "Lektiehjælper i lektiecaféen"),
        "/min-side/frivilligprofil/": ("the volunteer profile", None),
        "/min-side/ansoegninger/": ("the volunteer's own applications", "Besøgsven hos en ældre"),
    },
    "association_rep": {
        "/alfa/min-forening/": ("the representative's association", "Alfa Besøgsvenner"),
        "/alfa/frivilligjob/administration/": ("the association's volunteer opportunities", "Kasserer til bestyrelsen"),
        "/alfa/frivilligjob/administration/ansoegninger/": ("the association's applications", "Cecilie Borger"),
    },
    "centre_staff": {
        "/alfa/medarbejder/": ("the staff overview", "Birgitte Bestyrelse"),
        ORGANISATIONS: ("the CRM list of organisations", "Alfa Kommune, Socialforvaltningen"),
        PEOPLE: ("the CRM list of people", "Karin Kommune"),
        INTERACTIONS: ("the CRM list of interactions", "Rådgivning om fondsansøgning"),
        RELATIONS: ("the CRM list of collaboration relations", "Besøgsvenner på plejecentrene"),
        IMPORT: ("the import of a spreadsheet", None),
        IMPORT_PREVIEW: ("the preview of an import", "Alfa Strikkeklub"),
        "/alfa/frivilligjob/administration/ansoegninger/": ("all applications", "Cecilie Borger"),
    },
    "municipal_staff": {
        "/alfa/mangler-frivillige/": ("where volunteers are lacking", "4180"),
        "/alfa/foreninger/": ("the directory of associations", "Alfa Besøgsvenner"),
    },
    "tenant_admin": {
        "/alfa/administration/ordlister/": ("the word lists", "Udsatte familier"),
        "/alfa/administration/medlemmer/": ("the users and roles", "Alfa Municipal Staff"),
        "/alfa/administration/log/": ("the audit log", "Karin Kommune"),
        "/alfa/administration/opslagslog/": ("the access log", "Karin Kommune"),
    },
}

# Addresses the walk never opens: other sites' files, the admin, and links that act when opened (e-mailed tokens).
SKIPPED_PATHS = re.compile(r"^/(static|media|admin|sprog)/|^/konto/log-ud/|/bekraeft/|/forny/[^/]+/$")
# Files rather than pages: exports, feeds and spreadsheet templates.
DOWNLOADS = re.compile(r"/eksport/|/feed/|/skabelon/")

IMPORT_CSV = "Navn;Type;CVR;E-mail;Postnummer\nAlfa Strikkeklub;forening;;strik@example.org;4180\n"

_OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width + 1) return null;
  // Whether a scrolling or clipping box keeps the element inside. An absolutely positioned element escapes
  // every such box between it and its containing block (its nearest positioned ancestor).
  const clipped = (element) => {
    let escaping = getComputedStyle(element).position === "absolute";
    if (getComputedStyle(element).position === "fixed") return true;
    for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (escaping && style.position !== "static") escaping = false;
      if (!escaping && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const sticksOut = (element) => element.getBoundingClientRect().right > width + 1 && !clipped(element);
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + Array.from(e.classList, (c) => "." + c).join("");
  const path = (element) => {
    const parts = [];
    for (let e = element; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
    return parts.join(" > ");
  };
  const offenders = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!sticksOut(element)) continue;
    // Only the outermost element that sticks out: its children stick out because it does.
    const parent = element.parentElement;
    if (parent && parent !== document.body && sticksOut(parent)) continue;
    const right = Math.round(element.getBoundingClientRect().right);
    const text = (element.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 50);
    offenders.push(`${path(element)} reaches ${right} px ("${text}")`);
    if (offenders.length === 5) break;
  }
  return {scrollWidth: root.scrollWidth, offenders};
}"""


def seed_records(personas) -> None:
    """A few rows for every list the personas reach, written as the services write them (with audit entries)."""
    tenant, organisation = personas.tenant, personas.organisation
    staff, citizen = personas.user("centre_staff"), personas.user("citizen")
    today = timezone.localdate()
    with scopes_disabled():
        tags = {(tag.vocabulary, tag.slug): tag for tag in Tag.objects.filter(tenant=tenant)}
        elderly = tags[(Vocabulary.TARGET_GROUP, "aeldre")]
        organisation.target_groups.add(elderly)
        unit = Organisation(
            tenant=tenant, kind=OrganisationKind.MUNICIPAL_UNIT, name="Alfa Kommune, Socialforvaltningen"
        )
        organisation_save(organisation=unit, actor=staff)
        chair = person_save(
            person=Person(tenant=tenant, full_name="Birgitte Bestyrelse", email="birgitte@example.org"), actor=staff
        )
        organisation_role_save(
            role=OrganisationRole(
                tenant=tenant, organisation=organisation, person=chair, role=OrganisationRoleKind.CHAIR
            ),
            actor=staff,
        )
        employee = person_save(
            person=Person(tenant=tenant, full_name="Karin Kommune", department="Socialforvaltningen"), actor=staff
        )
        interaction_save(
            interaction=Interaction(
                tenant=tenant,
                kind=InteractionKind.ADVICE_SESSION,
                happened_on=today - timedelta(days=10),
                staff=staff,
                summary="Rådgivning om fondsansøgning; vi aftalte at følge op på budgettet.",
                follow_up_on=today - timedelta(days=3),
            ),
            actor=staff,
            organisations=[organisation],
            people=[chair],
            topics=[tags[(Vocabulary.THEME, "fundraising")]],
        )
        relation_save(
            relation=CollaborationRelation(
                tenant=tenant, person=employee, topic="Besøgsvenner på plejecentrene", started_on=today
            ),
            actor=staff,
        )
        log_access(actor=staff, tenant=tenant, subject=employee, what="crm.person.notes")
    wanted = make_opportunity(
        organisation,
        title="Besøgsven hos en ældre",
        in_evenings=True,
        postcode="4180",
        volunteers_needed=3,
        expires_on=today + timedelta(days=30),
    )
    make_opportunity(
        personas.other_organisation,
        title="Lektiehjælper i lektiecaféen",
        summary="Hjælp skolebørn med lektierne en eftermiddag om ugen.",
        postcode="4180",
    )
    make_opportunity(organisation, title="Kasserer til bestyrelsen", status=OpportunityStatus.DRAFT)
    make_opportunity(personas.foreign_organisation, title="Træner for et motionshold", summary="Stå for opvarmningen.")
    with scopes_disabled():
        wanted.target_groups.add(elderly)
        refresh_search_fields(wanted)  # what opportunity_save does after writing the words
        VolunteerProfile.objects.create(user=citizen, interests=["aeldre"], in_evenings=True, postcode="4180")
        Application.objects.create(
            tenant=tenant,
            opportunity=wanted,
            user=citizen,
            full_name=citizen.full_name,
            email=citizen.email,
            message="Jeg vil gerne besøge en ældre om aftenen.",
            email_confirmed_at=timezone.now(),
            status=ApplicationStatus.CONTACTED,
            status_changed_at=timezone.now(),
        )


@dataclass
class Walk:
    site: object
    page: Page
    skipped_prefixes: tuple[str, ...]
    shows: dict[str, str | None] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    _queued: set[str] = field(default_factory=set)
    _per_kind: dict[str, int] = field(default_factory=dict)
    _new: deque = field(default_factory=deque)
    _repeats: deque = field(default_factory=deque)

    def address(self, url: str) -> str | None:
        """The address to open for a link on the site, or None when the walk leaves it alone."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "") or (
            parts.netloc and parts.netloc != urlsplit(self.site.url).netloc
        ):
            return None
        path = parts.path or "/"
        if SKIPPED_PATHS.search(path) or DOWNLOADS.search(path) or path.startswith(self.skipped_prefixes):
            return None
        if any(key == "format" for key, _value in parse_qsl(parts.query)):
            return None
        return f"{path}?{parts.query}" if parts.query else path

    def queue(self, url: str) -> None:
        address = self.address(url)
        if address is None or address in self._queued:
            return
        kind = re.sub(r"\d+", "<n>", address.split("?")[0])
        seen = self._per_kind.get(kind, 0)
        if seen >= PER_KIND:
            return
        self._per_kind[kind] = seen + 1
        self._queued.add(address)
        # Every kind of page once before any kind twice, so that the bound cuts repeats, not pages.
        (self._repeats if seen else self._new).append(address)

    def run(self) -> None:
        page = self.page
        while (self._new or self._repeats) and len(self.visited) < MAX_PAGES:
            address = (self._new or self._repeats).popleft()
            page.set_viewport_size(DESKTOP)
            try:
                response = page.goto(self.site(address))
            except PlaywrightError as error:
                if "Download is starting" in error.message:
                    continue  # a file, not a page
                raise
            if response is None or response.status >= 400:
                self.problems.append(f"{address}: answered {response.status if response else 'nothing'}")
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            landed = self.address(page.url) or address
            self.reached.update({address.split("?")[0], landed.split("?")[0]})
            if landed in self.visited:
                continue  # a redirect to a page already checked
            self.visited.append(landed)
            self._queued.add(landed)
            # Filtered and paged variants may rightly show other rows; the page itself must show the seeded ones.
            expected = self.shows.get(address) or self.shows.get(landed)
            if expected and expected not in page.locator("main").inner_text():
                self.problems.append(f"{landed}: shows no {expected!r} (the seeded records are missing)")
            for href in page.eval_on_selector_all("a[href]:not([download])", "links => links.map((a) => a.href)"):
                self.queue(href)
            self.check(landed)

    def check(self, address: str) -> None:
        page = self.page
        violations = accessibility_violations(page)
        if violations:
            self.problems.append(f"{address}: axe-core at {DESKTOP['width']} px:\n" + "\n".join(violations))
        page.set_viewport_size(NARROW)
        overflow = page.evaluate(_OVERFLOW)
        if overflow:
            lines = [f"{address}: scrolls sideways at {NARROW['width']} px (the page is {overflow['scrollWidth']} px)"]
            lines.extend(f"    {offender}" for offender in overflow["offenders"])
            self.problems.append("\n".join(lines))


def upload_import_file(page: Page, site) -> str:
    """Upload a small spreadsheet as the staff member would; the preview it leads to is a page to check."""
    page.goto(site(IMPORT))
    page.locator('input[name="kind"][value="organisations"]').check()
    page.locator('input[name="file"]').set_input_files(
        files=[{"name": "foreninger.csv", "mimeType": "text/csv", "buffer": IMPORT_CSV.encode("utf-8")}]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: IMPORT_PREVIEW in url)
    return page.url


@pytest.mark.parametrize("persona", list(HOMES))
def test_every_page_a_persona_reaches_is_accessible_and_fits_320_px(site, new_context, persona):
    seed_records(site.personas)
    started = time.monotonic()
    context = new_context()
    user = site.personas.user(persona)
    if user is not None:
        log_in_directly(context, site, user)
    # Loaded with every page rather than injected after it: one round trip fewer per page.
    context.add_init_script(path=str(AXE_PATH))
    page = context.new_page()
    with scopes_disabled():
        others = tuple(f"/{slug}/" for slug in Tenant.objects.exclude(slug="alfa").values_list("slug", flat=True))
    must_visit = MUST_VISIT[persona]
    walk = Walk(
        site=site, page=page, skipped_prefixes=others, shows={path: shows for path, (_, shows) in must_visit.items()}
    )
    walk.queue(site(HOMES[persona]))
    if persona == "centre_staff":
        walk.queue(upload_import_file(page, site))
    walk.run()
    elapsed = time.monotonic() - started
    print(f"\n{persona}: {len(walk.visited)} pages in {elapsed:.1f} s")

    missing = [f"{path} ({what})" for path, (what, _) in must_visit.items() if path not in walk.reached]
    assert not missing, f"The walk as {persona} never reached: {', '.join(missing)}. It visited: {walk.visited}"
    assert not walk.problems, f"As {persona}, {len(walk.problems)} of {len(walk.visited)} pages fail:\n" + "\n".join(
        walk.problems
    )
