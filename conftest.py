"""Test-wide setup: environment for the settings module, personas, and a second tenant ("Charlie").

Two-factor login is on in the tests (REQUIRE_STAFF_2FA), as in production. A completed login means both factors,
as a real one would: `Client.force_login` (used by `client_for`, pytest-django's `client` and the browser tests'
`log_in_directly`) comes out with a verified session for a person who needs the second factor (a staff role, platform
staff, or a device of their own), who is given a confirmed authenticator device for it (frivillig.testing
`verify_session`). A test that wants the password-only session (the set-up and code steps, the redirects to them)
says so with `@pytest.mark.password_only`; `frivillig.testing.verify_session` verifies a session by hand.
"""

import pytest

from frivillig.testing import PERSONAS, Personas, build_personas


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _force_login_gives_both_factors(request):
    # Patched by hand, not with `monkeypatch`: a test's own `monkeypatch.undo()` must not take this away.
    if request.node.get_closest_marker("password_only"):
        yield
        return
    from django.test import Client

    from frivillig.testing import needs_verified_session, verify_session

    password_only_login = Client.force_login

    def force_login(self, user, backend=None):
        password_only_login(self, user, backend)
        if needs_verified_session(user):
            verify_session(self, user)

    Client.force_login = force_login
    try:
        yield
    finally:
        Client.force_login = password_only_login


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture
def tenant(personas):
    return personas.tenant


@pytest.fixture
def other_tenant(personas):
    return personas.other_tenant


@pytest.fixture
def client_for(personas, client):
    """`client_for("centre_staff")` returns a test client logged in as that persona (or anonymous)."""
    from django.test import Client

    def make(name: str) -> Client:
        assert name in PERSONAS, name
        new_client = Client()
        user = personas.user(name)
        if user is not None:
            new_client.force_login(user)
        return new_client

    return make
