"""Validation and normalisation of Danish identifiers: CVR numbers, phone numbers, postcodes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def is_valid_cvr(value: str) -> bool:
    """Eight digits whose weighted sum (weights 2,7,6,5,4,3,2,1) is divisible by 11."""
    if not re.fullmatch(r"\d{8}", value or ""):
        return False
    return sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0


def normalise_cvr(value: str) -> str:
    """Accept the usual ways of writing a CVR number ("DK 12 34 56 78", "12345678")."""
    cleaned = re.sub(r"[\s.-]", "", value or "").upper()
    return cleaned.removeprefix("DK")


def validate_cvr(value: str) -> None:
    """Two different mistakes, two different messages: the wrong number of digits (or other signs), and eight
    digits whose check digit does not match (usually one digit typed wrong or two swapped)."""
    if not value or is_valid_cvr(value):
        return
    if re.fullmatch(r"\d{8}", value):
        raise ValidationError(
            _("The CVR number %(value)s is not valid: the check digit does not match. Check for a typing error."),
            code="invalid_cvr_check_digit",
            params={"value": value},
        )
    raise ValidationError(
        _("%(value)s is not a CVR number: a CVR number has exactly 8 digits."),
        code="invalid_cvr_length",
        params={"value": value},
    )


def normalise_phone(value: str) -> str:
    """Danish numbers become +45 followed by the eight digits in pairs; other numbers keep their digits."""
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"[^\d+]", "", raw)
    if digits.startswith("0045"):
        digits = "+45" + digits[4:]
    if re.fullmatch(r"\d{8}", digits):
        digits = "+45" + digits
    if re.fullmatch(r"\+45\d{8}", digits):
        local = digits[3:]
        return "+45 " + " ".join(local[i : i + 2] for i in range(0, 8, 2))
    return digits


def validate_phone(value: str) -> None:
    normalised = normalise_phone(value)
    if normalised and not re.fullmatch(r"\+45 \d{2} \d{2} \d{2} \d{2}|\+\d{7,15}", normalised):
        raise ValidationError(
            _("Write a Danish phone number with 8 digits, or a foreign number starting with + and the country code."),
            code="invalid_phone",
        )


def validate_postcode(value: str) -> None:
    if value and not re.fullmatch(r"\d{4}", value):
        raise ValidationError(_("A postcode has four digits."), code="invalid_postcode")


def validate_image_upload(upload) -> None:
    """A real JPEG, PNG or WebP picture whose name's extension is its real format (the content is decoded).

    The model-level check; forms use `frivillig.core.uploads.ImageUploadField`, which also re-encodes."""
    if upload is None or not hasattr(upload, "size"):
        return
    from frivillig.core.uploads import validate_image_name

    validate_image_name(upload)


# "{", "|" and "}" follow "z" in code point order.
_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def danish_sort_key(text: str) -> str:
    """Sort like a Danish dictionary: æ, ø and å come after z, in that order (Python's default puts å first)."""
    return (text or "").lower().translate(_DANISH_ORDER)
