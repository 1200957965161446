"""Fail when the Danish catalogue lacks a translation, has a fuzzy one, or misses a string from the code.

The catalogue is regenerated with `makemessages` (needs GNU gettext) and compared with the committed one,
so a new string that nobody added to the catalogue fails too.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "frivillig" / "locale" / "da" / "LC_MESSAGES" / "django.po"


def problems_in(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
    return found


def missing_from_code() -> list[str]:
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            return ["GNU gettext (xgettext) is not installed; it is needed to compare the catalogue with the code"]
        print("check_catalogue: xgettext not found; only checking the committed catalogue", file=sys.stderr)
        return []
    # makemessages rewrites the catalogue in place: read what it makes, then put the committed file back.
    original = CATALOGUE.read_bytes()
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "da", "--no-obsolete", "-v", "0"],
            cwd=ROOT / "frivillig",
            check=True,
            env={**os.environ, "DEBUG": "1"},
        )
        fresh = polib.pofile(str(CATALOGUE))
    finally:
        CATALOGUE.write_bytes(original)
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    return [f"not in the catalogue: {e.msgid!r}" for e in fresh if (e.msgctxt, e.msgid) not in committed]


def main() -> int:
    if not CATALOGUE.exists():
        print(f"check_catalogue: {CATALOGUE.relative_to(ROOT)} is missing")
        return 1
    problems = problems_in(polib.pofile(str(CATALOGUE))) + missing_from_code()
    for problem in problems:
        print(f"check_catalogue: {problem}")
    if problems:
        print(f"check_catalogue: {len(problems)} problem(s); run `make messages-da` and translate")
        return 1
    print("check_catalogue: the Danish catalogue is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
