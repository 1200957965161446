from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import InteractionKind
from frivillig.crm.models import Interaction
from frivillig.tenants.enums import Role
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant, make_organisation, make_person

DASHBOARD = reverse("crm:dashboard", kwargs={"tenant_slug": "alfa"})


def make_interaction(tenant, *, organisations=(), **fields) -> Interaction:
    fields.setdefault("kind", InteractionKind.ADVICE_SESSION)
    fields.setdefault("happened_on", date(2018, 5, 1))
    fields.setdefault("summary", "Rådgivning")
    with scopes_disabled():
        interaction = Interaction.objects.create(tenant=tenant, **fields)
        interaction.organisations.set(organisations)
    return interaction


def english(client):
    client.cookies["frivillig_language"] = "en"
    return client


def summaries(interactions) -> list[str]:
    return [interaction.summary for interaction in interactions]


@pytest.fixture
def follow_ups(personas):
    """Follow-ups of the centre staff persona and of a colleague, around today."""
    today = timezone.localdate()
    me = personas.user("centre_staff")
    colleague = UserFactory(full_name="Kollega Karlsen")
    grant(colleague, personas.tenant, Role.CENTRE_STAFF)

    def mine(summary: str, days: int, **fields) -> Interaction:
        return make_interaction(
            personas.tenant,
            staff=me,
            happened_on=today - timedelta(days=30),
            follow_up_on=today + timedelta(days=days),
            summary=summary,
            organisations=[personas.organisation],
            **fields,
        )

    return {
        "long_overdue": mine("Længe overskredet", -10),
        "overdue": mine("Overskredet i går", -1),
        "today": mine("Forfalder i dag", 0),
        "soon": mine("Om to uger", 14),
        "later": mine("Om en måned", 15),
        "done": mine("Allerede fulgt op", -3, follow_up_done_at=timezone.now()),
        "colleagues": make_interaction(
            personas.tenant, staff=colleague, follow_up_on=today - timedelta(days=2), summary="Kollegaens opfølgning"
        ),
        "foreign": make_interaction(
            personas.other_tenant, follow_up_on=today - timedelta(days=2), summary="Charlies opfølgning"
        ),
        "colleague": colleague,
    }


def test_dashboard_shows_my_overdue_follow_ups_first_then_those_due_in_14_days(personas, client_for, follow_ups):
    response = client_for("centre_staff").get(DASHBOARD)

    assert response.status_code == 200
    mine = response.context["follow_ups"]
    assert summaries(mine.overdue) == ["Længe overskredet", "Overskredet i går"]
    assert summaries(mine.upcoming) == ["Forfalder i dag", "Om to uger"]
    assert mine.later_count == 1
    content = response.content.decode()
    assert content.index("Længe overskredet") < content.index("Overskredet i går") < content.index("Forfalder i dag")


def test_dashboard_marks_overdue_follow_ups_in_words(personas, client_for, follow_ups):
    content = english(client_for("centre_staff")).get(DASHBOARD).content.decode()

    mine = content[content.index("My follow-ups") : content.index("The centre</h2>")]
    assert "You have 2 overdue follow-ups." in mine
    assert mine.count('<span class="badge badge-error">Overdue</span>') == 2
    # The badges belong to the overdue rows only: from the first upcoming follow-up on, nothing is marked.
    assert "Overdue</span>" not in mine[mine.index("Forfalder i dag") :]


def test_dashboard_shows_only_the_current_staff_members_follow_ups(personas, client_for, follow_ups):
    mine = client_for("centre_staff").get(DASHBOARD).context["follow_ups"]
    assert "Kollegaens opfølgning" not in summaries(mine.overdue + mine.upcoming)
    assert "Allerede fulgt op" not in summaries(mine.overdue + mine.upcoming)

    from django.test import Client

    colleague_client = Client()
    colleague_client.force_login(follow_ups["colleague"])
    theirs = colleague_client.get(DASHBOARD).context["follow_ups"]
    assert summaries(theirs.overdue) == ["Kollegaens opfølgning"]
    assert theirs.upcoming == []


def test_dashboard_counts_every_open_follow_up_of_the_tenant(personas, client_for, follow_ups):
    response = english(client_for("centre_staff")).get(DASHBOARD)

    # Five of mine that are open, and the colleague's; not the done one, not Charlie's.
    assert response.context["open_count"] == 6
    assert "6 open follow-ups in the centre in all" in response.content.decode()


def test_marking_a_follow_up_done_removes_it_from_the_dashboard(personas, client_for, follow_ups):
    client = client_for("centre_staff")
    overdue = follow_ups["overdue"]

    response = client.post(
        reverse("crm:interaction_follow_up", kwargs={"tenant_slug": "alfa", "pk": overdue.pk}), {"next": "dashboard"}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == DASHBOARD
    mine = client.get(DASHBOARD).context["follow_ups"]
    assert summaries(mine.overdue) == ["Længe overskredet"]
    with scopes_disabled():
        overdue.refresh_from_db()
    assert overdue.follow_up_done_at is not None


def test_dashboard_overdue_is_counted_in_copenhagen_time(personas, client_for, monkeypatch):
    # 23:30 UTC on 10 March is 00:30 on 11 March in Copenhagen: a follow-up due on 10 March is overdue there.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2024, 3, 10, 23, 30, tzinfo=UTC))
    make_interaction(
        personas.tenant, staff=personas.user("centre_staff"), follow_up_on=date(2024, 3, 10), summary="Sen aften"
    )

    mine = client_for("centre_staff").get(DASHBOARD).context["follow_ups"]

    assert summaries(mine.overdue) == ["Sen aften"]


def test_dashboard_lists_the_tenants_latest_ten_interactions(personas, client_for):
    for day in range(1, 13):
        make_interaction(personas.tenant, happened_on=date(2018, 1, day), summary=f"Dag {day}")
    make_interaction(personas.other_tenant, happened_on=date(2018, 2, 1), summary="Charlies nyeste")

    latest = client_for("centre_staff").get(DASHBOARD).context["latest"]

    assert summaries(latest) == [f"Dag {day}" for day in range(12, 2, -1)]


def test_dashboard_empty_states_read_naturally(personas, client_for):
    content = english(client_for("centre_staff")).get(DASHBOARD).content.decode()

    assert "You have no open follow-ups." in content
    assert "No one in the centre has an open follow-up." in content
    assert "No interactions have been logged yet." in content
    assert "Overdue" not in content


def test_dashboard_offers_every_quick_link(personas, client_for):
    response = english(client_for("centre_staff")).get(DASHBOARD)

    content = response.content.decode()
    # Every link is shown: a renamed page fails this test instead of silently losing its button.
    for name in (
        "interaction_create",
        "organisation_create",
        "person_create",
        "interaction_list",
        "organisation_list",
        "person_list",
        "relation_list",
    ):
        assert f'href="{reverse(f"crm:{name}", kwargs={"tenant_slug": "alfa"})}"' in content, name
    assert "Log an interaction" in content


@pytest.mark.parametrize("persona", ["association_rep", "municipal_staff", "tenant_admin", "citizen"])
def test_dashboard_is_for_centre_staff_only(persona, client_for):
    assert client_for(persona).get(DASHBOARD).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_query_count_is_constant(db, client, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    staff = UserFactory(email="staff@maaling.example.org")
    grant(staff, tenant, Role.CENTRE_STAFF)
    today = timezone.localdate()
    for index in range(size):
        for days in (-2, 3, 30):  # overdue, upcoming and later
            interaction = make_interaction(
                tenant,
                staff=staff,
                follow_up_on=today + timedelta(days=days),
                organisations=[make_organisation(tenant, name=f"Forening {index} {days}")],
                summary=f"Opfølgning {index} {days}",
            )
            with scopes_disabled():
                interaction.people.add(make_person(tenant))
    client.force_login(staff)

    with django_assert_num_queries(14):
        response = client.get(reverse("crm:dashboard", kwargs={"tenant_slug": "maaling"}))

    assert len(response.context["follow_ups"].overdue) == size
    assert len(response.context["follow_ups"].upcoming) == size
    assert len(response.context["latest"]) == 3 * size
    # The follow-ups show their summaries; the latest interactions show whom they were with.
    assert_rows_rendered(response, [f"Opfølgning {index} {days}" for index in range(size) for days in (-2, 3)])
    assert_rows_rendered(response, [f"Forening {index} {days}" for index in range(size) for days in (-2, 3, 30)])
