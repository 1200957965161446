from datetime import date

from django_scopes import scopes_disabled

from frivillig.crm.enums import InteractionKind
from frivillig.crm.models import Interaction
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

INTERACTION = {"pk": "{interactions_interaction}"}

# Association representatives and municipal staff never see the centre's interactions.
CASES = {
    "crm:interaction_list": tenant_roles(Role.CENTRE_STAFF),
    "crm:interaction_export": tenant_roles(Role.CENTRE_STAFF, kwargs={"fmt": "csv"}),
    "crm:interaction_create": tenant_roles(Role.CENTRE_STAFF),
    "crm:interaction_detail": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(INTERACTION)),
    "crm:interaction_edit": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(INTERACTION)),
    "crm:interaction_follow_up": tenant_roles(Role.CENTRE_STAFF, status=302, method="post", kwargs=dict(INTERACTION)),
}


def objects(personas) -> dict[str, int]:
    with scopes_disabled():
        interaction = Interaction.objects.create(
            tenant=personas.tenant,
            kind=InteractionKind.MEETING,
            happened_on=date(2018, 3, 1),
            follow_up_on=date(2018, 3, 15),
            staff=personas.user("centre_staff"),
            summary="Møde om rekruttering",
        )
        interaction.organisations.add(personas.organisation)
    return {"interactions_interaction": interaction.pk}
