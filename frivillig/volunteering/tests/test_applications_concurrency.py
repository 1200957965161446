"""Twenty identical sign-ups at the same moment leave exactly one application, and every guest gets the same
answer (PostgreSQL: real concurrency)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.testing import build_personas, make_opportunity, run_in_parallel
from frivillig.volunteering.models import Application

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises every write anyway"
)


def test_twenty_concurrent_identical_sign_ups_leave_exactly_one(transactional_db):
    personas = build_personas()
    opportunity = make_opportunity(personas.organisation, title="Populært job")
    address = reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    data = {"full_name": "Dorte Dobbelt", "email": "dorte@example.org", "phone": "", "message": "", "website": ""}

    def sign_up(number: int) -> tuple[int, str]:
        # Each its own address, so the rate limit stays out of the way.
        client = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        client.cookies["frivillig_language"] = "en"
        response = client.post(address, data)
        return response.status_code, response.content.decode()

    results = run_in_parallel(20, sign_up)

    with scopes_disabled():
        assert Application.objects.filter(opportunity=opportunity).count() == 1
    assert [status for status, _page in results] == [200] * 20
    # A guest's answer never tells whether the address had signed up already: all twenty read the same.
    assert sum("Check your e-mail" in page for _status, page in results) == 20
    assert not any("You have already signed up" in page for _status, page in results)
