"""Permission matrix rows for the front pages (national and the tenant's) and the invitation link."""

from frivillig.testing import everyone, logged_in, public_tenant_page

CASES = {
    "front_page": everyone(200),
    "invitation_accept": everyone(400, kwargs={"token": "not-a-valid-token"}),
    "tenants:home": public_tenant_page(),
    # "My page" sends a person on to their home (a citizen to their volunteer life, staff to their tenant).
    "my_home": logged_in(302),
    "volunteer_life": logged_in(),
}
