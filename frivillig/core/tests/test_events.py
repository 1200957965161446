"""Domain events (frivillig/core/events.py): delivered once the change is committed, never for a rolled-back one,
and only with the payload the event names."""

import pytest
from django.db import transaction

from frivillig.core.events import DomainEvent, send_after_commit

something_changed = DomainEvent("tests.something_changed", payload=("tenant_id", "thing_ids"))


@pytest.fixture
def received():
    calls: list[dict] = []

    def receiver(sender, **kwargs):
        calls.append({"sender": sender, **kwargs})

    something_changed.connect(receiver, dispatch_uid="test-events-receiver")
    yield calls
    something_changed.disconnect(dispatch_uid="test-events-receiver")


def test_an_event_reaches_its_receivers_only_when_the_transaction_commits(
    db, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(something_changed, tenant_id=1, thing_ids=[7, 8])
        assert received == []

    assert received == [
        {"sender": "tests.something_changed", "signal": something_changed, "tenant_id": 1, "thing_ids": [7, 8]}
    ]


def test_an_event_of_a_rolled_back_change_is_never_delivered(db, received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_after_commit(something_changed, tenant_id=1, thing_ids=[7])
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass

    assert callbacks == []
    assert received == []


def test_an_event_refuses_a_payload_it_does_not_name(db, received):
    with pytest.raises(TypeError, match=r"tests\.something_changed"):
        send_after_commit(something_changed, tenant_id=1, thing_id=7)
    with pytest.raises(TypeError):
        send_after_commit(something_changed, tenant_id=1)
