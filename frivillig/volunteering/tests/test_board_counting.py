"""The board's one counting statement (selectors.board.board_results): pages asked for beyond the results, and
the order of the page's rows, agree with Django's Paginator. Runs on SQLite and on PostgreSQL."""

import pytest
from django.urls import reverse

from frivillig.volunteering.tests.test_board import opportunity, shown, total

BOARD = reverse("volunteering:board", kwargs={"tenant_slug": "alfa"})


@pytest.fixture
def forty_five(personas):
    for number in range(45):
        opportunity(personas.organisation, title=f"Opslag {number:02d}", days_old=number, at_weekends=number % 2 == 0)
    return personas


@pytest.mark.parametrize(
    ("side", "number", "first_title"),
    [
        ("", 1, "Opslag 00"),
        ("2", 2, "Opslag 20"),
        ("3", 3, "Opslag 40"),
        ("99", 3, "Opslag 40"),
        ("0", 3, "Opslag 40"),
        ("-1", 3, "Opslag 40"),
        ("abc", 1, "Opslag 00"),
        ("2.5", 1, "Opslag 00"),
    ],
)
def test_board_page_beyond_the_results_is_the_last_and_nonsense_the_first(
    client, forty_five, side, number, first_title
):
    response = client.get(BOARD, {"side": side} if side else {})

    assert response.context["page"].number == number
    assert shown(response)[0] == first_title
    assert total(response) == 45
    assert len(shown(response)) == (5 if number == 3 else 20)


def test_board_pages_cover_every_filtered_result_once_in_order(client, forty_five):
    titles = []
    for side in ("1", "2"):
        titles += shown(client.get(BOARD, {"hvornaar": "weekend", "side": side}))

    assert titles == [f"Opslag {number:02d}" for number in range(0, 45, 2)]


def test_board_without_results_has_one_empty_page(client, forty_five):
    response = client.get(BOARD, {"soeg": "findesikkeoverhovedet", "side": "4"})

    assert total(response) == 0
    assert shown(response) == []
    assert response.context["page"].number == 1
