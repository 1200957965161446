"""The move of the association-representative link out of the kernel: crm's migration copies every
representative's and every invitation's organisation before the kernel's columns go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("crm", "0002_representative_request"), ("tenants", "0002_association_representatives")]
AFTER = [("crm", "0003_representatives"), ("tenants", "0003_representatives_move_to_crm")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest(transactional_db):
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_migration_moves_each_representative_and_invitation_to_crm(back_to_latest):
    old = migrate(BEFORE)
    tenant = old.get_model("tenants", "Tenant").objects.create(
        name="Alfa", slug="alfa", kommunekode="901", municipality_name="Alfa", centre_name="Frivilligcenter Alfa"
    )
    user = old.get_model("accounts", "User").objects.create(email="rep@example.org", full_name="Rep")
    organisation = old.get_model("crm", "Organisation").objects.create(
        tenant=tenant, kind="association", name="Alfa Besøgsvenner"
    )
    Membership = old.get_model("tenants", "Membership")
    rep = Membership.objects.create(tenant=tenant, user=user, role="association_rep", organisation=organisation)
    staff = Membership.objects.create(tenant=tenant, user=user, role="centre_staff")
    invitation = old.get_model("tenants", "Invitation").objects.create(
        tenant=tenant, email="ny@example.org", role="association_rep", organisation=organisation
    )

    new = migrate(AFTER)

    representatives = new.get_model("crm", "Representative").objects.values_list(
        "membership_id", "organisation_id", "user_id", "tenant_id"
    )
    invitations = new.get_model("crm", "RepresentativeInvitation").objects.values_list(
        "invitation_id", "organisation_id", "tenant_id"
    )
    assert list(representatives) == [(rep.pk, organisation.pk, user.pk, tenant.pk)]
    assert list(invitations) == [(invitation.pk, organisation.pk, tenant.pk)]
    assert new.get_model("tenants", "Membership").objects.filter(pk=staff.pk).exists()
