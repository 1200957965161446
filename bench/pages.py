"""The pages `make bench` measures: data, so they are easy to adjust when a page's address or parameters change.

A page names either a fixed `path` or a URL name with kwargs; "{tenant}", "{opportunity}", "{survey_tenant}",
"{survey}", "{events_tenant}" and "{strategy_plan}" in kwargs are filled in from the generated data (bench/plan.py
picks them).
`query` is added as the query string.
A page whose URL name does not exist yet, or that answers 404, is reported as "not available".

The board's aggregate and a volunteer's suggestions are cached for a minute (frivillig/volunteering/caching.py),
and a benchmark that asks for the same address again and again measures mostly the cache. So the search and the
suggestions are measured twice: as they are, and on a server with those caches off ("cold").
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str = ""
    url_name: str = ""
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    login: bool = False
    reference: bool = False
    # False: measured on a second server whose board and suggestion caches are off (BOARD_CACHE_SECONDS=0), so
    # every request computes its answer: what a search nobody made in the last minute costs.
    cached: bool = True
    # Logged in as the centre's staff member of bench/surveys.py (a session bench.plan makes, second factor given).
    staff: bool = False
    # The page's goal for p95 as a multiple of the bare list's (throughput: at least its inverse); None: the
    # benchmark's default (bench/load.py P95_GOAL). Issue 15 sets 3x for the plan dashboard.
    p95_goal: float | None = None


# The board's GET parameters (frivillig/volunteering/forms/board.py): `soeg` (search words), `maalgruppe`
# (a target group's key), `hvornaar` (hverdage / aften / weekend).
PAGES = [
    Page("hello", 'Bare Django view "hello" (reference)', path="/bench/hello/", reference=True),
    Page("bare_list", "Bare list, 50 opportunities (reference)", path="/bench/liste/", reference=True),
    Page(
        "search",
        "National search: text + 2 filters",
        url_name="national:board",
        query={"soeg": "besøgsven", "maalgruppe": "aeldre", "hvornaar": "aften"},
    ),
    Page(
        "search_cold",
        "National search: text + 2 filters, cold (caches off)",
        url_name="national:board",
        query={"soeg": "besøgsven", "maalgruppe": "aeldre", "hvornaar": "aften"},
        cached=False,
    ),
    Page(
        "detail",
        "Opportunity detail",
        url_name="volunteering:opportunity_detail",
        kwargs={"tenant_slug": "{tenant}", "pk": "{opportunity}"},
    ),
    Page("suggestions", "Suggestions for one volunteer (logged in)", url_name="national:suggestions", login=True),
    Page(
        "survey_results",
        "Survey results: named, 40 questions, 2,000 responses (staff)",
        url_name="surveys:survey_results",
        kwargs={"tenant_slug": "{survey_tenant}", "pk": "{survey}"},
        staff=True,
    ),
    Page(
        "survey_results_cold",
        "Survey results: named, 40 questions, 2,000 responses (staff), cold (cache off)",
        url_name="surveys:survey_results",
        kwargs={"tenant_slug": "{survey_tenant}", "pk": "{survey}"},
        staff=True,
        cached=False,
    ),
    Page("events_national", "National event list (20,000 events)", url_name="events_national:event_list"),
    Page(
        "events_national_cold",
        "National event list (20,000 events), cold (cache off)",
        url_name="events_national:event_list",
        cached=False,
    ),
    Page(
        "events_feed",
        "A tenant's iCalendar feed of events",
        url_name="events:feed",
        kwargs={"tenant_slug": "{events_tenant}"},
    ),
    Page(
        "events_feed_cold",
        "A tenant's iCalendar feed of events, cold (cache off)",
        url_name="events:feed",
        kwargs={"tenant_slug": "{events_tenant}"},
        cached=False,
    ),
    Page(
        "strategy_dashboard",
        "Plan dashboard, 30 targets on live indicators (staff)",
        url_name="strategy:plan_dashboard",
        kwargs={"tenant_slug": "{survey_tenant}", "pk": "{strategy_plan}"},
        staff=True,
        p95_goal=3.0,
    ),
    Page(
        "strategy_dashboard_cold",
        "Plan dashboard, 30 targets on live indicators (staff), cold (cache off)",
        url_name="strategy:plan_dashboard",
        kwargs={"tenant_slug": "{survey_tenant}", "pk": "{strategy_plan}"},
        staff=True,
        cached=False,
        p95_goal=3.0,
    ),
    Page(
        "suggestions_cold",
        "Suggestions for one volunteer (logged in), cold (caches off)",
        url_name="national:suggestions",
        login=True,
        cached=False,
    ),
]

# The reference every page is compared with.
BASELINE = "bare_list"
