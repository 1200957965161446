"""Small helpers the app suites share: a clock that can move forward, and links out of e-mails."""

import re
import time
import zlib


class Clock:
    """Holds `time.time()` still and moves it only when told: what signed links, throttles and the cache's expiry
    read. Datetimes stay real. Held still, so that a slow machine never moves a test past a promised limit."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        start = time.time()
        monkeypatch.setattr(time, "time", lambda: start + self.offset)

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


def pdf_titles(pdf: bytes) -> list[str]:
    """The texts a PDF names in its metadata and outline: its title and the headings it was laid out from.

    WeasyPrint packs these into compressed object streams; each stream is inflated and its `/Title` strings read,
    literal `(...)` or UTF-16 hex `<feff...>`."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            inflated.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    titles = []
    for match in re.finditer(rb"/Title\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9a-fA-F]+)>)", b"\n".join(inflated)):
        literal, hexadecimal = match.groups()
        if hexadecimal is not None:
            titles.append(bytes.fromhex(hexadecimal.decode()).decode("utf-16"))
        else:
            titles.append(literal.decode("latin-1"))
    return titles
