"""The guest sign-up limit holds under parallel sign-ups and counts the client behind a trusted proxy."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.testing import build_personas, make_opportunity, run_in_parallel
from frivillig.volunteering.models import Application

PROXY = "10.0.0.254"


def guest(number: int) -> dict:
    return {
        "full_name": f"Gæst {number}",
        "email": f"gaest{number}@example.org",
        "phone": "",
        "message": "",
        "website": "",
    }


def apply_url(opportunity) -> str:
    return reverse("volunteering:apply", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


def stored(opportunity) -> int:
    with scopes_disabled():
        return Application.objects.filter(opportunity=opportunity).count()


def test_behind_a_configured_proxy_one_clients_sign_ups_do_not_block_another(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    opportunity = make_opportunity(personas.organisation)
    for number in range(10):
        response = Client().post(
            apply_url(opportunity), guest(number), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
        assert response.status_code == 200

    again = Client().post(apply_url(opportunity), guest(10), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = Client().post(apply_url(opportunity), guest(11), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert again.status_code == 429
    assert other.status_code == 200
    assert stored(opportunity) == 11


def test_without_a_configured_proxy_a_forged_header_does_not_escape_the_limit(personas, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    opportunity = make_opportunity(personas.organisation)
    for number in range(11):
        Client().post(
            apply_url(opportunity), guest(number), REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR=f"10.4.4.{number}"
        )

    assert stored(opportunity) == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write")
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_guest_sign_ups_from_one_address_store_exactly_ten():
    personas = build_personas()
    opportunity = make_opportunity(personas.organisation, title="Populært job")

    def sign_up(number: int) -> int:
        return Client().post(apply_url(opportunity), guest(number), REMOTE_ADDR="192.0.2.5").status_code

    statuses = run_in_parallel(30, sign_up)

    assert sorted(statuses) == [200] * 10 + [429] * 20
    assert stored(opportunity) == 10
