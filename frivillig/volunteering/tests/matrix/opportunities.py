"""Keeping opportunities: centre staff and association representatives; the renewal link is public."""

from datetime import timedelta

from django.utils import timezone

from frivillig.tenants.enums import Role
from frivillig.testing import make_opportunity, public_tenant_page, tenant_roles
from frivillig.volunteering.enums import OpportunityStatus

KEEPERS = (Role.CENTRE_STAFF, Role.ASSOCIATION_REP)
ONE = {"pk": "{opportunities_opportunity}"}

CASES = {
    "volunteering:opportunity_manage_list": tenant_roles(*KEEPERS),
    "volunteering:opportunity_create": tenant_roles(*KEEPERS),
    "volunteering:opportunity_edit": tenant_roles(*KEEPERS, kwargs=dict(ONE)),
    "volunteering:opportunity_publish": tenant_roles(*KEEPERS, status=302, method="post", kwargs=dict(ONE)),
    "volunteering:opportunity_close": tenant_roles(
        *KEEPERS, status=302, method="post", kwargs=dict(ONE), data={"close-status": OpportunityStatus.CLOSED}
    ),
    "volunteering:opportunity_renew": tenant_roles(*KEEPERS, status=302, method="post", kwargs=dict(ONE)),
    # A valid link for everybody, logged in or not: the signed link is the key, not the person.
    "volunteering:opportunity_renew_link": public_tenant_page(kwargs={"token": "{opportunities_renewal_token}"}),
}


def objects(personas) -> dict:
    from frivillig.volunteering.services.opportunities import renewal_token

    opportunity = make_opportunity(
        personas.organisation, title="Matrix-job", expires_on=timezone.localdate() + timedelta(days=5)
    )
    return {"opportunities_opportunity": opportunity.pk, "opportunities_renewal_token": renewal_token(opportunity)}
