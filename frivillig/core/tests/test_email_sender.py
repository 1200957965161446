"""Who a mail is from, read from the sent message: a tenant's mail is sent by its volunteer centre by name, with
the centre's address to answer to and a footer that names the centre and how to reach it; a mail that belongs to
no tenant keeps the platform's name."""

import email
from email import policy
from types import SimpleNamespace

from django.urls import reverse

from frivillig.core.email import send_templated_mail
from frivillig.core.tests.helpers import english, link_path
from frivillig.testing import make_opportunity, make_organisation


def from_header(message):
    """The From header as a mail program reads it: the bytes on the wire, parsed."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    address = parsed["From"].addresses[0]
    return address.display_name, address.addr_spec


def test_a_guests_confirmation_mail_is_from_the_centre_with_its_footer(
    client, personas, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "Frivillig <noreply@frivillig.example.org>"
    organisation = make_organisation(personas.tenant, name="Alfa Besøgsvenner", email="besoeg@example.org")
    opportunity = make_opportunity(organisation, title="Besøgsven")
    data = {"full_name": "Gitte Gæst", "email": "gitte@example.org", "phone": "", "message": "", "website": ""}
    url = reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    with django_capture_on_commit_callbacks(execute=True):
        english(client).post(url, data)

    confirmation = mailoutbox[0]
    assert from_header(confirmation) == ("Frivilligcenter Alfa", "noreply@frivillig.example.org")
    assert confirmation.reply_to == ["kontakt@alfa.example.org"]
    footer = confirmation.body.split("\n-- \n", 1)[1]
    assert "This e-mail is from Frivilligcenter Alfa." in footer
    assert "Torvet 1, 4180 Alfa" in footer
    assert "Phone: +45 12 34 56 78" in footer
    assert "E-mail: kontakt@alfa.example.org" in footer
    assert "You can answer this e-mail: your answer goes to Frivilligcenter Alfa." in footer

    # The mails after confirming (the receipt, the association's notice) are the centre's too.
    with django_capture_on_commit_callbacks(execute=True):
        english(client).get(link_path(confirmation.body))
    later = mailoutbox[1:]
    assert later
    assert all(from_header(mail)[0] == "Frivilligcenter Alfa" for mail in later)
    assert all("Frivilligcenter Alfa" in mail.body.split("\n-- \n", 1)[1] for mail in later)


def test_the_centres_name_with_signs_and_non_ascii_letters_survives_the_header(personas, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Frivillig <noreply@frivillig.example.org>"
    tenant = personas.tenant
    tenant.centre_name = 'Frivilligcenter Sorø, "Huset"'

    send_templated_mail(
        to="a@example.org",
        template="volunteering/email/application_confirm",
        context={"tenant": tenant, "application": None, "opportunity": None, "organisation": None},
        language="en",
    )

    assert from_header(mailoutbox[0]) == ('Frivilligcenter Sorø, "Huset"', "noreply@frivillig.example.org")


def test_the_footer_in_danish_names_the_centre_plainly(personas, mailoutbox):
    send_templated_mail(
        to="a@example.org",
        template="volunteering/email/application_confirm",
        context={"application": None, "opportunity": None, "organisation": None},
        language="da",
        tenant=personas.tenant,
    )

    footer = mailoutbox[0].body.split("\n-- \n", 1)[1]
    assert "Denne e-mail er fra Frivilligcenter Alfa." in footer
    assert "Telefon: +45 12 34 56 78" in footer
    assert "Du kan svare på denne e-mail: Dit svar går til Frivilligcenter Alfa." in footer


def test_a_centre_without_an_address_asks_not_to_answer(personas, mailoutbox):
    tenant = personas.tenant
    tenant.email = ""

    send_templated_mail(
        to="a@example.org",
        template="volunteering/email/application_confirm",
        context={"tenant": tenant, "application": None, "opportunity": None, "organisation": None},
        language="en",
    )

    assert mailoutbox[0].reply_to == []
    assert "Please do not answer this e-mail: the answers are not read. Contact Frivilligcenter Alfa instead." in (
        mailoutbox[0].body
    )


def test_a_national_mail_keeps_the_platforms_name(db, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "Frivillig <noreply@frivillig.example.org>"
    user = SimpleNamespace(full_name="Nina Ny", email="nina@example.org")

    send_templated_mail(
        to=user.email,
        template="accounts/email/verify",
        context={"user": user, "link": "https://frivillig.example.org/x/", "days": 3},
        language="en",
    )

    assert from_header(mailoutbox[0]) == ("Frivillig", "noreply@frivillig.example.org")
    assert mailoutbox[0].reply_to == []
    footer = mailoutbox[0].body.split("\n-- \n", 1)[1]
    assert "This e-mail is from Frivillig, the volunteering platform of the Danish volunteer centres." in footer
    assert "Frivilligcenter" not in footer
