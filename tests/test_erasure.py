"""Erasure: a person's records deleted or anonymised as the register of personal data says (issue 12)."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from frivillig.core.erasure import ErasureError, erase_person, erase_rows, erase_user
from frivillig.core.models import AuditEntry
from frivillig.core.privacy import ERASED_TEXT
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.testing import UserFactory, make_opportunity, make_person, rendered_text


def _application(personas, **fields):
    from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote

    values = {
        "tenant": personas.tenant,
        "opportunity": make_opportunity(personas.organisation),
        "full_name": "Zacharias Quintilian",
        "email": "zq.erase@example.org",
        "phone": "+45 12 34 99 87",
        "message": "Hej fra Zacharias",
        "status": "declined",
    }
    values.update(fields)
    with unscoped("Test data."):
        application = Application.objects.create(**values)
        first_name = application.full_name.split()[0]
        ApplicationEvent.objects.create(
            tenant=application.tenant, application=application, to_status="declined", message=f"Kære {first_name}"
        )
        ApplicationNote.objects.create(tenant=application.tenant, application=application, text=f"{first_name} ringede")
    log_action("volunteering.application.declined", tenant=application.tenant, target=application)
    return application


def test_erase_rows_anonymises_applications_and_keeps_their_statistics(personas):
    from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote

    application = _application(personas)
    other = _application(personas, opportunity=application.opportunity, email="zq.other@example.org")
    with unscoped("Test reads."):
        rows = Application.objects.filter(pk__in=[application.pk, other.pk])
        assert erase_rows("volunteering.Application", rows, reason="retention") == 2
        application.refresh_from_db()
        other.refresh_from_db()
        assert (application.full_name, application.phone, application.message, application.user) == (
            ERASED_TEXT,
            "",
            "",
            None,
        )
        assert application.email == f"slettet-{application.pk}@example.invalid"
        assert other.email != application.email
        assert (application.opportunity_id, application.status) == (other.opportunity_id, "declined")
        # Rows that belong to the application follow their own declarations only when the person is erased.
        assert ApplicationEvent.objects.filter(application=application).exists()
        assert ApplicationNote.objects.filter(application=application).exists()
        entry = AuditEntry.objects.filter(target_type="volunteering.application", target_id=str(application.pk)).get()
        logged = AuditEntry.objects.filter(code="core.personal_data.erased").get()
    assert entry.target_label == "" and entry.code == "volunteering.application.declined"
    assert logged.data == {
        "model": "volunteering.application",
        "erasure": "anonymise",
        "rows": 2,
        "reason": "retention",
    }


def test_erase_rows_deletes_where_the_register_says_delete(personas):
    from frivillig.volunteering.models import ApplicationNote

    application = _application(personas)
    with unscoped("Test reads."):
        notes = ApplicationNote.objects.filter(application=application)
        assert erase_rows("volunteering.ApplicationNote", notes, reason="test") == 1
        assert not ApplicationNote.objects.filter(application=application).exists()


def test_erase_rows_needs_a_declared_model_and_a_reason(personas):
    with pytest.raises(ErasureError):
        erase_rows("crm.Tag", AuditEntry.objects.none(), reason="test")
    with pytest.raises(ErasureError):
        erase_rows("volunteering.Application", AuditEntry.objects.none(), reason=" ")


# --- one person with data in every app, erased --------------------------------------------------------------

NAME = "Zacharias Quintilian"
EMAIL = "zq.erase@example.org"
PHONE = "+45 12 34 99 87"
# What must not be found anywhere afterwards (compared case-insensitively).
TRACES = [
    "Zacharias",
    "Quintilian",
    EMAIL,
    "zq.erase",
    PHONE,
    "12 34 99 87",
    "12349987",
]


def _everything_about_zacharias(personas, settings, tmp_path):
    from frivillig.communication.models import ContentPage
    from frivillig.core import throttle
    from frivillig.core.access_log import log_access
    from frivillig.crm.models import Interaction, OrganisationRole, RepresentativeRequest
    from frivillig.crm.services.imports import import_file_store
    from frivillig.tenants.enums import Role
    from frivillig.tenants.models import Invitation
    from frivillig.testing import grant, make_person
    from frivillig.volunteering.models import VolunteerProfile
    from frivillig.volunteering.selectors.matching import suggestions_for

    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BOARD_CACHE_SECONDS = 60
    staff = personas.user("centre_staff")
    user = UserFactory(email=EMAIL, full_name=NAME, phone=PHONE)
    grant(user, personas.tenant, Role.ASSOCIATION_REP, organisation=personas.other_organisation)
    with unscoped("Test data in two tenants."):
        profile = VolunteerProfile.objects.create(
            user=user, private_notes=f"{NAME} har brug for ro", postcode="4180", interests=["Zacharias' hobby"]
        )
        # Applications in two tenants through the account, and a guest's by e-mail (another case, same address).
        by_account = _application(personas, user=user, status="new")
        foreign = _application(
            personas,
            tenant=personas.other_tenant,
            opportunity=make_opportunity(personas.foreign_organisation),
            user=user,
            status="started",
        )
        guest = _application(personas, email=EMAIL.upper(), full_name="Zacharias Q.", status="declined")
        # Someone else's application to the same opportunity stays as it is.
        bystander = _application(
            personas,
            opportunity=guest.opportunity,
            full_name="Bodil Bystander",
            email="bodil@example.org",
            phone="",
            message="Bodils besked",
        )
        person = make_person(
            personas.tenant,
            full_name=NAME,
            email=EMAIL,
            phone=PHONE,
            notes=f"{NAME} fortalte om sin hverdag",
            job_title="Kasserer",
            consent_given_at=timezone.now(),
            consent_method="form",
            consent_recorded_by=staff,
        )
        OrganisationRole.objects.create(
            tenant=personas.tenant, organisation=personas.organisation, person=person, role="Kasserer"
        )
        other_person = make_person(personas.tenant, full_name="Bodil Bystander", email="bodil@example.org")
        meeting = Interaction.objects.create(
            tenant=personas.tenant,
            kind="meeting",
            happened_on=datetime.date(2026, 1, 5),
            summary=f"Møde med {NAME} og Bodil",
            staff=staff,
        )
        meeting.people.add(person, other_person)
        call = Interaction.objects.create(
            tenant=personas.tenant, kind="call", happened_on=datetime.date(2026, 2, 5), summary="Opkald fra Zacharias"
        )
        call.people.add(person)
        opportunity = make_opportunity(personas.organisation, title="Lektiehjælp", contact_person=person)
        RepresentativeRequest.objects.create(
            tenant=personas.tenant, organisation=personas.organisation, full_name=NAME, email=EMAIL, phone=PHONE
        )
        Invitation.objects.create(tenant=personas.other_tenant, email=EMAIL, role=Role.CENTRE_STAFF)
        page = ContentPage.objects.filter(tenant=personas.tenant).first()
        if page is not None:
            ContentPage.objects.filter(pk=page.pk).update(updated_by=user)
        # A contact in the other tenant under the same address, not linked to the account.
        charlie = make_person(personas.other_tenant, full_name=NAME, email=EMAIL, notes="Kendt i Charlie")
        survey_answer = _survey_answers(personas, person)
        registration = _event_registration(personas, user)
        report_version = _published_report(personas)
    log_action("crm.person.updated", actor=staff, tenant=personas.tenant, target=person)
    log_action("accounts.user.profile_updated", actor=user, target=user)
    # The consent ledger: the contact's consent to be contacted, and the account's to be suggested (withdrawn).
    from frivillig.core.consent import consent_give, consent_withdraw

    with unscoped("Test data."):
        consent_give(purpose="crm.contact", subject=person, method="written", actor=staff, text=f"Ja tak, {NAME}")
        consent_give(purpose="volunteering.suggestions", subject=user, method="web_form", actor=user)
        consent_withdraw(purpose="volunteering.suggestions", subject=user, method="web_form", actor=user)
    # The operator changed the contact in the Django admin: its log names the record.
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    operator = UserFactory(is_staff=True, is_superuser=True, full_name="Olga Operatør")
    LogEntry.objects.create(
        user=operator,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message="[]",
    )
    LogEntry.objects.create(
        user=operator,
        content_type=ContentType.objects.get_for_model(other_person),
        object_id=str(other_person.pk),
        object_repr="Bodil Bystander",
        action_flag=CHANGE,
        change_message="[]",
    )
    log_action("crm.organisation.role_added", actor=staff, tenant=personas.tenant, data={"person": NAME})
    log_access(actor=staff, tenant=personas.tenant, subject=person, what="crm.person.notes")
    log_access(actor=staff, tenant=personas.tenant, subject=None, what="crm.person.notes.search", search="Quintilian")
    # The account read someone else's notes as a reader: the reading stays logged, the reader's name goes.
    log_access(actor=user, tenant=personas.tenant, subject=other_person, what="crm.person.notes")
    throttle.attempt("login", EMAIL, limit=5, window=600)
    import_file_store(
        tenant=personas.tenant,
        user=staff,
        kind="people",
        filename="kontakter.csv",
        content=f"Navn;E-mail;Telefon\n{NAME};{EMAIL};12349987\n".encode(),
    )
    import_file_store(
        tenant=personas.tenant,
        user=staff,
        kind="people",
        filename="andre.csv",
        content=b"Navn;E-mail\nBodil Bystander;bodil@example.org\n",
    )
    suggestions_for(profile)
    return {
        "user": user,
        "person": person,
        "charlie": charlie,
        "other_person": other_person,
        "meeting": meeting,
        "opportunity": opportunity,
        "applications": [by_account, foreign, guest],
        "bystander": bystander,
        "survey_answer": survey_answer,
        "registration": registration,
        "report_version": report_version,
    }


def _published_report(personas):
    """A status report published with the records its target counted: Zacharias among the participants."""
    from frivillig.strategy.models import ReportVersion
    from frivillig.strategy.services_reports import report_create
    from frivillig.strategy.tests.helpers import make_plan

    plan = make_plan(personas.tenant)
    report = report_create(plan=plan, year=2017, actor=None)
    records = [
        {"key": "events.registration:1", "label": NAME, "url": "/alfa/arrangementer/1/", "detail": "deltog"},
        {"key": "events.registration:2", "label": "Bodil Bystander", "url": "", "detail": "deltog"},
    ]
    content = {
        "goals": [{"title": "Flere frivillige", "targets": [{"title": "Deltagere", "value": "2", "records": records}]}]
    }
    return ReportVersion.objects.create(
        tenant=plan.tenant, report=report, number=1, as_of=timezone.now(), content=content
    )


def _event_registration(personas, user):
    """A course the person registered for (with a colleague) on behalf of an association, answering its questions,
    and came to: the registration is anonymised, the attendance stays as a count."""
    from frivillig.events.enums import AttendanceStatus
    from frivillig.events.models import Attendance, EventSession
    from frivillig.events.tests.helpers import make_event, make_registration

    event = make_event(personas.tenant, title="Kursus i rekruttering", asks_diet=True, extra_question="Hvorfor?")
    registration = make_registration(
        event,
        email=EMAIL,
        full_name=NAME,
        phone=PHONE,
        user=user,
        organisation=personas.organisation,
        group_size=2,
        diet=f"Vegetar ({NAME})",
        extra_answer=f"Ring til {NAME} på {PHONE}",
    )
    Attendance.objects.create(
        tenant=personas.tenant,
        registration=registration,
        session=EventSession.objects.get(event=event),
        status=AttendanceStatus.ATTENDED,
        recorded_by=personas.user("centre_staff"),
    )
    return registration


def _survey_answers(personas, person):
    """Two surveys: one the person has begun answering (the draft on the invitation holds the answers so far), one
    they answered under their name, with a free text that names them."""
    from frivillig.surveys.enums import QuestionKind
    from frivillig.surveys.models import Answer, Response
    from frivillig.surveys.tests.helpers import make_invitation, make_question, make_section, make_survey

    begun = make_survey(personas.tenant, title="Ønsker til kurser")
    question = make_question(make_section(begun), QuestionKind.LONG_TEXT, text="Hvad ønsker I?")
    make_invitation(begun, email=EMAIL, person=person, draft={str(question.pk): [f"{NAME} skriver et udkast"]})
    answered = make_survey(personas.tenant, title="Behovsanalyse")
    question = make_question(make_section(answered), QuestionKind.LONG_TEXT, text="Hvad kan centret gøre?")
    make_invitation(answered, email=EMAIL, person=person, organisation=personas.organisation, responded=True)
    response = Response.objects.create(
        tenant=personas.tenant, survey=answered, person=person, organisation=personas.organisation, submitted=True
    )
    return Answer.objects.create(
        tenant=personas.tenant, response=response, question=question, text=f"Ring til {NAME} på {PHONE}"
    )


def _statistics():
    from frivillig.volunteering.models import Application

    with unscoped("Test reads every tenant."):
        return sorted(
            Application.objects.values_list("opportunity_id", "status").annotate(count=Count("pk")).order_by()
        )


def _every_table_as_text() -> dict[str, str]:
    """Every table of the database (Django's own, the apps', the many-to-many tables, and columns Django does not
    know, such as PostgreSQL's search vectors), every column cast to text."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            quote = connection.ops.quote_name
            selected = ", ".join(f"CAST({quote(column)} AS TEXT)" for column in columns)
            cursor.execute(f"SELECT {selected} FROM {quote(table)}")  # noqa: S608 (names from the introspection)
            found[table] = "\n".join(" | ".join(value or "" for value in row) for row in cursor.fetchall())
    return found


def _files_as_text(*roots) -> dict[str, str]:
    found = {}
    for root in roots:
        if Path(root).exists():
            for path in Path(root).rglob("*"):
                if path.is_file():
                    found[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    return found


def _cache_files_as_text(root: Path, aliases) -> dict[str, str]:
    """What Django's file cache holds on disk, unpacked (each file: a pickled expiry, then a zlib-packed pickle)."""
    import pickle
    import zlib

    found = {}
    for alias in aliases:
        for path in (root / alias).glob("*.djcache"):
            with path.open("rb") as stored:
                pickle.load(stored)  # noqa: S301 (the test's own cache files)
                found[str(path)] = zlib.decompress(stored.read()).decode("utf-8", errors="replace")
    return found


def _traces(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(where, trace) for where, text in texts.items() for trace in TRACES if trace.lower() in text.lower()]


def test_erasing_a_user_leaves_nothing_identifying_in_any_table_file_or_cache(
    personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.contrib.admin.models import LogEntry
    from django.contrib.sessions.models import Session
    from django.core.cache import caches
    from django.test import Client

    from frivillig.core.models import Consent, ThrottleWindow
    from frivillig.crm.models import Interaction, Person
    from frivillig.volunteering.caching import board_version
    from frivillig.volunteering.models import Opportunity

    made = _everything_about_zacharias(personas, settings, tmp_path)
    # Caches on disk, as in production; a page kept there names the person (e.g. a survey's free texts).
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / alias)}
        for alias in ("default", "board")
    }
    for alias in settings.CACHES:
        caches[alias].set(f"page-{alias}", f"<p>{NAME} skrev: {EMAIL}</p>", 600)
    assert len(_traces(_cache_files_as_text(tmp_path, settings.CACHES))) >= 2
    logged_in, bystander_session = Client(), Client()
    logged_in.force_login(made["user"])
    bystander_session.force_login(personas.user("citizen"))
    # The data is really there to begin with, in the tables and on disk.
    assert len({where for where, _trace in _traces(_every_table_as_text())}) >= 10
    assert _traces(_files_as_text(settings.PRIVATE_ROOT))
    with unscoped("Test reads every tenant."):
        assert Consent.objects.filter(text__contains=NAME).exists()
    assert Session.objects.count() == 2
    before = _statistics()
    version = board_version()

    with django_capture_on_commit_callbacks(execute=True):
        report = erase_user(user=made["user"], actor=None, reason=f"{NAME} bad selv om det på {EMAIL}")

    tables = _every_table_as_text()
    assert _traces(tables) == [], [
        line
        for where, _t in _traces(tables)
        for line in tables[where].splitlines()
        if "zacharias" in line.lower() or "zq" in line.lower()
    ]
    assert _traces(_files_as_text(settings.PRIVATE_ROOT, settings.MEDIA_ROOT)) == []
    # The statistics stay right: as many applications per opportunity and status as before.
    assert _statistics() == before
    assert report.count("volunteering.Application") == 3
    assert report.count("crm.Person") == 2
    # The invitations go (with the answers begun); the named answer stays counted, as no one's.
    assert report.count("surveys.Invitation") == 2
    with unscoped("Test reads every tenant."):
        answer = type(made["survey_answer"]).objects.get(pk=made["survey_answer"].pk)
    assert (answer.question_id, answer.text, answer.response.person_id) == (made["survey_answer"].question_id, "", None)
    assert report.files_deleted == 1
    # The event registration loses who it was; the association, the places and the attendance stay counted.
    assert report.count("events.Registration") == 1
    with unscoped("Test reads every tenant."):
        registration = type(made["registration"]).objects.get(pk=made["registration"].pk)
        assert (registration.organisation_id, registration.group_size, registration.user_id) == (
            made["registration"].organisation_id,
            2,
            None,
        )
        assert [attendance.status for attendance in registration.attendances.all()] == ["attended"]
    with unscoped("Test reads every tenant."):
        # Nobody else's records went: the other participant, the bystander's application and import file.
        assert Person.objects.filter(pk=made["other_person"].pk).exists()
        assert list(made["meeting"].people.all()) == [made["other_person"]]
        assert Interaction.objects.filter(pk=made["meeting"].pk).exists()
        assert Opportunity.objects.get(pk=made["opportunity"].pk).contact_person is None
        bystander = type(made["bystander"]).objects.get(pk=made["bystander"].pk)
        assert (bystander.full_name, bystander.email) == ("Bodil Bystander", "bodil@example.org")
        entry = AuditEntry.objects.get(code="accounts.user.erased")
    assert entry.data["user_id"] == made["user"].pk
    assert "bad selv om det" in entry.data["reason"]
    assert len(list((settings.PRIVATE_ROOT / "imports").iterdir())) == 1
    assert not ThrottleWindow.objects.exists()
    # No cached answer worked out from the erased profile is served again.
    assert board_version() != version
    # Nothing is left in the caches on disk; the account's session is gone, another person's stays.
    assert [alias for alias in settings.CACHES if caches[alias].get(f"page-{alias}") is not None] == []
    # The published report keeps its figures and its count of records; the erased person's record is nameless.
    with unscoped("Test reads every tenant."):
        content = type(made["report_version"]).objects.get(pk=made["report_version"].pk).content
    target = content["goals"][0]["targets"][0]
    assert target["value"] == "2"
    assert [record["label"] for record in target["records"]] == [ERASED_TEXT, "Bodil Bystander"]
    assert target["records"][0]["url"] == ""
    assert _traces(_cache_files_as_text(tmp_path, settings.CACHES)) == []
    assert Session.objects.count() == 1
    assert bystander_session.get(reverse("accounts:profile")).status_code == 200
    # The ledger's rows about the contact and the account are gone; the admin's log keeps only the bystander.
    with unscoped("Test reads every tenant."):
        assert not Consent.objects.filter(subject_id__in=[str(made["person"].pk)], purpose="crm.contact").exists()
        assert not Consent.objects.filter(purpose="volunteering.suggestions").exists()
    assert list(LogEntry.objects.values_list("object_repr", flat=True)) == ["Bodil Bystander"]


def test_erasing_a_contact_erases_within_its_tenant_only(
    personas, settings, tmp_path, django_capture_on_commit_callbacks
):
    from frivillig.accounts.models import User
    from frivillig.crm.models import Person

    made = _everything_about_zacharias(personas, settings, tmp_path)
    staff = personas.user("centre_staff")
    before = _statistics()

    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person=made["person"], actor=staff, reason="Anmodning om sletning")

    assert _statistics() == before
    assert report.count("crm.Person") == 1
    with unscoped("Test reads every tenant."):
        assert not Person.objects.filter(pk=made["person"].pk).exists()
        # The account and the contact in the other tenant are other controllers' or the person's own business.
        assert Person.objects.filter(pk=made["charlie"].pk).exists()
        assert User.objects.filter(pk=made["user"].pk).exists()
        guest = type(made["bystander"]).objects.get(pk=made["applications"][2].pk)
        foreign = type(made["bystander"]).objects.get(pk=made["applications"][1].pk)
        entry = AuditEntry.objects.get(code="crm.person.erased")
    assert guest.full_name == ERASED_TEXT and EMAIL not in guest.email
    assert foreign.full_name == NAME
    assert entry.data["person_id"] == made["person"].pk and entry.actor == staff and entry.tenant == personas.tenant
    assert entry.target_label == ""
    alfa_tables = _every_table_as_text()
    assert "Kendt i Charlie" in alfa_tables["crm_person"]


def test_user_delete_still_refuses_the_only_administrator(personas):
    from frivillig.accounts.models import User
    from frivillig.accounts.services import AccountDeletionError, user_delete

    admin = personas.user("tenant_admin")
    with pytest.raises(AccountDeletionError):
        user_delete(user=admin)
    assert User.objects.filter(pk=admin.pk).exists()


def test_user_delete_goes_through_erasure(personas):
    from frivillig.accounts.models import User
    from frivillig.accounts.services import user_delete

    citizen = personas.user("citizen")
    application = _application(personas, user=citizen, full_name="Cecilie Borger", email="citizen@example.org")
    user_delete(user=citizen)
    assert not User.objects.filter(pk=citizen.pk).exists()
    with unscoped("Test reads."):
        application.refresh_from_db()
        assert AuditEntry.objects.filter(code="accounts.user.erased").exists()
    assert (application.full_name, application.user, application.status) == (ERASED_TEXT, None, "declined")


# --- the staff's erasure page -------------------------------------------------------------------------------


def _erase_url(person) -> str:
    return reverse("crm:person_erase", kwargs={"tenant_slug": person.tenant.slug, "pk": person.pk})


def test_erase_page_lists_what_is_deleted_and_anonymised(personas, settings, tmp_path, client_for):
    made = _everything_about_zacharias(personas, settings, tmp_path)
    client = client_for("centre_staff")

    detail = client.get(reverse("crm:person_detail", kwargs={"tenant_slug": "alfa", "pk": made["person"].pk}))
    assert _erase_url(made["person"]) in detail.content.decode()
    response = client.get(_erase_url(made["person"]))

    assert response.status_code == 200
    text = rendered_text(response)
    assert "Slet og anonymisér personen" in text
    deleted = {kind.model: kind.count for kind in response.context["preview"].deleted}
    anonymised = {kind.model: kind.count for kind in response.context["preview"].anonymised}
    assert deleted["crm.Person"] == 1 and deleted["crm.OrganisationRole"] == 1
    # In this tenant only: the two applications under the address in Alfa, not the one in Charlie.
    assert anonymised["volunteering.Application"] == 2 and anonymised["crm.Interaction"] == 2
    assert "Det bliver slettet" in text and "Det bliver anonymiseret" in text
    # Nothing is changed by looking.
    with unscoped("Test reads."):
        assert type(made["person"]).objects.filter(pk=made["person"].pk).exists()


def test_erase_page_requires_a_reason_and_keeps_what_was_typed(personas, client_for):
    person = make_person(personas.tenant, full_name=NAME, email=EMAIL)
    client = client_for("centre_staff")

    response = client.post(_erase_url(person), {"reason": "   "})

    assert response.status_code == 200
    assert "Skriv, hvorfor personen skal slettes." in rendered_text(response)
    with unscoped("Test reads."):
        assert type(person).objects.filter(pk=person.pk).exists()
    response = client.post(_erase_url(person), {"reason": "x" * 501})
    assert response.status_code == 200
    assert "x" * 501 in response.content.decode()


def test_erase_page_erases_and_goes_to_the_people_list(personas, client_for):
    person = make_person(personas.tenant, full_name=NAME, email=EMAIL)
    client = client_for("centre_staff")

    response = client.post(_erase_url(person), {"reason": "Personen bad om det"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("crm:person_list", kwargs={"tenant_slug": "alfa"})
    assert "Personen er slettet: 1 oplysning slettet" in rendered_text(response)
    with unscoped("Test reads."):
        assert not type(person).objects.filter(pk=person.pk).exists()
        entry = AuditEntry.objects.get(code="crm.person.erased")
    assert entry.data["reason"] == "Personen bad om det" and entry.actor == personas.user("centre_staff")


def test_erase_page_of_another_tenants_person_is_not_found(personas, client_for):
    charlie = make_person(personas.other_tenant, full_name=NAME)
    url = reverse("crm:person_erase", kwargs={"tenant_slug": "alfa", "pk": charlie.pk})
    assert client_for("centre_staff").get(url).status_code == 404
    assert client_for("centre_staff").post(url, {"reason": "x"}).status_code == 404
    with unscoped("Test reads."):
        assert type(charlie).objects.filter(pk=charlie.pk).exists()


@pytest.mark.parametrize("persona", ["association_rep", "citizen"])
def test_erase_page_is_refused_to_representatives_and_citizens(personas, client_for, persona):
    person = make_person(personas.tenant, full_name=NAME)
    client = client_for(persona)
    assert client.get(_erase_url(person)).status_code == 403
    assert client.post(_erase_url(person), {"reason": "x"}).status_code == 403
    with unscoped("Test reads."):
        assert type(person).objects.filter(pk=person.pk).exists()
