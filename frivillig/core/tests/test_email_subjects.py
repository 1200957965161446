"""E-mail subjects are plain text: names with &, < and > read literally, never HTML-escaped, on one line."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from frivillig.core.email import render_subject, send_templated_mail
from frivillig.core.tests.helpers import english, link_path
from frivillig.testing import make_opportunity, make_organisation

NAME = "Mad & Mere <Ung>"
FRIVILLIG = Path(__file__).resolve().parents[2]


def test_the_guest_and_the_association_read_the_names_literally_in_subject_and_body(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = make_organisation(personas.tenant, name=NAME, email="mad@example.org")
    opportunity = make_opportunity(organisation, title=NAME)
    data = {"full_name": "Gitte Gæst", "email": "gitte@example.org", "phone": "", "message": "", "website": ""}
    url = reverse("volunteering:apply", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})
    with django_capture_on_commit_callbacks(execute=True):
        english(client).post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        english(client).get(link_path(mailoutbox[0].body))

    subjects = {(mail.to[0], mail.subject) for mail in mailoutbox}
    assert ("gitte@example.org", "Confirm your sign-up: Mad & Mere <Ung>") in subjects
    assert ("gitte@example.org", "Receipt: you have signed up for Mad & Mere <Ung>") in subjects
    # The association has no account, so it is written to in the site's language, Danish.
    assert ("mad@example.org", "Ny frivillig til Mad & Mere <Ung>") in subjects
    assert all("&amp;" not in mail.subject and "&lt;" not in mail.subject for mail in mailoutbox)
    assert "“Mad & Mere <Ung>” at Mad & Mere <Ung>" in mailoutbox[0].body


def test_the_invitation_subject_reads_the_centres_name_literally(db, mailoutbox):
    tenant = SimpleNamespace(centre_name=NAME)

    send_templated_mail(
        to="ny@example.org",
        template="tenants/email/invitation",
        context={
            "tenant": tenant,
            "invitation": SimpleNamespace(organisation=None, get_role_display="Frivilligcentermedarbejder"),
            "roles": "Frivilligcentermedarbejder",
            "role_count": 1,
            "invited_by": SimpleNamespace(full_name="Anne Admin"),
            "link": "https://frivillig.example.org/invitation/x/",
        },
        language="en",
    )

    assert mailoutbox[0].subject == "Invitation to Mad & Mere <Ung> on Frivillig"


def test_a_subject_is_one_line_without_surrounding_space():
    opportunity = SimpleNamespace(title="  Mad &\nMere\r\n<Ung>  ")

    with translation.override("en"):
        subject = render_subject("volunteering/email/application_confirm_subject.txt", {"opportunity": opportunity})

    assert subject == "Confirm your sign-up: Mad & Mere <Ung>"


SUBJECT_TEMPLATES = sorted(FRIVILLIG.glob("*/templates/*/email/*_subject.txt"))


def test_the_subject_templates_are_found():
    assert len(SUBJECT_TEMPLATES) >= 10


@pytest.mark.parametrize("path", SUBJECT_TEMPLATES, ids=lambda path: path.name)
def test_every_subject_template_renders_names_literally(path):
    thing = SimpleNamespace(
        title=NAME,
        name=NAME,
        full_name=NAME,
        centre_name=NAME,
        organisation=SimpleNamespace(name=NAME),
    )
    context = {
        "opportunity": thing,
        "organisation": thing,
        "application": thing,
        "tenant": thing,
        "user": thing,
        "invitation": thing,
        "invited_by": thing,
        "representative_request": thing,
        "survey": thing,
        "event": thing,
        "registration": thing,
    }

    with translation.override("en"):
        subject = render_subject(str(path.relative_to(path.parents[2])), context)

    if "{{" in path.read_text():
        assert NAME in subject
    assert "&amp;" not in subject and "&lt;" not in subject and "&gt;" not in subject
    assert "\n" not in subject and subject == subject.strip()
