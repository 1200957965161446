"""The right of access: everything the platform holds about one person, read through the register of personal data.

`personal_data_export(user=...)` gathers, across all tenants, every row the register says is about the person and
hands back only the fields marked `in_access_export`, grouped by each app's processing activity and labelled in the
active language. The shape is documented in core/schemas/personal_data.json.

Who "the person" is (the identities the register's `subject` paths are matched against):
- for a user account: the account itself, the account's e-mail address once it is confirmed (records kept by
  e-mail, such as a guest's application, then belong to the person who has proved the address is theirs; an
  unconfirmed address matches nothing), and every CRM person linked to the account (`Person.user`) or kept under
  that confirmed address;
- for a CRM person (staff export on request): that person, and records kept under the person's e-mail address in
  the person's own tenant only.

A `subject` path is followed by its field: a column holding an e-mail address is compared case-insensitively with
the person's addresses; a relation to an identity model matches the identity's rows; a relation to another declared
model matches the rows already found there; "pk" matches the identity rows themselves. The access log (whose subject
is a generic reference) is reported on its own, as who has read the person's confidential records; audit entries
about the person (the person is their target) are reported on their own too, beside those where the person acted.

Erasure (core/erasure.py) finds the rows to erase with the same `PersonFinder` and identities.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from frivillig.core.access_log import access_entries_about
from frivillig.core.audit import action_label
from frivillig.core.consent import consent_export, consents_about
from frivillig.core.models import AuditEntry
from frivillig.core.privacy import PersonalModel, Register, register
from frivillig.core.scoping import unscoped

if TYPE_CHECKING:
    from frivillig.accounts.models import User

SCHEMA_ID = "frivillig-personal-data/1"


def _language() -> str:
    return "da" if (get_language() or "da").startswith("da") else "en"


def _value(model_field: models.Field | Any, obj: models.Model) -> Any:
    if getattr(model_field, "many_to_many", False):
        return [str(related) for related in getattr(obj, model_field.name).all()]
    if getattr(model_field, "is_relation", False):
        related = getattr(obj, model_field.name)
        return str(related) if related is not None else None
    value = getattr(obj, model_field.attname)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _field_entry(name: str, label: str, model_field: models.Field | Any, obj: models.Model) -> dict:
    """One field of a record in the export: its value as stored (a choice's key, for a computer), and for a choice
    also `shown`, the choice as the pages name it, in the export's language (for the person)."""
    entry = {"name": name, "label": label, "value": _value(model_field, obj)}
    choices = dict(getattr(model_field, "flatchoices", None) or ())
    if choices and entry["value"] in choices:
        entry["shown"] = str(choices[entry["value"]])
    return entry


@dataclass(frozen=True)
class Identities:
    """Who one person is: their identity records (model: primary keys), the e-mail addresses records kept by
    address are theirs under, and the tenant they are limited to (None: every tenant). See the module's docstring."""

    records: dict[type[models.Model], set]
    emails: set[str]
    tenant: Any = None


class PersonFinder:
    """Finds, per declared model, the rows about the person: for the access export and for erasure
    (core/erasure.py). The caller opens the scope its reads need."""

    def __init__(self, found: Register, identities: Identities, *, reference_subjects: bool = False) -> None:
        self.found = found
        # Whether rows that refer to the person by a generic reference count (erasure); the access export reports
        # who read the person's records and their consents in sections of their own.
        self.reference_subjects = reference_subjects
        self.identities = identities.records
        self.emails = {email.strip().lower() for email in identities.emails if email and email.strip()}
        self.tenant = identities.tenant
        self._cache: dict[str, models.QuerySet] = {}

    def _base(self, model: type[models.Model]) -> models.QuerySet:
        queryset = model._default_manager.all()
        if self.tenant is not None and any(f.name == "tenant" for f in model._meta.concrete_fields):
            queryset = queryset.filter(tenant=self.tenant)
        return queryset

    def _relation_q(self, path: str, target: type[models.Model]) -> Q | None:
        for identity_model, pks in self.identities.items():
            if issubclass(target, identity_model) or issubclass(identity_model, target):
                return Q(**{f"{path}__in": list(pks)})
        parent = self.found.for_model(target._meta.label)
        if parent is not None and parent.subject:
            return Q(**{f"{path}__in": self.rows(parent).values("pk")})
        return None

    def _email_q(self, path: str) -> Q | None:
        if not self.emails:
            return None
        query = Q()
        for email in self.emails:
            query |= Q(**{f"{path}__iexact": email})
        return query

    def rows(self, declared: PersonalModel) -> models.QuerySet:
        key = declared.model.lower()
        if key in self._cache:
            return self._cache[key]
        model = declared.model_class
        queryset = self._base(model)
        query: Q | None = None
        if declared.subject == "pk":
            for identity_model, pks in self.identities.items():
                if issubclass(model, identity_model):
                    query = Q(pk__in=list(pks))
        elif declared.subject == "subject_id" and "subject_type" in names_of(model):
            query = self._reference_q()
        elif declared.subject:
            model_field = model._meta.get_field(declared.subject)
            if model_field.is_relation:
                query = self._relation_q(declared.subject, model_field.related_model)
            elif isinstance(model_field, models.EmailField) or declared.subject.endswith("email"):
                query = self._email_q(declared.subject)
                # A record kept by e-mail may also name the account it was made from.
                names = {f.name: f for f in model._meta.concrete_fields}
                if "user" in names and names["user"].is_relation:
                    by_user = self._relation_q("user", names["user"].related_model)
                    if by_user is not None:
                        query = by_user if query is None else query | by_user
        result = queryset.filter(query).distinct() if query is not None else queryset.none()
        self._cache[key] = result
        return result

    def _reference_q(self) -> Q | None:
        """A generic reference (`subject_type`, `subject_id`, as in the access log and the consents) to one of
        the identities."""
        from django.contrib.contenttypes.models import ContentType

        if not self.reference_subjects:
            return None
        query = Q(pk__in=[])
        for identity_model, pks in self.identities.items():
            query |= Q(
                subject_type=ContentType.objects.get_for_model(identity_model),
                subject_id__in=[str(pk) for pk in pks],
            )
        return query


def names_of(model: type[models.Model]) -> set[str]:
    return {model_field.name for model_field in model._meta.concrete_fields}


def _audit_entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "when": entry.created_at.isoformat(),
        "what": str(action_label(entry.code)),
        "code": entry.code,
        "actor": entry.actor_label or None,
        "concerns": entry.target_label or None,
        "tenant": str(entry.tenant) if entry.tenant_id else None,
    }


def _export(*, who: Identities, subject: dict) -> dict:
    language = _language()
    found = register()
    matcher = PersonFinder(found, who)
    identities, tenant = who.records, who.tenant
    sections = []
    with unscoped("The right of access gathers one person's records from every tenant they have data in."):
        for app_label, declared_models in found.by_app():
            da, en = found.activities.get(app_label, (app_label, app_label))
            records = []
            for declared in declared_models:
                if not declared.subject or declared.model.lower() == "core.accessentry":
                    continue
                exported = [resolved for resolved in declared.resolved_fields() if resolved.in_access_export]
                if not exported:
                    continue
                meta = declared.model_class._meta
                has_tenant = any(f.name == "tenant" for f in meta.concrete_fields)
                for obj in matcher.rows(declared).order_by("pk"):
                    records.append(
                        {
                            "kind": declared.model.lower(),
                            "title": declared.verbose_name,
                            "tenant": str(obj.tenant) if has_tenant and obj.tenant_id else None,
                            "fields": [
                                _field_entry(resolved.name, resolved.verbose_name, meta.get_field(resolved.name), obj)
                                for resolved in exported
                            ],
                        }
                    )
            if records:
                sections.append({"app": app_label, "title": da if language == "da" else en, "records": records})

        reads = []
        audit_about = AuditEntry.objects.none()
        for identity_model, pks in identities.items():
            for obj in identity_model._default_manager.filter(pk__in=list(pks)):
                entries = access_entries_about(obj)
                if tenant is not None:
                    entries = entries.filter(tenant=tenant)
                for entry in entries.order_by("created_at", "pk"):
                    reads.append(
                        {
                            "when": entry.created_at.isoformat(),
                            "reader": entry.actor_label or None,
                            "what": str(action_label(entry.what)),
                            "page": entry.page_name or None,
                            "reason": entry.reason or None,
                            "tenant": str(entry.tenant) if entry.tenant_id else None,
                        }
                    )
            audit_about = audit_about | AuditEntry.objects.filter(
                target_type=identity_model._meta.label_lower, target_id__in=[str(pk) for pk in pks]
            )
        if tenant is not None:
            audit_about = audit_about.filter(tenant=tenant)
        audit = [_audit_entry(entry) for entry in audit_about.order_by("created_at", "pk")]
        consents = consents_about(identities)
        if tenant is not None:
            consents = consents.filter(tenant=tenant)
        consent_rows = [consent_export(consent) for consent in consents]
    return {
        "schema": SCHEMA_ID,
        "generated_at": timezone.now().isoformat(),
        "language": language,
        "subject": subject,
        "sections": sections,
        "audit_entries_about_you": audit,
        "sensitive_reads": reads,
        "consents": consent_rows,
    }


def user_identities(user: User) -> Identities:
    """Who the account's person is, in every tenant: the account, its e-mail address once it is confirmed, and the
    CRM people (or any other declared person record) linked to the account by a `user` field or kept under that
    confirmed address."""
    emails = {user.email} if getattr(user, "email_verified_at", None) else set()
    return Identities(records=_linked_people(user, emails), emails=emails)


def person_identities(person: models.Model) -> Identities:
    """Who a contact record without a login (a CRM person) is: the record, and its e-mail address within the
    record's own tenant."""
    return Identities(
        records={person._meta.model: {person.pk}},
        emails={person.email} if getattr(person, "email", "") else set(),
        tenant=person.tenant,
    )


def _linked_people(user: User, emails: set[str]) -> dict[type[models.Model], set]:
    user_model = user._meta.model  # not type(user): a request's user is a lazy object
    identities: dict[type[models.Model], set] = {user_model: {user.pk}}
    with unscoped("A person's account may be linked to contact records in several tenants."):
        for declared in register().models:
            model = declared.model_class
            if declared.subject != "pk" or issubclass(model, user_model):
                continue
            names = {f.name: f for f in model._meta.concrete_fields}
            query = Q(pk__in=[])
            link = names.get("user")
            if link is not None and link.is_relation and issubclass(user_model, link.related_model):
                query |= Q(user=user)
            if isinstance(names.get("email"), models.EmailField):
                for email in emails:
                    query |= Q(email__iexact=email.strip())
            pks = set(model._default_manager.filter(query).values_list("pk", flat=True))
            if pks:
                identities.setdefault(model, set()).update(pks)
    return identities


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about the account's person, across all tenants (see the module's docstring)."""
    return _export(
        who=user_identities(user),
        subject={"kind": "user", "name": user.full_name or user.email, "email": user.email},
    )


def person_data_export(*, person: models.Model) -> dict:
    """The same export for a contact record without a login (a CRM person), within the person's own tenant."""
    return _export(
        who=person_identities(person),
        subject={"kind": "contact", "name": str(person), "email": getattr(person, "email", "") or None},
    )
