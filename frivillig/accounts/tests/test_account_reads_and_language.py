"""The account reads other apps use, and the chosen language kept through a service."""

from django.urls import reverse

from frivillig.accounts.models import User
from frivillig.accounts.selectors import user_with_email


def test_user_with_email_ignores_case_and_answers_none_for_a_stranger(personas):
    assert user_with_email("CITIZEN@Example.org") == personas.user("citizen")
    assert user_with_email("nobody@example.org") is None


def test_switching_language_is_remembered_on_the_account(client_for, personas):
    client = client_for("citizen")

    response = client.post(reverse("switch_language"), {"language": "en"})

    assert response.status_code == 302
    assert User.objects.get(pk=personas.user("citizen").pk).preferred_language == "en"
