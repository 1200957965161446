"""Permission matrix rows for the import pages: centre staff only.

Without a stored file the preview and the confirmation send the user back to the upload page (302).
"""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:import_start": tenant_roles(Role.CENTRE_STAFF),
    "crm:import_preview": tenant_roles(Role.CENTRE_STAFF, status=302),
    "crm:import_confirm": tenant_roles(Role.CENTRE_STAFF, status=302, method="post"),
    "crm:import_template": tenant_roles(Role.CENTRE_STAFF, kwargs={"kind": "organisationer"}),
}
