"""Inviting people to answer: choosing them, the summary, sending, the mails, and the invitation list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.consent import consent_give, consent_withdraw
from frivillig.core.models import AuditEntry
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import OrganisationRole, SavedFilter, Tag
from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Invitation, Survey
from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey, url
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person


def open_survey(tenant, **fields) -> Survey:
    fields.setdefault("status", SurveyStatus.OPEN)
    survey = make_survey(tenant, **fields)
    section = make_section(survey)
    make_question(section, QuestionKind.YES_NO, text="Har foreningen brug for flere frivillige?")
    make_question(section, QuestionKind.LONG_TEXT, text="Hvad kan frivilligcentret gøre?")
    return survey


def member(tenant, name, **fields):
    fields.setdefault("member_since", date(2015, 1, 1))
    return make_organisation(tenant, name=name, **fields)


def role(organisation, person, kind=OrganisationRoleKind.CONTACT_PERSON, **fields):
    with scopes_disabled():
        return OrganisationRole.objects.create(
            tenant=organisation.tenant, organisation=organisation, person=person, role=kind, **fields
        )


def invitations(survey) -> dict[str, Invitation]:
    with scopes_disabled():
        return {invitation.email: invitation for invitation in Invitation.objects.filter(survey=survey)}


def summary(client, survey, **data):
    return client.post(url("survey_invite", pk=survey.pk), data)


def send(client, survey, follow=False, **data):
    return client.post(url("survey_invite", pk=survey.pk), {**data, "send": "1"}, follow=follow)


# --- choosing whom ---------------------------------------------------------------------------------------------


def test_member_contacts_are_the_contact_person_else_the_chair_else_the_association(personas, client_for):
    tenant = personas.tenant
    with_contact = member(tenant, "Sorø Besøgsvenner", email="post@besoeg.example.org")
    role(with_contact, make_person(tenant, full_name="Karen Kontakt", email="karen@besoeg.example.org"))
    role(
        with_contact,
        make_person(tenant, full_name="Bo Formand", email="bo@besoeg.example.org"),
        OrganisationRoleKind.CHAIR,
    )
    with_chair = member(tenant, "Sorø Lektiecafé", email="post@lektie.example.org")
    role(with_chair, make_person(tenant, full_name="Lise Formand", email="lise@lektie.example.org"), "chair")
    former = make_person(tenant, full_name="Gammel Kontakt", email="gammel@lektie.example.org")
    role(with_chair, former, ended_on=date(2020, 1, 1))
    member(tenant, "Sorø Skakklub", email="skak@example.org")
    member(tenant, "Arkiveret Forening", email="arkiv@example.org", archived_at=timezone.now())
    make_organisation(tenant, name="Ikke Medlem", email="ikke@example.org")
    survey = open_survey(tenant)

    response = summary(client_for("centre_staff"), survey, member_contacts="on")
    plan = response.context["plan"]
    assert sorted(recipient.email for recipient in plan.recipients) == [
        "karen@besoeg.example.org",
        "lise@lektie.example.org",
        "skak@example.org",
    ]
    assert "3 invitationer vil blive sendt." in response.content.decode()


def test_a_contact_without_an_address_and_one_who_withdrew_consent_are_named(personas, client_for):
    tenant = personas.tenant
    association = member(tenant, "Sorø Besøgsvenner")
    role(association, make_person(tenant, full_name="Uden Adresse", email=""))
    withdrawn = make_person(tenant, full_name="Trak Tilbage", email="trak@example.org")
    never = make_person(tenant, full_name="Aldrig Spurgt", email="aldrig@example.org")
    role(association, withdrawn)
    role(association, never)
    with scopes_disabled():
        consent_give(purpose="crm.contact", subject=withdrawn, method="email", actor=None)
        consent_withdraw(purpose="crm.contact", subject=withdrawn, method="email", actor=None)
    survey = open_survey(tenant)

    response = summary(client_for("centre_staff"), survey, member_contacts="on")
    page = response.content.decode()
    assert [recipient.email for recipient in response.context["plan"].recipients] == ["aldrig@example.org"]
    assert "1 ønsker ikke at blive kontaktet" in page
    assert "Trak Tilbage (Sorø Besøgsvenner)" in page
    assert "1 har ingen e-mailadresse" in page
    assert "Uden Adresse (Sorø Besøgsvenner)" in page


def test_a_crm_filter_reuses_the_organisation_lists_criteria(personas, client_for):
    tenant = personas.tenant
    with scopes_disabled():
        youth = Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.TARGET_GROUP).first()
    sport = make_organisation(tenant, name="Sorø Roklub", email="ro@example.org")
    sport.target_groups.add(youth)
    make_organisation(tenant, name="Sorø Seniorklub", email="senior@example.org")
    make_organisation(tenant, name="Sorø Skole", kind=OrganisationKind.FOUNDATION, email="skole@example.org")
    survey = open_survey(tenant)
    client = client_for("centre_staff")

    by_tag = summary(client, survey, by_filter="on", target_group=str(youth.pk)).context["plan"]
    assert [recipient.email for recipient in by_tag.recipients] == ["ro@example.org"]
    by_kind = summary(client, survey, by_filter="on", kind=OrganisationKind.FOUNDATION).context["plan"]
    assert [recipient.email for recipient in by_kind.recipients] == ["skole@example.org"]


def saved_filter(tenant, name, **params) -> SavedFilter:
    with scopes_disabled():
        return SavedFilter.objects.create(tenant=tenant, name=name, params=params)


def test_the_form_offers_the_tenants_saved_filters(personas, client_for):
    saved_filter(personas.tenant, "Foreninger for børn", type=OrganisationKind.ASSOCIATION)
    saved_filter(personas.other_tenant, "Charlies fonde", type=OrganisationKind.FOUNDATION)
    page = client_for("centre_staff").get(url("survey_invite", pk=open_survey(personas.tenant).pk)).content.decode()
    assert "Personer fra et gemt filter" in page
    assert "Foreninger for børn" in page
    assert "Charlies fonde" not in page


def test_a_saved_filter_invites_the_contact_people_of_the_organisations_it_finds_when_sending(
    personas, client_for, django_capture_on_commit_callbacks
):
    tenant = personas.tenant
    with scopes_disabled():
        youth = Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="boern-og-unge")
        elderly = Tag.objects.get(tenant=tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")

    def club(name, kind=OrganisationKind.ASSOCIATION, word=youth, **fields):
        organisation = make_organisation(tenant, name=name, kind=kind, **fields)
        with scopes_disabled():
            organisation.target_groups.add(word)
        return organisation

    rowing = club("Sorø Roklub", email="ro@example.org")
    role(rowing, make_person(tenant, full_name="Karen Kontakt", email="karen@example.org"))
    role(rowing, make_person(tenant, full_name="Bo Formand", email="bo@example.org"), OrganisationRoleKind.CHAIR)
    scouts = club("Sorø Spejdere", email="spejder@example.org")
    role(scouts, make_person(tenant, full_name="Lise Formand", email="lise@example.org"), OrganisationRoleKind.CHAIR)
    chess = club("Sorø Skakklub", email="skak@example.org")
    withdrawn = make_person(tenant, full_name="Trak Tilbage", email="trak@example.org")
    role(chess, withdrawn)
    with scopes_disabled():
        consent_give(purpose="crm.contact", subject=withdrawn, method="email", actor=None)
        consent_withdraw(purpose="crm.contact", subject=withdrawn, method="email", actor=None)
    club("Sorø Badminton", email="badminton@example.org")
    club("Sorø Børnefond", kind=OrganisationKind.FOUNDATION, email="fond@example.org")
    club("Sorø Seniorklub", word=elderly, email="senior@example.org")
    club("Gammel Klub", email="gammel@example.org", archived_at=timezone.now())
    chosen = saved_filter(
        tenant, "Foreninger for børn", type=OrganisationKind.ASSOCIATION, maalgruppe=str(youth.pk), arkiverede="on"
    )
    survey = open_survey(tenant)
    make_invitation(survey, email="badminton@example.org", sent_at=timezone.now())
    client = client_for("centre_staff")

    response = summary(client, survey, saved_filter=str(chosen.pk))

    plan = response.context["plan"]
    assert [recipient.email for recipient in plan.recipients] == ["karen@example.org", "lise@example.org"]
    assert plan.opted_out == ["Trak Tilbage (Sorø Skakklub) <trak@example.org>"]
    assert plan.already_invited == ["Sorø Badminton <badminton@example.org>"]
    assert f'name="saved_filter" value="{chosen.pk}"' in response.content.decode()

    # The filter is read again when sending: an organisation that matches it by then is invited too.
    newcomer = club("Sorø Ungdomsklub", email="ungdom@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        sent = send(client, survey, saved_filter=str(chosen.pk))
    assert sent.status_code == 302
    new = {email: invitation for email, invitation in invitations(survey).items() if email != "badminton@example.org"}
    assert {email: invitation.organisation_id for email, invitation in new.items()} == {
        "karen@example.org": rowing.pk,
        "lise@example.org": scouts.pk,
        "ungdom@example.org": newcomer.pk,
    }


def test_a_saved_filter_and_the_other_groups_invite_each_address_once(personas, client_for):
    tenant = personas.tenant
    association = member(tenant, "Sorø Besøgsvenner", email="post@besoeg.example.org")
    chosen = saved_filter(tenant, "Medlemmer", medlem="ja")
    survey = open_survey(tenant)
    plan = summary(client_for("centre_staff"), survey, member_contacts="on", saved_filter=str(chosen.pk)).context[
        "plan"
    ]
    assert [recipient.email for recipient in plan.recipients] == [association.email]
    assert plan.duplicates == ["Sorø Besøgsvenner <post@besoeg.example.org>"]


def test_another_tenants_or_a_deleted_saved_filter_is_no_choice(personas, client_for):
    foreign = saved_filter(personas.other_tenant, "Charlies fonde", type=OrganisationKind.FOUNDATION)
    make_organisation(
        personas.other_tenant, name="Charlie Fond", kind=OrganisationKind.FOUNDATION, email="c@example.org"
    )
    survey = open_survey(personas.tenant)
    client = client_for("centre_staff")
    for chosen in (str(foreign.pk), "99999999"):
        response = send(client, survey, saved_filter=chosen)
        assert response.status_code == 200
        assert "Det gemte filter findes ikke længere. Vælg et andet." in response.content.decode()
        assert "plan" not in response.context
    assert invitations(survey) == {}


def test_a_filter_without_a_criterion_asks_for_one(personas, client_for):
    survey = open_survey(personas.tenant)
    response = summary(client_for("centre_staff"), survey, by_filter="on")
    assert "Vælg en type, en målgruppe eller et aktivitetsområde til filteret." in response.content.decode()
    assert "plan" not in response.context


def test_nothing_chosen_asks_whom_to_invite(personas, client_for):
    survey = open_survey(personas.tenant)
    response = summary(client_for("centre_staff"), survey)
    assert "Vælg, hvem der skal inviteres" in response.content.decode()


def test_invalid_pasted_addresses_are_named_and_the_text_is_kept(personas, client_for):
    survey = open_survey(personas.tenant)
    typed = "anna@example.org\nikke-en-adresse; bo@example\n"
    response = send(client_for("centre_staff"), survey, addresses=typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Disse er ikke gyldige e-mailadresser: ikke-en-adresse, bo@example. Ret eller fjern dem." in page
    assert "anna@example.org\nikke-en-adresse; bo@example" in page
    assert invitations(survey) == {}


def test_pasted_addresses_split_on_lines_commas_and_semicolons_and_duplicates_are_counted(personas, client_for):
    survey = open_survey(personas.tenant)
    make_invitation(survey, email="tidligere@example.org", sent_at=timezone.now())
    make_invitation(survey, email="nej@example.org", sent_at=timezone.now(), declined=True)
    typed = "anna@example.org, Bo@Example.org;bo@example.org\ntidligere@example.org\nnej@example.org"
    response = summary(client_for("centre_staff"), survey, addresses=typed)
    plan = response.context["plan"]
    page = response.content.decode()
    assert [recipient.email for recipient in plan.recipients] == ["anna@example.org", "bo@example.org"]
    assert plan.duplicates == ["bo@example.org"]
    assert plan.already_invited == ["tidligere@example.org"]
    assert plan.opted_out == ["nej@example.org"]
    assert "2 invitationer vil blive sendt." in page
    assert "3 modtagere er udeladt" in page
    assert "1 adresse står der to gange" in page
    assert "1 er allerede inviteret" in page


def test_a_pasted_address_of_a_person_who_withdrew_consent_is_left_out(personas, client_for):
    person = make_person(personas.tenant, full_name="Trak Tilbage", email="trak@example.org")
    with scopes_disabled():
        consent_give(purpose="crm.contact", subject=person, method="email", actor=None)
        consent_withdraw(purpose="crm.contact", subject=person, method="email", actor=None)
    survey = open_survey(personas.tenant)
    plan = summary(client_for("centre_staff"), survey, addresses="TRAK@example.org").context["plan"]
    assert plan.recipients == []
    assert plan.opted_out == ["trak@example.org"]


# --- sending ----------------------------------------------------------------------------------------------------


def test_sending_creates_invitations_locks_anonymity_and_mails_after_commit(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://frivillig.example.dk"
    survey = open_survey(personas.tenant, is_anonymous=True, title="Samarbejdet med kommunen")
    client = client_for("centre_staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, survey, addresses="anna@example.org\nbo@example.org", follow=True)
    assert response.status_code == 200
    assert "2 invitationer er sendt." in response.content.decode()
    sent = invitations(survey)
    assert set(sent) == {"anna@example.org", "bo@example.org"}
    assert all(invitation.sent_at is not None for invitation in sent.values())
    with scopes_disabled():
        saved = Survey.objects.get(pk=survey.pk)
    assert saved.anonymity_locked_at is not None
    assert len(mailoutbox) == 2
    mail = next(message for message in mailoutbox if message.to == ["anna@example.org"])
    assert "Samarbejdet med kommunen" in mail.subject
    link = "https://frivillig.example.dk" + reverse(
        "surveys:respond", kwargs={"tenant_slug": "alfa", "token": sent["anna@example.org"].token}
    )
    assert link in mail.body
    assert link + "frameld/" in mail.body
    assert "Undersøgelsen er anonym" in mail.body
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="surveys.invitations.sent")
    assert entry.data == {"count": 2}


def test_sending_again_invites_only_the_new_addresses(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    survey = open_survey(personas.tenant)
    client = client_for("centre_staff")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, survey, addresses="anna@example.org")
        send(client, survey, addresses="anna@example.org, bo@example.org")
    assert set(invitations(survey)) == {"anna@example.org", "bo@example.org"}
    assert [message.to for message in mailoutbox] == [["anna@example.org"], ["bo@example.org"]]


def test_the_mail_is_in_english_for_a_contact_who_prefers_english(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    tenant = personas.tenant
    association = member(tenant, "Sorø Besøgsvenner")
    user = UserFactory(email="jane@example.org", preferred_language="en")
    role(association, make_person(tenant, full_name="Jane Doe", email="jane@example.org", user=user))
    role(association, make_person(tenant, full_name="Jens Hansen", email="jens@example.org"), "contact_person")
    survey = open_survey(tenant, closes_at=timezone.now() + timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=True):
        send(client_for("centre_staff"), survey, member_contacts="on")
    english = next(message for message in mailoutbox if message.to == ["jane@example.org"])
    danish = next(message for message in mailoutbox if message.to == ["jens@example.org"])
    assert "asks you to answer the survey" in english.body
    assert "It takes about 2 minutes." in english.body
    assert "Please answer by" in english.body
    assert "beder dig svare på undersøgelsen" in danish.body
    assert invitations(survey)["jane@example.org"].language == "en"


def test_hundreds_of_recipients_cost_a_bounded_number_of_queries(personas, client_for, django_assert_max_num_queries):
    survey = open_survey(personas.tenant)
    addresses = "\n".join(f"person{number}@example.org" for number in range(300))
    client = client_for("centre_staff")
    with django_assert_max_num_queries(40):
        response = send(client, survey, addresses=addresses)
    assert response.status_code == 302
    assert len(invitations(survey)) == 300
    listed = client.get(url("invitation_list", pk=survey.pk))
    assert_rows_rendered(listed, ["person0@example.org", "person10@example.org"])


def test_a_draft_cannot_invite_and_offers_to_open_it(personas, client_for):
    survey = open_survey(personas.tenant, status=SurveyStatus.DRAFT)
    client = client_for("centre_staff")
    page = client.get(url("survey_invite", pk=survey.pk)).content.decode()
    assert "Åbn undersøgelsen først" in page
    assert url("survey_status", pk=survey.pk) in page
    send(client, survey, addresses="anna@example.org")
    assert invitations(survey) == {}


def test_after_the_first_invitation_the_settings_form_cannot_switch_anonymity(
    personas, client_for, django_capture_on_commit_callbacks
):
    survey = open_survey(personas.tenant, is_anonymous=False)
    client = client_for("centre_staff")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, survey, addresses="anna@example.org")
    response = client.post(
        url("survey_edit", pk=survey.pk),
        {
            "title": "Nyt navn",
            "kind": survey.kind,
            "is_anonymous": "on",
            "minimum_group_size": "8",
            "max_reminders": "2",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        saved = Survey.objects.get(pk=survey.pk)
    assert saved.title == "Nyt navn"
    assert saved.is_anonymous is False
    assert saved.minimum_group_size == 5


def test_invite_of_another_tenants_survey_is_not_found(personas, client_for):
    survey = open_survey(personas.other_tenant)
    client = client_for("centre_staff")
    assert client.get(url("survey_invite", pk=survey.pk)).status_code == 404
    assert send(client, survey, addresses="anna@example.org").status_code == 404
    assert client.get(url("invitation_list", pk=survey.pk)).status_code == 404
    assert invitations(survey) == {}


@pytest.mark.parametrize("persona", ["municipal_staff", "association_rep", "citizen"])
def test_other_roles_cannot_invite(persona, personas, client_for):
    survey = open_survey(personas.tenant)
    response = send(client_for(persona), survey, addresses="anna@example.org")
    assert response.status_code == 403
    assert invitations(survey) == {}


# --- the invitation list ----------------------------------------------------------------------------------------


def test_invitation_list_filters_by_answer(personas, client_for):
    survey = open_survey(personas.tenant)
    now = timezone.now()
    make_invitation(survey, email="svarede@example.org", sent_at=now, responded=True)
    make_invitation(survey, email="venter@example.org", sent_at=now)
    make_invitation(survey, email="frameldt@example.org", sent_at=now, declined=True)
    client = client_for("centre_staff")

    def emails(state):
        response = client.get(url("invitation_list", pk=survey.pk), {"svar": state})
        return [invitation.email for invitation in response.context["page"].object_list]

    assert emails("") == ["frameldt@example.org", "svarede@example.org", "venter@example.org"]
    assert emails("besvaret") == ["svarede@example.org"]
    assert emails("ikke-besvaret") == ["venter@example.org"]
    assert emails("frameldt") == ["frameldt@example.org"]
    assert emails("noget-andet") == ["frameldt@example.org", "svarede@example.org", "venter@example.org"]


def test_invitation_list_of_an_anonymous_survey_says_answers_cannot_be_linked(personas, client_for):
    survey = open_survey(personas.tenant, is_anonymous=True)
    make_invitation(survey, email="anna@example.org", sent_at=timezone.now())
    page = client_for("centre_staff").get(url("invitation_list", pk=survey.pk)).content.decode()
    assert "svarene kan ikke kobles til invitationerne" in page


@pytest.mark.parametrize("size", [1, 3])
def test_invitation_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    survey = open_survey(tenant)
    for number in range(size):
        association = make_organisation(tenant, name=f"Forening {number}")
        make_invitation(survey, email=f"modtager{number}@example.org", organisation=association, sent_at=timezone.now())
    client.force_login(staff)
    with django_assert_num_queries(8):
        response = client.get(reverse("surveys:invitation_list", kwargs={"tenant_slug": "maaling", "pk": survey.pk}))
    assert_rows_rendered(response, [f"modtager{number}@example.org" for number in range(size)])
    assert_rows_rendered(response, [f"Forening {number}" for number in range(size)])
