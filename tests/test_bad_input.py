"""No input makes a 500: every page and every form of the project, fed what an attacker would type.

The pages come from the permission matrix (every URL pattern is in it), the parameter names from every form
class of the project and from the links and forms each page renders, so a new view or form is covered the day
it is added. Each page is asked as a persona that may see it; anything below 500 is an answer (a 404 for an id
that cannot exist, a form error, an empty result) — a 500 is not.
"""

import importlib
import io
import pkgutil
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.crm.models import Tag
from frivillig.testing import LOGIN, PASSWORD, PERSONAS, make_opportunity
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


class _QuickPdfLayout:
    """Stands in for WeasyPrint's layout here: the values still reach the view, its forms and the PDF's template
    (rendered to HTML as always), but laying out the same pages dozens of times (seconds each) would say nothing
    more. Every PDF is laid out for real in the permission matrix, the isolation tests and its own tests."""

    def __init__(self, *, string: str, **_options):
        assert "<html" in string

    def write_pdf(self, **_options) -> bytes:
        return b"%PDF-1.7\n"


@pytest.fixture(autouse=True)
def _quick_pdf_layout(monkeypatch):
    monkeypatch.setattr("frivillig.core.pdf.HTML", _QuickPdfLayout)


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


PATH_ID_CASES = sorted(
    name for name, case in MATRIX.items() if _persona_for(case) and any("{" in value for value in case.kwargs.values())
)


@pytest.mark.parametrize("name", PATH_ID_CASES)
def test_an_id_in_the_path_that_no_row_can_have_is_not_found(name, personas, client_for):
    case = MATRIX[name]
    client = client_for(_persona_for(case))
    filled = _fill(case.kwargs, matrix_objects(personas))
    ids = {key for key, value in filled.items() if "{" in case.kwargs[key] and value.isdigit()}
    if not ids:
        pytest.skip("no id in the path (a token is checked by its own tests)")
    for impossible in (HUGE, "9223372036854775808", "0"):
        kwargs = {key: impossible if key in ids else value for key, value in filled.items()}
        response = getattr(client, case.method)(reverse(name, kwargs=kwargs), case.data)
        assert response.status_code == 404, (name, impossible, response.status_code)


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
    assert {"LoginForm", "OpportunityForm", "OrganisationForm", "BoardFilterForm"} <= names, names


# --- every form class: what its fields accept ------------------------------------------------------------------

FORM_CLASSES = project_form_classes()


def _form_id(form) -> str:
    return f"{form.__module__.removeprefix('frivillig.')}.{form.__qualname__}"


def _fields(form_class, kind):
    return [(name, field) for name, field in form_class.base_fields.items() if isinstance(field, kind)]


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=_form_id)
def test_form_text_fields_strip_control_characters(form_class):
    for name, field in _fields(form_class, forms.CharField):
        if isinstance(field.widget, forms.PasswordInput) or isinstance(field, forms.JSONField):
            continue
        cleaned = field.to_python(f" {CONTROL_TEXT}\tslut\r\n ")
        assert "Tekstmedstyretegn\tslut" in cleaned, name
        assert not any(ord(character) < 32 and character not in "\t\r\n" for character in cleaned), name


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=_form_id)
def test_form_date_fields_refuse_absurd_years(form_class):
    for name, field in _fields(form_class, forms.DateField | forms.DateTimeField):
        for value in ("9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"):
            with pytest.raises(ValidationError) as raised:
                field.clean(value)
            assert raised.value.code == "date_out_of_range", (name, value)
        assert field.clean("2030-06-15") is not None, name


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=_form_id)
def test_form_number_and_id_fields_refuse_what_no_column_holds(form_class, db):
    for _name, field in _fields(form_class, forms.IntegerField):
        if type(field) in (forms.FloatField, forms.DecimalField):
            continue
        with pytest.raises(ValidationError):
            field.clean(HUGE)
    for _name, field in _fields(form_class, forms.ModelChoiceField):
        if field.queryset is None:
            continue
        value = [HUGE, "-" + HUGE] if isinstance(field, forms.ModelMultipleChoiceField) else HUGE
        with scopes_disabled(), pytest.raises(ValidationError):
            field.clean(value)


def test_a_new_form_inherits_the_rules(db):
    class LaterForm(forms.Form):
        title = forms.CharField()
        when = forms.DateField()
        count = forms.IntegerField()
        words = forms.ModelMultipleChoiceField(queryset=Tag.objects.none(), required=False)

    with scopes_disabled():
        LaterForm.base_fields["words"].queryset = Tag.objects.all()
        form = LaterForm({"title": "Hej\x0bverden\x01", "when": "9999-12-31", "count": HUGE, "words": [HUGE]})
        assert not form.is_valid()
    assert form.cleaned_data["title"] == "Hejverden"
    assert set(form.errors) == {"when", "count", "words"}


# --- each finding, as the person who met it saw it ------------------------------------------------------------


@pytest.mark.parametrize("search", ["-", '"', "*&!", "«»", "  -  "])
@pytest.mark.parametrize("board", ["volunteering:board", "national:board"])
def test_board_search_of_only_punctuation_filters_nothing(board, search, personas, client):
    make_opportunity(personas.organisation, title="Lektiehjælper")
    url = reverse(board, kwargs={"tenant_slug": "alfa"} if board == "volunteering:board" else {})
    response = client.get(url, {"soeg": search})
    assert response.status_code == 200
    assert [item.title for item in response.context["results"].page.object_list] == ["Lektiehjælper"]


@pytest.mark.parametrize("search", ["-", '"', "*&!"])
def test_board_search_of_a_word_still_filters(search, personas, client):
    make_opportunity(personas.organisation, title="Lektiehjælper")
    make_opportunity(personas.organisation, title="Besøgsven")
    response = client.get(
        reverse("volunteering:board", kwargs={"tenant_slug": "alfa"}), {"soeg": f"lektiehjælper{search}"}
    )
    assert [item.title for item in response.context["results"].page.object_list] == ["Lektiehjælper"]


def test_board_page_of_twenty_digits_shows_the_last_page(personas, client):
    make_opportunity(personas.organisation, title="Lektiehjælper")
    response = client.get(reverse("volunteering:board", kwargs={"tenant_slug": "alfa"}), {"side": HUGE})
    assert response.status_code == 200
    assert response.context["results"].page.number == 1
    assert [item.title for item in response.context["results"].page.object_list] == ["Lektiehjælper"]


@pytest.mark.parametrize("value", [HUGE, "9223372036854775808", "-1", "0", "²", "abc", "1.5"])
def test_an_id_no_row_can_have_is_no_choice(value, personas, client_for):
    url = reverse("crm:person_create", kwargs={"tenant_slug": "alfa"})
    response = client_for("centre_staff").get(url, {"organisation": value})
    assert response.status_code == 200
    assert response.context["form"].__class__.__name__ == "PersonForm"


def test_an_id_that_could_exist_but_does_not_is_not_found(personas, client_for):
    url = reverse("crm:person_create", kwargs={"tenant_slug": "alfa"})
    assert client_for("centre_staff").get(url, {"organisation": "9223372036854775807"}).status_code == 404


def test_audit_log_filter_by_an_impossible_person_is_ignored(personas, client_for):
    url = reverse("tenants:audit_log", kwargs={"tenant_slug": "alfa"})
    assert client_for("tenant_admin").get(url, {"person": HUGE, "side": HUGE}).status_code == 200


def test_opportunity_open_until_year_9999_is_a_form_error(personas, client_for):
    from frivillig.volunteering.tests.test_opportunities import form_data

    opportunity = make_opportunity(personas.organisation, title="Lektiehjælper")
    url = reverse("volunteering:opportunity_edit", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    client = client_for("association_rep")
    response = client.post(url, form_data(personas, expires_on="9999-12-31"))
    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"] == ["Angiv en dato mellem årene 1900 og 2100."]
    assert "Angiv en dato mellem årene 1900 og 2100." in response.content.decode()
    with scopes_disabled():
        opportunity.refresh_from_db()
    assert opportunity.expires_on is None or opportunity.expires_on.year < 2100


def test_opportunity_with_open_until_year_9999_already_stored_still_opens(personas, client_for):
    opportunity = make_opportunity(personas.organisation, title="Lektiehjælper", expires_on=date(9999, 12, 31))
    url = reverse("volunteering:opportunity_edit", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    assert client_for("association_rep").get(url).status_code == 200


def test_needs_period_of_absurd_dates_is_a_form_error(personas, client_for):
    url = reverse("volunteering:needs", kwargs={"tenant_slug": "alfa"})
    response = client_for("centre_staff").get(url, {"fra": "0001-01-01", "til": "9999-12-31"})
    assert response.status_code == 200
    assert "Angiv en dato mellem årene 1900 og 2100." in response.content.decode()


@pytest.mark.parametrize("target", ["abc", "front_page", "//evil.example.com/", "https://evil.example.com/", "/\\x"])
def test_login_with_a_next_that_is_no_local_path_goes_to_the_persons_home_and_stays_logged_in(target, personas, client):
    user = personas.user("citizen")
    response = client.post(
        reverse("accounts:login"), {"email": user.email, "password": PASSWORD, "next": target}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302
    assert response.url == reverse("my_home")
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_login_with_a_local_next_goes_there(personas, client):
    user = personas.user("citizen")
    response = client.post(
        reverse("accounts:login"), {"email": user.email, "password": PASSWORD, "next": "/alfa/?side=2"}
    )
    assert response.url == "/alfa/?side=2"


@pytest.mark.parametrize("target", ["abc", "accounts:profile", "//evil.example.com/", "javascript:alert(1)"])
def test_language_switch_with_a_next_that_is_no_local_path_goes_to_the_front_page(target, client, db):
    response = client.post(reverse("switch_language"), {"language": "en", "next": target})
    assert response.status_code == 302
    assert response.url == reverse("front_page")


def test_language_switch_returns_to_the_local_page(client, db):
    response = client.post(reverse("switch_language"), {"language": "en", "next": "/alfa/frivilligjob/?soeg=x"})
    assert response.url == "/alfa/frivilligjob/?soeg=x"


def test_title_with_a_vertical_tab_is_saved_without_it(personas, client_for):
    from frivillig.volunteering.tests.test_opportunities import form_data

    opportunity = make_opportunity(personas.organisation, title="Lektiehjælper")
    url = reverse("volunteering:opportunity_edit", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    response = client_for("association_rep").post(url, form_data(personas, title="Lektie\x0bhjælper\x01"))
    assert response.status_code == 302
    with scopes_disabled():
        opportunity.refresh_from_db()
    assert opportunity.title == "Lektiehjælper"


@pytest.mark.parametrize("feed", ["volunteering:feed", "national:feed"])
def test_feed_holds_a_title_with_control_characters_already_stored(feed, personas, client):
    make_opportunity(personas.organisation, title="Lektie\x0bhjælper\x01", summary="Hjælp\x1f med lektier")
    url = reverse(feed, kwargs={"tenant_slug": "alfa"} if feed == "volunteering:feed" else {})
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    assert [entry.findtext(f"{atom}title") for entry in root.findall(f"{atom}entry")] == ["Lektiehjælper"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_holds_a_town_with_control_characters_already_stored(fmt, personas, client_for):
    from openpyxl import load_workbook

    with scopes_disabled():
        personas.organisation.town = "Sor\x01ø\x0b"
        personas.organisation.save(update_fields=["town"])
    url = reverse("crm:organisation_export", kwargs={"tenant_slug": "alfa", "fmt": fmt})
    response = client_for("centre_staff").get(url)
    assert response.status_code == 200
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        cells = [cell for row in rows[1:] for cell in row]
    else:
        cells = response.content.decode("utf-8-sig").replace("\r\n", ";").split(";")
    assert "Sorø" in cells
