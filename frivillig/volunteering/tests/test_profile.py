"""The volunteer's own profile: created on first save, validated, and private notes stay private."""

import pytest
from django.urls import reverse

from frivillig.testing import UserFactory
from frivillig.volunteering.models import VolunteerProfile

URL = reverse("national:volunteer_profile")

VALID = {
    "target_groups": ["aeldre", "ensomhed"],
    "activity_areas": ["besoegsvenner"],
    "skills": ["madlavning"],
    "inclusion_needs": ["lidt-dansk"],
    "availability": ["in_evenings", "at_weekends"],
    "postcode": "4180",
    "languages": "Dansk, arabisk",
    "private_notes": "Jeg kan ikke tåle at stå op længe",
    "open_to_suggestions": "on",
}


@pytest.fixture
def volunteer_client(client, db):
    user = UserFactory(full_name="Vera Frivillig", email="vera@example.org")
    client.force_login(user)
    client.cookies["frivillig_language"] = "en"
    client.user = user
    return client


def test_profile_page_shows_the_vocabulary_in_the_visitors_language(volunteer_client):
    page = volunteer_client.get(URL).content.decode()
    assert "Older people" in page
    assert "Suitable with little Danish" in page
    assert 'value="aeldre"' in page


def test_profile_save_creates_the_profile_on_first_save(volunteer_client):
    response = volunteer_client.post(URL, VALID, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Your volunteer profile has been saved." in response.content.decode()
    profile = VolunteerProfile.objects.get(user=volunteer_client.user)
    assert profile.interests == ["aeldre", "ensomhed", "besoegsvenner"]
    assert profile.skills == ["madlavning"]
    assert profile.inclusion_needs == ["lidt-dansk"]
    assert (profile.on_weekdays, profile.in_evenings, profile.at_weekends) == (False, True, True)
    assert (profile.postcode, profile.languages) == ("4180", "Dansk, arabisk")
    assert profile.open_to_suggestions is True


def test_profile_save_updates_the_same_profile(volunteer_client):
    volunteer_client.post(URL, VALID)
    volunteer_client.post(URL, {**VALID, "target_groups": [], "open_to_suggestions": ""})

    profile = VolunteerProfile.objects.get(user=volunteer_client.user)
    assert profile.interests == ["besoegsvenner"]
    assert profile.open_to_suggestions is False


def test_profile_page_shows_the_saved_choices(volunteer_client):
    volunteer_client.post(URL, VALID)
    response = volunteer_client.get(URL)
    form = response.context["form"]
    assert form["target_groups"].value() == ["aeldre", "ensomhed"]
    assert form["activity_areas"].value() == ["besoegsvenner"]
    assert form["availability"].value() == ["in_evenings", "at_weekends"]
    assert "Jeg kan ikke tåle at stå op længe" in response.content.decode()


@pytest.mark.parametrize("postcode", ["12a", "123", "41800"])
def test_profile_save_with_a_bad_postcode_is_an_error_and_saves_nothing(volunteer_client, postcode):
    response = volunteer_client.post(URL, {**VALID, "postcode": postcode})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the following" in page
    assert response.context["form"].errors["postcode"]
    assert f'value="{postcode}"' in page  # the typed value is kept
    assert 'value="aeldre" checked' in page
    assert not VolunteerProfile.objects.filter(user=volunteer_client.user).exists()


@pytest.mark.parametrize("field", ["target_groups", "activity_areas", "skills", "inclusion_needs", "availability"])
def test_profile_save_with_an_unknown_word_is_an_error(volunteer_client, field):
    response = volunteer_client.post(URL, {**VALID, field: ["not-a-word"]})

    assert response.status_code == 200
    assert "not-a-word is not one of the available choices" in response.content.decode()
    assert not VolunteerProfile.objects.filter(user=volunteer_client.user).exists()


def test_profile_save_with_a_word_of_another_vocabulary_is_an_error(volunteer_client):
    # "lidt-dansk" is an inclusion word, not a skill.
    response = volunteer_client.post(URL, {**VALID, "skills": ["lidt-dansk"]})
    assert response.context["form"].errors["skills"]


def test_profile_page_needs_a_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))


def test_profile_is_linked_from_the_account_page_and_the_menu(volunteer_client):
    page = volunteer_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{URL}"' in page
    assert f'href="{reverse("national:suggestions")}"' in page


def test_private_notes_are_never_shown_elsewhere(personas, client_for, volunteer_client):
    from frivillig.testing import make_opportunity
    from frivillig.volunteering.tests.test_matching_pages import suggested_volunteers_url, with_words

    volunteer_client.post(URL, VALID)
    opportunity = with_words(make_opportunity(personas.organisation, postcode="4180"), target_groups=["aeldre"])
    notes = VALID["private_notes"]

    staff_page = client_for("centre_staff").get(suggested_volunteers_url(opportunity)).content.decode()
    assert "Vera" in staff_page and notes not in staff_page
    rep_page = client_for("association_rep").get(suggested_volunteers_url(opportunity)).content.decode()
    assert "Vera" in rep_page and notes not in rep_page
    assert notes not in volunteer_client.get(reverse("national:suggestions")).content.decode()
    needs = reverse("volunteering:needs_details", kwargs={"tenant_slug": "alfa"})
    assert notes not in client_for("centre_staff").get(needs).content.decode()
