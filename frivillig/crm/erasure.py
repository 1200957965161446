"""What erasing a person asks of the CRM beyond the register (see core/erasure.py).

An uploaded import file waits in the private storage until it is confirmed or goes stale (two hours): a file that
names the person (name, e-mail address or phone number, in a CSV or an Excel sheet) is deleted at once, so it
cannot bring the erased person back either.
"""

from __future__ import annotations

import logging
import zipfile
from io import BytesIO

from frivillig.core.erasure import identifying_strings, names_person
from frivillig.core.private_files import private_storage
from frivillig.crm.importing import ImportFileError, decode
from frivillig.crm.services.imports import IMPORT_DIRECTORY

logger = logging.getLogger(__name__)


def _file_text(content: bytes) -> str:
    """The text of a CSV file, or of every sheet and shared string of an Excel file (a zip of XML)."""
    if zipfile.is_zipfile(BytesIO(content)):
        parts = []
        with zipfile.ZipFile(BytesIO(content)) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".xml") and info.file_size < 50_000_000:
                    parts.append(archive.read(info).decode("utf-8", errors="replace"))
        return "\n".join(parts)
    try:
        return decode(content)
    except ImportFileError:
        return content.decode("utf-8", errors="replace")


def erased_import_files(needles: set[str]) -> int:
    """Delete the waiting import files that name the person; returns how many."""
    try:
        _folders, files = private_storage.listdir(IMPORT_DIRECTORY)
    except FileNotFoundError:
        return 0
    deleted = 0
    for filename in files:
        name = f"{IMPORT_DIRECTORY}/{filename}"
        try:
            with private_storage.open(name, "rb") as handle:
                content = handle.read()
            if names_person(_file_text(content), needles):
                private_storage.delete(name)
                deleted += 1
        except (OSError, zipfile.BadZipFile):
            logger.info("Could not read the import file %s", name)
    return deleted


def erase(identities) -> int:
    needles = identifying_strings(identities)
    return erased_import_files(needles) if needles else 0
