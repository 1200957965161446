"""Production settings pass Django's deployment check, and the settings refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "p9!Vq2#zR7@mL4$wT8^nB1&xK6*cJ3(hF5)gD0_sA-eY+uI=oP~",
    "ALLOWED_HOSTS": "frivillig.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}
TEST_ONLY = {
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECURE_SSL_REDIRECT",
    "FRIVILLIG_PLAIN_STATIC",
    "CACHE_BACKEND",
    "ALLOWED_HOSTS",
    "SECRET_KEY",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_demo_refuses_with_debug_off():
    result = run_manage("demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DEBUG is off" in result.stderr


def test_suite_runs_on_the_database_it_was_given(db):
    from django.db import connection

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
