#!/usr/bin/env bash
# `make bench`: generate a national data set in a throwaway PostgreSQL cluster, serve the app with gunicorn
# as in production, and measure the key pages beside two reference views (see bench/README.md).
#
#   BENCH_SCALE=1.0          data size (1.0 = national: 50,000 opportunities, 1,000,000 applications)
#   BENCH_SMALL_SCALE=...    the second, smaller data set for the query counts (default: a tenth, >= 0.01)
#   BENCH_REQUESTS=300       single-connection requests per page (after 20 warm-up requests)
#   BENCH_MAX_SECONDS=30     ... but at most this long per page
#   BENCH_SECONDS=10         seconds of load at BENCH_CONCURRENCY connections per page
#   BENCH_CONCURRENCY=16
#   BENCH_KEEP=1             leave the PostgreSQL cluster running afterwards (prints its DATABASE_URL)
#   BENCH_REUSE="FULL SMALL" measure again on the databases a BENCH_KEEP=1 run left (the two URLs it printed),
#                            without making the data anew (give the same BENCH_SCALE)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
SCALE=${BENCH_SCALE:-1.0}
SMALL_SCALE=${BENCH_SMALL_SCALE:-$("$PY" -c "s = float('$SCALE'); print(max(0.01, s / 10) if s > 0.02 else s / 2)")}

work=$(mktemp -d -t frivillig-bench-XXXXXX)
pgdir=$(mktemp -d -u -t frivillig-bench-pg-XXXXXX)
server_pid=""
cold_pid=""
cleanup() {
  for pid in "$server_pid" "$cold_pid"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "${BENCH_REUSE:-}" ]; then
    :
  elif [ "${BENCH_KEEP:-}" = "1" ] && [ -n "${full_url:-}" ]; then
    echo "kept: DATABASE_URL=$full_url (small: $small_url); stop with: bash scripts/pg_cluster.sh stop $pgdir"
  else
    bash scripts/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { echo; echo "=== $*"; }
now() { date +%s.%N; }
since() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$1" "$(now)"; }

# Production-like settings: DEBUG off, a real secret, loopback host only, no HTTPS redirect (plain loopback).
unset DEBUG
export DJANGO_SETTINGS_MODULE=bench.settings
SECRET_KEY=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 CONN_MAX_AGE=60 PYTHONUNBUFFERED=1
export FRIVILLIG_VAR_DIR="$work/var" STATIC_ROOT="$work/static" CACHE_DIR="$work/cache" MEDIA_ROOT="$work/media"
mkdir -p "$FRIVILLIG_VAR_DIR"

if [ -n "${BENCH_REUSE:-}" ]; then
  read -r full_url small_url <<<"$BENCH_REUSE"
  step "reusing the data of an earlier run"
  echo "$full_url (small: $small_url)"
  touch "$work/bench_data.log"
else
step "PostgreSQL (throwaway cluster)"
url=$(bash scripts/pg_cluster.sh start "$pgdir")
server=${url%/*}
"$PY" - "$url" <<'EOF'
import sys

import psycopg

with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute("CREATE DATABASE bench_small")
EOF
small_url="$server/bench_small"
full_url="$server/bench_full"

step "migrate"
started=$(now)
DATABASE_URL=$small_url "$PY" manage.py migrate --no-input -v0
# The full database starts as a copy of the migrated, still empty one.
"$PY" - "$url" <<'EOF'
import sys

import psycopg

with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute("CREATE DATABASE bench_full TEMPLATE bench_small")
EOF
echo "migrated in $(since "$started")"

step "bench_data --scale $SMALL_SCALE (for the query counts)"
DATABASE_URL=$small_url "$PY" -m bench.make_data --scale "$SMALL_SCALE"

step "bench_data --scale $SCALE"
DATABASE_URL=$full_url "$PY" -m bench.make_data --scale "$SCALE" | tee "$work/bench_data.log"
fi

step "collectstatic"
"$PY" manage.py collectstatic --no-input -v0

step "pages and their queries (in process, both data sizes)"
DATABASE_URL=$small_url "$PY" -m bench.plan "$work/small.json"
DATABASE_URL=$full_url "$PY" -m bench.plan "$work/plan.json"

step "gunicorn (2 sync workers), and a second one with the board caches off"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
DATABASE_URL=$full_url "$GUNICORN" frivillig.wsgi:application \
  --workers 2 --worker-class sync --bind "127.0.0.1:$port" --timeout 120 \
  --error-logfile "$work/gunicorn.log" --log-level warning &
server_pid=$!
cold_port=$(free_port)
DATABASE_URL=$full_url BOARD_CACHE_SECONDS=0 SURVEY_RESULTS_CACHE_SECONDS=0 STRATEGY_READING_CACHE_SECONDS=0 EVENT_LIST_CACHE_SECONDS=0 "$GUNICORN" frivillig.wsgi:application \
  --workers 2 --worker-class sync --bind "127.0.0.1:$cold_port" --timeout 120 \
  --error-logfile "$work/gunicorn-cold.log" --log-level warning &
cold_pid=$!
echo "serving on http://127.0.0.1:$port/ (caches off: http://127.0.0.1:$cold_port/)"

step "measuring"
results="bench/results-$(date +%Y-%m-%d-%H%M).md"
if ! "$PY" bench/load.py --base "http://127.0.0.1:$port" --base-cold "http://127.0.0.1:$cold_port" --plan "$work/plan.json" --small "$work/small.json" \
  --out "$results" --scale "$SCALE" --data-log "$work/bench_data.log" \
  --requests "${BENCH_REQUESTS:-300}" --max-seconds "${BENCH_MAX_SECONDS:-30}" \
  --seconds "${BENCH_SECONDS:-10}" --concurrency "${BENCH_CONCURRENCY:-16}"; then
  echo "--- gunicorn logs"; tail -n 50 "$work/gunicorn.log" "$work/gunicorn-cold.log" || true
  exit 1
fi
for log in "$work/gunicorn.log" "$work/gunicorn-cold.log"; do
  if [ -s "$log" ]; then echo "--- $(basename "$log") (warnings)"; tail -n 20 "$log"; fi
done
echo "report written to $results"
