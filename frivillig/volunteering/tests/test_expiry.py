"""The periodic expiry (manage.py expire_opportunities), the warning a week before, and the one-click renewal."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import Clock, english, link_path
from frivillig.crm.enums import OrganisationRoleKind, Vocabulary
from frivillig.crm.models import OrganisationRole, Tag
from frivillig.testing import UserFactory, make_opportunity, make_person
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import refresh_search_fields
from frivillig.volunteering.services.opportunities import RENEWAL_SALT, renewal_token

BASE_URL = "http://testserver"


def run(**options) -> str:
    out = StringIO()
    call_command("expire_opportunities", base_url=BASE_URL, stdout=out, **options)
    return out.getvalue()


def fresh(opportunity) -> Opportunity:
    with scopes_disabled():
        return Opportunity.objects.get(pk=opportunity.pk)


def codes(code: str) -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).values_list("target_label", flat=True).order_by("pk"))


def published(organisation, title: str, days: int | None, **fields) -> Opportunity:
    """A complete published opportunity open until `days` from today (Copenhagen)."""
    default = None if days is None else timezone.localdate() + timedelta(days=days)
    expires_on = fields.pop("expires_on", default)
    opportunity = make_opportunity(
        organisation,
        title=title,
        description="Du besøger en ældre borger.",
        commitment="regular",
        postcode="4180",
        expires_on=expires_on,
        **fields,
    )
    with scopes_disabled():
        area = Tag.objects.get(tenant=organisation.tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="besoegsvenner")
        opportunity.activity_areas.add(area)
        refresh_search_fields(opportunity)  # what opportunity_save does after writing the words
    return opportunity


def renew_url(token: str, tenant_slug: str = "alfa") -> str:
    return reverse("volunteering:opportunity_renew_link", kwargs={"tenant_slug": tenant_slug, "token": token})


# --- expiring -------------------------------------------------------------------------------------------


def test_expire_turns_exactly_the_past_ones_expired(personas):
    yesterday = published(personas.organisation, "I går", -1)
    today = published(personas.organisation, "I dag", 0)
    later = published(personas.organisation, "Senere", 20)
    forever = published(personas.organisation, "Uden dato", None)
    draft = published(personas.organisation, "Kladde", -5, status=OpportunityStatus.DRAFT)
    closed = published(personas.organisation, "Lukket", -5, status=OpportunityStatus.CLOSED)
    foreign = published(personas.foreign_organisation, "Charlie", -2)
    out = run()
    assert fresh(yesterday).status == OpportunityStatus.EXPIRED
    assert fresh(yesterday).closed_at is not None
    assert fresh(foreign).status == OpportunityStatus.EXPIRED
    # "Open until" includes the day itself.
    assert fresh(today).status == OpportunityStatus.PUBLISHED
    assert fresh(later).status == OpportunityStatus.PUBLISHED
    assert fresh(forever).status == OpportunityStatus.PUBLISHED
    assert fresh(draft).status == OpportunityStatus.DRAFT
    assert fresh(closed).status == OpportunityStatus.CLOSED
    assert sorted(codes("volunteering.opportunity.expired")) == ["Charlie", "I går"]
    assert out.startswith("Volunteer opportunities: 2 expired, ")
    assert out.count("\n") == 1


def test_expire_uses_the_copenhagen_date(personas, monkeypatch):
    opportunity = published(personas.organisation, "Til og med 1. juni", None, expires_on=date(2030, 6, 1))
    # 23:30 UTC on 1 June is already 2 June in Copenhagen (summer time, UTC+2).
    late_utc = datetime(2030, 6, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr(timezone, "now", lambda: late_utc)
    run()
    assert fresh(opportunity).status == OpportunityStatus.EXPIRED


def test_expire_is_idempotent(personas):
    published(personas.organisation, "I går", -1)
    published(personas.organisation, "Om en uge", 7)
    first = run()
    assert first.startswith("Volunteer opportunities: 1 expired, 1 expiry warnings sent")
    sent = len(mail.outbox)
    second = run()
    assert second.startswith("Volunteer opportunities: 0 expired, 0 expiry warnings sent")
    assert len(mail.outbox) == sent
    assert len(codes("volunteering.opportunity.expired")) == 1


# --- the warning a week before -------------------------------------------------------------------------


def test_warning_goes_once_a_week_before_to_association_and_contact(personas):
    person = make_person(personas.tenant, full_name="Karen Kontakt", email="karen@example.org")
    with scopes_disabled():
        OrganisationRole.objects.create(
            tenant=personas.tenant,
            organisation=personas.organisation,
            person=person,
            role=OrganisationRoleKind.CONTACT_PERSON,
        )
    week = published(personas.organisation, "Om en uge", 7, contact_person=person)
    published(personas.organisation, "Om otte dage", 8)
    run()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["karen@example.org", personas.organisation.email]
    )
    assert all("Om en uge" in message.subject for message in mail.outbox)
    assert fresh(week).expiry_warning_sent_at is not None
    run()
    assert len(mail.outbox) == 2


def test_warning_speaks_the_contacts_language(personas):
    user = UserFactory(email="eng@example.org", preferred_language="en")
    person = make_person(personas.tenant, full_name="English Person", email="eng@example.org", user=user)
    with scopes_disabled():
        personas.organisation.email = ""
        personas.organisation.save()
    published(personas.organisation, "Engelsk", 3, contact_person=person)
    run()
    (message,) = mail.outbox
    assert "closes in a week" in message.subject
    assert "Do you still need volunteers?" in message.body


def test_warning_without_any_address_is_counted_and_not_repeated(personas):
    with scopes_disabled():
        personas.organisation.email = ""
        personas.organisation.save()
    published(personas.organisation, "Ingen adresse", 2)
    assert "1 with no e-mail address to warn" in run()
    assert "0 with no e-mail address to warn" in run()
    assert mail.outbox == []


def test_warning_is_sent_again_after_a_renewal(personas, client):
    opportunity = published(personas.organisation, "Fornyes", 6)
    run()
    assert len(mail.outbox) == 1
    response = client.post(link_path(mail.outbox[0].body))
    assert response.status_code == 200
    assert fresh(opportunity).expiry_warning_sent_at is None
    # 36 days ahead now: no new warning until a week before the new date.
    run()
    assert len(mail.outbox) == 1


def test_command_needs_a_base_url(personas):
    with pytest.raises(CommandError):
        call_command("expire_opportunities", base_url="", stdout=StringIO())


# --- the one-click renewal link --------------------------------------------------------------------------


def test_renewal_link_from_the_email_renews_once(personas, client):
    opportunity = published(personas.organisation, "Besøgsven", 5)
    run()
    path = link_path(mail.outbox[0].body)
    english(client)
    page = client.get(path)
    assert page.status_code == 200
    assert "Besøgsven" in page.content.decode()
    assert fresh(opportunity).expires_on == timezone.localdate() + timedelta(days=5)
    response = client.post(path)
    assert response.status_code == 200
    assert "has been renewed" in response.content.decode()
    saved = fresh(opportunity)
    assert saved.expires_on == timezone.localdate() + timedelta(days=35)
    assert saved.status == OpportunityStatus.PUBLISHED
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="volunteering.opportunity.renewed")
    assert entry.data["via"] == "link"
    assert entry.actor is None
    # Used: the date it was signed with has moved on.
    again = client.post(path)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert client.get(path).status_code == 400
    assert fresh(opportunity).expires_on == timezone.localdate() + timedelta(days=35)


def test_renewal_link_reopens_an_expired_opportunity(personas, client):
    opportunity = published(personas.organisation, "Udløbet", -1)
    token = renewal_token(fresh(opportunity))
    run()
    assert fresh(opportunity).status == OpportunityStatus.EXPIRED
    assert client.post(renew_url(token)).status_code == 200
    saved = fresh(opportunity)
    assert saved.status == OpportunityStatus.PUBLISHED
    assert saved.expires_on == timezone.localdate() + timedelta(days=30)


@pytest.mark.parametrize("method", ["get", "post"])
def test_renewal_link_tampered_is_400(personas, client, method):
    opportunity = published(personas.organisation, "Besøgsven", 5)
    token = renewal_token(fresh(opportunity))
    forged = signing.dumps({"o": opportunity.pk, "d": "2099-01-01"}, salt="another salt")
    for bad in [token[:-2] + ("aa" if not token.endswith("aa") else "bb"), forged, "not-a-token"]:
        response = getattr(english(client), method)(renew_url(bad))
        assert response.status_code == 400
        assert "This renewal link is not valid." in response.content.decode()
    assert fresh(opportunity).expires_on == timezone.localdate() + timedelta(days=5)


def test_renewal_link_expires_after_30_days(personas, client, monkeypatch):
    clock = Clock(monkeypatch)
    opportunity = published(personas.organisation, "Besøgsven", 5)
    token = renewal_token(fresh(opportunity))
    clock.advance(31 * 24 * 3600)
    response = english(client).post(renew_url(token))
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    assert fresh(opportunity).expires_on == timezone.localdate() + timedelta(days=5)


def test_renewal_link_of_another_tenant_is_400_here(personas, client):
    foreign = published(personas.foreign_organisation, "Charlie", 5)
    token = renewal_token(fresh(foreign))
    assert client.post(renew_url(token, "alfa")).status_code == 400
    assert client.get(renew_url(token, "charlie")).status_code == 200


def test_renewal_link_refuses_a_draft(personas, client):
    draft = published(personas.organisation, "Kladde", 5, status=OpportunityStatus.DRAFT)
    token = signing.dumps({"o": draft.pk, "d": fresh(draft).expires_on.isoformat()}, salt=RENEWAL_SALT)
    assert english(client).post(renew_url(token)).status_code == 400
    assert fresh(draft).status == OpportunityStatus.DRAFT


def test_renewal_link_is_spent_when_the_date_was_changed_by_hand(personas, client):
    opportunity = published(personas.organisation, "Besøgsven", 5)
    token = renewal_token(fresh(opportunity))
    with scopes_disabled():
        Opportunity.objects.filter(pk=opportunity.pk).update(expires_on=timezone.localdate() + timedelta(days=50))
    assert client.post(renew_url(token)).status_code == 400
    assert fresh(opportunity).expires_on == timezone.localdate() + timedelta(days=50)
