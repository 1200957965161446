"""Who represents the associations: the ones without a representative, requests to become one and the centre's
answer, and the centre inviting a contact person."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english, link_path
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, RepresentativeRequestStatus
from frivillig.crm.models import OrganisationRole
from frivillig.crm.selectors import organisations_without_representative
from frivillig.crm.services.representatives import (
    RepresentativeRequestError,
    representative_request_approve,
    representative_request_create,
    representative_request_decline,
)
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation
from frivillig.testing import UserFactory, assert_rows_rendered, grant, make_organisation, make_person

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    with scopes_disabled():
        return [organisation.name for organisation in queryset]


def test_organisations_without_representative_lists_only_unrepresented_associations(personas):
    tenant = personas.tenant
    make_organisation(tenant, name="Alfa Virksomhed", kind=OrganisationKind.BUSINESS)
    make_organisation(tenant, name="Alfa Arkiveret", archived_at="2026-01-01T00:00:00Z")
    inactive = make_organisation(tenant, name="Alfa Uden Login")
    former = UserFactory(is_active=False)
    grant(former, tenant, Role.ASSOCIATION_REP, organisation=inactive)

    # The persona represents "Alfa Besøgsvenner"; a deactivated login does not count; Charlie's are not Alfa's.
    with scope(tenant=tenant):
        assert names(organisations_without_representative(tenant)) == ["Alfa Lektiecafé", "Alfa Uden Login"]


def test_representative_request_create_records_a_pending_request_and_logs_it(personas):
    request = representative_request_create(
        organisation=personas.other_organisation,
        full_name=" Lise Lektie ",
        email="lise@example.org ",
        phone="12345678",
        message="Jeg er formand.",
    )

    with scopes_disabled():
        entry = AuditEntry.objects.get(code="crm.representative_request.received")
    assert (request.tenant, request.full_name, request.email, request.status) == (
        personas.tenant,
        "Lise Lektie",
        "lise@example.org",
        RepresentativeRequestStatus.PENDING,
    )
    assert (entry.actor, entry.tenant, entry.data["organisation"]) == (None, personas.tenant, request.organisation_id)


def test_approving_a_request_sends_the_invitation_to_represent_the_organisation(
    personas, django_capture_on_commit_callbacks
):
    staff = personas.user("centre_staff")
    request = representative_request_create(
        organisation=personas.other_organisation, full_name="Lise Lektie", email="lise@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True), scope(tenant=personas.tenant):
        invitation = representative_request_approve(
            representative_request=request, actor=staff, base_url="https://frivillig.example.org"
        )

    with scopes_disabled():
        request.refresh_from_db()
        invitation = Invitation.objects.get(pk=invitation.pk)
        codes = list(AuditEntry.objects.filter(tenant=personas.tenant).values_list("code", flat=True))
    assert (request.status, request.decided_by, request.decided_at is not None) == (
        RepresentativeRequestStatus.APPROVED,
        staff,
        True,
    )
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "lise@example.org",
        Role.ASSOCIATION_REP,
        staff,
    )
    assert [message.to for message in mail.outbox] == [["lise@example.org"]]
    assert "Alfa Lektiecafé" in mail.outbox[0].body
    assert {"crm.representative_request.approved", "tenants.invitation.sent"} <= set(codes)


def test_declining_a_request_keeps_the_reason_and_a_decided_request_cannot_be_decided_again(personas):
    staff = personas.user("centre_staff")
    request = representative_request_create(
        organisation=personas.other_organisation, full_name="Lise Lektie", email="lise@example.org"
    )

    with scope(tenant=personas.tenant):
        representative_request_decline(representative_request=request, actor=staff, reason=" Ukendt i foreningen ")

    with scopes_disabled():
        request.refresh_from_db()
        entry = AuditEntry.objects.get(code="crm.representative_request.declined")
    assert (request.status, request.decline_reason, request.decided_by) == (
        RepresentativeRequestStatus.DECLINED,
        "Ukendt i foreningen",
        staff,
    )
    assert entry.data["reason"] == "Ukendt i foreningen"
    with pytest.raises(RepresentativeRequestError), scope(tenant=personas.tenant):
        representative_request_approve(representative_request=request, actor=staff, base_url="https://x.example.org")
    with scopes_disabled():
        assert not Invitation.objects.filter(email="lise@example.org").exists()


# --- the centre's pages ----------------------------------------------------------------------------------------


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


def page_url(name: str, **kwargs) -> str:
    return reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def contact(organisation, full_name: str, email: str, **fields) -> OrganisationRole:
    person = make_person(organisation.tenant, full_name=full_name, email=email)
    with scopes_disabled():
        return OrganisationRole.objects.create(
            tenant=organisation.tenant,
            organisation=organisation,
            person=person,
            role=fields.pop("role", OrganisationRoleKind.CHAIR),
            **fields,
        )


def test_organisation_page_names_its_representatives_and_offers_to_invite_contacts_with_an_email(staff, personas):
    lise = contact(personas.other_organisation, "Lise Lektie", "lise@example.org")
    contact(personas.other_organisation, "Uden Post", "")
    contact(personas.other_organisation, "Tidligere Formand", "old@example.org", ended_on=date(2020, 1, 1))

    represented = staff.get(page_url("organisation_detail", pk=personas.organisation.pk)).content.decode()
    unrepresented = staff.get(page_url("organisation_detail", pk=personas.other_organisation.pk)).content.decode()

    assert "Alfa Association Rep" in represented and "rep@alfa.example.org" in represented
    assert "No representative." in unrepresented
    invite = page_url("organisation_invite_representative", pk=personas.other_organisation.pk, role_pk=lise.pk)
    assert unrepresented.count("Invite as association representative") == 1
    assert f'href="{invite}"' in unrepresented


def test_inviting_a_contact_asks_first_and_sends_the_invitation_only_on_post(
    staff, personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = personas.other_organisation
    role = contact(organisation, "Cecilie Borger", "citizen@example.org")
    url = page_url("organisation_invite_representative", pk=organisation.pk, role_pk=role.pk)

    confirm = staff.get(url)
    with scopes_disabled():
        assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url)

    assert all(
        text in confirm.content.decode() for text in ("Cecilie Borger", "citizen@example.org", "Alfa Lektiecafé")
    )
    assert response.status_code == 302
    assert response.url == page_url("organisation_detail", pk=organisation.pk)
    assert [message.to for message in mailoutbox] == [["citizen@example.org"]]
    assert "Alfa Lektiecafé" in mailoutbox[0].body
    # The contact accepts with their login and represents the organisation.
    citizen = client_for("citizen")
    assert citizen.post(link_path(mailoutbox[0].body)).status_code == 302
    assert citizen.get(page_url("selfservice_edit", pk=organisation.pk)).status_code == 200
    with scope(tenant=personas.tenant):
        assert names(organisations_without_representative(personas.tenant)) == []


def test_inviting_a_contact_already_invited_says_so_and_sends_nothing(
    staff, personas, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = personas.other_organisation
    role = contact(organisation, "Lise Lektie", "lise@example.org")
    url = page_url("organisation_invite_representative", pk=organisation.pk, role_pk=role.pk)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url)

    again = staff.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url)

    assert "An invitation to represent the organisation has already been sent to this address." in again
    assert "Send the invitation" not in again
    assert len(mailoutbox) == 1


def test_inviting_someone_not_a_contact_of_the_organisation_is_not_found(staff, personas):
    elsewhere = contact(personas.organisation, "Lise Lektie", "lise@example.org")
    url = page_url("organisation_invite_representative", pk=personas.other_organisation.pk, role_pk=elsewhere.pk)

    assert staff.get(url).status_code == 404


def test_unrepresented_list_shows_associations_and_requests_waiting(staff, personas):
    representative_request_create(
        organisation=personas.other_organisation,
        full_name="Bo Beder",
        email="bo@example.org",
        message="Jeg er kasserer.",
    )

    response = staff.get(page_url("unrepresented_list"))
    content = response.content.decode()

    assert [organisation.name for organisation in response.context["page"].object_list] == ["Alfa Lektiecafé"]
    assert "Alfa Besøgsvenner" not in content  # represented by the persona
    assert "Charlie Idrætsforening" not in content
    assert all(text in content for text in ("Bo Beder", "bo@example.org", "Jeg er kasserer.", "Approve and invite"))
    searched = staff.get(page_url("unrepresented_list"), {"soeg": "besøg"})
    assert list(searched.context["page"].object_list) == []


@pytest.mark.parametrize("size", [1, 3])
def test_unrepresented_list_query_count_is_constant(staff, personas, django_assert_num_queries, size):
    for number in range(size - 1):
        organisation = make_organisation(personas.tenant, name=f"Alfa Forening {number}")
        representative_request_create(organisation=organisation, full_name="Bo", email=f"bo{number}@example.org")
    staff.get(page_url("unrepresented_list"))  # the session and the caches are warm

    # session, user, memberships, tenant, the count, the page, the requests waiting
    with django_assert_num_queries(7):
        response = staff.get(page_url("unrepresented_list"))

    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [organisation.name for organisation in response.context["page"].object_list])


def test_approving_a_request_on_the_list_invites_the_person(
    staff, personas, mailoutbox, django_capture_on_commit_callbacks
):
    request = representative_request_create(
        organisation=personas.other_organisation, full_name="Bo Beder", email="bo@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(page_url("unrepresented_request_approve", pk=request.pk))

    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["bo@example.org"]]
    listed = staff.get(response.url).content.decode()
    assert "Bo Beder has been invited to represent Alfa Lektiecafé." in listed
    assert "No requests wait for an answer." in listed
    # Answered once: a second press finds nothing to answer.
    assert staff.post(page_url("unrepresented_request_approve", pk=request.pk)).status_code == 404


def test_declining_a_request_asks_for_a_reason_and_keeps_it(staff, personas):
    request = representative_request_create(
        organisation=personas.other_organisation, full_name="Bo Beder", email="bo@example.org"
    )
    url = page_url("unrepresented_request_decline", pk=request.pk)

    empty = staff.post(url, {"reason": ""})
    response = staff.post(url, {"reason": "Foreningen kender ikke Bo."})

    assert empty.status_code == 200
    assert list(empty.context["form"].errors) == ["reason"]
    assert response.status_code == 302
    with scopes_disabled():
        request.refresh_from_db()
    assert (request.status, request.decline_reason) == (
        RepresentativeRequestStatus.DECLINED,
        "Foreningen kender ikke Bo.",
    )
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_the_invited_contact_finds_their_name_already_in_the_sign_up_form(
    staff, personas, client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = personas.other_organisation
    role = contact(organisation, "Lise Lektie", "lise@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(page_url("organisation_invite_representative", pk=organisation.pk, role_pk=role.pk))

    response = client.get(link_path(mailoutbox[0].body))

    assert response.context["signup_form"]["full_name"].value() == "Lise Lektie"
    assert "Alfa Lektiecafé" in response.content.decode()


def test_a_new_request_is_mailed_to_the_centre_with_the_persons_details(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        representative_request_create(
            organisation=personas.other_organisation,
            full_name="Lise Lektie",
            email="lise@example.org",
            phone="12345678",
            message="Jeg er formand.",
        )

    (mail,) = mailoutbox
    assert mail.to == [personas.tenant.email]
    assert mail.subject == "Anmodning om at repræsentere Alfa Lektiecafé"
    for shown in ("Lise Lektie", "lise@example.org", "12345678", "Jeg er formand.", "/alfa/"):
        assert shown in mail.body


def test_a_new_request_sends_nothing_when_the_centre_has_no_address(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    personas.tenant.email = ""
    personas.tenant.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        representative_request_create(
            organisation=personas.other_organisation, full_name="Lise Lektie", email="lise@example.org"
        )
    assert mailoutbox == []


def test_the_person_whose_request_is_declined_is_told_with_the_reason(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    request = representative_request_create(
        organisation=personas.other_organisation, full_name="Lise Lektie", email="lise@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True), scope(tenant=personas.tenant):
        representative_request_decline(
            representative_request=request, actor=personas.user("centre_staff"), reason="Vi kender dig ikke endnu."
        )

    (mail,) = [message for message in mailoutbox if message.to == ["lise@example.org"]]
    assert mail.subject == "Din anmodning om at repræsentere Alfa Lektiecafé"
    assert "Kære Lise Lektie" in mail.body
    assert "har ikke godkendt den" in mail.body
    assert "Vi kender dig ikke endnu." in mail.body
