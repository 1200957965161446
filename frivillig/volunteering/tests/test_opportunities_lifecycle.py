"""The life cycle of an opportunity: draft → published → filled / closed / expired, and renewal."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.testing import make_opportunity, make_organisation
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.search import refresh_search_fields


def url(name: str, opportunity) -> str:
    return reverse(f"volunteering:{name}", kwargs={"tenant_slug": "alfa", "pk": opportunity.pk})


def fresh(opportunity) -> Opportunity:
    with scopes_disabled():
        return Opportunity.objects.get(pk=opportunity.pk)


def audit_codes(opportunity) -> list[str]:
    with scopes_disabled():
        return list(
            AuditEntry.objects.filter(target_type="volunteering.opportunity", target_id=str(opportunity.pk))
            .order_by("pk")
            .values_list("code", flat=True)
        )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def complete_draft(organisation, **fields) -> Opportunity:
    fields = {
        "status": OpportunityStatus.DRAFT,
        "description": "Du besøger en ældre borger.",
        "commitment": "regular",
        "postcode": "4180",
        "expires_on": timezone.localdate() + timedelta(days=30),
        **fields,
    }
    opportunity = make_opportunity(organisation, **fields)
    with scopes_disabled():
        area = Tag.objects.get(tenant=organisation.tenant, vocabulary=Vocabulary.ACTIVITY_AREA, slug="besoegsvenner")
        opportunity.activity_areas.add(area)
        refresh_search_fields(opportunity)  # what opportunity_save does after writing the words
    return opportunity


@pytest.fixture
def rep(client_for):
    return english(client_for("association_rep"))


# --- publishing ------------------------------------------------------------------------------------------


def test_publish_complete_draft_publishes_it(rep, personas):
    opportunity = complete_draft(personas.organisation)
    response = rep.post(url("opportunity_publish", opportunity))
    assert response.status_code == 302
    assert response.headers["Location"] == url("opportunity_edit", opportunity)
    saved = fresh(opportunity)
    assert saved.status == OpportunityStatus.PUBLISHED
    assert saved.published_at is not None
    assert audit_codes(opportunity) == ["volunteering.opportunity.published"]
    assert any("has been published" in text for text in messages_of(response))


def test_publish_names_every_missing_piece(rep, personas):
    bare = make_organisation(personas.tenant, name="Tom Forening", email="")
    with scopes_disabled():
        from frivillig.crm.models import Representative

        Representative.objects.filter(user=personas.user("association_rep")).update(organisation=bare)
    opportunity = make_opportunity(bare, status=OpportunityStatus.DRAFT, title="Kladde", summary="")
    response = rep.post(url("opportunity_publish", opportunity))
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert message.startswith("The opportunity has not been published.")
    for piece in [
        "a short summary",
        "a description or the tasks",
        "at least one activity area",
        "the commitment (one-off, for a short period or regularly)",
        "a place (at least a postcode) or “can be done from home”",
        "an “open until” date after today",
        "a contact person, or an e-mail address on the association",
    ]:
        assert piece in message
    assert "a title" not in message
    assert fresh(opportunity).status == OpportunityStatus.DRAFT
    assert audit_codes(opportunity) == []
    # The edit page lists the same pieces.
    page = rep.get(url("opportunity_edit", opportunity)).content.decode()
    assert "Before it can be published, the opportunity needs:" in page
    assert ">at least one activity area</a></li>" in page


@pytest.mark.parametrize(
    ("fields", "piece"),
    [
        ({"title": " "}, "a title"),
        ({"summary": ""}, "a short summary"),
        ({"description": ""}, "a description or the tasks"),
        ({"commitment": ""}, "the commitment"),
        ({"postcode": ""}, "a place"),
        ({"expires_on": None}, "an “open until” date after today"),
        ({"expires_on": "today"}, "an “open until” date after today"),
    ],
)
def test_publish_refuses_each_missing_piece_alone(rep, personas, fields, piece):
    if fields.get("expires_on") == "today":
        fields["expires_on"] = timezone.localdate()
    opportunity = complete_draft(personas.organisation, **fields)
    (message,) = messages_of(rep.post(url("opportunity_publish", opportunity)))
    assert piece in message
    assert message.count(";") == 0
    assert fresh(opportunity).status == OpportunityStatus.DRAFT


def test_publish_accepts_tasks_instead_of_description_and_remote_instead_of_place(rep, personas):
    opportunity = complete_draft(personas.organisation, description="", tasks="Kaffe", postcode="", is_remote=True)
    rep.post(url("opportunity_publish", opportunity))
    assert fresh(opportunity).status == OpportunityStatus.PUBLISHED


def test_publish_without_organisation_email_needs_a_contact_person(rep, personas):
    with scopes_disabled():
        personas.organisation.email = ""
        personas.organisation.save()
    opportunity = complete_draft(personas.organisation)
    (message,) = messages_of(rep.post(url("opportunity_publish", opportunity)))
    assert "a contact person, or an e-mail address on the association" in message
    assert fresh(opportunity).status == OpportunityStatus.DRAFT


@pytest.mark.parametrize("status", [OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED, OpportunityStatus.EXPIRED])
def test_publish_is_refused_unless_draft(rep, personas, status):
    opportunity = complete_draft(personas.organisation, status=status)
    before = fresh(opportunity).published_at
    (message,) = messages_of(rep.post(url("opportunity_publish", opportunity)))
    assert "Only a draft can be published." in message
    saved = fresh(opportunity)
    assert saved.status == status
    assert saved.published_at == before
    assert audit_codes(opportunity) == []


def test_publish_get_is_not_allowed(rep, personas):
    opportunity = complete_draft(personas.organisation)
    assert rep.get(url("opportunity_publish", opportunity)).status_code == 405
    assert fresh(opportunity).status == OpportunityStatus.DRAFT


# --- closing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [OpportunityStatus.CLOSED, OpportunityStatus.FILLED])
def test_close_published_sets_the_chosen_status(rep, personas, status):
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.PUBLISHED)
    response = rep.post(url("opportunity_close", opportunity), {"close-status": status})
    assert response.status_code == 302
    saved = fresh(opportunity)
    assert saved.status == status
    assert saved.closed_at is not None
    assert audit_codes(opportunity) == ["volunteering.opportunity.closed"]
    with scopes_disabled():
        assert AuditEntry.objects.get(code="volunteering.opportunity.closed").data == {"status": status}


@pytest.mark.parametrize("status", [OpportunityStatus.DRAFT, OpportunityStatus.CLOSED, OpportunityStatus.EXPIRED])
def test_close_is_refused_unless_published(rep, personas, status):
    opportunity = complete_draft(personas.organisation, status=status)
    (message,) = messages_of(rep.post(url("opportunity_close", opportunity), {"close-status": "closed"}))
    assert "Only a published opportunity can be closed." in message
    assert fresh(opportunity).status == status
    assert audit_codes(opportunity) == []


@pytest.mark.parametrize("choice", ["", "expired", "draft", "published"])
def test_close_refuses_other_choices(rep, personas, choice):
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.PUBLISHED)
    (message,) = messages_of(rep.post(url("opportunity_close", opportunity), {"close-status": choice}))
    assert message == "Choose whether the opportunity is filled or closed."
    assert fresh(opportunity).status == OpportunityStatus.PUBLISHED


# --- renewing --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [OpportunityStatus.CLOSED, OpportunityStatus.EXPIRED, OpportunityStatus.FILLED])
def test_renew_reopens_for_30_days_from_today(rep, personas, status):
    today = timezone.localdate()
    opportunity = complete_draft(
        personas.organisation,
        status=status,
        expires_on=today - timedelta(days=3),
        closed_at=timezone.now(),
        expiry_warning_sent_at=timezone.now(),
    )
    response = rep.post(url("opportunity_renew", opportunity))
    assert response.status_code == 302
    saved = fresh(opportunity)
    assert saved.status == OpportunityStatus.PUBLISHED
    assert saved.expires_on == today + timedelta(days=30)
    assert saved.closed_at is None
    assert saved.expiry_warning_sent_at is None
    assert audit_codes(opportunity) == ["volunteering.opportunity.renewed"]


def test_renew_published_adds_30_days_to_its_date(rep, personas):
    today = timezone.localdate()
    opportunity = complete_draft(
        personas.organisation, status=OpportunityStatus.PUBLISHED, expires_on=today + timedelta(days=5)
    )
    rep.post(url("opportunity_renew", opportunity))
    assert fresh(opportunity).expires_on == today + timedelta(days=35)


def test_renew_with_a_chosen_date(rep, personas):
    chosen = timezone.localdate() + timedelta(days=90)
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.CLOSED)
    rep.post(url("opportunity_renew", opportunity), {"renew-expires_on": chosen.isoformat()})
    saved = fresh(opportunity)
    assert saved.expires_on == chosen
    assert saved.status == OpportunityStatus.PUBLISHED


@pytest.mark.parametrize("value", ["2001-01-01", "today", "not a date"])
def test_renew_refuses_a_bad_date(rep, personas, value):
    if value == "today":
        value = timezone.localdate().isoformat()
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.CLOSED)
    messages = messages_of(rep.post(url("opportunity_renew", opportunity), {"renew-expires_on": value}))
    assert messages and ("after today" in messages[0] or "valid date" in messages[0])
    assert fresh(opportunity).status == OpportunityStatus.CLOSED
    assert audit_codes(opportunity) == []


def test_renew_is_refused_for_a_draft(rep, personas):
    opportunity = complete_draft(personas.organisation)
    (message,) = messages_of(rep.post(url("opportunity_renew", opportunity)))
    assert "A draft cannot be renewed." in message
    assert fresh(opportunity).status == OpportunityStatus.DRAFT


def test_renew_is_refused_when_something_is_missing(rep, personas):
    opportunity = complete_draft(personas.organisation, status=OpportunityStatus.CLOSED, summary="")
    (message,) = messages_of(rep.post(url("opportunity_renew", opportunity)))
    assert "a short summary" in message
    assert fresh(opportunity).status == OpportunityStatus.CLOSED


def test_status_actions_shown_fit_the_status(rep, personas):
    draft = complete_draft(personas.organisation)
    page = rep.get(url("opportunity_edit", draft)).content.decode()
    assert url("opportunity_publish", draft) in page
    assert url("opportunity_close", draft) not in page
    published = complete_draft(personas.organisation, status=OpportunityStatus.PUBLISHED)
    page = rep.get(url("opportunity_edit", published)).content.decode()
    assert url("opportunity_publish", published) not in page
    assert url("opportunity_close", published) in page
    assert url("opportunity_renew", published) in page


def test_edit_page_of_a_closed_opportunity_lists_what_renewal_needs(rep, personas):
    opportunity = complete_draft(
        personas.organisation, status=OpportunityStatus.CLOSED, summary="", expires_on=timezone.localdate()
    )
    page = rep.get(url("opportunity_edit", opportunity)).content.decode()
    assert "Before it can be renewed, the opportunity needs:" in page
    assert '<li><a href="#id_summary">a short summary</a></li>' in page
    # Renewing sets the date, so the passed one is not listed.
    assert "“open until” date after today</li>" not in page
