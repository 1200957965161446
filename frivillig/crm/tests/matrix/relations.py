from datetime import date

from django_scopes import scopes_disabled

from frivillig.crm.models import CollaborationRelation
from frivillig.tenants.enums import Role
from frivillig.testing import make_person, tenant_roles

RELATION = {"pk": "{relations_relation}"}

CASES = {
    "crm:relation_list": tenant_roles(Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF),
    "crm:relation_export": tenant_roles(Role.CENTRE_STAFF, kwargs={"fmt": "xlsx"}),
    "crm:relation_create": tenant_roles(Role.CENTRE_STAFF),
    "crm:relation_edit": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(RELATION)),
    "crm:relation_end": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(RELATION)),
}


def objects(personas) -> dict[str, int]:
    person = make_person(personas.tenant, full_name="Karin Kommune", department="Socialforvaltningen")
    with scopes_disabled():
        relation = CollaborationRelation.objects.create(
            tenant=personas.tenant, person=person, topic="Besøgsvenner på plejecentre", started_on=date(2017, 3, 1)
        )
    return {"relations_relation": relation.pk}
