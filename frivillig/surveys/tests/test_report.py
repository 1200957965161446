"""The report for the board: a title page (centre, survey, period, response rate), the staff's summary at the top,
each question with its chart and table, the free texts; as a page and as a PDF. The summary's own form."""

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
    small, big = choices_of(size)
    for number in range(60):
        respond(survey, {size: small if number % 3 else big, wish: f"Ønske nummer {number}"})
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
    assert response.content.decode().count('<svg class="svg-bar-chart"') == 1


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
