"""Logic stays in its room (DESIGN.md §3): views own no transaction (a service does, with the validated values
it receives), and the rules "overdue" and "publicly listed" are stated once, beside their models and selectors,
never again in a template."""

import re
from pathlib import Path

import frivillig

ROOT = Path(frivillig.__file__).parent


def _views() -> list[Path]:
    return sorted(ROOT.glob("*/views.py")) + sorted(ROOT.glob("*/views/*.py"))


def test_no_view_opens_a_transaction():
    found = [
        str(path.relative_to(ROOT))
        for path in _views()
        if re.search(r"transaction\.atomic|from django\.db import .*\btransaction\b", path.read_text(encoding="utf-8"))
    ]
    assert found == []


# How a template would restate the rules instead of asking the object (`interaction.is_follow_up_overdue`,
# `organisation.is_publicly_listed`, `opportunity.is_publicly_listed`).
RESTATED = {
    "overdue": re.compile(r"follow_up_on\s*<"),
    "publicly listed organisation": re.compile(r"is_public\s+and\s+\w+\.kind|kind\s*==\s*['\"]association['\"]"),
}


def test_no_template_restates_a_rule():
    assert RESTATED["overdue"].search("{% elif interaction.follow_up_on < today %}")
    assert RESTATED["publicly listed organisation"].search(
        '{% if organisation.is_public and organisation.kind == "association" %}'
    )
    found = [
        f"{path.relative_to(ROOT)}: {rule}"
        for path in sorted(ROOT.rglob("templates/**/*.html"))
        for rule, pattern in RESTATED.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
