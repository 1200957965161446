"""Writes of the import: keeping the uploaded file between preview and confirmation, and the import itself."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.crypto import salted_hmac

from frivillig.core.events import send_after_commit
from frivillig.core.private_files import private_files_delete_older_than, private_storage
from frivillig.core.services import log_action
from frivillig.crm.enums import OrganisationKind
from frivillig.crm.events import organisation_changed
from frivillig.crm.importing import ImportKind, ImportPlan
from frivillig.crm.models import Organisation, OrganisationRole, Person

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

logger = logging.getLogger(__name__)

# A folder of the private storage: the files hold personal data, and no URL reaches them.
IMPORT_DIRECTORY = "imports"
SIGNING_NAMESPACE = "frivillig.crm.import"
# The preview must be confirmed within this time; older files are deleted (`manage.py discard_stale_imports`).
TOKEN_MAX_AGE = 2 * 60 * 60

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "cvr",
    "purpose",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "postcode",
    "town",
    "member_since",
    "is_public",
)
ORGANISATION_TAG_FIELDS = ("target_groups", "activity_areas")
PERSON_FIELDS = ("full_name", "email", "phone", "department", "job_title")
BATCH_SIZE = 500


class StoredImportMissing(Exception):
    """The token is forged, expired, someone else's, or its file has already been imported."""


class ImportConflict(Exception):
    """The register changed between the preview and the confirmation."""


class ImportBusy(Exception):
    """The same file is being imported already (a double click on the confirmation)."""


@dataclass(frozen=True)
class StoredImport:
    name: str
    kind: str
    filename: str


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    roles_created: int = 0


def _stored_name(file_id: str) -> str:
    # Derived with the secret key: the token names the file only by an id that is no file name.
    return f"{IMPORT_DIRECTORY}/{salted_hmac(SIGNING_NAMESPACE, file_id).hexdigest()}"


def import_file_store(*, tenant: Tenant, user: User, kind: str, filename: str, content: bytes) -> str:
    """Keep the uploaded file in the private storage; the returned signed token is all the browser holds.

    The token binds the file to this tenant and this user, expires after TOKEN_MAX_AGE, and holds a random id
    from which only the server can tell the stored file's name."""
    import_files_discard_stale()
    file_id = uuid.uuid4().hex
    private_storage.save(_stored_name(file_id), ContentFile(content))
    payload = {"i": file_id, "k": kind, "f": filename, "t": tenant.pk, "u": user.pk}
    return signing.dumps(payload, salt=SIGNING_NAMESPACE, compress=True)


def import_file_find(*, token: str, tenant: Tenant, user: User) -> StoredImport:
    """The stored import the token names, if it is this user's in this tenant and not expired or imported."""
    try:
        payload = signing.loads(token or "", salt=SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise StoredImportMissing from None
    if not isinstance(payload, dict):
        raise StoredImportMissing
    if payload.get("t") != tenant.pk or payload.get("u") != user.pk or payload.get("k") not in ImportKind.values:
        raise StoredImportMissing
    file_id = payload.get("i")
    if not isinstance(file_id, str) or not file_id:
        raise StoredImportMissing
    name = _stored_name(file_id)
    if not private_storage.exists(name):
        raise StoredImportMissing
    return StoredImport(name=name, kind=payload["k"], filename=str(payload.get("f", "")))


def import_file_load(*, token: str, tenant: Tenant, user: User) -> tuple[StoredImport, bytes]:
    stored = import_file_find(token=token, tenant=tenant, user=user)
    try:
        with private_storage.open(stored.name, "rb") as handle:
            content = handle.read()
    except OSError:
        raise StoredImportMissing from None
    return stored, content


def import_file_discard(*, stored: StoredImport) -> None:
    try:
        private_storage.delete(stored.name)
    except OSError:
        logger.warning("Could not delete the imported file %s", stored.name)


def import_files_discard_stale(*, now: datetime | None = None) -> int:
    """Delete the files of previews nobody confirmed in time (their tokens have expired); returns how many."""
    deleted = private_files_delete_older_than(directory=IMPORT_DIRECTORY, age=timedelta(seconds=TOKEN_MAX_AGE), now=now)
    return deleted + _discard_files_left_in_media()


def _discard_files_left_in_media() -> int:
    """Earlier versions kept uploaded imports in MEDIA_ROOT/imports, which the proxy serves; none may stay."""
    try:
        _folders, files = default_storage.listdir(IMPORT_DIRECTORY)
    except (OSError, NotImplementedError):
        return 0
    for filename in files:
        default_storage.delete(f"{IMPORT_DIRECTORY}/{filename}")
    return len(files)


@transaction.atomic
def import_run(*, tenant: Tenant, plan: ImportPlan, actor: User | None, filename: str = "") -> ImportResult:
    """Write every row of a valid plan, or none of them."""
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be imported.")
    if plan.kind == ImportKind.ORGANISATIONS:
        result = _import_organisations(tenant, plan)
        send_after_commit(
            organisation_changed, tenant_id=tenant.pk, organisation_ids=[*result.created, *result.updated]
        )
    else:
        result = _import_people(tenant, plan)
    log_action(
        "crm.import.completed",
        actor=actor,
        tenant=tenant,
        data={
            "kind": plan.kind,
            "file": filename,
            "rows": len(plan.rows),
            "created": len(result.created),
            "updated": len(result.updated),
            "roles_created": result.roles_created,
            "created_ids": result.created,
            "updated_ids": result.updated,
        },
    )
    return result


def import_file_run(*, stored: StoredImport, plan: ImportPlan, tenant: Tenant, actor: User | None) -> ImportResult:
    """Carry out the checked plan of a stored upload, once, and let the file go.

    A double click must not import the file twice: the first confirmation holds the file until it is done, and a
    second one meanwhile raises ImportBusy. ImportConflict or IntegrityError: the register changed meanwhile, and
    nothing was imported (the file stays for another look at the preview)."""
    lock = f"crm-import:{stored.name}"
    if not cache.add(lock, True, timeout=600):
        raise ImportBusy
    try:
        result = import_run(tenant=tenant, plan=plan, actor=actor, filename=stored.filename)
    finally:
        cache.delete(lock)
    import_file_discard(stored=stored)
    return result


def _targets(model, tenant: Tenant, plan: ImportPlan) -> dict:
    ids = [row.target_id for row in plan.rows if row.target_id is not None]
    existing = model.objects.filter(tenant=tenant).in_bulk(ids)
    if len(existing) != len(ids):
        raise ImportConflict
    return existing


def _save(model, new: list, changed: list[tuple]) -> None:
    """New rows go in batches; changed ones one by one, only the filled-in columns (bulk_update's CASE
    expressions over many columns are far slower than plain UPDATEs on SQLite)."""
    model.objects.bulk_create(new, batch_size=BATCH_SIZE)
    for record, fields in changed:
        if fields:
            record.save(update_fields=[*fields, "updated_at"])


def _import_organisations(tenant: Tenant, plan: ImportPlan) -> ImportResult:
    existing = _targets(Organisation, tenant, plan)
    new, changed = [], []
    tags: list[tuple[Organisation, str, list]] = []
    for row in plan.rows:
        fields = [name for name in ORGANISATION_FIELDS if name in row.values]
        if row.target_id is not None:
            organisation = existing[row.target_id]
            changed.append((organisation, fields))
        else:
            organisation = Organisation(tenant=tenant, kind=OrganisationKind.ASSOCIATION)
            new.append(organisation)
        for name in fields:
            setattr(organisation, name, row.values[name])
        tags.extend((organisation, name, row.values[name]) for name in ORGANISATION_TAG_FIELDS if name in row.values)
    _save(Organisation, new, changed)
    created = {organisation.pk for organisation in new}
    for name in ORGANISATION_TAG_FIELDS:
        # A filled-in cell is the organisation's whole list of that kind of tag.
        through = getattr(Organisation, name).through
        links = [(organisation.pk, chosen) for organisation, field_name, chosen in tags if field_name == name]
        replaced = [pk for pk, _chosen in links if pk not in created]
        for start in range(0, len(replaced), BATCH_SIZE):
            through.objects.filter(organisation_id__in=replaced[start : start + BATCH_SIZE]).delete()
        rows = [through(organisation_id=pk, tag_id=tag.pk) for pk, chosen in links for tag in chosen]
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return ImportResult(created=[o.pk for o in new], updated=[o.pk for o, _fields in changed])


def _import_people(tenant: Tenant, plan: ImportPlan) -> ImportResult:
    existing = _targets(Person, tenant, plan)
    new, changed = [], []
    wanted_roles: list[tuple[Person, int, str]] = []
    for row in plan.rows:
        fields = [name for name in PERSON_FIELDS if name in row.values]
        if row.target_id is not None:
            person = existing[row.target_id]
            changed.append((person, fields))
        else:
            person = Person(tenant=tenant)
            new.append(person)
        for name in fields:
            setattr(person, name, row.values[name])
        if row.values.get("organisation"):
            wanted_roles.append((person, row.values["organisation"], row.values["role"]))
    _save(Person, new, changed)
    # A role the person already has (and has not ended) is not added twice.
    open_roles = set(
        OrganisationRole.objects.filter(tenant=tenant, person_id__in=list(existing), ended_on=None).values_list(
            "person_id", "organisation_id", "role"
        )
    )
    new_roles = []
    for person, organisation_id, role in wanted_roles:
        if (person.pk, organisation_id, role) not in open_roles:
            open_roles.add((person.pk, organisation_id, role))
            new_roles.append(OrganisationRole(tenant=tenant, organisation_id=organisation_id, person=person, role=role))
    OrganisationRole.objects.bulk_create(new_roles, batch_size=BATCH_SIZE)
    return ImportResult(
        created=[p.pk for p in new], updated=[p.pk for p, _fields in changed], roles_created=len(new_roles)
    )
