"""Permission matrix rows for the word lists (tag vocabularies): the tenant's administrators only."""

from django_scopes import scopes_disabled

from frivillig.crm.models import Tag
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:tag_list": tenant_roles(Role.TENANT_ADMIN),
    "crm:tag_create": tenant_roles(Role.TENANT_ADMIN, kwargs={"vocabulary": "target_group"}),
    "crm:tag_edit": tenant_roles(Role.TENANT_ADMIN, kwargs={"pk": "{tags_tag}"}),
    "crm:tag_move": tenant_roles(
        Role.TENANT_ADMIN, status=302, method="post", kwargs={"pk": "{tags_tag}"}, data={"retning": "down"}
    ),
}


def objects(personas) -> dict[str, int]:
    with scopes_disabled():
        return {"tags_tag": Tag.objects.filter(tenant=personas.tenant).order_by("pk").values_list("pk", flat=True)[0]}
