"""Small helpers the app suites share: a clock that can move forward, and links out of e-mails."""

import re
import time


class Clock:
    """Moves `time.time()` forward: what signed links and the cache's expiry read. Datetimes stay real."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def link_path(body: str) -> str:
    """The path of the one link to this site in an e-mail body."""
    match = re.search(r"https?://testserver(/\S+)", body)
    assert match is not None, body
    return match.group(1)


def english(client):
    """Make the client a visitor who chose English (the Danish catalogue may not be compiled)."""
    client.cookies["frivillig_language"] = "en"
    return client
