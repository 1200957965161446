"""Every page that answers htmx's live filter with a fragment (found through the permission matrix) answers a
history restore with the whole page, and tells caches that the answer depends on those headers.

When the back button returns to a page that is no longer in htmx's history cache, htmx asks for it with
`HX-Request` and `HX-History-Restore-Request` and replaces the whole body with the answer: a fragment there
leaves a page without header, menu or filter panel.
"""

import pytest
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, _fill, matrix_objects

LIVE = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

# The lists with a live filter today: each must still answer the live filter with a fragment.
KNOWN_LISTS = {
    "crm:organisation_list",
    "crm:person_list",
    "crm:interaction_list",
    "crm:relation_list",
    "crm:directory",
    "crm:unrepresented_list",
    "volunteering:board",
    "national:board",
    "volunteering:opportunity_manage_list",
    "volunteering:pipeline",
    "volunteering:pipeline_all",
    "tenants:audit_log",
    "tenants:access_log",
}


def _pages():
    """Each GET page of the matrix with a persona that may open it."""
    for name, case in sorted(MATRIX.items()):
        if case.method != "get":
            continue
        persona = next((persona for persona, status in case.expected.items() if status == 200), None)
        if persona is not None:
            yield pytest.param(name, persona, id=name)


def _is_page(content: str) -> bool:
    """A whole HTML document (a page with the site's header, or a print layout of its own), not a fragment."""
    return content.lstrip().lower().startswith("<!doctype html") and "<html" in content


def test_the_known_lists_are_in_the_matrix():
    assert {param.values[0] for param in _pages()} >= KNOWN_LISTS


@pytest.mark.parametrize(("name", "persona"), list(_pages()))
def test_live_lists_answer_a_history_restore_with_the_whole_page(name, persona, personas, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    client = client_for(persona)

    live = client.get(url, headers=LIVE)
    assert live.status_code == 200, (name, live.status_code)
    if not live.headers["Content-Type"].startswith("text/html"):
        return  # feeds and files
    fragment = live.content.decode()
    if _is_page(fragment):
        assert name not in KNOWN_LISTS, f"{name} no longer answers the live filter with only its results"
        return

    restored = client.get(url, headers=RESTORE)
    assert restored.status_code == 200
    assert _is_page(restored.content.decode()), f"{name} answers a history restore with a fragment"
    assert 'id="list-results"' in fragment, f"{name} answers the live filter with something else than its results"
    full = client.get(url)
    for response in (live, restored, full):
        vary = {value.strip() for value in response.headers.get("Vary", "").split(",")}
        assert {"HX-Request", "HX-History-Restore-Request"} <= vary, (name, response.headers.get("Vary"))
