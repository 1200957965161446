"""Permission matrix rows for the import pages: centre staff only.

Without a stored file the preview and the confirmation send the user back to the upload page (302). The
uploaded file is offered to the centre staff persona who uploaded it; any other person of the tenant with the
same role gets 404 (tested in test_import_private_files.py).
"""

from frivillig.tenants.enums import Role
from frivillig.testing import tenant_roles

CASES = {
    "crm:import_start": tenant_roles(Role.CENTRE_STAFF),
    "crm:import_preview": tenant_roles(Role.CENTRE_STAFF, status=302),
    "crm:import_confirm": tenant_roles(Role.CENTRE_STAFF, status=302, method="post"),
    "crm:import_file_download": tenant_roles(Role.CENTRE_STAFF, kwargs={"token": "{import_token}"}),
    "crm:import_template": tenant_roles(Role.CENTRE_STAFF, kwargs={"kind": "organisationer"}),
}


class _UploadedToken:
    """Uploads the file only when a URL is built with it: the matrix asks every module for its objects in
    each of its tests, and only this row needs a file."""

    def __init__(self, personas):
        self.personas = personas

    def __format__(self, spec: str) -> str:
        from frivillig.crm.services.imports import import_file_store

        return import_file_store(
            tenant=self.personas.tenant,
            user=self.personas.user("centre_staff"),
            kind="organisations",
            filename="organisationer.csv",
            content=b"Navn\r\nAlfa Nord\r\n",
        )


def objects(personas) -> dict:
    return {"import_token": _UploadedToken(personas)}
