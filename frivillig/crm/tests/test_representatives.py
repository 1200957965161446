"""Who represents the associations: the ones without a representative, requests to become one and the centre's
answer, and the centre inviting a contact person."""

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.crm.enums import OrganisationKind, RepresentativeRequestStatus
from frivillig.crm.selectors import organisations_without_representative
from frivillig.crm.services.representatives import (
    RepresentativeRequestError,
    representative_request_approve,
    representative_request_create,
    representative_request_decline,
)
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation
from frivillig.testing import UserFactory, grant, make_organisation

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
