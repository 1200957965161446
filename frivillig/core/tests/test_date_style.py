"""One date style everywhere: Danish "3. december 2026 kl. 17.21", English "3 December 2026, 17:21" — on a page, in
a mail and in an export, whichever named format a template asks for."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from django_scopes import scopes_disabled

from frivillig.core.tests.helpers import english
from frivillig.crm.models import Organisation
from frivillig.testing import make_opportunity
from frivillig.volunteering.services.opportunities import opportunities_warn_before_expiry

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MOMENT = datetime(2026, 12, 3, 17, 21, tzinfo=COPENHAGEN)
DANISH = "3. december 2026 kl. 17.21"
ENGLISH = "3 December 2026, 17:21"


@pytest.mark.parametrize(
    ("language", "date_text", "datetime_text"),
    [("da", "3. december 2026", DANISH), ("en", "3 December 2026", ENGLISH)],
)
@pytest.mark.parametrize("prefix", ["", "SHORT_"])
def test_every_named_format_writes_the_one_style(language, date_text, datetime_text, prefix):
    with translation.override(language):
        assert formats.date_format(MOMENT.date(), f"{prefix}DATE_FORMAT") == date_text
        assert formats.date_format(MOMENT, f"{prefix}DATETIME_FORMAT") == datetime_text


@pytest.mark.parametrize(("language", "expected"), [("da", DANISH), ("en", ENGLISH)])
def test_a_page_shows_the_one_style(personas, client_for, language, expected):
    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(created_at=MOMENT)
    client = client_for("centre_staff")
    client.cookies["frivillig_language"] = language
    response = client.get(
        reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    )
    assert expected in response.content.decode()


@pytest.mark.parametrize(("language", "expected"), [("da", "3. december 2026"), ("en", "3 December 2026")])
def test_a_mail_writes_the_one_style_in_the_recipients_language(personas, settings, language, expected):
    settings.LANGUAGE_CODE = language  # the association's own address gets the site's language
    make_opportunity(personas.organisation, title="Lektiehjælp", expires_on=date(2026, 12, 3))
    opportunities_warn_before_expiry(today=date(2026, 11, 30), base_url="http://testserver")
    (message,) = mail.outbox
    assert expected in message.body


@pytest.mark.parametrize(
    ("language", "heading", "expected"),
    [("da", "Medlem siden", "d. mmmm yyyy"), ("en", "Member since", "d mmmm yyyy")],
)
def test_an_export_shows_dates_in_the_one_style(personas, client_for, language, heading, expected):
    from openpyxl import load_workbook

    with scopes_disabled():
        Organisation.objects.filter(pk=personas.organisation.pk).update(member_since=MOMENT.date())
    client = client_for("centre_staff")
    if language == "en":
        english(client)
    response = client.get(reverse("crm:organisation_export", kwargs={"tenant_slug": "alfa", "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    column = [cell.value for cell in rows[0]].index(heading)
    cell = next(row[column] for row in rows[1:] if row[column].value is not None)
    assert cell.value.date() == MOMENT.date()
    assert cell.number_format == expected
