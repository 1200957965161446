"""Signing up for an opportunity: as a guest with a confirmation link, logged in with one click; duplicates,
the honeypot and the rate limit; the mails; and the volunteer's own list with withdrawal."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import Clock, english, link_path
from frivillig.testing import FrozenClock, UserFactory, assert_rows_rendered, make_opportunity, make_person
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, ApplicationEvent
from frivillig.volunteering.services.applications import (
    SIGNUPS_PER_ADDRESS_PER_HOUR,
    association_recipient,
)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def opportunity(personas):
    contact = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@besoegsvenner.example.org")
    return make_opportunity(personas.organisation, title="Besøgsven i Sorø", contact_person=contact)


def apply_url(opportunity) -> str:
    return reverse("volunteering:apply", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


def guest_data(**overrides) -> dict:
    data = {
        "full_name": "Gitte Gæst",
        "email": "gitte@example.org",
        "phone": "12 34 56 78",
        "message": "Jeg har tid om tirsdagen.",
        "website": "",
    }
    data.update(overrides)
    return data


def applications() -> list[Application]:
    with scopes_disabled():
        return list(Application.objects.order_by("pk"))


def audit_codes() -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(code__startswith="volunteering.application")
            .order_by("pk")
            .values_list("code", flat=True)
        )


def sign_up_as_guest(client, opportunity, capture, **overrides):
    with capture(execute=True):
        return english(client).post(apply_url(opportunity), guest_data(**overrides))


def pipeline_url(opportunity) -> str:
    return reverse("volunteering:pipeline", kwargs={"tenant_slug": opportunity.tenant.slug, "pk": opportunity.pk})


# --- the guest's sign-up ---------------------------------------------------------------------------------


def test_apply_page_for_guest_shows_the_form_with_a_hidden_honeypot(client, opportunity):
    response = english(client).get(apply_url(opportunity))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Besøgsven i Sorø" in page and 'name="full_name"' in page
    honeypot = page[page.index('class="d-none" aria-hidden="true"') :][:400]
    assert 'name="website"' in honeypot and 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_guest_sign_up_end_to_end_confirms_once_and_tells_everyone(
    client, personas, opportunity, mailoutbox, django_capture_on_commit_callbacks, client_for
):
    response = sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    [application] = applications()
    assert application.email_confirmed_at is None
    assert application.phone == "+45 12 34 56 78"
    assert [mail.to for mail in mailoutbox] == [["gitte@example.org"]]
    assert "Besøgsven i Sorø" in mailoutbox[0].subject
    # Until the address is confirmed the association does not see the sign-up.
    rep = english(client_for("association_rep"))
    assert "Gitte Gæst" not in rep.get(pipeline_url(opportunity)).content.decode()
    assert rep.get(reverse("volunteering:application_detail", args=["alfa", application.pk])).status_code == 404

    link = link_path(mailoutbox[0].body)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = english(client).get(link)

    assert confirmed.status_code == 200
    assert "Your sign-up is confirmed" in confirmed.content.decode()
    application.refresh_from_db()
    assert application.email_confirmed_at is not None
    recipients = sorted(mail.to[0] for mail in mailoutbox[1:])
    assert recipients == ["gitte@example.org", "karen@besoegsvenner.example.org", "kontakt@alfa.example.org"]
    assert "Gitte Gæst" in rep.get(pipeline_url(opportunity)).content.decode()
    assert audit_codes() == ["volunteering.application.created", "volunteering.application.confirmed"]
    with scopes_disabled():
        assert list(ApplicationEvent.objects.values_list("from_status", "to_status")) == [("", "new")]

    with django_capture_on_commit_callbacks(execute=True):
        again = english(client).get(link)

    assert again.status_code == 200
    assert "Already confirmed" in again.content.decode()
    assert len(mailoutbox) == 4
    assert audit_codes().count("volunteering.application.confirmed") == 1


@pytest.fixture
def mail_languages(monkeypatch) -> dict[str, str | None]:
    """Records the language each mail was rendered in (the Danish catalogue may lag behind the English texts)."""
    from frivillig.volunteering.services import applications as service

    languages: dict[str, str | None] = {}
    real = service.send_templated_mail

    def spy(*, to, template, context, language=None):
        languages[f"{to} {template.rsplit('/', 1)[-1]}"] = language
        real(to=to, template=template, context=context, language=language)

    monkeypatch.setattr(service, "send_templated_mail", spy)
    return languages


def test_guest_mails_are_in_the_language_the_guest_signed_up_in(
    client, opportunity, mailoutbox, mail_languages, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    client.cookies["frivillig_language"] = "da"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link_path(mailoutbox[0].body))

    assert mail_languages["gitte@example.org application_confirm"] == "en"
    assert mail_languages["gitte@example.org application_receipt"] == "en"
    assert "Open this link to confirm your sign-up" in mailoutbox[0].body


def test_mails_to_people_with_an_account_are_in_their_chosen_language(
    personas, mailoutbox, mail_languages, client_for, django_capture_on_commit_callbacks
):
    contact_user = UserFactory(email="anders@example.org", preferred_language="en")
    contact = make_person(personas.tenant, full_name="Anders", email="anders@example.org", user=contact_user)
    opportunity = make_opportunity(personas.organisation, contact_person=contact)
    citizen = personas.user("citizen")
    citizen.preferred_language = "en"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("citizen").post(apply_url(opportunity), {"message": ""})

    assert mail_languages == {
        "anders@example.org application_received": "en",
        "kontakt@alfa.example.org application_received": None,
        "citizen@example.org application_receipt": "en",
    }
    to_contact = next(mail for mail in mailoutbox if mail.to == ["anders@example.org"])
    assert to_contact.subject.startswith("New volunteer for")
    assert "/alfa/frivilligjob/administration/ansoegninger/" in to_contact.body


def test_confirmation_mail_goes_to_the_organisation_when_there_is_no_contact_person(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(personas.organisation)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link_path(mailoutbox[0].body))

    assert personas.organisation.email in [mail.to[0] for mail in mailoutbox]


# The guest is told, on the page and in the mail, that the link works for 3 days: written out here, never read
# from the code.
THREE_DAYS = 3 * 24 * 60 * 60


def test_confirmation_link_one_second_after_three_days_gives_400(
    client, opportunity, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    page = sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    clock.advance(seconds=THREE_DAYS + 1)

    response = english(client).get(link_path(mailoutbox[0].body))

    assert "works for 3 days" in " ".join(mailoutbox[0].body.split())
    assert "3 days" in " ".join(page.content.decode().split())
    assert response.status_code == 400
    assert "The confirmation link has expired. Links work for 3 days" in response.content.decode()
    assert applications()[0].email_confirmed_at is None


def test_confirmation_link_at_the_last_second_of_day_three_still_confirms(
    client, opportunity, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    clock.advance(seconds=THREE_DAYS)

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).get(link_path(mailoutbox[0].body))

    assert response.status_code == 200
    assert "Your sign-up is confirmed" in response.content.decode()
    assert applications()[0].email_confirmed_at is not None


def test_confirmation_link_tampered_gives_400(client, opportunity, mailoutbox, django_capture_on_commit_callbacks):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)

    response = english(client).get(link_path(mailoutbox[0].body).rstrip("/") + "x/")

    assert response.status_code == 400
    assert "The confirmation link is not valid" in response.content.decode()


def test_confirmation_link_of_a_deleted_application_gives_400(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    with scopes_disabled():
        Application.objects.all().delete()

    assert client.get(link_path(mailoutbox[0].body)).status_code == 400


def test_guest_sign_up_with_bad_input_keeps_what_was_typed(client, opportunity):
    response = english(client).post(
        apply_url(opportunity), guest_data(full_name="", email="ikke-en-adresse", phone="12", message="Hej")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the following" in page
    assert "Write a Danish phone number" in page
    assert 'value="ikke-en-adresse"' in page and "Hej</textarea>" in page
    assert applications() == []


def test_guest_sign_up_again_before_confirming_replaces_the_first_whatever_the_letter_case(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)

    response = sign_up_as_guest(
        client, opportunity, django_capture_on_commit_callbacks, email="GITTE@Example.org", message="Igen"
    )

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    [application] = applications()
    assert (application.email, application.message, application.email_confirmed_at) == (
        "GITTE@Example.org",
        "Igen",
        None,
    )
    assert [mail.to for mail in mailoutbox] == [["gitte@example.org"], ["GITTE@Example.org"]]


def test_guest_may_sign_up_for_another_opportunity_with_the_same_address(
    client, personas, opportunity, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks)
    sign_up_as_guest(client, make_opportunity(personas.organisation), django_capture_on_commit_callbacks)

    assert len(applications()) == 2


def test_honeypot_filled_shows_thanks_but_saves_nothing(
    client, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    response = sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, website="http://spam.example")

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert applications() == []
    assert mailoutbox == []


def test_rate_limit_refuses_the_eleventh_sign_up_within_an_hour(
    client, personas, clock, django_capture_on_commit_callbacks
):
    opportunities = [make_opportunity(personas.organisation) for _ in range(SIGNUPS_PER_ADDRESS_PER_HOUR + 1)]
    for number, opportunity in enumerate(opportunities[:-1]):
        response = sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, email=f"p{number}@ex.org")
        assert response.status_code == 200

    refused = sign_up_as_guest(client, opportunities[-1], django_capture_on_commit_callbacks, email="last@ex.org")

    assert refused.status_code == 429
    assert "Too many sign-ups have been sent from your connection" in refused.content.decode()
    assert len(applications()) == SIGNUPS_PER_ADDRESS_PER_HOUR
    # Another address is not affected, and after an hour the limit lifts by itself.
    other = english(client.__class__(REMOTE_ADDR="10.1.2.3")).post(apply_url(opportunities[-1]), guest_data())
    assert other.status_code == 200
    clock.advance(3601)
    later = sign_up_as_guest(client, opportunities[-1], django_capture_on_commit_callbacks, email="later@ex.org")
    assert later.status_code == 200


@pytest.mark.parametrize("status", [OpportunityStatus.DRAFT, OpportunityStatus.CLOSED, OpportunityStatus.FILLED])
def test_apply_to_an_opportunity_that_is_not_published_gives_404(client, personas, status):
    opportunity = make_opportunity(personas.organisation, status=status)

    assert client.get(apply_url(opportunity)).status_code == 404
    assert client.post(apply_url(opportunity), guest_data()).status_code == 404
    assert applications() == []


def test_apply_to_another_tenants_opportunity_gives_404(client, personas):
    foreign = make_opportunity(personas.foreign_organisation)

    response = client.get(reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": foreign.pk}))

    assert response.status_code == 404


# --- the logged-in sign-up -------------------------------------------------------------------------------


def test_logged_in_sign_up_is_one_click_and_confirmed_at_once(
    personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    citizen = personas.user("citizen")
    citizen.phone = "87654321"
    citizen.save()
    client = english(client_for("citizen"))
    form_page = client.get(apply_url(opportunity)).content.decode()
    assert 'value="87654321"' in form_page and 'name="full_name"' not in form_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(opportunity), {"phone": "87654321", "message": ""})

    assert response.status_code == 200
    assert "They will contact you" in response.content.decode()
    [application] = applications()
    assert application.user == citizen
    assert (application.full_name, application.email, application.phone) == (
        "Cecilie Borger",
        "citizen@example.org",
        "+45 87 65 43 21",
    )
    assert application.email_confirmed_at is not None
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "citizen@example.org",
        "karen@besoegsvenner.example.org",
        "kontakt@alfa.example.org",
    ]
    assert audit_codes() == ["volunteering.application.created", "volunteering.application.confirmed"]
    assert "You have already signed up" in client.get(apply_url(opportunity)).content.decode()


def test_logged_in_sign_up_twice_is_refused_kindly(personas, opportunity, client_for):
    client = english(client_for("citizen"))
    client.post(apply_url(opportunity), {"message": "Første"})

    response = client.post(apply_url(opportunity), {"message": "Anden gang"})

    assert "You have already signed up for this volunteer opportunity" in response.content.decode()
    assert "Anden gang</textarea>" in response.content.decode()
    assert len(applications()) == 1


def test_logged_in_sign_up_replaces_an_unconfirmed_guest_sign_up_with_the_same_address(
    client, personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, email="CITIZEN@example.org")
    guest_link = link_path(mailoutbox[0].body)

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client_for("citizen")).post(apply_url(opportunity), {"message": "Som mig selv"})

    assert "They will contact you" in response.content.decode()
    [application] = applications()
    assert (application.user, application.email, application.message) == (
        personas.user("citizen"),
        "citizen@example.org",
        "Som mig selv",
    )
    assert application.email_confirmed_at is not None
    # The guest's link belonged to the sign-up that was replaced.
    assert english(client).get(guest_link).status_code == 400


def test_logged_in_sign_up_after_a_confirmed_guest_sign_up_with_the_same_address_is_a_duplicate(
    client, personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up_as_guest(client, opportunity, django_capture_on_commit_callbacks, email="CITIZEN@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link_path(mailoutbox[0].body))

    response = english(client_for("citizen")).post(apply_url(opportunity), {"message": ""})

    assert "You have already signed up" in response.content.decode()
    assert len(applications()) == 1


def test_logged_in_sign_up_with_a_bad_phone_number_keeps_the_message(personas, opportunity, client_for):
    response = english(client_for("citizen")).post(apply_url(opportunity), {"phone": "abc", "message": "Hej med jer"})

    assert "Write a Danish phone number" in response.content.decode()
    assert "Hej med jer</textarea>" in response.content.decode()
    assert applications() == []


# --- the volunteer's own applications --------------------------------------------------------------------


def make_application(opportunity, **fields) -> Application:
    fields.setdefault("full_name", "Cecilie Borger")
    fields.setdefault("email", "citizen@example.org")
    fields.setdefault("email_confirmed_at", timezone.now())
    with scopes_disabled():
        return Application.objects.create(tenant=opportunity.tenant, opportunity=opportunity, **fields)


def test_my_applications_shows_own_and_confirmed_guest_applications_across_tenants(personas, client_for):
    citizen = personas.user("citizen")
    make_application(make_opportunity(personas.organisation, title="Egen ansøgning"), user=citizen)
    make_application(
        make_opportunity(personas.foreign_organisation, title="Som gæst i Charlie"), email="CITIZEN@example.org"
    )
    make_application(make_opportunity(personas.organisation, title="Ikke bekræftet"), email_confirmed_at=None)
    make_application(make_opportunity(personas.organisation, title="En andens"), email="anden@example.org")

    page = english(client_for("citizen")).get(reverse("national:my_applications")).content.decode()

    assert "Egen ansøgning" in page and "Som gæst i Charlie" in page
    assert "Ikke bekræftet" not in page and "En andens" not in page


def test_my_applications_ignores_guest_applications_when_the_account_is_not_verified(personas, client):
    user = UserFactory(email="uverificeret@example.org", email_verified_at=None)
    make_application(make_opportunity(personas.organisation, title="Som gæst"), email="uverificeret@example.org")
    client.force_login(user)

    assert "Som gæst" not in english(client).get(reverse("national:my_applications")).content.decode()


def test_my_applications_empty_state(personas, client_for):
    page = english(client_for("citizen")).get(reverse("national:my_applications")).content.decode()

    assert "You have not signed up for any volunteer opportunities yet." in page


@pytest.mark.parametrize("size", [1, 3])
def test_my_applications_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    citizen = personas.user("citizen")
    for number in range(size):
        organisation = personas.organisation if number % 2 else personas.foreign_organisation
        make_application(make_opportunity(organisation, title=f"Job {number}"), user=citizen)
    client = client_for("citizen")

    with django_assert_num_queries(4):
        response = client.get(reverse("national:my_applications"))

    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Job {number}" for number in range(size)])


def test_withdraw_asks_first_then_withdraws_and_logs(personas, client_for):
    application = make_application(make_opportunity(personas.organisation), user=personas.user("citizen"))
    client = english(client_for("citizen"))
    address = reverse("national:withdraw_application", kwargs={"pk": application.pk})

    assert "Yes, withdraw my application" in client.get(address).content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW

    response = client.post(address, follow=True)

    assert "has been withdrawn" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.status_changed_at is not None
    with scopes_disabled():
        assert list(ApplicationEvent.objects.values_list("from_status", "to_status", "actor")) == [
            ("new", "withdrawn", personas.user("citizen").pk)
        ]
        entry = AuditEntry.objects.get(code="volunteering.application.withdrawn")
    assert entry.data == {"from": "new", "to": "withdrawn"}
    assert entry.tenant == personas.tenant


def test_withdrawing_tells_the_association_in_its_language(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    opportunity = make_opportunity(personas.organisation, title="Lektiehjælp")
    application = make_application(opportunity, user=personas.user("citizen"))
    association_email, _language = association_recipient(opportunity)
    address = reverse("national:withdraw_application", kwargs={"pk": application.pk})

    with django_capture_on_commit_callbacks(execute=True):
        client_for("citizen").post(address)

    # The association is told; the volunteer gets a receipt (test_applications_signup_pages.py reads it).
    assert [mail.to for mail in mailoutbox] == [[association_email], ["citizen@example.org"]]
    assert mailoutbox[0].subject == "Cecilie Borger har trukket sin tilmelding tilbage (Lektiehjælp)"
    assert "har trukket sin tilmelding til »Lektiehjælp« tilbage" in mailoutbox[0].body
    assert reverse("volunteering:application_detail", kwargs={"tenant_slug": "alfa", "pk": application.pk}) in (
        mailoutbox[0].body
    )


def test_a_refused_withdrawal_sends_no_mail(personas, client_for, mailoutbox, django_capture_on_commit_callbacks):
    application = make_application(
        make_opportunity(personas.organisation), user=personas.user("citizen"), status=ApplicationStatus.DECLINED
    )

    with django_capture_on_commit_callbacks(execute=True):
        client_for("citizen").post(reverse("national:withdraw_application", kwargs={"pk": application.pk}))

    assert mailoutbox == []


def test_withdraw_someone_elses_application_gives_404(personas, client_for):
    application = make_application(make_opportunity(personas.organisation), email="anden@example.org")

    response = client_for("citizen").post(reverse("national:withdraw_application", kwargs={"pk": application.pk}))

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_withdraw_a_finished_application_is_refused(personas, client_for):
    application = make_application(
        make_opportunity(personas.organisation), user=personas.user("citizen"), status=ApplicationStatus.STARTED
    )
    client = english(client_for("citizen"))
    address = reverse("national:withdraw_application", kwargs={"pk": application.pk})

    assert "can no longer be withdrawn" in client.get(address).content.decode()
    response = client.post(address, follow=True)

    assert "can no longer be withdrawn" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.STARTED
