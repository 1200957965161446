import pytest

from frivillig.core.tests.helpers import Clock


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)
