"""Permission matrix rows for the organisation list's saved filters: the centre's staff only."""

from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import SavedFilter
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

SAVED_FILTER = {"pk": "{saved_filters_filter}"}

CASES = {
    "crm:organisation_filters": tenant_roles(Role.CENTRE_STAFF),
    "crm:organisation_filter_save": tenant_roles(Role.CENTRE_STAFF, data={"type": OrganisationKind.ASSOCIATION}),
    "crm:organisation_filter_rename": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(SAVED_FILTER)),
    "crm:organisation_filter_delete": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(SAVED_FILTER)),
}


def objects(personas) -> dict[str, int]:
    # Asked for more than once in some tests: the same filter each time.
    saved, _created = SavedFilter.objects.get_or_create(
        tenant=personas.tenant, name="Foreninger", defaults={"params": {"type": OrganisationKind.ASSOCIATION}}
    )
    return {"saved_filters_filter": saved.pk}
