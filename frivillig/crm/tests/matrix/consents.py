"""Permission matrix rows for recording the withdrawal of a contact's consent: centre staff only."""

from frivillig.crm.tests.matrix.people import PERSON
from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:person_consent_withdraw": tenant_roles(Role.CENTRE_STAFF, kwargs=dict(PERSON)),
}
