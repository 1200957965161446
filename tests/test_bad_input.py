"""No input makes a 500: every page and every form of the project, fed what an attacker would type.

The pages come from the permission matrix (every URL pattern is in it), the parameter names from every form
class of the project and from the links and forms each page renders, so a new view or form is covered the day
it is added. Each page is asked as a persona that may see it; anything below 500 is an answer (a 404 for an id
that cannot exist, a form error, an empty result) — a 500 is not.
"""

import importlib
import pkgutil
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from frivillig.testing import LOGIN, PERSONAS
from tests.test_permission_matrix import MATRIX, _fill, matrix_objects

HUGE = "99999999999999999999"
CONTROL_TEXT = "Tekst\x0bmed\x01styre\x7ftegn\x85"
HOSTILE = {
    "huge": HUGE,
    "huge_negative": "-" + HUGE,
    "punctuation": "*&!",
    "quote": '"',
    "dash": "-",
    "far_future": "9999-12-31",
    "far_past": "0001-01-01",
    "control": CONTROL_TEXT,
    "bare_word": "abc",
    "superscript_digit": "²",
}
# Names some views read straight from the query string, besides their forms' fields.
COMMON_PARAMS = ("side", "page", "q", "soeg", "sorter", "person", "organisation", "next", "fil", "handling")
# The personas tried first: the widest view of a page's data.
PREFERENCE = ("centre_staff", "tenant_admin", "association_rep", "municipal_staff", "citizen", "anonymous")


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's apps (their `forms` module or package is imported first)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("frivillig."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.forms":
                raise
            continue
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            importlib.import_module(f"{module.__name__}.{info.name}")

    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return sorted(
        (form for form in found if form.__module__.startswith("frivillig.")),
        key=lambda form: f"{form.__module__}.{form.__qualname__}",
    )


def form_field_names() -> set[str]:
    return {name for form in project_form_classes() for name in form.base_fields}


def _persona_for(case) -> str | None:
    """A persona the view serves: one that gets the page itself (200), else any answer but a refusal."""
    ordered = PREFERENCE + tuple(p for p in PERSONAS if p not in PREFERENCE)
    served = [p for p in ordered if case.expected[p] != LOGIN and case.expected[p] not in (403, 404)]
    return next((p for p in served if case.expected[p] == 200), served[0] if served else None)


class _PageForms(HTMLParser):
    """The forms of a page with their fields and current values, and the query names its links use."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.link_params: set[str] = set()
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "?" in (attrs.get("href") or ""):
            self.link_params.update(name for name, _ in parse_qsl(urlsplit(attrs["href"]).query))
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": [],
            }
            self.forms.append(self._form)
        if self._form is None or not attrs.get("name"):
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                fields.append([attrs["name"], kind, attrs.get("value", "on") if "checked" in attrs else None])
            else:
                fields.append([attrs["name"], kind, attrs.get("value", "")])
        elif tag == "select":
            self._select = [attrs["name"], "select", None]
            fields.append(self._select)
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._select[2] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = [attrs["name"], "textarea", ""]
            fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _parse(response) -> _PageForms:
    parser = _PageForms()
    if response.get("Content-Type", "").startswith("text/html"):
        parser.feed(response.content.decode())
    return parser


def _assert_answers(response, what):
    assert response.status_code < 500, (what, response.status_code)


def _follow(client, response, what):
    """A redirect after a post leads somewhere that must open too (a stored value can break a later page)."""
    if response.status_code in (301, 302, 303) and response.headers["Location"].startswith("/"):
        _assert_answers(client.get(response.headers["Location"]), (what, "after redirect"))


GET_CASES = sorted(name for name, case in MATRIX.items() if case.method == "get" and _persona_for(case))
POST_CASES = sorted(name for name, case in MATRIX.items() if case.method == "post" and _persona_for(case))


@pytest.mark.parametrize("name", GET_CASES)
def test_page_answers_hostile_query_parameters(name, personas, client_for):
    case = MATRIX[name]
    client = client_for(_persona_for(case))
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    page = _parse(client.get(url, case.data))
    names = set(COMMON_PARAMS) | form_field_names() | page.link_params
    names |= {field[0] for form in page.forms if form["method"] == "get" for field in form["fields"]}
    for label, value in HOSTILE.items():
        _assert_answers(client.get(url, dict.fromkeys(names, value)), (name, label))
        # Several values for each name, as a multi-select sends them.
        _assert_answers(client.get(url, {key: [value, HUGE] for key in names}), (name, label, "multiple"))


TEXT_KINDS = {"text", "textarea", "email", "url", "search", "tel"}


def _variants(fields: list[list]) -> dict[str, dict[str, list[str]]]:
    """The data to post: the page's own values (so the rest of the form is valid), one kind of field at a time
    made hostile, and every field made hostile at once."""

    def data(change) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for name, kind, value in fields:
            new = change(kind, value)
            if new is not None:
                result.setdefault(name, []).append(new)
        return result

    def keep(kind, value):
        return value

    variants = {"as shown": data(keep)}
    for label, hostile in HOSTILE.items():
        variants[f"every field {label}"] = data(lambda kind, value, hostile=hostile: hostile)
    for label in ("far_future", "far_past"):
        variants[f"dates {label}"] = data(lambda kind, value, label=label: HOSTILE[label] if kind == "date" else value)
    variants["text with control characters"] = data(
        lambda kind, value: f"{value or 'Tekst'}{CONTROL_TEXT}" if kind in TEXT_KINDS else value
    )
    variants["numbers and choices huge"] = data(
        lambda kind, value: HUGE if kind in {"number", "select", "checkbox", "radio", "hidden"} else value
    )
    return variants


@pytest.mark.parametrize("name", GET_CASES)
def test_form_answers_hostile_values(name, personas, client_for):
    case = MATRIX[name]
    client = client_for(_persona_for(case))
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    page = _parse(client.get(url, case.data))
    own_forms = [form for form in page.forms if form["method"] == "post" and form["action"] in ("", url)]
    if not own_forms:
        pytest.skip("the page has no form of its own that posts")
    for form in own_forms:
        for label, data in _variants(form["fields"]).items():
            response = client.post(url, data)
            _assert_answers(response, (name, label))
            _follow(client, response, (name, label))
            _assert_answers(client.get(url), (name, label, "the page again"))


@pytest.mark.parametrize("name", POST_CASES)
def test_post_only_view_answers_hostile_values(name, personas, client_for):
    case = MATRIX[name]
    client = client_for(_persona_for(case))
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    for label, value in HOSTILE.items():
        data = dict.fromkeys({*case.data, "next"}, value)
        response = client.post(url, data)
        _assert_answers(response, (name, label))
        _follow(client, response, (name, label))


def test_every_form_class_is_found():
    names = {form.__name__ for form in project_form_classes()}
    assert {"LoginForm", "OpportunityForm", "OrganisationForm"} <= names, names
