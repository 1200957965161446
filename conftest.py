"""Test-wide setup: environment for the settings module, personas, and a second tenant ("Charlie")."""

import pytest

from frivillig.testing import PERSONAS, Personas, build_personas


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
