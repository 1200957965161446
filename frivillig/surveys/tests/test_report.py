"""The report for the board: a title page (centre, survey, period, response rate), the staff's summary at the top,
each question with its chart and table, the free texts; as a page and as a PDF. The summary's own form.

The PDF is read with the standard library, as core's pdf_titles reads its outline: its pages' text through the
fonts' maps to Unicode (what a reader copies), and its figures' drawing operators."""

import datetime
import re
import zlib

from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import pdf_titles
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Survey
from frivillig.surveys.tests.helpers import (
    choices_of,
    make_invitation,
    make_question,
    make_section,
    make_survey,
    respond,
    url,
    visible_text,
)

SUMMARY = "Foreningerne mangler især hjælp til at finde unge frivillige."


def pdf_subject(pdf: bytes) -> str:
    """The PDF's /Subject (WeasyPrint writes the page's description there), read like pdf_titles reads /Title."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            inflated.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    for match in re.finditer(rb"/Subject\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9a-fA-F]+)>)", b"\n".join([pdf, *inflated])):
        literal, hexadecimal = match.groups()
        if hexadecimal is not None:
            return bytes.fromhex(hexadecimal.decode()).decode("utf-16")
        return literal.decode("latin-1")
    return ""


def pdf_objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Every object of a PDF by number, as (its dictionary, its inflated stream or None), also those WeasyPrint packs
    into compressed object streams."""
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)(stream\r?\n|endobj)", pdf, re.S):
        number, head, kind = int(match[1]), match[2], match[3]
        if kind == b"endobj":
            objects[number] = (head, None)
            continue
        objects[number] = (head, zlib.decompressobj().decompress(pdf[match.end() :]))
    for head, data in list(objects.values()):
        if b"/Type /ObjStm" in head and data is not None:
            first = int(re.search(rb"/First (\d+)", head)[1])
            pairs = [int(value) for value in data[:first].split()]
            starts = [*pairs[1::2], len(data) - first]
            for index, number in enumerate(pairs[::2]):
                objects[number] = (data[first + starts[index] : first + starts[index + 1]], None)
    return objects


def _to_unicode(cmap: bytes) -> dict[bytes, str]:
    """A font's ToUnicode map: glyph code → the text it stands for."""
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[(int(low, 16) + offset).to_bytes(len(low) // 2, "big")] = chr(int(start, 16) + offset)
    return mapping


def _named(objects, head: bytes, kind: bytes) -> dict[bytes, int]:
    """The resources of one kind (/Font, /XObject) a page or form names, by name → object number."""
    resources = re.search(rb"/Resources (\d+) 0 R", head)
    if resources:
        head = objects[int(resources[1])][0]
    found = re.search(kind + rb"\s*(?:(\d+) 0 R|<<(.*?)>>)", head, re.S)
    if not found:
        return {}
    names = objects[int(found[1])][0] if found[1] else found[2]
    return {name: int(number) for name, number in re.findall(rb"/([^\s/<>\[\]]+) (\d+) 0 R", names)}


TEXT_OPERATORS = re.compile(
    rb"/([^\s/<>\[\]]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|/([^\s/<>\[\]]+)\s+Do\b|\bET\b"
)


def _stream_text(objects, head: bytes, content: bytes) -> list[str]:
    """The texts a content stream draws, one per text object (BT … ET), those of the forms it draws included."""
    fonts = {name: _to_unicode(_font_cmap(objects, number)) for name, number in _named(objects, head, b"/Font").items()}
    forms = _named(objects, head, b"/XObject")
    texts, current, font = [], "", {}
    for match in TEXT_OPERATORS.finditer(content):
        name, array, single, drawn = match[1], match[2], match[3], match[4]
        if name is not None:
            font = fonts.get(name, {})
        elif array is not None or single is not None:
            for code in re.findall(rb"<([0-9a-fA-F]*)>", array) if array is not None else [single]:
                raw = bytes.fromhex(code.decode())
                current += "".join(font.get(raw[i : i + 2], "\ufffd") for i in range(0, len(raw), 2))
        elif drawn is not None and drawn in forms:
            form_head, form_content = objects[forms[drawn]]
            if b"/Subtype /Form" in form_head:
                texts += _stream_text(objects, form_head, form_content or b"")
        else:
            texts.append(current)
            current = ""
    return texts


def _font_cmap(objects, number: int) -> bytes:
    to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[number][0])
    return (objects[int(to_unicode[1])][1] or b"") if to_unicode else b""


def pdf_pages(objects) -> list[tuple[bytes, bytes]]:
    """Each page's dictionary and inflated content, in the order of the pages."""
    root = next(
        head for head, _data in objects.values() if re.search(rb"/Type /Pages\b", head) and b"/Parent" not in head
    )
    pages = []
    for number in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", root)[1]):
        head = objects[int(number)][0]
        pages.append((head, objects[int(re.search(rb"/Contents (\d+) 0 R", head)[1])][1] or b""))
    return pages


def pdf_text(pdf: bytes) -> str:
    """The words a PDF draws on its pages, in the order drawn, from the fonts' own maps to Unicode (as a PDF reader
    copies them): one space between text objects, whitespace collapsed."""
    objects = pdf_objects(pdf)
    texts = [text for head, content in pdf_pages(objects) for text in _stream_text(objects, head, content)]
    return re.sub(r"\s+", " ", " ".join(texts)).strip()


def pdf_figures(pdf: bytes) -> list[tuple[bytes, str]]:
    """Each figure (what WeasyPrint tags /Figure: an SVG drawing or an image), in order: its drawing operators and
    the texts it draws."""
    objects = pdf_objects(pdf)
    figures = []
    for head, content in pdf_pages(objects):
        for start in re.finditer(rb"/Figure\s*<<[^>]*>>\s*BDC\b", content):
            depth = 1
            for mark in re.finditer(rb"\b(BDC|BMC|EMC)\b", content[start.end() :]):
                depth += -1 if mark[1] == b"EMC" else 1
                if depth == 0:
                    drawing = content[start.end() : start.end() + mark.start()]
                    text = re.sub(r"\s+", " ", " ".join(_stream_text(objects, head, drawing))).strip()
                    figures.append((drawing, text))
                    break
    return figures


def build(personas):
    survey = make_survey(
        personas.tenant,
        title="Behovsanalyse 2017",
        summary=SUMMARY,
        opens_at=datetime.datetime(2017, 10, 2, 8, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2018, 2, 28, 20, tzinfo=datetime.UTC),
    )
    section = make_section(survey)
    size = make_question(
        section, QuestionKind.SINGLE_CHOICE, text="Hvor stor er foreningen?", choices=["Lille", "Stor"]
    )
    wish = make_question(section, QuestionKind.LONG_TEXT, text="Hvad ønsker I jer af centret?")
    contact = make_question(section, QuestionKind.YES_NO, text="Vil I kontaktes af centret?")
    small, big = choices_of(size)
    for number in range(60):
        respond(survey, {size: small if number % 3 else big, wish: f"Ønske nummer {number}", contact: number % 4 == 0})
    for number in range(4):
        make_invitation(survey, email=f"formand{number}@example.org", sent_at=survey.opens_at, responded=number < 3)
    return survey


def test_report_page_has_title_page_summary_questions_and_every_text(personas, client_for):
    survey = build(personas)

    response = client_for("centre_staff").get(url("survey_report", pk=survey.pk))

    assert response.status_code == 200
    text = visible_text(response)
    assert "Frivilligcenter Alfa Behovsanalyse 2017 Behovsanalyse" in text
    assert "Periode 2. oktober 2017 – 28. februar 2018" in text
    assert "Svarprocent 3 af 4 inviterede har svaret (75,0 %)" in text
    # The summary comes before the first question.
    assert text.index(SUMMARY) < text.index("1. Hvor stor er foreningen?")
    assert "Lille 40 (66,7 %)" in text
    # All free texts (the page caps them at 20; the report does not).
    assert "Ønske nummer 59" in text and "Ønske nummer 0" in text
    assert response.content.decode().count('<svg class="svg-bar-chart"') == 2


def test_pdf_renders_with_the_questions_and_the_summary(personas, client_for):
    survey = build(personas)

    response = client_for("centre_staff").get(url("survey_report_pdf", pk=survey.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="behovsanalyse-2017-rapport.pdf"'
    titles = pdf_titles(response.content)
    assert "Rapport: Behovsanalyse 2017" in titles
    assert "1. Hvor stor er foreningen?" in titles and "2. Hvad ønsker I jer af centret?" in titles
    assert "Sammenfatning og konklusioner" in titles
    assert pdf_subject(response.content) == SUMMARY
    # The pages themselves: the title page, the summary before the first question, every question, every free text.
    text = pdf_text(response.content)
    assert "Frivilligcenter Alfa Behovsanalyse 2017" in text
    assert "Sammenfatning og konklusioner " + SUMMARY in text
    assert text.index(SUMMARY) < text.index("1. Hvor stor er foreningen?")
    for question in (
        "1. Hvor stor er foreningen?",
        "2. Hvad ønsker I jer af centret?",
        "3. Vil I kontaktes af centret?",
    ):
        assert question in text
    # Each closed question's table beside its chart, and every free text (none capped).
    assert "Lille 40 (66,7 %) Stor 20 (33,3 %)" in text and "Ja 15 (25,0 %) Nej 45 (75,0 %)" in text
    assert sorted(int(number) for number in re.findall(r"Ønske nummer (\d+)", text)) == list(range(60))


def test_pdf_draws_each_closed_questions_chart_as_vector_graphics(personas, client_for):
    survey = build(personas)

    pdf = client_for("centre_staff").get(url("survey_report_pdf", pk=survey.pk)).content

    # No picture of pixels anywhere: a chart drawn as an image would be one.
    assert b"/Subtype /Image" not in b"".join(head for head, _data in pdf_objects(pdf).values())
    figures = pdf_figures(pdf)
    # One figure per closed question (the free-text question has none): filled rectangles (each answer's track
    # and bar) and the labels and numbers as text (an SVG text places each letter by itself and draws no spaces).
    texts = [text.replace(" ", "") for _drawing, text in figures]
    assert texts == ["Lille40(66,7%)Stor20(33,3%)", "Ja15(25,0%)Nej45(75,0%)"]
    for drawing, _text in figures:
        assert len(re.findall(rb"\bre\s+f\b", drawing)) == 4


def test_summary_is_saved_through_the_service_with_an_audit_entry(personas, client_for):
    survey = make_survey(personas.tenant)
    staff = client_for("centre_staff")

    page = staff.get(url("survey_summary", pk=survey.pk))
    response = staff.post(url("survey_summary", pk=survey.pk), {"summary": f"  {SUMMARY}  "})

    assert "Sammenfatning og konklusioner" in visible_text(page)
    assert response.status_code == 302
    assert response["Location"] == url("survey_report", pk=survey.pk)
    with scopes_disabled():
        assert Survey.objects.get(pk=survey.pk).summary == SUMMARY
        entry = AuditEntry.objects.get(code="surveys.survey.summary_saved")
    assert (entry.actor, entry.tenant, entry.target_id) == (
        personas.user("centre_staff"),
        personas.tenant,
        str(survey.pk),
    )
    report = visible_text(staff.get(response["Location"]))
    assert "Sammenfatningen er gemt. Den står øverst i rapporten." in report
    assert SUMMARY in report


def test_report_without_responses_says_so(personas, client_for):
    survey = make_survey(personas.tenant)
    text = visible_text(client_for("centre_staff").get(url("survey_report", pk=survey.pk)))
    assert "Der er ikke kommet nogen besvarelser endnu." in text
    assert "Der er ikke skrevet en sammenfatning endnu." in text


def test_another_tenants_report_is_not_found(personas, client_for):
    with scopes_disabled():
        foreign = make_survey(personas.other_tenant)
    staff = client_for("centre_staff")
    assert staff.get(url("survey_report", pk=foreign.pk)).status_code == 404
    assert staff.get(url("survey_report_pdf", pk=foreign.pk)).status_code == 404
    assert staff.post(url("survey_summary", pk=foreign.pk), {"summary": "x"}).status_code == 404
