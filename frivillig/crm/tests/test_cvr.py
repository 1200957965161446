"""The CVR check as the law defines it: eight digits, weights 2, 7, 6, 5, 4, 3, 2, 1, and the weighted sum divisible
by 11. The weights and the example numbers are written out here, never taken from the code under test, so that a
wrong weight in the code fails."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from frivillig.core.validators import is_valid_cvr, normalise_cvr

# The law's weights (CVR-loven's modulus-11 control), written out on purpose.
LAW_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)

# Valid numbers, with the weighted sum worked out by hand.
VALID = [
    # 2·2 + 4·7 + 2·6 + 5·5 + 6·4 + 7·3 + 9·2 + 0·1 = 4 + 28 + 12 + 25 + 24 + 21 + 18 + 0 = 132 = 12·11
    "24256790",
    # 6·2 + 1·7 + 1·6 + 2·5 + 6·4 + 2·3 + 2·2 + 8·1 = 12 + 7 + 6 + 10 + 24 + 6 + 4 + 8 = 77 = 7·11
    "61126228",
    # 6·2 + 1·7 + 0·6 + 5·5 + 6·4 + 4·3 + 1·2 + 6·1 = 12 + 7 + 0 + 25 + 24 + 12 + 2 + 6 = 88 = 8·11
    "61056416",
    # 2·2 + 2·7 + 7·6 + 5·5 + 6·4 + 2·3 + 1·2 + 4·1 = 4 + 14 + 42 + 25 + 24 + 6 + 2 + 4 = 121 = 11·11
    "22756214",
    # 5·2 + 4·7 + 5·6 + 6·5 + 2·4 + 5·3 + 1·2 + 9·1 = 10 + 28 + 30 + 30 + 8 + 15 + 2 + 9 = 132 = 12·11
    "54562519",
    # 1·2 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 + 4·1 = 2 + 14 + 18 + 20 + 20 + 18 + 14 + 4 = 110 = 10·11
    "12345674",
    # 1·2 + 9·1 = 11: only the first and the last weight count
    "10000009",
    # 3·2 + 5·1 = 11
    "30000005",
    # 7·7 + 6·1 = 55 = 5·11: the second weight is 7
    "07000006",
    # 1·6 + 5·1 = 11: the third weight is 6
    "00100005",
    # 2·5 + 1·1 = 11: the fourth weight is 5
    "00020001",
    # 1·4 + 7·1 = 11: the fifth weight is 4
    "00001007",
    # 1·3 + 8·1 = 11: the sixth weight is 3
    "00000108",
    # 1·2 + 9·1 = 11: the seventh weight is 2
    "00000019",
]

# Each is a valid number above with one digit changed; the weighted sum is then no longer divisible by 11.
INVALID = [
    "24256791",  # last digit 0 → 1: 133
    "24256780",  # seventh digit 9 → 8: 130
    "61126238",  # seventh digit 2 → 3: 79
    "61156416",  # third digit 0 → 1: 94
    "22756224",  # seventh digit 1 → 2: 123
    "54562510",  # last digit 9 → 0: 123
    "12345675",  # last digit 4 → 5: 111
    "22345674",  # first digit 1 → 2: 112
    "12445674",  # third digit 3 → 4: 116
    "10000008",  # last digit 9 → 8: 10
    "00000018",  # last digit 9 → 8: 10
]


def law_sum(number: str) -> int:
    return sum(int(digit) * weight for digit, weight in zip(number, LAW_WEIGHTS, strict=True))


def test_the_examples_are_what_they_claim_to_be():
    """The test's own arithmetic, checked against the law's weights (not the code's)."""
    assert all(law_sum(number) % 11 == 0 for number in VALID)
    assert all(law_sum(number) % 11 != 0 for number in INVALID)


@pytest.mark.parametrize("number", VALID)
def test_cvr_valid_numbers_are_accepted(number):
    assert is_valid_cvr(number)


@pytest.mark.parametrize("number", INVALID)
def test_cvr_a_valid_number_with_one_digit_changed_is_rejected(number):
    assert not is_valid_cvr(number)


seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


def with_check_digit(first_seven: str) -> str | None:
    """The eighth digit that makes the weighted sum divisible by 11, or None when it would have to be 10."""
    partial = law_sum(first_seven + "0")
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


@pytest.mark.parametrize(
    ("spelling", "number"),
    [("DK 24 25 67 90", "24256790"), ("dk24256790", "24256790"), (" 6112 6228 ", "61126228")],
)
def test_cvr_usual_spellings_normalise(spelling, number):
    assert normalise_cvr(spelling) == number


@pytest.mark.parametrize("value", ["1234567", "123456740", "1234567a", "", "2425679O"])
def test_cvr_other_lengths_and_letters_are_rejected(value):
    assert not is_valid_cvr(value)
