"""Staff's event list: filters, search, count, Danish time, places held; the menu; query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.enums import EventKind, EventStatus, RegistrationStatus
from frivillig.events.tests.helpers import danish_time, make_event, make_registration, url
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, rendered_text


def titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_list_shows_kind_danish_time_places_held_and_status(personas, client_for):
    event = make_event(
        personas.tenant,
        title="Kursus i effektiv rekruttering",
        starts_at=danish_time(2030, 3, 5, 19, 0),
        capacity=20,
    )
    make_registration(event, email="a@example.org", group_size=3)
    make_registration(event, email="b@example.org", status=RegistrationStatus.WAITLISTED)
    make_registration(event, email="c@example.org", status=RegistrationStatus.CANCELLED)
    response = client_for("centre_staff").get(url("event_admin_list"))
    text = rendered_text(response)
    assert "Kursus i effektiv rekruttering" in text
    assert "Kursus" in text and "Offentliggjort" in text
    # 19:00 Danish time (18:00 UTC in winter) is shown as 19:00.
    assert "5. marts 2030 kl. 19.00" in text
    assert "3 af 20" in text
    assert "1 arrangement" in text


def test_list_filters_by_status_kind_theme_when_and_title(personas, client_for):
    with scopes_disabled():
        theme = Tag.objects.create(
            tenant=personas.tenant, vocabulary=Vocabulary.THEME, slug="fundraising-test", label_da="Fundraising i test"
        )
    now = timezone.now()
    past = make_event(personas.tenant, title="Fundraisingkursus", starts_at=now - timedelta(days=30))
    past.themes.add(theme)
    make_event(
        personas.tenant,
        title="Dialogmøde med kommunen",
        kind=EventKind.DIALOGUE_MEETING,
        status=EventStatus.DRAFT,
        starts_at=now + timedelta(days=10),
    )
    client = client_for("municipal_staff")

    assert titles(client.get(url("event_admin_list"), {"status": "draft"})) == ["Dialogmøde med kommunen"]
    assert titles(client.get(url("event_admin_list"), {"type": "dialogue_meeting"})) == ["Dialogmøde med kommunen"]
    assert titles(client.get(url("event_admin_list"), {"tema": theme.pk})) == ["Fundraisingkursus"]
    assert titles(client.get(url("event_admin_list"), {"naar": "tidligere"})) == ["Fundraisingkursus"]
    assert titles(client.get(url("event_admin_list"), {"naar": "kommende"})) == ["Dialogmøde med kommunen"]
    assert titles(client.get(url("event_admin_list"), {"soeg": "fundrais"})) == ["Fundraisingkursus"]
    response = client.get(url("event_admin_list"), {"soeg": "konference"})
    assert "Ingen arrangementer passer til filteret." in rendered_text(response)


def test_list_ignores_a_bad_filter_value_and_another_tenants_theme(personas, client_for):
    with scopes_disabled():
        foreign = Tag.objects.create(
            tenant=personas.other_tenant, vocabulary=Vocabulary.THEME, slug="fremmed", label_da="Fremmed"
        )
    make_event(personas.tenant, title="Netværksaften")
    response = client_for("centre_staff").get(url("event_admin_list"), {"tema": foreign.pk, "naar": "x"})
    assert response.status_code == 200
    assert titles(response) == ["Netværksaften"]


def test_empty_list_invites_to_create_the_first_event(personas, client_for):
    text = rendered_text(client_for("tenant_admin").get(url("event_admin_list")))
    assert "Der er ikke oprettet nogen arrangementer endnu." in text
    assert "Opret arrangement" in text


def test_list_shows_only_the_tenants_own_events(personas, client_for):
    make_event(personas.other_tenant, title="Charlies konference")
    make_event(personas.tenant, title="Alfas konference")
    assert titles(client_for("centre_staff").get(url("event_admin_list"))) == ["Alfas konference"]


@pytest.mark.parametrize("size", [1, 3])
def test_event_admin_list_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling")
    staff = UserFactory()
    grant(staff, tenant, Role.CENTRE_STAFF)
    for index in range(size):
        event = make_event(tenant, title=f"Arrangement nummer {index}", capacity=10)
        make_registration(event, email=f"deltager{index}@example.org")
    client.force_login(staff)
    with django_assert_num_queries(7):
        response = client.get(reverse("events:event_admin_list", kwargs={"tenant_slug": tenant.slug}))
    assert len(response.context["page"].object_list) == size
    assert_rows_rendered(response, [f"Arrangement nummer {index}" for index in range(size)])


@pytest.mark.parametrize("persona", ["centre_staff", "municipal_staff", "tenant_admin"])
def test_staff_find_events_in_the_menu(persona, personas, client_for):
    text = client_for(persona).get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"})).content.decode()
    assert url("event_admin_list") in text
    assert "Arrangementer" in text


@pytest.mark.parametrize("persona", ["citizen", "association_rep"])
def test_others_are_not_offered_the_staff_list(persona, personas, client_for):
    text = client_for(persona).get(reverse("tenants:home", kwargs={"tenant_slug": "alfa"})).content.decode()
    assert url("event_admin_list") not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_gives_the_filtered_list_in_danish_time(fmt, personas, client_for):
    make_event(personas.tenant, title="Forårskonference", starts_at=danish_time(2030, 4, 2, 10), capacity=80)
    make_event(personas.tenant, title="Netværksaften", status=EventStatus.DRAFT)
    response = client_for("municipal_staff").get(
        reverse("events:event_admin_export", kwargs={"tenant_slug": "alfa", "fmt": fmt}), {"status": "published"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = rendered_text(response)
    assert "Forårskonference" in text and "Netværksaften" not in text
    if fmt == "csv":
        assert "02-04-2030 10:00" in text


def test_export_of_an_unknown_format_is_404(personas, client_for):
    url_ = reverse("events:event_admin_export", kwargs={"tenant_slug": "alfa", "fmt": "pdf"})
    assert client_for("centre_staff").get(url_).status_code == 404
