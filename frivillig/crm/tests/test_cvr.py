"""The CVR check (modulus 11 with weights 2,7,6,5,4,3,2,1) as a property: every valid number is accepted and every
single-digit change of one is rejected."""

from hypothesis import assume, given
from hypothesis import strategies as st

from frivillig.core.validators import CVR_WEIGHTS, is_valid_cvr, normalise_cvr

seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


def with_check_digit(first_seven: str) -> str | None:
    """The eighth digit that makes the weighted sum divisible by 11, or None when it would have to be 10."""
    partial = sum(int(digit) * weight for digit, weight in zip(first_seven, CVR_WEIGHTS[:7], strict=True))
    check = -partial % 11
    return None if check == 10 else first_seven + str(check)


@given(seven_digits)
def test_cvr_every_valid_number_is_accepted(first_seven):
    number = with_check_digit(first_seven)
    assume(number is not None)
    assert is_valid_cvr(number)


@given(seven_digits, st.integers(min_value=0, max_value=7), st.integers(min_value=1, max_value=9))
def test_cvr_every_single_digit_change_is_rejected(first_seven, position, shift):
    number = with_check_digit(first_seven)
    assume(number is not None)
    changed_digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + changed_digit + number[position + 1 :]
    assert changed != number
    assert not is_valid_cvr(changed)


@given(seven_digits)
def test_cvr_the_usual_spellings_normalise_to_a_valid_number(first_seven):
    number = with_check_digit(first_seven)
    assume(number is not None)
    spaced = "DK " + " ".join(number[i : i + 2] for i in range(0, 8, 2))
    assert normalise_cvr(spaced) == number
    assert is_valid_cvr(normalise_cvr(spaced))


def test_cvr_other_lengths_and_letters_are_rejected():
    assert not is_valid_cvr("1234567")
    assert not is_valid_cvr("123456740")
    assert not is_valid_cvr("1234567a")
    assert not is_valid_cvr("")
    assert is_valid_cvr("12345674")
