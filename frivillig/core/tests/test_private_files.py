"""The private storage and the one way a private file leaves it: a download that is never run, sniffed or cached."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from frivillig.core.private_files import (
    download_name,
    private_file_response,
    private_files_delete_older_than,
    private_storage,
)


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    return tmp_path


def test_private_storage_writes_under_private_root_only(folders):
    name = private_storage.save("things/a.csv", ContentFile(b"x"))

    assert (folders / "private" / name).read_bytes() == b"x"
    assert not (folders / "media").exists()
    assert (folders / "private" / name).stat().st_mode & 0o777 == 0o600
    with pytest.raises(ValueError):
        private_storage.url(name)


@pytest.mark.parametrize(
    ("filename", "content_type", "disposition"),
    [
        ("liste.csv", "text/csv", 'attachment; filename="liste.csv"'),
        ("side.html", "application/octet-stream", 'attachment; filename="side.html"'),
        ('a"\r\nX-Evil: 1.svg', "application/octet-stream", 'attachment; filename="aX-Evil: 1.svg"'),
        ("../../etc/passwd", "application/octet-stream", 'attachment; filename="passwd"'),
        ("", "application/octet-stream", 'attachment; filename="fil"'),
    ],
)
def test_private_file_response_is_a_safe_download(filename, content_type, disposition):
    name = private_storage.save("things/f", ContentFile(b"<script>alert(1)</script>"))

    response = private_file_response(name=name, filename=filename)

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    response.file_to_stream.close()


def test_private_file_response_for_a_missing_file_is_404():
    with pytest.raises(Http404):
        private_file_response(name="things/missing", filename="x.csv")


def test_download_name_keeps_danish_letters():
    assert download_name("Æblegrød – medlemmer.xlsx") == "Æblegrød – medlemmer.xlsx"


def test_delete_older_than_removes_only_old_files_of_the_folder(folders):
    old = private_storage.save("temp/old", ContentFile(b"1"))
    fresh = private_storage.save("temp/fresh", ContentFile(b"2"))
    other = private_storage.save("kept/old", ContentFile(b"3"))
    an_hour_ago = time.time() - 3601
    for name in (old, other):
        os.utime(private_storage.path(name), (an_hour_ago, an_hour_ago))

    assert private_files_delete_older_than(directory="temp", age=timedelta(hours=1)) == 1

    assert not private_storage.exists(old)
    assert private_storage.exists(fresh) and private_storage.exists(other)
    assert private_files_delete_older_than(directory="nothing-here", age=timedelta(hours=1)) == 0
