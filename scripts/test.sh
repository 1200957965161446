#!/usr/bin/env bash
# The whole suite: lint, migrations, catalogue, pytest on SQLite and on a throwaway PostgreSQL cluster,
# and the browser tests in headless Chromium. Ends with one summary. With CI=true nothing may be skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
WORKERS=${TEST_WORKERS:-2}
export DJANGO_SETTINGS_MODULE=frivillig.settings
declare -a summary=()
failed=0

record() { # name status detail
  summary+=("$(printf '%-28s %-7s %s' "$1" "$2" "${3:-}")")
  if [ "$2" = "FAILED" ]; then failed=1; fi
}

run_step() { # name command...
  local name=$1; shift
  echo
  echo "=== $name"
  if "$@"; then record "$name" "ok"; else record "$name" "FAILED"; fi
}

# Pytest's own closing line is kept for the summary.
run_pytest() { # name log args...
  local name=$1 log=$2; shift 2
  echo
  echo "=== $name"
  "$PY" -m pytest "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local closing
  closing=$(grep -E '^(=+ )?([0-9]+ (passed|failed|errors?|skipped|deselected)|no tests ran)' "$log" | tail -n 1 \
    | sed -E 's/^=+ //; s/ =+$//')
  if [ "$status" = "0" ]; then record "$name" "ok" "$closing"; else record "$name" "FAILED" "$closing"; fi
}

logdir=$(mktemp -d)
pgdir=$(mktemp -d -t frivillig-pg-XXXXXX)
rmdir "$pgdir"
cleanup() { bash scripts/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$logdir"; }
trap cleanup EXIT

run_step "ruff check" .venv/bin/ruff check .
run_step "ruff format --check" .venv/bin/ruff format --check .
run_step "import-linter" .venv/bin/lint-imports --no-cache
run_step "mypy" env DEBUG=1 .venv/bin/mypy
run_step "makemigrations --check" env DEBUG=1 "$PY" manage.py makemigrations --check --dry-run
run_step "Danish catalogue" "$PY" scripts/check_catalogue.py

run_pytest "pytest (SQLite)" "$logdir/sqlite.log" -n "$WORKERS" -m "not browser" -p no:cacheprovider

echo
echo "=== starting a throwaway PostgreSQL cluster"
# Autovacuum off: it would analyze tables between tests at moments nobody chose, and statistics taken from the rows
# a rolled-back test left (none) make plans that differ from run to run; the planner's estimates from the tables'
# sizes are the same every time.
if pg_url=$(PG_CLUSTER_OPTIONS="-c autovacuum=off" bash scripts/pg_cluster.sh start "$pgdir"); then
  DATABASE_URL="$pg_url" run_pytest "pytest (PostgreSQL)" "$logdir/pg.log" -n "$WORKERS" -m "not browser" \
    -p no:cacheprovider
  bash scripts/pg_cluster.sh stop "$pgdir"
elif [ "${CI:-}" = "true" ]; then
  record "pytest (PostgreSQL)" "FAILED" "no PostgreSQL server could be started"
else
  record "pytest (PostgreSQL)" "SKIPPED" "no PostgreSQL server binaries (CI would fail)"
fi

echo
echo "=== looking for Chromium"
if chromium_path=$(bash scripts/ensure_chromium.sh); then
  CHROMIUM_PATH="$chromium_path" run_pytest "browser tests (Chromium)" "$logdir/browser.log" -m browser \
    -p no:cacheprovider
elif [ "${CI:-}" = "true" ]; then
  record "browser tests (Chromium)" "FAILED" "Chromium is missing"
else
  record "browser tests (Chromium)" "SKIPPED" "Chromium is missing (CI would fail)"
fi

echo
echo "=== summary"
for line in "${summary[@]}"; do echo "$line"; done
if [ "$failed" = "0" ]; then echo "make test: all passed"; else echo "make test: FAILED"; fi
exit "$failed"
