"""Permission matrix rows for the front pages (national and the tenant's) and the invitation link."""

from frivillig.testing import everyone, public_tenant_page

CASES = {
    "front_page": everyone(200),
    "invitation_accept": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "tenants:home": public_tenant_page(),
}
