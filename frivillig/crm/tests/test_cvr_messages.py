"""What a person is told about a CVR number that does not pass: eight digits whose check digit does not match is
one message, the wrong number of digits another; the import's preview and the organisation form say the same."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frivillig.core.tests.helpers import english
from frivillig.core.validators import validate_cvr
from frivillig.crm.tests.test_import import HEADER, csv_bytes, preview
from frivillig.crm.tests.test_organisations import CREATE_URL, form_data

CHECK_DIGIT_EN = "The CVR number 12345678 is not valid: the check digit does not match."
CHECK_DIGIT_DA = "CVR-nummeret 12345678 er ikke gyldigt: kontrolcifferet passer ikke."


def message(value: str, language: str) -> tuple[str, str]:
    with pytest.raises(ValidationError) as raised, translation.override(language):
        validate_cvr(value)
    error = raised.value
    with translation.override(language):
        return error.code, str(error.message % error.params)


def test_validate_cvr_eight_digits_with_a_wrong_check_digit_says_the_check_digit_fails():
    code, text = message("12345678", "en")

    assert code == "invalid_cvr_check_digit"
    assert text.startswith(CHECK_DIGIT_EN)


def test_validate_cvr_eight_digits_with_a_wrong_check_digit_in_danish():
    _code, text = message("12345678", "da")

    assert text.startswith(CHECK_DIGIT_DA)


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567A"])
def test_validate_cvr_wrong_length_says_eight_digits_not_check_digit(value):
    code, text = message(value, "en")

    assert code == "invalid_cvr_length"
    assert text == f"{value} is not a CVR number: a CVR number has exactly 8 digits."
    assert "check digit" not in text


def test_validate_cvr_wrong_length_in_danish():
    _code, text = message("1234567", "da")

    assert text == "1234567 er ikke et CVR-nummer: Et CVR-nummer har præcis 8 cifre."


def test_validate_cvr_accepts_a_valid_number_and_empty():
    validate_cvr("12345674")
    validate_cvr("")


@pytest.fixture
def staff(client_for):
    return client_for("centre_staff")


def test_import_preview_names_check_digit_and_length_errors_per_row(staff):
    content = csv_bytes(
        [
            HEADER,
            ["Første", "", "12345678", "", "", "", "", "", "", ""],
            ["Anden", "", "1234 567", "", "", "", "", "", "", ""],
        ]
    )

    page = preview(english(staff), content).content.decode()

    assert f"Row 2, column CVR: {CHECK_DIGIT_EN}" in page
    assert "Row 3, column CVR: 1234567 is not a CVR number: a CVR number has exactly 8 digits." in page


def test_import_preview_check_digit_message_in_danish(staff):
    content = csv_bytes([HEADER, ["Første", "", "12345678", "", "", "", "", "", "", ""]])

    page = preview(staff, content).content.decode()

    assert CHECK_DIGIT_DA in page


def test_organisation_form_wrong_length_cvr_is_the_length_message(staff):
    response = english(staff).post(CREATE_URL, form_data(cvr="123"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "123 is not a CVR number: a CVR number has exactly 8 digits." in content
    assert "check digit" not in content
