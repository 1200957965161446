"""Uploaded import files hold personal data: kept outside MEDIA_ROOT, reachable only by the person who uploaded
them, through a view that checks the permission, and deleted on a schedule when nobody confirms them."""

import io
import os
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from frivillig.core.private_files import private_storage
from frivillig.core.tests.helpers import Clock, english
from frivillig.crm.services.imports import SIGNING_NAMESPACE
from frivillig.tenants.enums import Role
from frivillig.testing import UserFactory, grant

START = reverse("crm:import_start", kwargs={"tenant_slug": "alfa"})
CONFIRM = reverse("crm:import_confirm", kwargs={"tenant_slug": "alfa"})
CONTENT = "\ufeffNavn;E-mail\r\nBirthe Hansen;birthe@example.org\r\n".encode()


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


def upload(client, content: bytes = CONTENT, name: str = "personer.csv") -> str:
    """Upload a people file; returns the token of its preview."""
    response = client.post(START, {"kind": "people", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response
    preview = client.get(response.url)
    assert preview.status_code == 200
    return preview.context["token"]


def download_url(token: str, tenant_slug: str = "alfa") -> str:
    return reverse("crm:import_file_download", kwargs={"tenant_slug": tenant_slug, "token": token})


def stored_files(settings) -> list:
    folder = settings.PRIVATE_ROOT / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_import_file_is_kept_in_the_private_storage_outside_media_root(staff, folders):
    token = upload(staff)

    [stored] = stored_files(folders)
    assert stored.read_bytes() == CONTENT
    assert folders.MEDIA_ROOT not in stored.parents
    assert not folders.MEDIA_ROOT.exists() or list(folders.MEDIA_ROOT.rglob("*")) == []
    # The token names the file by a random id only; the stored name cannot be read from it.
    assert stored.name not in token
    payload = signing.loads(token, salt=SIGNING_NAMESPACE)
    assert stored.name not in str(payload)
    assert stored.stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        private_storage.url(f"imports/{stored.name}")


def test_import_file_has_no_address_on_the_site(staff, folders, client):
    upload(staff)
    [stored] = stored_files(folders)

    for path in (
        f"/media/imports/{stored.name}",
        f"/media/imports/{stored.name}.csv",
        f"/private/imports/{stored.name}",
    ):
        assert client.get(path).status_code == 404
        assert staff.get(path).status_code == 404


def test_import_preview_offers_the_uploaded_file_to_its_uploader(staff):
    token = upload(staff)

    preview = staff.get(reverse("crm:import_preview", kwargs={"tenant_slug": "alfa"}), {"fil": token})
    assert download_url(token) in preview.content.decode()
    assert "Download the uploaded file" in preview.content.decode()

    response = staff.get(download_url(token))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"] == 'attachment; filename="personer.csv"'
    assert response["Content-Type"] == "text/csv"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("association_rep", 403),
        ("municipal_staff", 403),
        ("tenant_admin", 403),
        ("other_staff", 404),
    ],
)
def test_import_file_is_refused_to_everybody_else(staff, client_for, persona, status):
    token = upload(staff)

    response = client_for(persona).get(download_url(token))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_import_file_is_refused_to_a_colleague_with_the_same_role(staff, personas):
    token = upload(staff)
    colleague = UserFactory()
    grant(colleague, personas.tenant, Role.CENTRE_STAFF)
    client = Client()
    client.force_login(colleague)

    assert client.get(download_url(token)).status_code == 404


def test_import_file_is_refused_in_another_tenants_address(staff, personas):
    token = upload(staff)
    grant(personas.user("centre_staff"), personas.other_tenant, Role.CENTRE_STAFF)

    assert staff.get(download_url(token, personas.other_tenant.slug)).status_code == 404


def test_import_file_is_gone_once_imported_or_expired(staff, monkeypatch):
    token = upload(staff)
    staff.post(CONFIRM, {"fil": token})
    assert staff.get(download_url(token)).status_code == 404

    clock = Clock(monkeypatch)
    later = upload(staff)
    clock.advance(2 * 60 * 60 + 1)
    assert staff.get(download_url(later)).status_code == 404


def test_forged_tokens_are_404(staff):
    upload(staff)
    forged = signing.dumps({"i": "../../etc/passwd", "k": "people", "t": 1, "u": 1}, salt="wrong")

    assert staff.get(download_url(forged)).status_code == 404
    assert staff.get(download_url("nonsense")).status_code == 404


def test_scheduled_cleanup_deletes_unconfirmed_files_older_than_two_hours_and_keeps_fresh_ones(staff, folders):
    old_token = upload(staff)
    [old] = stored_files(folders)
    fresh_token = upload(staff, name="nye.csv")
    [fresh] = [path for path in stored_files(folders) if path != old]
    two_hours_ago = time.time() - 2 * 60 * 60 - 5
    os.utime(old, (two_hours_ago, two_hours_ago))
    # An upload that is almost two hours old is still waiting for its confirmation.
    almost = time.time() - 2 * 60 * 60 + 60
    os.utime(fresh, (almost, almost))

    output = io.StringIO()
    call_command("discard_stale_imports", stdout=output)

    assert stored_files(folders) == [fresh]
    assert "1 unconfirmed file(s)" in output.getvalue()
    assert staff.get(download_url(old_token)).status_code == 404
    assert staff.get(download_url(fresh_token)).status_code == 200


def test_scheduled_cleanup_without_any_imports_does_nothing(folders):
    output = io.StringIO()
    call_command("discard_stale_imports", stdout=output)

    assert "0 unconfirmed file(s)" in output.getvalue()


def test_scheduled_cleanup_removes_import_files_left_in_media_root_by_earlier_versions(folders):
    legacy = folders.MEDIA_ROOT / "imports"
    legacy.mkdir(parents=True)
    (legacy / "0123abcd.csv").write_bytes(CONTENT)
    (folders.MEDIA_ROOT / "logos").mkdir()
    (folders.MEDIA_ROOT / "logos" / "kept.png").write_bytes(b"png")

    call_command("discard_stale_imports", stdout=io.StringIO())

    assert list(legacy.iterdir()) == []
    assert (folders.MEDIA_ROOT / "logos" / "kept.png").exists()
