"""A link to a page that does not resolve is an error, not a button that silently disappears.

Views once caught NoReverseMatch, and templates stored `{% url ... as name %}` (which swallows it) and then
showed the link only `{% if name %}`, for pages that did not exist yet. They all exist now: a renamed or removed
URL must fail the tests that render the page.
"""

import re
from pathlib import Path

import frivillig

ROOT = Path(frivillig.__file__).parent
URL_AS = re.compile(r"{%\s*url\s[^%]*\sas\s+(\w+)\s*%}")


def test_no_template_shows_a_link_only_if_its_url_resolves():
    found = []
    for path in sorted(ROOT.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for name in URL_AS.findall(text):
            if re.search(r"{%\s*(el)?if\s[^%]*\b" + name + r"\b", text):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    assert found == []


def test_no_code_outside_the_tests_catches_no_reverse_match():
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and "except NoReverseMatch" in path.read_text(encoding="utf-8")
    ]
    assert found == []
