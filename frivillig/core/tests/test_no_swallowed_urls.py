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


def test_no_template_reverses_a_url_into_a_variable():
    """`{% url ... as name %}` turns a missing URL into an empty string, however the variable is used after (the
    statement pages once showed their edit button with an empty address, guarded by a permission)."""
    # The check can fail: it sees the form that swallows the error.
    assert URL_AS.findall("{% url 'communication:privacy_edit' tenant_slug=tenant.slug as edit_url %}") == ["edit_url"]
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted(ROOT.rglob("*.html"))
        for name in URL_AS.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_code_outside_the_tests_catches_no_reverse_match():
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.relative_to(ROOT).parts and "except NoReverseMatch" in path.read_text(encoding="utf-8")
    ]
    assert found == []
