import re

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from frivillig.core.models import AuditEntry
from frivillig.core.tests.helpers import english
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import TenantFactory, UserFactory, assert_rows_rendered, grant

MEMBERS_URL = reverse("tenants:members", kwargs={"tenant_slug": "alfa"})


def membership(user, tenant, role) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(user=user, tenant=tenant, role=role)


def roles_of(user, tenant) -> list[str]:
    with scopes_disabled():
        return sorted(Membership.objects.filter(user=user, tenant=tenant).values_list("role", flat=True))


def change_role_url(pk: int, slug: str = "alfa") -> str:
    return reverse("tenants:member_change_role", kwargs={"tenant_slug": slug, "pk": pk})


def revoke_url(pk: int, slug: str = "alfa") -> str:
    return reverse("tenants:member_revoke", kwargs={"tenant_slug": slug, "pk": pk})


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_admin(personas):
    user = UserFactory(email="admin2@alfa.example.org", full_name="Anden Admin")
    grant(user, personas.tenant, Role.TENANT_ADMIN)
    return user


def test_member_list_groups_roles_per_person(client_for, personas):
    grant(personas.user("centre_staff"), personas.tenant, Role.MUNICIPAL_STAFF)

    response = client_for("tenant_admin").get(MEMBERS_URL)

    assert response.status_code == 200
    people = {row["user"].email: [m.role for m in row["memberships"]] for row in response.context["page"].object_list}
    assert people == {
        "centre_staff@alfa.example.org": [Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF],
        "municipal_staff@alfa.example.org": [Role.MUNICIPAL_STAFF],
        "tenant_admin@alfa.example.org": [Role.TENANT_ADMIN],
        "rep@alfa.example.org": [Role.ASSOCIATION_REP],
    }
    assert "staff@charlie.example.org" not in response.content.decode()


def test_member_change_role_saves_and_logs(client_for, personas):
    staff = personas.user("centre_staff")
    target = membership(staff, personas.tenant, Role.CENTRE_STAFF)

    response = client_for("tenant_admin").post(change_role_url(target.pk), {"roles": [Role.MUNICIPAL_STAFF]})

    assert response.status_code == 302
    assert response.url == MEMBERS_URL
    assert roles_of(staff, personas.tenant) == [Role.MUNICIPAL_STAFF]
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.membership.role_changed")
    assert entry.tenant == personas.tenant
    assert entry.actor == personas.user("tenant_admin")
    assert entry.data == {"from": [Role.CENTRE_STAFF], "to": [Role.MUNICIPAL_STAFF], "user": staff.email}


def test_member_gets_several_roles_at_once_and_keeps_what_is_still_chosen(client_for, personas):
    """A centre leader is both staff and administrator: one save gives both, and the row already held stays."""
    staff = personas.user("centre_staff")
    target = membership(staff, personas.tenant, Role.CENTRE_STAFF)

    client_for("tenant_admin").post(change_role_url(target.pk), {"roles": [Role.CENTRE_STAFF, Role.TENANT_ADMIN]})

    assert roles_of(staff, personas.tenant) == [Role.CENTRE_STAFF, Role.TENANT_ADMIN]
    with scopes_disabled():
        assert Membership.objects.filter(pk=target.pk).exists()
    page = logged_in(staff).get(MEMBERS_URL)
    assert page.status_code == 200  # the new admin role works on the very next request


def test_member_list_shows_each_persons_roles_as_checked_boxes(client_for, personas):
    grant(personas.user("centre_staff"), personas.tenant, Role.TENANT_ADMIN)
    content = client_for("tenant_admin").get(MEMBERS_URL).content.decode()
    staff_pk = personas.user("centre_staff").pk
    checked = re.findall(rf'value="(\w+)" id="roles-{staff_pk}-\w+" checked', content)
    assert sorted(checked) == [Role.CENTRE_STAFF, Role.TENANT_ADMIN]
    assert "Gem roller" in content


def test_member_representative_role_is_kept_when_staff_roles_are_set(client_for, personas):
    rep = personas.user("association_rep")
    target = membership(rep, personas.tenant, Role.ASSOCIATION_REP)

    client_for("tenant_admin").post(change_role_url(target.pk), {"roles": [Role.CENTRE_STAFF]})

    assert roles_of(rep, personas.tenant) == [Role.ASSOCIATION_REP, Role.CENTRE_STAFF]


def test_member_change_role_to_a_role_already_held_merges(client_for, personas):
    staff = personas.user("centre_staff")
    grant(staff, personas.tenant, Role.MUNICIPAL_STAFF)
    target = membership(staff, personas.tenant, Role.CENTRE_STAFF)

    client_for("tenant_admin").post(change_role_url(target.pk), {"roles": [Role.MUNICIPAL_STAFF]})

    assert roles_of(staff, personas.tenant) == [Role.MUNICIPAL_STAFF]


@pytest.mark.parametrize("data", [{"roles": ["king"]}, {"roles": [Role.ASSOCIATION_REP]}, {}])
def test_member_change_role_bad_choice_changes_nothing_and_says_why(client_for, personas, data):
    staff = personas.user("centre_staff")
    target = membership(staff, personas.tenant, Role.CENTRE_STAFF)

    response = client_for("tenant_admin").post(change_role_url(target.pk), data, follow=True)

    assert roles_of(staff, personas.tenant) == [Role.CENTRE_STAFF]
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.membership.role_changed").exists()
    shown = [str(message) for message in response.context["messages"]]
    assert shown in (
        ["Vælg blandt rollerne på listen."],
        ["Vælg mindst én rolle. Brug “Fjern rollen”, hvis personen skal miste sin sidste rolle."],
    )


def test_member_change_role_get_is_not_allowed(client_for, personas):
    target = membership(personas.user("centre_staff"), personas.tenant, Role.CENTRE_STAFF)
    assert client_for("tenant_admin").get(change_role_url(target.pk)).status_code == 405


def test_member_revoke_asks_first(client_for, personas):
    target = membership(personas.user("centre_staff"), personas.tenant, Role.CENTRE_STAFF)
    response = client_for("tenant_admin").get(revoke_url(target.pk))
    assert response.status_code == 200
    assert response.context["membership"] == target
    assert roles_of(personas.user("centre_staff"), personas.tenant) == [Role.CENTRE_STAFF]


def test_member_revoke_deletes_and_logs(client_for, personas):
    staff = personas.user("centre_staff")
    target = membership(staff, personas.tenant, Role.CENTRE_STAFF)

    response = client_for("tenant_admin").post(revoke_url(target.pk))

    assert response.status_code == 302
    assert roles_of(staff, personas.tenant) == []
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="tenants.membership.revoked")
    assert (entry.tenant, entry.actor) == (personas.tenant, personas.user("tenant_admin"))
    assert entry.data == {"role": Role.CENTRE_STAFF, "user": staff.email}


def test_member_revoked_admin_gets_403_on_the_very_next_request(client_for, personas, second_admin):
    revoked = logged_in(second_admin)
    assert revoked.get(MEMBERS_URL).status_code == 200

    client_for("tenant_admin").post(revoke_url(membership(second_admin, personas.tenant, Role.TENANT_ADMIN).pk))

    assert revoked.get(MEMBERS_URL).status_code == 403


def test_member_demoted_admin_gets_403_on_the_very_next_request(client_for, personas, second_admin):
    demoted = logged_in(second_admin)
    assert demoted.get(MEMBERS_URL).status_code == 200

    target = membership(second_admin, personas.tenant, Role.TENANT_ADMIN)
    client_for("tenant_admin").post(change_role_url(target.pk), {"roles": [Role.CENTRE_STAFF]})

    assert demoted.get(MEMBERS_URL).status_code == 403
    assert roles_of(second_admin, personas.tenant) == [Role.CENTRE_STAFF]


def test_member_last_admin_cannot_be_removed(client_for, personas):
    admin = personas.user("tenant_admin")
    target = membership(admin, personas.tenant, Role.TENANT_ADMIN)
    client = english(client_for("tenant_admin"))

    response = client.post(revoke_url(target.pk), follow=True)

    assert response.status_code == 200
    assert "The tenant must keep at least one administrator" in response.content.decode()
    assert roles_of(admin, personas.tenant) == [Role.TENANT_ADMIN]
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.membership.revoked").exists()
    assert client.get(MEMBERS_URL).status_code == 200


def test_member_last_admin_cannot_be_demoted(client_for, personas):
    admin = personas.user("tenant_admin")
    target = membership(admin, personas.tenant, Role.TENANT_ADMIN)
    client = english(client_for("tenant_admin"))

    response = client.post(change_role_url(target.pk), {"roles": [Role.CENTRE_STAFF]}, follow=True)

    assert "The tenant must keep at least one administrator" in response.content.decode()
    assert roles_of(admin, personas.tenant) == [Role.TENANT_ADMIN]
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="tenants.membership.role_changed").exists()


def test_member_last_admin_counts_only_this_tenants_admins(client_for, personas):
    # Charlie's admin does not count for Alfa.
    grant(personas.user("other_staff"), personas.tenant, Role.CENTRE_STAFF)
    target = membership(personas.user("tenant_admin"), personas.tenant, Role.TENANT_ADMIN)

    client_for("tenant_admin").post(revoke_url(target.pk))

    assert roles_of(personas.user("tenant_admin"), personas.tenant) == [Role.TENANT_ADMIN]


def test_member_admin_can_step_down_when_another_admin_remains(client_for, personas, second_admin):
    admin = personas.user("tenant_admin")
    client = client_for("tenant_admin")

    client.post(revoke_url(membership(admin, personas.tenant, Role.TENANT_ADMIN).pk))

    assert roles_of(admin, personas.tenant) == []
    assert client.get(MEMBERS_URL).status_code == 403
    assert roles_of(second_admin, personas.tenant) == [Role.TENANT_ADMIN]


def test_member_of_another_tenant_answers_404(client_for, personas):
    foreign = membership(personas.user("other_staff"), personas.other_tenant, Role.CENTRE_STAFF)
    client = client_for("tenant_admin")

    assert client.post(change_role_url(foreign.pk), {"roles": [Role.TENANT_ADMIN]}).status_code == 404
    assert client.post(revoke_url(foreign.pk)).status_code == 404
    assert roles_of(personas.user("other_staff"), personas.other_tenant) == sorted(
        [Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN]
    )


@pytest.mark.parametrize("size", [1, 3])
def test_member_list_query_count_is_constant(client, db, django_assert_num_queries, size):
    tenant = TenantFactory(slug="maaling", name="Måling")
    admin = UserFactory(email="admin@maaling.example.org")
    grant(admin, tenant, Role.TENANT_ADMIN)
    for index in range(size - 1):
        grant(UserFactory(full_name=f"Medlem {index}"), tenant, [Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF][index % 2])
    with scope(tenant=tenant):
        for index in range(size):
            Invitation.objects.create(
                tenant=tenant, email=f"inviteret{index}@example.org", role=Role.CENTRE_STAFF, invited_by=admin
            )
    client.force_login(admin)
    url = reverse("tenants:members", kwargs={"tenant_slug": "maaling"})

    with django_assert_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    assert len(response.context["invitations"]) == size
    assert_rows_rendered(response, [admin.full_name, *(f"Medlem {index}" for index in range(size - 1))])
    assert_rows_rendered(response, [f"inviteret{index}@example.org" for index in range(size)])
