"""No volunteer is lost: the association contact's personal link to one application (for associations with no
representative with a login), its expiry and renewal, and the centre's list of applications nobody has answered."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.tenants.enums import Role
from frivillig.testing import (
    FrozenClock,
    UserFactory,
    assert_rows_rendered,
    grant,
    make_opportunity,
    make_organisation,
    make_person,
)
from frivillig.volunteering.enums import ApplicationStatus
from frivillig.volunteering.models import Application, ApplicationEvent
from frivillig.volunteering.selectors.applications import stale_applications_without_representative
from frivillig.volunteering.services.applications import application_remind
from frivillig.volunteering.services.contact_link import contact_link_url, contact_token


@pytest.fixture
def contact(personas):
    return make_person(personas.tenant, full_name="Lise Lektie", email="lise@lektiecafe.example.org")


@pytest.fixture
def opportunity(personas, contact):
    """An opportunity of Alfa Lektiecafé: an association nobody represents with a login."""
    return make_opportunity(personas.other_organisation, title="Lektiehjælper om onsdagen", contact_person=contact)


def make_application(opportunity, *, confirmed_days_ago: float = 0, **fields) -> Application:
    fields.setdefault("full_name", "Gitte Gæst")
    fields.setdefault("email", "gitte@example.org")
    fields.setdefault("phone", "+45 12 34 56 78")
    fields.setdefault("message", "Jeg har tid om onsdagen efter kl. 15.")
    with scopes_disabled():
        return Application.objects.create(
            tenant=opportunity.tenant,
            opportunity=opportunity,
            email_confirmed_at=timezone.now() - timedelta(days=confirmed_days_ago),
            **fields,
        )


def stale(tenant, **options) -> list[str]:
    with scope(tenant=tenant):
        return [application.full_name for application in stale_applications_without_representative(tenant, **options)]


# --- the centre's read: applications nobody has answered ---------------------------------------------------


def test_stale_applications_are_those_of_unrepresented_associations_waiting_seven_days(personas, opportunity):
    make_application(opportunity, full_name="Venter otte dage", email="a@example.org", confirmed_days_ago=8)
    make_application(opportunity, full_name="Venter seks dage", email="b@example.org", confirmed_days_ago=6)
    make_application(
        opportunity,
        full_name="Allerede kontaktet",
        email="c@example.org",
        confirmed_days_ago=9,
        status=ApplicationStatus.CONTACTED,
    )
    make_application(make_opportunity(personas.organisation), full_name="Har en repræsentant", confirmed_days_ago=9)
    make_application(make_opportunity(personas.foreign_organisation), full_name="I Charlie", confirmed_days_ago=9)
    with scopes_disabled():
        unconfirmed = make_application(opportunity, full_name="Ikke bekræftet", email="d@example.org")
        Application.objects.filter(pk=unconfirmed.pk).update(email_confirmed_at=None)

    assert stale(personas.tenant) == ["Venter otte dage"]
    assert stale(personas.tenant, days=5) == ["Venter otte dage", "Venter seks dage"]


def test_stale_applications_count_from_the_last_move_back_to_new(personas, opportunity):
    application = make_application(opportunity, confirmed_days_ago=20)
    with scopes_disabled():
        Application.objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - timedelta(days=2))

    assert stale(personas.tenant) == []


def test_an_association_whose_representative_cannot_log_in_counts_as_unrepresented(personas, opportunity):
    make_application(opportunity, confirmed_days_ago=8)
    former = UserFactory(is_active=False)
    grant(former, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    assert stale(personas.tenant) == ["Gitte Gæst"]

    grant(UserFactory(), personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    assert stale(personas.tenant) == []


def test_stale_applications_are_grouped_per_association_longest_waiting_first(personas, opportunity):
    theatre = make_organisation(personas.tenant, name="Alfa Amatørteater")
    other_association = make_opportunity(theatre, title="Kulissebygger")
    make_application(opportunity, full_name="Lektie to", email="a@example.org", confirmed_days_ago=8)
    make_application(opportunity, full_name="Lektie et", email="b@example.org", confirmed_days_ago=12)
    make_application(other_association, full_name="Teater", email="c@example.org", confirmed_days_ago=7)

    assert stale(personas.tenant) == ["Teater", "Lektie et", "Lektie to"]


# --- the mail to the association's contact --------------------------------------------------------------------


def audit(code: str) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).order_by("pk"))


def apply_as_citizen(personas, client_for, opportunity, capture, **data):
    data.setdefault("phone", "12 34 56 78")
    data.setdefault("message", "Jeg kan hjælpe med matematik.")
    with capture(execute=True):
        response = english(client_for("citizen")).post(
            reverse("volunteering:apply", args=["alfa", opportunity.pk]), data
        )
    assert response.status_code == 200
    with scopes_disabled():
        return Application.objects.get(opportunity=opportunity)


def mail_to(mailoutbox, address):
    [mail] = [mail for mail in mailoutbox if mail.to == [address]]
    return mail


def test_the_contact_of_an_unrepresented_association_gets_the_application_in_the_mail_in_their_language(
    personas, contact, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    contact_user = UserFactory(email=contact.email, preferred_language="en")
    with scopes_disabled():
        contact.user = contact_user
        contact.save()

    apply_as_citizen(personas, client_for, opportunity, django_capture_on_commit_callbacks)

    mail = mail_to(mailoutbox, "lise@lektiecafe.example.org")
    body = " ".join(mail.body.split())
    assert mail.subject == "New volunteer for Lektiehjælper om onsdagen"
    assert "Cecilie Borger has signed up for “Lektiehjælper om onsdagen” at Alfa Lektiecafé" in body
    assert "E-mail: citizen@example.org" in body
    assert "Phone: +45 12 34 56 78" in body
    assert "Jeg kan hjælpe med matematik." in body
    assert "Frivilligcenter Alfa" in body
    assert "works for 30 days" in body
    assert "/alfa/frivilligjob/svar/" in mail.body
    assert "/administration/" not in mail.body
    # The centre still gets its own mail, with the link to the pipeline it can open.
    assert "/alfa/frivilligjob/administration/ansoegninger/" in mail_to(mailoutbox, "kontakt@alfa.example.org").body


def test_the_contact_mail_is_in_danish_when_the_contact_has_no_account(
    personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    apply_as_citizen(personas, client_for, opportunity, django_capture_on_commit_callbacks)

    mail = mail_to(mailoutbox, "lise@lektiecafe.example.org")
    assert mail.subject == "Ny frivillig til Lektiehjælper om onsdagen"
    assert "Telefon: +45 12 34 56 78" in mail.body


def test_an_association_with_a_representative_still_gets_the_pipeline_link(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    karen = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@besoegsvenner.example.org")
    represented = make_opportunity(personas.organisation, title="Besøgsven", contact_person=karen)

    apply_as_citizen(personas, client_for, represented, django_capture_on_commit_callbacks)

    body = mail_to(mailoutbox, "karen@besoegsvenner.example.org").body
    assert "/alfa/frivilligjob/administration/ansoegninger/" in body
    assert "/frivilligjob/svar/" not in body


def test_the_reminder_to_an_unrepresented_association_carries_the_contact_link(
    personas, opportunity, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity, confirmed_days_ago=8)

    with django_capture_on_commit_callbacks(execute=True):
        assert application_remind(application_id=application.pk, base_url="http://testserver")

    body = mail_to(mailoutbox, "lise@lektiecafe.example.org").body
    assert "/alfa/frivilligjob/svar/" in body


# --- the page the link opens --------------------------------------------------------------------------------


def link_for(application, email="lise@lektiecafe.example.org") -> str:
    return contact_link_url(application, email, base_url="")


def test_the_link_shows_exactly_its_own_application_and_opening_it_is_logged(personas, opportunity, client):
    application = make_application(opportunity)
    make_application(opportunity, full_name="Anden Ansøger", email="anden@example.org", phone="+45 87 65 43 21")

    response = english(client).get(link_for(application))

    text = response.content.decode()
    assert response.status_code == 200
    for shown in ("Gitte Gæst", "gitte@example.org", "+45 12 34 56 78", "Jeg har tid om onsdagen efter kl. 15."):
        assert shown in text
    assert "Lektiehjælper om onsdagen" in text and "Alfa Lektiecafé" in text
    assert "Frivilligcenter Alfa" in text  # the centre's own header
    assert "Anden Ansøger" not in text and "anden@example.org" not in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    [opened] = audit("volunteering.application.contact_link_opened")
    assert opened.target_id == str(application.pk)
    assert opened.actor is None
    assert opened.data == {"via": "contact_link", "contact": "lise@lektiecafe.example.org"}


def test_the_page_is_in_danish_for_a_danish_visitor(personas, opportunity, client):
    application = make_application(opportunity)

    text = client.get(link_for(application)).content.decode()

    assert "Tilmelding fra Gitte Gæst" in text
    assert "Du ser denne side, fordi du er kontaktperson for Alfa Lektiecafé" in text


# One month as the contact is told in the mail and on the page ("30 days"): written out, not read from the code.
THIRTY_DAYS = 30 * 24 * 60 * 60


def test_the_link_works_for_thirty_days_and_then_offers_a_new_one(personas, opportunity, client, monkeypatch):
    clock = FrozenClock(monkeypatch)
    application = make_application(opportunity)
    link = link_for(application)

    clock.advance(seconds=THIRTY_DAYS)
    assert english(client).get(link).status_code == 200
    clock.advance(seconds=1)
    response = english(client).get(link)

    text = response.content.decode()
    assert response.status_code == 410
    assert "The link has expired" in text and "Send me a new link" in text
    assert "Send mig et nyt link" in Client().get(link).content.decode()
    assert "Gitte Gæst" not in text and "gitte@example.org" not in text
    assert len(audit("volunteering.application.contact_link_opened")) == 1
    status = english(client).post(link + "status/", {"status": "contacted"})
    assert status.status_code == 410
    with scopes_disabled():
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.NEW


def test_an_expired_link_is_renewed_by_mail_to_the_same_address_only(
    personas, opportunity, client, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    application = make_application(opportunity)
    link = link_for(application)
    clock.advance(seconds=THIRTY_DAYS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(link + "nyt-link/", {"email": "fremmed@example.org"})

    assert response.status_code == 200
    assert "We have sent a new link" in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == ["lise@lektiecafe.example.org"]
    assert "Gitte Gæst" in mail.body and "gitte@example.org" in mail.body
    fresh = link_path(mail.body)
    assert fresh != link
    assert english(client).get(fresh).status_code == 200
    [renewed] = audit("volunteering.application.contact_link_renewed")
    assert renewed.target_id == str(application.pk)


def test_renewing_is_rate_limited(
    personas, opportunity, client, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    clock = FrozenClock(monkeypatch)
    application = make_application(opportunity)
    link = link_for(application)
    clock.advance(seconds=THIRTY_DAYS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [english(client).post(link + "nyt-link/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert len(mailoutbox) == 3
    clock.advance(days=1, seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert english(client).post(link + "nyt-link/").status_code == 200


def test_a_link_that_still_works_is_not_renewed(personas, opportunity, client, mailoutbox):
    application = make_application(opportunity)

    response = english(client).post(link_for(application) + "nyt-link/")

    assert response.status_code == 302
    assert mailoutbox == []


@pytest.mark.parametrize("damage", ["flip", "truncate", "other_salt"])
def test_a_tampered_link_is_refused_and_logs_nothing_about_the_application(personas, opportunity, client, damage):
    from django.core import signing

    application = make_application(opportunity)
    token = contact_token(application, "lise@lektiecafe.example.org")
    if damage == "flip":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif damage == "truncate":
        token = token[:-5]
    else:
        token = signing.dumps({"a": application.pk, "e": "lise@lektiecafe.example.org"}, salt="something-else")

    response = english(client).get(reverse("volunteering:contact_application", args=["alfa", token]))

    text = response.content.decode()
    assert response.status_code == 404
    assert "The link does not work" in text
    assert "Gitte Gæst" not in text
    assert reverse("tenants:home", args=["alfa"]) in text  # a way on
    with scopes_disabled():
        assert not AuditEntry.objects.filter(
            target_type="volunteering.application", target_id=str(application.pk)
        ).exists()


def test_a_link_of_another_tenant_opens_nothing_here(personas, client):
    charlie_contact = make_person(personas.other_tenant, email="kontakt@charlie-idraet.example.org")
    charlie = make_opportunity(personas.foreign_organisation, title="Træner", contact_person=charlie_contact)
    application = make_application(charlie, full_name="Charlies Frivillige")
    token = contact_token(application, "kontakt@charlie-idraet.example.org")

    here = english(client).get(reverse("volunteering:contact_application", args=["alfa", token]))
    home = english(client).get(reverse("volunteering:contact_application", args=["charlie", token]))

    assert here.status_code == 404 and "Charlies Frivillige" not in here.content.decode()
    assert home.status_code == 200 and "Charlies Frivillige" in home.content.decode()


def test_a_link_sent_to_a_former_contact_stops_working(personas, contact, opportunity, client):
    application = make_application(opportunity)
    link = link_for(application)
    new_contact = make_person(personas.tenant, full_name="Ny Kontakt", email="ny@lektiecafe.example.org")
    with scopes_disabled():
        opportunity.contact_person = new_contact
        opportunity.save()

    assert english(client).get(link).status_code == 404
    assert english(client).get(link_for(application, "ny@lektiecafe.example.org")).status_code == 200


def test_a_link_names_one_application_and_no_other(personas, opportunity, client):
    first = make_application(opportunity)
    second = make_application(opportunity, full_name="Anden Ansøger", email="anden@example.org")

    text = english(client).get(link_for(second)).content.decode()

    assert "Anden Ansøger" in text and "Gitte Gæst" not in text
    assert link_for(first) != link_for(second)


# --- answering from the link ----------------------------------------------------------------------------------


def test_the_contact_sets_the_status_through_the_pipeline_and_it_is_logged(personas, opportunity, client):
    application = make_application(opportunity)
    link = link_for(application)

    response = english(client).post(link + "status/", {"status": "contacted"}, follow=True)

    assert "Gitte Gæst is now “Contacted”." in response.content.decode()
    with scopes_disabled():
        application.refresh_from_db()
        [event] = ApplicationEvent.objects.filter(application=application)
    assert application.status == ApplicationStatus.CONTACTED
    assert (event.from_status, event.to_status, event.actor) == ("new", "contacted", None)
    [changed] = audit("volunteering.application.status_changed")
    assert changed.actor is None and changed.data["to"] == "contacted"
    [answered] = audit("volunteering.application.answered_by_contact")
    assert answered.data == {
        "via": "contact_link",
        "contact": "lise@lektiecafe.example.org",
        "from": "new",
        "to": "contacted",
    }


def test_the_link_offers_only_the_pipelines_next_steps(personas, opportunity, client):
    application = make_application(opportunity, status=ApplicationStatus.CONTACTED)

    response = english(client).post(link_for(application) + "status/", {"status": "new"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with scopes_disabled():
        assert Application.objects.get(pk=application.pk).status == ApplicationStatus.CONTACTED


def test_declining_from_the_link_asks_why_and_tells_the_volunteer(
    personas, opportunity, client, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity)
    link = link_for(application)
    assert "Decline the application" in english(client).get(link).content.decode()
    # Declining is not one of the plain steps: it has its own page, as in the pipeline.
    plain = english(client).post(link + "status/", {"status": "declined"})
    assert plain.status_code == 200 and "Select a valid choice" in plain.content.decode()
    form = english(client).get(link + "afvis/").content.decode()
    assert "Why is the application declined?" in form

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client).post(
            link + "afvis/",
            {"reason": "filled", "note": "", "message": "Tak for din interesse. Holdet er fuldt lige nu."},
            follow=True,
        )

    assert "The application from Gitte Gæst has been declined, and the message has been sent." in (
        response.content.decode()
    )
    with scopes_disabled():
        application.refresh_from_db()
        [event] = ApplicationEvent.objects.filter(application=application)
    assert application.status == ApplicationStatus.DECLINED
    assert (event.reason, event.actor) == ("filled", None)
    [mail] = mailoutbox
    assert mail.to == ["gitte@example.org"]
    assert "Holdet er fuldt lige nu." in mail.body
    [answered] = audit("volunteering.application.answered_by_contact")
    assert (answered.data["via"], answered.data["to"]) == ("contact_link", "declined")


# --- asking to become the association's representative ------------------------------------------------------


def test_the_contact_asks_to_become_the_representative_with_the_address_of_the_link(personas, opportunity, client):
    from frivillig.crm.models import RepresentativeRequest

    application = make_application(opportunity)
    page = english(client).get(link_for(application)).content.decode()
    assert "Ask to become the association's representative" in page
    form_url = link_for(application) + "repraesentant/"
    form = english(client).get(form_url).content.decode()
    assert 'value="Lise Lektie"' in form

    response = english(client).post(
        form_url, {"full_name": "Lise Lektie", "phone": "22 33 44 55", "message": "Jeg er formand.", "email": "x@y.z"}
    )

    assert "Your request has been sent" in response.content.decode()
    with scopes_disabled():
        [request] = RepresentativeRequest.objects.all()
    assert (request.organisation, request.email, request.phone) == (
        personas.other_organisation,
        "lise@lektiecafe.example.org",
        "+45 22 33 44 55",
    )
    again = english(client).get(form_url).content.decode()
    assert "You have already asked" in again


def test_a_represented_association_is_not_offered_the_request(personas, opportunity, client):
    application = make_application(opportunity)
    grant(UserFactory(), personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)

    page = english(client).get(link_for(application)).content.decode()
    form = english(client).get(link_for(application) + "repraesentant/").content.decode()

    assert "Ask to become the association" not in page
    assert "already has a representative" in form


# --- the centre's list and "send the link again" ----------------------------------------------------------


def unanswered_url() -> str:
    return reverse("volunteering:unanswered_applications", args=["alfa"])


def test_the_centre_sees_the_unanswered_applications_per_association_and_can_act(personas, opportunity, client_for):
    application = make_application(opportunity, confirmed_days_ago=9)
    make_application(make_opportunity(personas.organisation), full_name="Har en repræsentant", confirmed_days_ago=9)

    text = english(client_for("centre_staff")).get(unanswered_url()).content.decode()

    assert "Alfa Lektiecafé" in text and "Gitte Gæst" in text and "Lise Lektie" in text
    assert "Har en repræsentant" not in text
    assert reverse("volunteering:application_detail", args=["alfa", application.pk]) in text
    assert reverse("volunteering:unanswered_send_link", args=["alfa", application.pk]) in text


def test_the_centre_sends_the_link_again(
    personas, opportunity, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(opportunity, confirmed_days_ago=9)

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client_for("centre_staff")).post(
            reverse("volunteering:unanswered_send_link", args=["alfa", application.pk]), follow=True
        )

    assert "A new link to the application from Gitte Gæst has been sent to lise@lektiecafe.example.org." in (
        response.content.decode()
    )
    [mail] = mailoutbox
    assert mail.to == ["lise@lektiecafe.example.org"]
    assert english(Client()).get(link_path(mail.body)).status_code == 200
    [sent] = audit("volunteering.application.contact_link_sent")
    assert sent.actor == personas.user("centre_staff")
    assert sent.target_id == str(application.pk)


def test_the_link_is_not_sent_for_an_association_with_a_representative(personas, client_for, mailoutbox):
    application = make_application(make_opportunity(personas.organisation), confirmed_days_ago=9)

    response = client_for("centre_staff").post(
        reverse("volunteering:unanswered_send_link", args=["alfa", application.pk])
    )

    assert response.status_code == 404
    assert mailoutbox == []


def test_charlies_staff_cannot_send_alfas_link(personas, opportunity, client_for, mailoutbox):
    application = make_application(opportunity, confirmed_days_ago=9)

    for tenant_slug in ("alfa", "charlie"):
        response = client_for("other_staff").post(
            reverse("volunteering:unanswered_send_link", args=[tenant_slug, application.pk])
        )
        assert response.status_code == 404
    assert mailoutbox == []


@pytest.mark.parametrize("size", [1, 3])
def test_unanswered_list_query_count_is_constant(personas, client_for, django_assert_num_queries, size):
    names = []
    for number in range(size):
        organisation = make_organisation(personas.tenant, name=f"Forening uden repræsentant {number}")
        contact = make_person(personas.tenant, email=f"kontakt{number}@forening.example.org")
        opportunity = make_opportunity(organisation, title=f"Opslag {number}", contact_person=contact)
        names.append(make_application(opportunity, full_name=f"Ventende {number}", confirmed_days_ago=10).full_name)
    staff = client_for("centre_staff")
    staff.get(unanswered_url())

    with django_assert_num_queries(6):
        response = staff.get(unanswered_url())

    assert_rows_rendered(response, names)
