"""The benchmark's events (bench/events.py): every event has its sessions and themes in its own tenant, and the
national list and feed that the benchmark measures answer on them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django_scopes import scopes_disabled

from bench.data import Command
from bench.events import busiest_events_tenant, events_at
from frivillig.events.enums import EventStatus
from frivillig.events.models import Event, EventSession


@pytest.fixture
def bench_data(db):
    call_command(Command(), scale=0.001, stdout=StringIO())


def test_bench_events_have_sessions_and_themes_of_their_tenant(bench_data, client):
    assert events_at(1.0) == 20_000
    with scopes_disabled():
        assert Event.objects.count() == events_at(0.001) == 50
        assert not Event.objects.annotate(n=Count("sessions")).filter(n=0).exists()
        assert not EventSession.objects.exclude(tenant=F("event__tenant")).exists()
        assert not Event.objects.exclude(themes__tenant=F("tenant")).filter(themes__isnull=False).exists()
        assert Event.objects.filter(status=EventStatus.PUBLISHED).exists()
        slug = busiest_events_tenant()
    assert client.get("/arrangementer/").status_code == 200
    response = client.get(f"/{slug}/arrangementer.ics")
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content
