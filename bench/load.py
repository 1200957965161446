"""The load generator of `make bench`: pure Python (threads, http.client with keep-alive), loopback only.

    python bench/load.py --base http://127.0.0.1:PORT --plan plan.json [--small small.json] --out results.md

For every available page of the plan (see bench/plan.py): the latency over one connection (p50, p95 of up
to --requests requests, at most --max-seconds), then the throughput with --concurrency connections for
--seconds. Pages are compared with the bare list (bench/pages.py BASELINE): the goal is p95 at most 2x and
throughput at least 0.5x the bare list's. Writes a markdown report to stdout and to --out.

Note: the load generator runs on the same machine as the server and the database; with 2 cores they all
compete, and Python threads cannot push much more than a few thousand requests per second, so the "hello"
throughput is a floor set by the client rather than by Django.
"""

import argparse
import http.client
import json
import math
import os
import platform
import re
import sys
import threading
import time
from datetime import datetime
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

P95_GOAL = 2.0
THROUGHPUT_GOAL = 0.5


class Connection:
    """One client connection; reconnects when the server closed it (gunicorn's sync workers close every one)."""

    def __init__(self, host: str, port: int, cookie: str = ""):
        self.host, self.port, self.cookie = host, port, cookie
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def request(self, path: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
        all_headers = {"Host": f"{self.host}:{self.port}", "Connection": "keep-alive", "Accept": "text/html"}
        if self.cookie:
            all_headers["Cookie"] = self.cookie
        all_headers.update(headers or {})
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                content = response.read()
                return response, content
            except (http.client.HTTPException, ConnectionResetError, BrokenPipeError):
                # An idle keep-alive connection the server dropped: one fresh try.
                self.connection.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def cookies_of(response) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        jar = SimpleCookie()
        jar.load(header)
        found.update({name: morsel.value for name, morsel in jar.items()})
    return found


def log_in(host: str, port: int, login_path: str, email: str, password: str) -> str:
    """Log in through the real form once; returns the Cookie header the volunteer's requests reuse."""
    client = Connection(host, port)
    response, content = client.request(login_path)
    cookies = cookies_of(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    if response.status != 200 or token is None or "csrftoken" not in cookies:
        raise RuntimeError(f"login page: status {response.status}, no CSRF token found")
    body = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "email": email, "password": password})
    client.cookie = f"csrftoken={cookies['csrftoken']}"
    response, _ = client.request(
        login_path,
        method="POST",
        body=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}:{port}"},
    )
    cookies.update(cookies_of(response))
    client.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login failed: status {response.status}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def single(host, port, path, cookie, *, warmup: int, requests: int, max_seconds: float) -> dict:
    client = Connection(host, port, cookie)
    statuses = []
    for _ in range(warmup):
        response, _ = client.request(path)
        statuses.append(response.status)
    latencies, errors = [], 0
    deadline = time.perf_counter() + max_seconds
    while len(latencies) < requests and time.perf_counter() < deadline:
        started = time.perf_counter()
        response, _ = client.request(path)
        latencies.append(time.perf_counter() - started)
        errors += response.status != 200
    client.close()
    return {
        "requests": len(latencies),
        "errors": errors,
        "warmup_statuses": sorted(set(statuses)),
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
    }


def concurrent(host, port, path, cookie, *, connections: int, seconds: float) -> dict:
    done = [0] * connections
    failed = [0] * connections
    start = threading.Barrier(connections + 1)
    stop_at = [0.0]

    def work(index: int) -> None:
        client = Connection(host, port, cookie)
        start.wait()
        while time.perf_counter() < stop_at[0]:
            try:
                response, _ = client.request(path)
            except OSError:
                failed[index] += 1
                client = Connection(host, port, cookie)
                continue
            if response.status == 200:
                done[index] += 1
            else:
                failed[index] += 1
        client.close()

    threads = [threading.Thread(target=work, args=(index,), daemon=True) for index in range(connections)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"throughput": sum(done) / elapsed, "completed": sum(done), "errors": sum(failed), "seconds": elapsed}


def wait_for(host: str, port: int, path: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            client = Connection(host, port)
            response, _ = client.request(path)
            client.close()
            if response.status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer {path} within {seconds:.0f} s")
        time.sleep(0.3)


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or not baseline:
        return None
    return value / baseline


def fmt(value, pattern: str = "{:.1f}", missing: str = "–") -> str:
    return missing if value is None else pattern.format(value)


def report(args, plan: dict, small: dict | None, results: dict, baseline_key: str) -> str:
    data = plan["data"]
    lines = [
        f"# Frivillig benchmark, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- Data (scale {args.scale}): {data['tenants']} tenants, {data['organisations']:,} organisations, "
        f"{data['opportunities']:,} open opportunities, {data['profiles']:,} volunteer profiles, "
        f"{data['applications']:,} applications; {plan['database']}.",
        "- Server: gunicorn, 2 sync workers, DEBUG off, CONN_MAX_AGE=60, throwaway PostgreSQL cluster "
        "(fsync off), WhiteNoise static files, everything on loopback. The board's aggregate and the "
        "suggestions are cached for BOARD_CACHE_SECONDS (60 s, the product's default), the public event lists and "
        "feeds for EVENT_LIST_CACHE_SECONDS (60 s), a survey's results and a plan's readings as their pages say; "
        'the pages marked "cold" are measured on a second, identical server with those caches off.',
        f"- Machine: {os.cpu_count()} cores, Python {platform.python_version()}. The server, PostgreSQL and this "
        "load generator (Python threads + http.client) share the cores: at "
        f'{args.concurrency} connections the client itself is a bottleneck, most visibly on the "hello" page, so '
        "throughputs are lower bounds and the ratios are what to read.",
        f"- Load average (1, 5, 15 min) when the measuring began: {', '.join(f'{x:.1f}' for x in args.loadavg)} "
        "(anything else running on the machine shows up here).",
        f"- Single connection: {args.requests} requests after {args.warmup} warm-up requests (at most "
        f"{args.max_seconds:.0f} s per page). Throughput: {args.concurrency} connections for {args.seconds:.0f} s.",
        f"- Goal for each page: p95 ≤ {P95_GOAL:g}× and throughput ≥ {THROUGHPUT_GOAL:g}× the bare list's (a page "
        "with a goal of its own, e.g. the plan dashboard's 3×, needs throughput ≥ its inverse); queries the same at "
        "both data sizes.",
        "",
    ]
    small_counts = {page["key"]: page.get("queries") for page in (small or {}).get("pages", [])}
    small_label = f"queries ({small['data']['opportunities']:,} opp.)" if small else "queries (small)"
    big_label = f"queries ({data['opportunities']:,} opp.)"
    lines += [
        f"| page | p50 ms | p95 ms | p95 ÷ bare list | req/s at {args.concurrency} | req/s ÷ bare list | "
        f"{small_label} | {big_label} | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    base = results.get(baseline_key, {})
    not_available = []
    for page in plan["pages"]:
        key = page["key"]
        result = results.get(key)
        if result is None:
            not_available.append(f"- {page['label']}: {page.get('note', 'not measured')}")
            lines.append(f"| {page['label']} | – | – | – | – | – | – | – | not available |")
            continue
        p95_ratio = ratio(result["p95"], base.get("p95"))
        tput_ratio = ratio(result["throughput"], base.get("throughput"))
        same = small_counts.get(key) == page.get("queries") if small else None
        if page["reference"]:
            goal = "reference"
        else:
            p95_goal = page.get("p95_goal") or P95_GOAL
            throughput_goal = THROUGHPUT_GOAL if p95_goal == P95_GOAL else 1 / p95_goal
            met = (
                p95_ratio is not None
                and p95_ratio <= p95_goal
                and tput_ratio is not None
                and tput_ratio >= throughput_goal
                and same is not False
            )
            goal = "met" if met else "missed"
        errors = result["errors"] + result["concurrent_errors"]
        if errors:
            goal += f" ({errors} non-200)"
        lines.append(
            f"| {page['label']} | {fmt(result['p50'])} | {fmt(result['p95'])} | {fmt(p95_ratio, '{:.2f}×')} | "
            f"{fmt(result['throughput'], '{:,.0f}')} | {fmt(tput_ratio, '{:.2f}×')} | "
            f"{fmt(small_counts.get(key), '{}')} | {fmt(page.get('queries'), '{}')} | {goal} |"
        )
    lines += ["", "Paths measured:", ""]
    lines += [f"- {page['label']}: `{page['path']}`" for page in plan["pages"] if page["key"] in results]
    measured = [page for page in plan["pages"] if page["key"] in results and page.get("slowest_query")]
    if measured:
        lines += ["", "SQL per page (in process, second request, full data): total time and the slowest query.", ""]
        for page in measured:
            slowest = page["slowest_query"]
            lines.append(
                f"- {page['label']}: {page['queries']} queries, {page['sql_ms']:.1f} ms; "
                f"slowest {slowest['ms']:.1f} ms: `{' '.join(slowest['sql'].split())[:300]}`"
            )
    if not_available:
        lines += ["", "Not available when measured:", "", *not_available]
    if args.data_log and os.path.exists(args.data_log):
        with open(args.data_log, encoding="utf-8") as log:
            timings = log.read().strip()
        lines += ["", "Data generation (`manage.py bench_data`):", "", "```", timings, "```"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--base-cold", help="the same app with its board caches off, for pages with cached=False")
    parser.add_argument("--plan", required=True)
    parser.add_argument("--small", help="the plan of a smaller data set, for the query counts")
    parser.add_argument("--out", required=True)
    parser.add_argument("--scale", default="?")
    parser.add_argument("--data-log", help="bench_data's output, quoted in the report")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait for the server to answer")
    args = parser.parse_args()

    args.loadavg = os.getloadavg()
    base = urlsplit(args.base)
    if base.hostname not in {"127.0.0.1", "localhost", "::1"}:
        print("bench/load.py only measures a server on this machine (loopback).", file=sys.stderr)
        return 2
    host, port = base.hostname, base.port or 80
    servers = {True: (host, port)}
    if args.base_cold:
        cold = urlsplit(args.base_cold)
        if cold.hostname not in {"127.0.0.1", "localhost", "::1"}:
            print("bench/load.py only measures a server on this machine (loopback).", file=sys.stderr)
            return 2
        servers[False] = (cold.hostname, cold.port or 80)
    with open(args.plan, encoding="utf-8") as file:
        plan = json.load(file)
    small = None
    if args.small:
        with open(args.small, encoding="utf-8") as file:
            small = json.load(file)

    for server in servers.values():
        wait_for(*server, "/bench/hello/", args.wait)
    cookie = ""
    if any(page["login"] and page.get("path") and not page.get("note") for page in plan["pages"]):
        # One session for both servers: they share the database.
        cookie = log_in(host, port, plan["login_path"], plan["email"], plan["password"])

    results = {}
    for page in plan["pages"]:
        if not page.get("path") or page.get("note", "").startswith("not available"):
            continue
        if page.get("cached", True) not in servers:
            page["note"] = "not measured: no server with the caches off (--base-cold)"
            continue
        host, port = servers[page.get("cached", True)]
        page_cookie = cookie if page["login"] else plan.get("staff_cookie", "") if page.get("staff") else ""
        print(f"measuring {page['label']}: {page['path']}", file=sys.stderr, flush=True)
        result = single(
            host,
            port,
            page["path"],
            page_cookie,
            warmup=args.warmup,
            requests=args.requests,
            max_seconds=args.max_seconds,
        )
        load = concurrent(host, port, page["path"], page_cookie, connections=args.concurrency, seconds=args.seconds)
        result.update(throughput=load["throughput"], concurrent_errors=load["errors"])
        results[page["key"]] = result
        print(
            f"  p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms over {result['requests']} requests; "
            f"{load['throughput']:,.0f} req/s at {args.concurrency} ({load['errors']} errors)",
            file=sys.stderr,
            flush=True,
        )

    text = report(args, plan, small, results, plan["baseline"])
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
