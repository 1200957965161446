"""Private files: personal data kept on disk (uploaded imports today; grant attachments, evidence and exports
kept for download later).

They live under `PRIVATE_ROOT`, outside `MEDIA_ROOT`, so neither the proxy's `/media/` block nor Django's
development media serving can reach them, and the storage has no address to give (`url()` refuses). The only
way out is `private_file_response`, called by a view that has checked the permission (`@view_permission`
for tenant and role, plus whatever binds the file to its owner), which sends the file as a download that the
browser neither runs, sniffs nor caches.

Apps keep their files in a folder of their own (`imports/`, ...) under random names; a folder whose files are
only kept for a while is emptied by a periodic command with `private_files_delete_older_than`.
"""

import logging
import os
import re
from datetime import datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils import timezone

logger = logging.getLogger(__name__)

# What a download is declared as; anything else is plain bytes. The browser saves it either way (attachment).
DOWNLOAD_TYPES = {
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


class PrivateStorage(FileSystemStorage):
    """Files under `PRIVATE_ROOT` (read on every use, so tests and settings overrides see the current value)."""

    def __init__(self):
        # Readable by the application's own user only.
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("A private file has no address; a view sends it with private_file_response().")


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    """The private storage, for a model's FileField (`storage=get_private_storage`): a callable keeps the
    storage's settings out of the migrations."""
    return private_storage


def download_name(filename: str, default: str = "fil") -> str:
    """A file name fit for a Content-Disposition header: the last part only, without control characters."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip(" .")[:150]
    return name or default


def private_file_response(*, name: str, filename: str) -> FileResponse:
    """Send a private file as a download. The caller's view has checked who may have it; a missing file is 404."""
    try:
        handle = private_storage.open(name, "rb")
    except OSError:
        raise Http404 from None
    shown = download_name(filename)
    content_type = DOWNLOAD_TYPES.get(PurePath(shown).suffix.lower(), "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=shown, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Even if a browser were to show it, it would run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def private_files_delete_older_than(*, directory: str, age: timedelta, now: datetime | None = None) -> int:
    """Delete the files in one folder of the private storage last changed more than `age` ago; returns how many."""
    limit = (now or timezone.now()) - age
    try:
        _folders, files = private_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    deleted = 0
    for filename in files:
        name = f"{directory}/{filename}"
        try:
            if private_storage.get_modified_time(name) < limit:
                private_storage.delete(name)
                deleted += 1
        except OSError:
            # Gone meanwhile (confirmed or cleaned by another run): nothing left to do.
            logger.info("Could not delete the private file %s", name)
    return deleted
