"""Erasure: a person's records deleted or anonymised, as the register of personal data says for each model.

Each `PersonalModel` in an app's `privacy.py` states its `erasure` (core/privacy.py): DELETE the row, ANONYMISE it
(the row stays for the statistics and each declared PersonalField is emptied) or KEEP it (only with a written legal
reason). This module applies those declarations:

- `erase_rows(model_label, queryset, reason=...)` treats the given rows of one declared model (the retention rules
  use it, e.g. for declined applications after the centre's period);
- `erase_user(user=..., actor=..., reason=...)` and `erase_person(person=..., actor=..., reason=...)` find every row
  about one person through the register, with the same finder as the access export (core/personal_data.py), and
  erase them in one transaction.

Beside the register's rows, erasing a person also:
- anonymises the audit entries about any erased row and those whose text names the person (full name, e-mail,
  phone), and takes an erased account's name off the access entries it wrote as reader;
- deletes the throttle rows kept for the person's e-mail addresses, the Django admin's log entries about the
  erased rows or naming the person, and an erased account's sessions;
- runs each app's hook, a module `erasure.py` with `def erase(identities)` (found through core/registry.py), for
  what the register cannot express (crm: uploaded import files that name the person; it may return how many
  files it deleted);
- sends `personal_data_erased` once committed, so apps that keep derived data (search text, word keys, caches)
  recompute it, and empties every cache (a page kept there may show the person's answers or name; versioned keys
  alone would leave it on disk until it expires);
- writes one audit entry that names no one: "<app>.<model>.erased" with the record's id.

The append-only logs are changed here and nowhere else: an erasure is the one change the law asks of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from frivillig.core import throttle
from frivillig.core.audit import register_actions
from frivillig.core.events import DomainEvent, send_after_commit
from frivillig.core.models import AccessEntry, AuditEntry, ThrottleWindow
from frivillig.core.personal_data import Identities, PersonFinder, person_identities, user_identities
from frivillig.core.privacy import UNCHANGED, Erasure, PersonalModel, erased_value, register
from frivillig.core.registry import app_modules
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action

if TYPE_CHECKING:
    from frivillig.accounts.models import User

register_actions(
    {
        "core.personal_data.erased": _("Personal data erased"),
        "accounts.user.erased": _("Account and its personal data erased"),
        "crm.person.erased": _("Contact erased and anonymised"),
    }
)

# Sent once an erasure is committed. `erased` maps each model label (lower case) to the ids of its rows that were
# deleted or anonymised; `tenant_ids` the tenants they belonged to (None for national rows).
personal_data_erased = DomainEvent("core.personal_data_erased", payload=("erased", "tenant_ids"))

# Rows changed per statement.
BATCH = 500
# A text shorter than this is no sign of the person in a log's free text ("Ana" would match too much).
MIN_NEEDLE = 5


class ErasureError(ValueError):
    pass


@dataclass(frozen=True)
class ErasedKind:
    """How many rows of one declared model an erasure deletes, anonymises or keeps."""

    declared: PersonalModel
    erasure: Erasure
    count: int

    @property
    def title(self) -> str:
        return self.declared.verbose_name

    @property
    def model(self) -> str:
        return self.declared.model


@dataclass
class ErasureReport:
    """What an erasure did (or, for a preview, would do), per declared model."""

    kinds: list[ErasedKind] = field(default_factory=list)
    files_deleted: int = 0

    def _of(self, erasure: Erasure) -> list[ErasedKind]:
        return [kind for kind in self.kinds if kind.erasure == erasure and kind.count]

    @property
    def deleted(self) -> list[ErasedKind]:
        return self._of(Erasure.DELETE)

    @property
    def anonymised(self) -> list[ErasedKind]:
        return self._of(Erasure.ANONYMISE)

    @property
    def kept(self) -> list[ErasedKind]:
        return self._of(Erasure.KEEP)

    def count(self, model_label: str) -> int:
        return sum(kind.count for kind in self.kinds if kind.model.lower() == model_label.lower())

    def summary(self) -> dict[str, dict[str, int]]:
        """For the audit entry: counts only, no names."""
        result: dict[str, dict[str, int]] = {}
        for kind in self.kinds:
            if kind.count:
                result.setdefault(str(kind.erasure), {})[kind.model.lower()] = kind.count
        return result


def _hooks():
    """Every app's `erasure` module, imported: a module may connect a receiver to `personal_data_erased`."""
    return app_modules("erasure")


# --- one model's rows ----------------------------------------------------------------------------------------


def _declared(model_label: str) -> PersonalModel:
    declared = register().for_model(model_label)
    if declared is None:
        raise ErasureError(f"{model_label} is not in the register of personal data.")
    if declared.erasure is None:
        raise ErasureError(f"{model_label} states no erasure in the register of personal data.")
    return declared


def _batches(pks: list) -> list[list]:
    return [pks[start : start + BATCH] for start in range(0, len(pks), BATCH)]


def _anonymise(declared: PersonalModel, pks: list) -> None:
    model = declared.model_class
    meta = model._meta
    constant: dict[str, Any] = {}
    per_row: dict[str, Any] = {}
    emptied_relations: list[str] = []
    for personal in declared.fields:
        model_field = meta.get_field(personal.name)
        value = erased_value(model_field, personal)
        if value is UNCHANGED:
            continue
        if getattr(model_field, "many_to_many", False):
            emptied_relations.append(personal.name)
        elif callable(value):
            per_row[model_field.attname] = value
        else:
            constant[model_field.attname] = value
    for batch in _batches(pks):
        # The base manager: no tenant scope (the caller found the rows), and the logs' and the consents' guards
        # against bulk changes stand aside for the one change the law asks of them.
        rows = model._base_manager.filter(pk__in=batch)
        if constant:
            models.QuerySet.update(rows, **constant)
        if per_row or emptied_relations:
            for row in rows.only("pk"):
                if per_row:
                    values = {name: make(row) for name, make in per_row.items()}
                    models.QuerySet.update(model._base_manager.filter(pk=row.pk), **values)
                for name in emptied_relations:
                    getattr(row, name).clear()


def _delete(declared: PersonalModel, pks: list) -> int:
    model = declared.model_class
    deleted = 0
    for batch in _batches(pks):
        _total, by_model = models.QuerySet.delete(model._base_manager.filter(pk__in=batch))
        deleted += by_model.get(model._meta.label, 0)
    return deleted


def _apply(declared: PersonalModel, pks: list) -> int:
    if not pks or declared.erasure == Erasure.KEEP:
        return 0
    if declared.erasure == Erasure.DELETE:
        return _delete(declared, pks)
    _anonymise(declared, pks)
    return len(pks)


@transaction.atomic
def erase_rows(model_label: str, queryset: models.QuerySet, *, reason: str) -> int:
    """Apply the model's declared erasure to these rows; returns how many were deleted or anonymised (0 for a
    model the register keeps). The audit entries about the rows lose their labels; one audit entry records the
    erasure with the reason (counts, no names)."""
    if not reason.strip():
        raise ErasureError("An erasure needs a reason.")
    declared = _declared(model_label)
    _hooks()
    # Read the ids first: the queryset may select by the very fields that are emptied.
    pks = list(queryset.order_by().values_list("pk", flat=True).distinct())
    if not pks:
        return 0
    audit = _audit_entries_about({declared.model_class._meta.label_lower: pks}, tenant=None)
    tenant_ids = _tenant_ids(declared, pks)
    count = _apply(declared, pks)
    _apply(_declared("core.AuditEntry"), audit)
    log_action(
        "core.personal_data.erased",
        data={"model": declared.model.lower(), "erasure": str(declared.erasure), "rows": count, "reason": reason},
    )
    if count:
        send_after_commit(personal_data_erased, erased={declared.model.lower(): pks}, tenant_ids=tenant_ids)
    return count


def _tenant_ids(declared: PersonalModel, pks: list) -> list:
    model = declared.model_class
    if "tenant" not in {model_field.name for model_field in model._meta.concrete_fields}:
        return [None]
    return sorted(
        set(model._base_manager.filter(pk__in=pks).values_list("tenant_id", flat=True)), key=lambda pk: pk or 0
    )


# --- one person ----------------------------------------------------------------------------------------------


def identifying_strings(identities: Identities) -> set[str]:
    """The person's name, e-mail addresses and phone numbers as their identity records hold them: what a log's
    free text or a file is searched for. For the apps' hooks too."""
    found = {email.strip() for email in identities.emails if email and email.strip()}
    for model, pks in identities.records.items():
        names = {model_field.name for model_field in model._meta.concrete_fields}
        wanted = [name for name in ("full_name", "email", "phone") if name in names]
        if not wanted:
            continue
        for values in model._base_manager.filter(pk__in=list(pks)).values_list(*wanted):
            found.update(str(value).strip() for value in values if value and str(value).strip())
    return {text for text in found if len(text) >= MIN_NEEDLE}


def names_person(text: str, needles: set[str]) -> bool:
    """Whether a free text names the person: one of `identifying_strings` in it (in any case), or a phone number of
    theirs typed with or without spaces or country code. For the apps' hooks that search files or frozen content."""
    lowered = text.lower()
    digits = re.sub(r"\D", "", text)
    for needle in needles:
        if needle.lower() in lowered:
            return True
        needle_digits = re.sub(r"\D", "", needle)
        if "@" not in needle and len(needle_digits) >= 8 and needle_digits[-8:] in digits:
            return True
    return False


def _audit_entries_about(rows: dict[str, list], *, tenant) -> list:
    """The audit entries whose target is one of these rows."""
    query = Q(pk__in=[])
    for label, pks in rows.items():
        if pks:
            query |= Q(target_type=label, target_id__in=[str(pk) for pk in pks])
    entries = AuditEntry._base_manager.filter(query)
    if tenant is not None:
        entries = entries.filter(tenant=tenant)
    return list(entries.values_list("pk", flat=True))


def _log_rows_naming(needles: set[str], *, tenant) -> tuple[list, list]:
    """Audit entries whose label or details name the person, and access entries whose search term does."""
    audit = Q(pk__in=[])
    search = Q(pk__in=[])
    for needle in needles:
        # SQLite keeps JSON with non-ASCII letters escaped.
        in_json = json.dumps(needle)[1:-1]
        audit |= (
            Q(target_label__icontains=needle)
            | Q(actor_label__icontains=needle)
            | Q(data_text__icontains=needle)
            | Q(data_text__icontains=in_json)
        )
        search |= Q(subject_label__icontains=needle)
    # A search term is often one name alone: any of the person's names empties it (the entry stays).
    for needle in needles | _name_parts(needles):
        search |= Q(search__icontains=needle)
    audit_entries = AuditEntry._base_manager.annotate(data_text=Cast("data", models.TextField())).filter(audit)
    access_entries = AccessEntry._base_manager.filter(search)
    if tenant is not None:
        audit_entries = audit_entries.filter(tenant=tenant)
        access_entries = access_entries.filter(tenant=tenant)
    return list(audit_entries.values_list("pk", flat=True)), list(access_entries.values_list("pk", flat=True))


def _phone_forms(needles: set[str]) -> set[str]:
    """A phone number as it may be typed elsewhere: also without spaces."""
    forms = set()
    for needle in needles:
        if re.fullmatch(r"[+\d][\d ()-]+", needle):
            forms.add(re.sub(r"[^\d+]", "", needle))
    return forms


def _name_parts(needles: set[str]) -> set[str]:
    """The words of the person's names (not of addresses or numbers)."""
    return {
        part
        for needle in needles
        if "@" not in needle
        for part in needle.split()
        if len(part) >= 3 and any(letter.isalpha() for letter in part)
    }


def _scrub(text: str, needles: set[str]) -> str:
    """A typed text (the reason for an erasure) without the person's name, name parts, addresses or numbers."""
    for needle in sorted(needles | _name_parts(needles), key=len, reverse=True):
        text = re.sub(re.escape(needle), "…", text, flags=re.IGNORECASE)
    return text


def _erase(who: Identities, *, reason: str, preview: bool = False) -> tuple[ErasureReport, set[str]]:
    found = register()
    finder = PersonFinder(found, who, reference_subjects=True)
    report = ErasureReport()
    with unscoped("Erasure removes one person's records from every tenant they have data in."):
        needles = identifying_strings(who)
        needles |= _phone_forms(needles)
        planned: list[tuple[PersonalModel, list]] = []
        for declared in found.models:
            if not declared.subject:
                pks: list = []
            else:
                pks = list(finder.rows(declared).order_by().values_list("pk", flat=True))
            planned.append((declared, pks))
        by_label = {declared.model_class._meta.label_lower: pks for declared, pks in planned}
        extra_audit = _audit_entries_about(by_label, tenant=who.tenant)
        named_audit, named_access = _log_rows_naming(needles, tenant=who.tenant)
        for declared, pks in planned:
            label = declared.model_class._meta.label_lower
            if label == "core.auditentry":
                pks[:] = sorted(set(pks) | set(extra_audit) | set(named_audit))
            elif label == "core.accessentry":
                pks[:] = sorted(set(pks) | set(named_access))
            if pks:
                report.kinds.append(ErasedKind(declared=declared, erasure=declared.erasure or Erasure.KEEP, count=0))
        counts = {declared.model: len(pks) for declared, pks in planned}
        if preview:
            report.kinds = [
                ErasedKind(declared=kind.declared, erasure=kind.erasure, count=counts[kind.model])
                for kind in report.kinds
            ]
            return report, needles

        for _config, module in _hooks():
            # This module is core's "erasure" module too; it offers no hook.
            hook = getattr(module, "erase", None)
            if hook is not None:
                deleted_files = hook(who)
                if isinstance(deleted_files, int):
                    report.files_deleted += deleted_files

        tenant_ids: set = set()
        erased: dict[str, list] = {}
        for declared, pks in planned:
            if pks and declared.erasure != Erasure.DELETE:
                tenant_ids.update(_tenant_ids(declared, pks))
            if pks and declared.erasure != Erasure.KEEP:
                erased[declared.model.lower()] = pks
        users = [pk for model, pks in who.records.items() if model._meta.label_lower == "accounts.user" for pk in pks]
        if users:
            # An erased account's name leaves the access entries it wrote as reader (the reading stays logged).
            models.QuerySet.update(AccessEntry._base_manager.filter(actor_id__in=users), actor=None, actor_label="")
        # Anonymise first (what is kept may be found through rows about to be deleted), then delete, the rows that
        # depend on others first.
        done: dict[str, int] = {}
        for declared, pks in planned:
            if declared.erasure == Erasure.ANONYMISE:
                done[declared.model] = _apply(declared, pks)
        for declared, pks in reversed(planned):
            if declared.erasure == Erasure.DELETE:
                _apply(declared, pks)
                done[declared.model] = len(pks)
        report.kinds = [
            ErasedKind(declared=kind.declared, erasure=kind.erasure, count=done.get(kind.model, counts[kind.model]))
            for kind in report.kinds
        ]
        emails = {needle for needle in needles if "@" in needle}
        if emails:
            ThrottleWindow.objects.filter(key__in=[throttle._key(email) for email in emails]).delete()
        _erase_admin_log(planned, needles)
        _end_sessions(users)
    send_after_commit(personal_data_erased, erased=erased, tenant_ids=sorted(tenant_ids, key=lambda pk: pk or 0))
    transaction.on_commit(_clear_caches)
    return report, needles


def _erase_admin_log(planned: list[tuple[PersonalModel, list]], needles: set[str]) -> None:
    """The Django admin's own log (the operator's changes) names the objects it changed: its entries about the
    erased rows, and those whose text names the person, go. (Entries the erased account wrote go with the account.)"""
    if not django_apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    about = Q(pk__in=[])
    for declared, pks in planned:
        if pks:
            content_type = ContentType.objects.get_for_model(declared.model_class)
            for batch in _batches([str(pk) for pk in pks]):
                about |= Q(content_type=content_type, object_id__in=batch)
    for needle in needles:
        about |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    LogEntry.objects.filter(about).delete()


def _end_sessions(user_ids: list) -> None:
    """An erased account's sessions go from the session table (they hold its id until they expire). Sessions kept
    elsewhere than the database (a cache) end with the account all the same: its id no longer finds anyone."""
    if not user_ids or settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    wanted = {str(pk) for pk in user_ids}
    ended = [
        session.session_key
        for session in Session.objects.only("session_key", "session_data").iterator(chunk_size=2000)
        if str(session.get_decoded().get(SESSION_KEY, "")) in wanted
    ]
    for batch in _batches(ended):
        Session.objects.filter(session_key__in=batch).delete()


DATABASE_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


def _clear_caches() -> None:
    for alias in settings.CACHES:
        caches[alias].clear()


@transaction.atomic
def erase_user(*, user: User, actor: User | None, reason: str) -> ErasureReport:
    """Erase an account's person everywhere: the account, its profile and roles, the contact records linked to it
    or kept under its confirmed address, and what the register says about them (see the module's docstring)."""
    if not reason.strip():
        raise ErasureError("An erasure needs a reason.")
    user_id = user.pk
    report, needles = _erase(user_identities(user), reason=reason)
    log_action(
        "accounts.user.erased",
        actor=actor if actor is not None and getattr(actor, "pk", None) != user_id else None,
        data={"user_id": user_id, "reason": _scrub(reason, needles), "rows": report.summary()},
    )
    return report


@transaction.atomic
def erase_person(*, person: models.Model, actor: User | None, reason: str) -> ErasureReport:
    """Erase a contact record (a CRM person) and what is kept about it in its tenant, also under its e-mail address
    (see the module's docstring)."""
    if not reason.strip():
        raise ErasureError("An erasure needs a reason.")
    person_id, tenant, label = person.pk, getattr(person, "tenant", None), person._meta.label_lower
    report, needles = _erase(person_identities(person), reason=reason)
    log_action(
        f"{label}.erased",
        actor=actor,
        tenant=tenant,
        data={"person_id": person_id, "reason": _scrub(reason, needles), "rows": report.summary()},
    )
    return report


def person_erasure_preview(*, person: models.Model) -> ErasureReport:
    """What `erase_person` would delete, anonymise and keep, per kind of record (nothing is changed)."""
    report, _needles = _erase(person_identities(person), reason="preview", preview=True)
    return report
