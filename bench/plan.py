"""Resolve the benchmark's pages against the generated data and count each page's SQL queries, in process.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.plan OUT.json

Writes the concrete paths (with the tenant and opportunity picked from the data), the login to use, the data
sizes and, per page, its status code, number of queries, their total time and the slowest one (the second of
two requests, so caches are warm).
Run it on two data sizes to see whether a page's queries grow with the data.
"""

import json
import os
import sys
from urllib.parse import urlencode


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import NoReverseMatch, reverse
    from django_scopes import scopes_disabled

    from bench.data import BENCH_EMAIL, BENCH_PASSWORD
    from bench.events import busiest_events_tenant
    from bench.pages import BASELINE, PAGES
    from bench.strategy import strategy_plan
    from bench.surveys import SURVEY_TITLE, staff_session_cookie
    from frivillig.accounts.models import User
    from frivillig.crm.models import Organisation
    from frivillig.events.models import Event
    from frivillig.strategy.models import Target
    from frivillig.surveys.models import Survey
    from frivillig.tenants.models import Tenant
    from frivillig.volunteering.enums import OpportunityStatus
    from frivillig.volunteering.models import Application, Opportunity, VolunteerProfile

    with scopes_disabled():
        published = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
        count = published.count()
        # The middle one by id: an ordinary opportunity, the same choice at every scale.
        opportunity = published.select_related("tenant").order_by("pk")[count // 2]
        data = {
            "tenants": Tenant.objects.count(),
            "organisations": Organisation.objects.count(),
            "opportunities": count,
            "profiles": VolunteerProfile.objects.count(),
            "applications": Application.objects.count(),
        }
    values = {"tenant": opportunity.tenant.slug, "opportunity": opportunity.pk}
    user = User.objects.get(email=BENCH_EMAIL)
    with scopes_disabled():
        survey = Survey.objects.filter(title=SURVEY_TITLE).select_related("tenant").first()
        if survey is not None:
            values.update(survey=survey.pk, survey_tenant=survey.tenant.slug)
            data["survey responses"] = survey.responses.filter(submitted=True).count()
    with scopes_disabled():
        events_tenant = busiest_events_tenant()
        if events_tenant is not None:
            values["events_tenant"] = events_tenant
            data["events"] = Event.objects.count()
    with scopes_disabled():
        plan = strategy_plan()
        if plan is not None:
            values["strategy_plan"] = plan.pk
            data["plan targets"] = Target.objects.filter(goal__plan=plan).count()
    staff_cookie = staff_session_cookie() if survey is not None else ""

    pages = []
    for page in PAGES:
        entry = {
            "key": page.key,
            "label": page.label,
            "login": page.login,
            "reference": page.reference,
            "cached": page.cached,
            "p95_goal": page.p95_goal,
            "staff": page.staff,
        }
        pages.append(entry)
        if page.path:
            path = page.path
        else:
            try:
                kwargs = {name: str(value).format(**values) for name, value in page.kwargs.items()}
            except KeyError as missing:
                entry["note"] = f"not available: the data has no {missing}"
                continue
            try:
                path = reverse(page.url_name, kwargs=kwargs)
            except NoReverseMatch:
                entry["note"] = f"not available: no URL named {page.url_name!r} yet"
                continue
        if page.query:
            path += "?" + urlencode(page.query)
        entry["path"] = path
        client = Client(HTTP_HOST="127.0.0.1")
        if page.login:
            client.force_login(user)
        elif page.staff:
            client.cookies[settings.SESSION_COOKIE_NAME] = staff_cookie.partition("=")[2]
        try:
            with override_settings(
                BOARD_CACHE_SECONDS=settings.BOARD_CACHE_SECONDS if page.cached else 0,
                SURVEY_RESULTS_CACHE_SECONDS=settings.SURVEY_RESULTS_CACHE_SECONDS if page.cached else 0,
                STRATEGY_READING_CACHE_SECONDS=getattr(settings, "STRATEGY_READING_CACHE_SECONDS", 300)
                if page.cached
                else 0,
                EVENT_LIST_CACHE_SECONDS=settings.EVENT_LIST_CACHE_SECONDS if page.cached else 0,
            ):
                client.get(path)
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
        except Exception as error:  # a broken page is a finding, not the end of the benchmark
            entry["note"] = f"not available: raised {type(error).__name__}: {error}"[:300]
            continue
        entry["status"] = response.status_code
        entry["queries"] = len(queries.captured_queries)
        timings = [(float(query["time"]) * 1000, query["sql"]) for query in queries.captured_queries]
        entry["sql_ms"] = round(sum(ms for ms, _ in timings), 1)
        if timings:
            slowest_ms, slowest_sql = max(timings, key=lambda timing: timing[0])
            entry["slowest_query"] = {"ms": round(slowest_ms, 1), "sql": slowest_sql[:500]}
        if response.status_code == 404:
            entry["note"] = "not available: answers 404"
        elif response.status_code != 200:
            entry["note"] = f"answers {response.status_code}"

    plan = {
        "database": connection.vendor,
        "data": data,
        "values": values,
        "login_path": reverse("accounts:login"),
        "email": BENCH_EMAIL,
        "password": BENCH_PASSWORD,
        "staff_cookie": staff_cookie,
        "baseline": BASELINE,
        "pages": pages,
    }
    with open(argv[1], "w", encoding="utf-8") as out:
        json.dump(plan, out, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
