"""schema.org JSON-LD for public pages, as a ready <script type="application/ld+json"> element.

Like Django's `json_script`, the element is built in Python rather than in a template: a JSON-LD block is data
the browser never runs (the CSP does not apply to it), and the templates stay free of any inline <script>.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The characters that could end the <script> element or start markup inside it, as JSON escapes
# (the same ones Django's json_script escapes); the JSON means the same, the HTML parser sees no tag.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """`data` (a JSON-serialisable dict) as a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    # mark_safe: every character that could end the element or open markup is escaped above.
    return format_html('<script type="application/ld+json">\n{}\n</script>', mark_safe(text))  # noqa: S308


def without_empty(data: dict) -> dict:
    """The entries of `data` that have a value (schema.org properties are left out rather than left empty)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
