"""The register of personal data: what each app holds about people, why, on what legal basis and for how long.

Each app declares its own models in its `privacy.py` (`MODELS = [PersonalModel(...)]`, and `NOT_PERSONAL` for a
model whose fields look personal but are not, with the reason). The registry finds them; `register()` gathers them
and `problems()` names every field that is not classified, so that a new field cannot slip in unnoticed (the
meta-test in core/tests/test_privacy_register.py fails on any problem). Every model with a field named like
personal data, or with a link to a person (a relation to a user account or a contact, or a generic reference that
may point at one), must be declared; a link to a person is personal data (who created, entered or published
something) and must be classified as such. The Article 30 record of processing activities, the access export and
erasure read the register, never the apps' models directly.

Purposes and retention rules are written in Danish and English side by side in the declaration (like the word
lists' labels), so that the record reads well in both languages without a catalogue entry per sentence.

Core's own models (the audit log, the throttle) are declared at the bottom of this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.core.registry import app_modules


class Category(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary personal data")
    CONFIDENTIAL = "confidential", _("Confidential personal data")
    SPECIAL = "special", _("Special category of personal data")


class LegalBasis(models.TextChoices):
    CONSENT = "art6_1a", _("Consent (GDPR article 6(1)(a))")
    CONTRACT = "art6_1b", _("An agreement the person has entered into, such as a user account (GDPR article 6(1)(b))")
    LEGAL_OBLIGATION = "art6_1c", _("A legal obligation (GDPR article 6(1)(c))")
    PUBLIC_TASK = (
        "art6_1e",
        _(
            "A task in the public interest: the municipality's support of voluntary social work "
            "(GDPR article 6(1)(e), Social Services Act section 18)"
        ),
    )
    LEGITIMATE_INTEREST = "art6_1f", _("A legitimate interest (GDPR article 6(1)(f))")
    EXPLICIT_CONSENT = "art9_2a", _("Explicit consent (GDPR article 9(2)(a))")


def _in_language(da: str, en: str) -> str:
    return da if (get_language() or "da").startswith("da") else en


def _period(days: int, language: str) -> str:
    if days % 365 == 0:
        years = days // 365
        return (f"{years} år" if language == "da" else f"{years} year" + ("s" if years != 1 else "")) if years else ""
    if language == "da":
        return f"{days} dag" + ("e" if days != 1 else "")
    return f"{days} day" + ("s" if days != 1 else "")


def tenant_retention_days(tenant, key: str) -> int | None:
    """The period a tenant has chosen for a retention setting (Tenant.retention_settings, set by the tenant admin on
    the retention settings page), or None while it keeps the default."""
    chosen = getattr(tenant, "retention_settings", None) or {}
    value = chosen.get(key) if isinstance(chosen, dict) else None
    return int(value) if value is not None else None


@dataclass(frozen=True)
class Retention:
    """How long a field is kept. Build one with the class methods; `describe()` words it in the active language."""

    kind: str
    days: int | None = None
    setting: str = ""
    minimum_days: int | None = None
    maximum_days: int | None = None
    after_da: str = ""
    after_en: str = ""
    label_da: str = ""
    label_en: str = ""

    @classmethod
    def while_account_exists(cls) -> Retention:
        return cls("account")

    @classmethod
    def until_consent_withdrawn(cls) -> Retention:
        return cls("consent")

    @classmethod
    def with_record(cls, *, da: str, en: str) -> Retention:
        """Kept as long as the record it belongs to (`da`/`en` name that record's own rule)."""
        return cls("record", after_da=da, after_en=en)

    @classmethod
    def fixed(cls, days: int, *, after_da: str, after_en: str) -> Retention:
        return cls("fixed", days=days, after_da=after_da, after_en=after_en)

    @classmethod
    def tenant_setting(
        cls,
        key: str,
        *,
        label_da: str,
        label_en: str,
        default_days: int,
        minimum_days: int,
        maximum_days: int,
        after_da: str,
        after_en: str,
    ) -> Retention:
        """A period the tenant chooses within legal bounds; `label_da`/`label_en` name what is kept for it, as the
        administrator's settings page asks ("Afsluttede ansøgninger")."""
        if not minimum_days <= default_days <= maximum_days:
            raise ValueError(f"The default of {key!r} lies outside its legal bounds.")
        return cls(
            "tenant",
            days=default_days,
            setting=key,
            minimum_days=minimum_days,
            maximum_days=maximum_days,
            after_da=after_da,
            after_en=after_en,
            label_da=label_da,
            label_en=label_en,
        )

    @property
    def label(self) -> str:
        return _in_language(self.label_da, self.label_en)

    def days_for(self, tenant) -> tuple[int | None, bool]:
        """(the period in days for this tenant, whether it is the default)."""
        if self.kind != "tenant" or tenant is None:
            return self.days, True
        chosen = tenant_retention_days(tenant, self.setting)
        return (chosen, False) if chosen is not None else (self.days, True)

    def describe(self, tenant=None) -> str:
        language = "da" if (get_language() or "da").startswith("da") else "en"
        after = self.after_da if language == "da" else self.after_en
        if self.kind == "account":
            return _in_language(
                "Så længe brugerkontoen findes; slettes sammen med kontoen.",
                "As long as the user account exists; deleted with the account.",
            )
        if self.kind == "consent":
            return _in_language(
                "Indtil samtykket trækkes tilbage; slettes derefter.",
                "Until consent is withdrawn; deleted then.",
            )
        if self.kind == "record":
            return after
        days, is_default = self.days_for(tenant)
        text = f"{_period(days, language)} {after}"
        if self.kind == "tenant":
            bounds = (
                f"{_period(self.minimum_days, language)}–{_period(self.maximum_days, language)}"
                if language == "da"
                else f"{_period(self.minimum_days, language)} to {_period(self.maximum_days, language)}"
            )
            if is_default:
                text += _in_language(
                    f" (standard; centret kan vælge mellem {bounds})",
                    f" (the default; the centre may choose from {bounds})",
                )
            else:
                text += _in_language(
                    f" (valgt af centret; tilladt {bounds})",
                    f" (chosen by the centre; allowed {bounds})",
                )
        return text


class Erasure(StrEnum):
    """What erasure (core/erasure.py) does with a row about a person who is erased.

    DELETE: the row goes (and what the database deletes with it). ANONYMISE: the row stays for the statistics and
    each declared PersonalField is emptied (see `erased_value`). KEEP: the row stays as it is; only with a written
    legal reason (`erasure_reason`), for rows that must stay and identify no one once the rest is gone."""

    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# A PersonalField's `erased`: EMPTY (the default) empties the field as its type allows; UNCHANGED keeps it in an
# anonymised row (a date the statistics count, a link that goes with the deleted person anyway; say why beside it);
# any other value is the replacement, or a callable that makes one from the row (for a unique column).
EMPTY: Any = _Marker("EMPTY")
UNCHANGED: Any = _Marker("UNCHANGED")
# What an emptied text or address says where the column may not be blank.
ERASED_TEXT = "(slettet)"
ERASED_EMAIL = "slettet@example.invalid"


@dataclass(frozen=True)
class PersonalField:
    """One field that holds personal data. Purpose, legal basis and retention default to its model's; `erased`
    says what the field becomes when its row is anonymised (see Erasure)."""

    name: str
    category: str = Category.ORDINARY
    purpose_da: str = ""
    purpose_en: str = ""
    legal_basis: str = ""
    retention: Retention | None = None
    in_access_export: bool = True
    # The name the record shows, where the model field's own verbose name is missing or says too little.
    label_da: str = ""
    label_en: str = ""
    erased: Any = EMPTY


def empty_value(model_field: models.Field | Any) -> Any:
    """What a field becomes in an anonymised row when its declaration states nothing else: None where the column
    allows it, "" for text ("(slettet)" where blank is not allowed), an empty list or dict for JSON, false for a
    yes/no; ValueError for a field that has no empty value (its declaration must say, with `erased`)."""
    if getattr(model_field, "many_to_many", False):
        return []
    if model_field.null:
        return None
    if isinstance(model_field, models.JSONField):
        default = model_field.get_default()
        if isinstance(default, list | dict):
            return type(default)()
    elif isinstance(model_field, models.EmailField):
        return "" if model_field.blank else ERASED_EMAIL
    elif isinstance(model_field, models.CharField | models.TextField):
        return "" if model_field.blank else ERASED_TEXT
    elif isinstance(model_field, models.BooleanField):
        return bool(model_field.get_default())
    raise ValueError(f"{model_field.model._meta.label}.{model_field.name} has no empty value.")


def erased_value(model_field: models.Field | Any, declared: PersonalField) -> Any:
    """The field's value in an anonymised row: a value, a callable taking the row, or UNCHANGED."""
    if declared.erased is EMPTY:
        return empty_value(model_field)
    return declared.erased


@dataclass(frozen=True)
class ResolvedField:
    """A field with its model's defaults filled in: what the record shows in one row."""

    model: str
    name: str
    verbose_name: str
    category: str
    purpose_da: str
    purpose_en: str
    legal_basis: str
    retention: Retention
    in_access_export: bool

    @property
    def purpose(self) -> str:
        return _in_language(self.purpose_da, self.purpose_en)

    @property
    def category_label(self) -> str:
        return Category(self.category).label

    @property
    def legal_basis_label(self) -> str:
        return LegalBasis(self.legal_basis).label


@dataclass(frozen=True)
class PersonalModel:
    """A model that holds personal data.

    `subject` says how to find the person a row is about: a field path (`"user"`, `"person"`, `"email"`), or ""
    where the row is about no single person (an association's contact details). Every other concrete field of the
    model is named in `not_personal`, on purpose, so the meta-test can tell a forgotten field from a harmless one."""

    model: str
    subject: str
    purpose_da: str
    purpose_en: str
    legal_basis: str
    retention: Retention
    fields: tuple[PersonalField, ...] | list[PersonalField] = ()
    not_personal: tuple[str, ...] | list[str] = ()
    label_da: str = ""
    label_en: str = ""
    # What erasure does with a row about an erased person; every declaration must say (the meta-test checks).
    erasure: Erasure | None = None
    # Why a row is kept (Erasure.KEEP), for the reader: the legal reason.
    erasure_reason: str = ""

    @cached_property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def app_label(self) -> str:
        return self.model.split(".", 1)[0]

    @property
    def verbose_name(self) -> str:
        if self.label_da or self.label_en:
            return _in_language(self.label_da, self.label_en)
        return str(self.model_class._meta.verbose_name)

    @property
    def purpose(self) -> str:
        return _in_language(self.purpose_da, self.purpose_en)

    @property
    def legal_basis_label(self) -> str:
        return LegalBasis(self.legal_basis).label

    def resolved_fields(self) -> list[ResolvedField]:
        meta = self.model_class._meta
        return [
            ResolvedField(
                model=self.model,
                name=declared.name,
                verbose_name=(
                    _in_language(declared.label_da, declared.label_en)
                    if declared.label_da or declared.label_en
                    else str(meta.get_field(declared.name).verbose_name)
                ),
                category=declared.category,
                purpose_da=declared.purpose_da or self.purpose_da,
                purpose_en=declared.purpose_en or self.purpose_en,
                legal_basis=declared.legal_basis or self.legal_basis,
                retention=declared.retention or self.retention,
                in_access_export=declared.in_access_export,
            )
            for declared in self.fields
        ]


@dataclass(frozen=True)
class NotPersonal:
    """A model with fields named like personal data that holds none (the reason is written for the reader)."""

    model: str
    reason: str


@dataclass
class Register:
    models: list[PersonalModel] = field(default_factory=list)
    not_personal: list[NotPersonal] = field(default_factory=list)
    # Which app's privacy module declared each model: for the messages that say where to declare.
    declared_in: dict[str, str] = field(default_factory=dict)
    # Each app's name for its processing activity (ACTIVITY_DA, ACTIVITY_EN in its privacy module).
    activities: dict[str, tuple[str, str]] = field(default_factory=dict)

    def for_model(self, label: str) -> PersonalModel | None:
        return next((declared for declared in self.models if declared.model.lower() == label.lower()), None)

    def by_app(self) -> list[tuple[str, list[PersonalModel]]]:
        grouped: dict[str, list[PersonalModel]] = {}
        for declared in self.models:
            grouped.setdefault(declared.app_label, []).append(declared)
        return list(grouped.items())


def register() -> Register:
    """Every app's declarations, in INSTALLED_APPS order."""
    found = Register()
    for config, module in app_modules("privacy"):
        found.activities[config.label] = (
            getattr(module, "ACTIVITY_DA", str(config.verbose_name)),
            getattr(module, "ACTIVITY_EN", str(config.verbose_name)),
        )
        for declared in getattr(module, "MODELS", ()):
            found.models.append(declared)
            found.declared_in[declared.model.lower()] = module.__name__
        for declared in getattr(module, "NOT_PERSONAL", ()):
            found.not_personal.append(declared)
            found.declared_in[declared.model.lower()] = module.__name__
    return found


@dataclass(frozen=True)
class RecordRow:
    """One field in the record of processing activities, worded for a tenant in the active language."""

    field: ResolvedField
    retention: str
    # Whether purpose, legal basis or retention differ from the model's (the record then shows them in the row).
    own_terms: bool


@dataclass(frozen=True)
class RecordEntry:
    declared: PersonalModel
    retention: str
    rows: list[RecordRow]


def record(tenant) -> list[tuple[str, list[RecordEntry]]]:
    """The Article 30 record: per app's processing activity, its models with their fields, the retention rules
    worded with the tenant's own periods where a rule is a tenant setting."""
    found = register()
    groups = []
    for app_label, declared_models in found.by_app():
        da, en = found.activities.get(app_label, (app_label, app_label))
        entries = []
        for declared in declared_models:
            rows = [
                RecordRow(
                    field=resolved,
                    retention=resolved.retention.describe(tenant),
                    own_terms=(resolved.purpose_en, resolved.legal_basis, resolved.retention)
                    != (declared.purpose_en, declared.legal_basis, declared.retention),
                )
                for resolved in declared.resolved_fields()
            ]
            entries.append(RecordEntry(declared=declared, retention=declared.retention.describe(tenant), rows=rows))
        groups.append((_in_language(da, en), entries))
    return groups


# Field names that suggest personal data: a model with one of them must be declared (as personal or not personal).
PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|email_address|phone|mobile|name|full_name|first_name|last_name|address|birth|birthday|"
    r"birth_date|cpr|message|notes?|comment|text|summary|user|person|actor|author|ip|ip_address)($|_)"
)


def model_fields(model: type[models.Model]) -> list[str]:
    """The fields the register must account for: every column and many-to-many relation but the primary key."""
    return [
        model_field.name
        for model_field in model._meta.get_fields()
        if not model_field.auto_created
        and (model_field.concrete or model_field.many_to_many)
        and not getattr(model_field, "primary_key", False)
    ]


def person_models(found: Register) -> tuple[type[models.Model], ...]:
    """The models whose rows are people: the user model, and every declared model whose subject is the row itself
    (`subject="pk"`: crm.Person today; a later app's own record of a person too)."""
    from django.contrib.auth import get_user_model

    people: list[type[models.Model]] = [get_user_model()]
    for declared in found.models:
        if declared.subject != "pk":
            continue
        try:
            people.append(declared.model_class)
        except LookupError:
            continue  # problems() names a declaration of a model that is not installed
    return tuple(people)


GENERIC_REFERENCE = "any record, by a generic reference"


def links_to_people(model: type[models.Model], people: tuple[type[models.Model], ...]) -> dict[str, str]:
    """The fields of `model` that may point at a person, each with what it points at: a foreign key, one-to-one or
    many-to-many relation to one of `people`, and the id of a generic reference, which may point at any record (a
    GenericForeignKey's id field, or `<x>_id` beside a `<x>_type` that names the model, by content type or label,
    or `object_id` beside `content_type`)."""
    from django.contrib.contenttypes.fields import GenericForeignKey
    from django.contrib.contenttypes.models import ContentType

    meta = model._meta
    names = model_fields(model)
    links: dict[str, str] = {}
    for name in names:
        model_field = meta.get_field(name)
        related = model_field.related_model if model_field.is_relation else None
        if isinstance(related, type) and issubclass(related, people):
            links[name] = related._meta.label
    for private in meta.private_fields:
        if isinstance(private, GenericForeignKey) and private.fk_field in names:
            links.setdefault(private.fk_field, GENERIC_REFERENCE)
    for name in names:
        # Django's own naming (content_type, object_id), and ours (subject_type, subject_id).
        id_name = "object_id" if name == "content_type" else f"{name.removesuffix('_type')}_id"
        if not name.endswith("_type") or id_name not in names:
            continue
        model_field = meta.get_field(name)
        related = model_field.related_model if model_field.is_relation else None
        names_a_model = (isinstance(related, type) and issubclass(related, ContentType)) or isinstance(
            model_field, models.CharField
        )
        if names_a_model:
            links.setdefault(id_name, GENERIC_REFERENCE)
    return links


def _links(links: dict[str, str]) -> str:
    return ", ".join(f"{name} → {target}" for name, target in sorted(links.items()))


def _where(config_name: str) -> str:
    return f"{config_name}.privacy"


def problems(found: Register | None = None) -> list[str]:
    """What the register misses or gets wrong, each a sentence that says which field and where to declare it."""
    from frivillig.core.registry import project_apps

    found = found or register()
    people = person_models(found)
    project_names = {config.name for config in project_apps()}
    messages: list[str] = []
    seen: set[str] = set()
    for declared in [*found.models, *found.not_personal]:
        label = declared.model.lower()
        where = found.declared_in.get(label, "?")
        if label in seen:
            messages.append(f"{declared.model} is declared twice in the register (again in {where}).")
        seen.add(label)
        try:
            model = apps.get_model(declared.model)
        except LookupError:
            messages.append(f"{where} declares {declared.model}, which is not an installed model.")
            continue
        owner = model._meta.app_config.name
        # A project app declares its own models; Django's and third-party apps' models (sessions, the admin's log)
        # are declared by core, on the platform's behalf.
        expected = _where(owner) if owner in project_names else _where("frivillig.core")
        if expected != where:
            messages.append(f"{declared.model} is declared in {where}; declare it in {expected}.")
        links = links_to_people(model, people)
        if isinstance(declared, NotPersonal):
            if links:
                messages.append(
                    f"{declared.model} is declared not personal in {where}, but links to a person ({_links(links)}): "
                    "a link to a person is personal data; declare the model as PersonalModel(...) with a "
                    "PersonalField for each link."
                )
            continue
        names = set(model_fields(model))
        classified = [personal.name for personal in declared.fields]
        for name in [*classified, *declared.not_personal]:
            if name not in names:
                messages.append(f"{declared.model}.{name} is named in {where} but is no field of the model.")
        for name in set(classified) & set(declared.not_personal):
            messages.append(f"{declared.model}.{name} is both classified and not personal in {where}.")
        for name in sorted(set(links) & set(declared.not_personal) - set(classified)):
            messages.append(
                f"{declared.model}.{name} links to a person ({links[name]}) but is named in not_personal in {where}: "
                f"a link to a person is personal data; classify it with PersonalField({name!r}, ...)."
            )
        for name in sorted(names - set(classified) - set(declared.not_personal)):
            messages.append(
                f"{declared.model}.{name} is not classified: add PersonalField({name!r}, ...) to the "
                f"PersonalModel({declared.model!r}) in {where}, or name it in its not_personal if it holds no "
                "personal data."
            )
        messages.extend(_erasure_problems(declared, model, where))
        for personal in declared.fields:
            if personal.category not in Category.values:
                messages.append(f"{declared.model}.{personal.name} has an unknown category in {where}.")
            if (personal.legal_basis or declared.legal_basis) not in LegalBasis.values:
                messages.append(f"{declared.model}.{personal.name} has an unknown legal basis in {where}.")
    for config in project_apps():
        for model in config.get_models():
            if model._meta.label_lower in seen:
                continue
            looking_personal = [name for name in model_fields(model) if PERSONAL_NAME.search(name)]
            if looking_personal:
                messages.append(
                    f"{model._meta.label} has fields named like personal data ({', '.join(looking_personal)}) but "
                    f"is not in the register: declare it in {_where(config.name)} (MODELS = [PersonalModel(...)], "
                    "or NOT_PERSONAL with the reason)."
                )
            links = links_to_people(model, people)
            if links:
                messages.append(
                    f"{model._meta.label} links to a person ({_links(links)}) but is not in the register: declare "
                    f"it in {_where(config.name)} as PersonalModel(...) with a PersonalField for each link (a link "
                    "to a person is personal data)."
                )
    return messages


def _erasure_problems(declared: PersonalModel, model: type[models.Model], where: str) -> list[str]:
    if declared.erasure is None:
        return [
            f"{declared.model} states no erasure: add erasure=Erasure.DELETE, Erasure.ANONYMISE or Erasure.KEEP "
            f"(with erasure_reason) to its PersonalModel in {where}."
        ]
    if declared.erasure not in set(Erasure):
        return [f"{declared.model} has an unknown erasure {declared.erasure!r} in {where}."]
    if declared.erasure == Erasure.KEEP and not declared.erasure_reason.strip():
        return [f"{declared.model} is kept on erasure without a reason: write the legal reason in erasure_reason."]
    messages = []
    if declared.erasure == Erasure.ANONYMISE:
        for personal in declared.fields:
            try:
                model_field = model._meta.get_field(personal.name)
                erased_value(model_field, personal)
            except (ValueError, LookupError):
                messages.append(
                    f"{declared.model}.{personal.name} cannot be emptied when a row is anonymised: state its "
                    f"replacement (erased=...) or erased=UNCHANGED with the reason, in {where}."
                )
    return messages


# Core's own models.
ACTIVITY_DA = "Log over handlinger og læsning"
ACTIVITY_EN = "Logs of actions and reading"

# The audit log documents who changed what: five years by default, the ordinary limitation period (forældelsesloven
# § 3) within which a claim about an act may be raised; at least one year, so that a year's work can be reviewed and
# misuse found in the yearly review; at most ten years, the longest limitation period (§ 7).
_AUDIT_RETENTION = Retention.tenant_setting(
    "audit_log_days",
    label_da="Handlingsloggen",
    label_en="The audit log",
    default_days=5 * 365,
    minimum_days=365,
    maximum_days=10 * 365,
    after_da="efter handlingen",
    after_en="after the action",
)

MODELS = [
    PersonalModel(
        "core.AuditEntry",
        subject="actor",
        purpose_da="At kunne dokumentere, hvem der har ændret hvad, og opklare fejl og misbrug.",
        purpose_en="To document who changed what, and to investigate mistakes and misuse.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_AUDIT_RETENTION,
        fields=[
            PersonalField("actor", label_da="Den handlende persons konto", label_en="The acting person's account"),
            PersonalField("actor_label", label_da="Den handlende persons navn", label_en="The acting person's name"),
            PersonalField("target_label", label_da="Hvad handlingen vedrører", label_en="What the action concerns"),
            # The id of the record the action concerns, which may be a person's (a generic reference, with
            # target_type). Kept in an anonymised entry: the record it names is itself deleted or anonymised with
            # the person. Left out of the export: the label beside it says what the record is.
            PersonalField(
                "target_id",
                label_da="Henvisning til det, handlingen vedrører",
                label_en="Reference to what the action concerns",
                in_access_export=False,
                erased=UNCHANGED,
            ),
            PersonalField("data", label_da="Detaljer om handlingen", label_en="Details of the action"),
        ],
        not_personal=["tenant", "code", "target_type", "created_at"],
        # The log keeps that something happened (the action, when, on which record's id) and loses who and whom.
        erasure=Erasure.ANONYMISE,
    ),
]

# The access log (who read confidential records) is kept six months by default and at least that: the period of the
# former security order's logging rule (bek. 528/2000 § 19), which Datatilsynet still names as practice for logs of
# access to personal data; that rule allowed up to five years where an authority has a special need, hence the upper
# bound. The centre chooses within them (core.retention deletes what is older).
_ACCESS_RETENTION = Retention.tenant_setting(
    "access_log_days",
    label_da="Loggen over, hvem der har læst fortrolige oplysninger",
    label_en="The log of who read confidential information",
    default_days=183,
    minimum_days=183,
    maximum_days=5 * 365,
    after_da="efter læsningen",
    after_en="after the reading",
)

MODELS.append(
    PersonalModel(
        "core.AccessEntry",
        subject="subject_id",
        purpose_da="At kunne dokumentere, hvem der har læst fortrolige oplysninger om en person, og opdage misbrug.",
        purpose_en="To document who read confidential records about a person, and to notice misuse.",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=_ACCESS_RETENTION,
        fields=[
            # A reading of an erased person's record stays in the log with who read it: the reader is accountable
            # for it (the rows found are those about the person read; an erased reader's own entries lose the
            # reader through core/erasure.py).
            PersonalField("actor", label_da="Læserens konto", label_en="The reader's account", erased=UNCHANGED),
            PersonalField("actor_label", label_da="Læserens navn", label_en="The reader's name", erased=UNCHANGED),
            PersonalField("subject_id", label_da="Henvisning til personen", label_en="Reference to the person"),
            PersonalField("subject_label"),
            PersonalField("search"),
            PersonalField("reason"),
            PersonalField("path"),
        ],
        not_personal=["tenant", "subject_type", "what", "page_name", "created_at"],
        erasure=Erasure.ANONYMISE,
    )
)

# Django's own tables that hold personal data: the logins (a session names the account it is logged in as) and the
# Django admin's log of the operators' changes (it names the records changed). core/erasure.py ends an erased
# account's sessions and deletes the admin's entries about erased records; core/retention.py clears expired
# sessions and the admin's entries after the audit log's national period.
MODELS.append(
    PersonalModel(
        "sessions.Session",
        subject="",
        purpose_da="At holde en person logget ind, indtil personen logger ud, eller login udløber.",
        purpose_en="To keep a person logged in until they log out or the login expires.",
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.fixed(
            14,
            after_da="efter seneste brug (så udløber login og slettes)",
            after_en="after last use (the login expires then and is deleted)",
        ),
        fields=[
            PersonalField(
                "session_data",
                label_da="Hvilken konto der er logget ind",
                label_en="Which account is logged in",
                in_access_export=False,
            ),
        ],
        not_personal=["expire_date"],
        erasure=Erasure.DELETE,
    )
)
MODELS.append(
    PersonalModel(
        "admin.LogEntry",
        subject="user",
        purpose_da="At kunne dokumentere, hvad driften har ændret i Django-administrationen.",
        purpose_en="To document what the operators changed in the Django admin.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.fixed(5 * 365, after_da="efter ændringen", after_en="after the change"),
        fields=[
            PersonalField("user", label_da="Driftens konto", label_en="The operator's account"),
            PersonalField("object_id", label_da="Henvisning til det ændrede", label_en="Reference to what was changed"),
            PersonalField("object_repr", label_da="Det ændrede", label_en="What was changed"),
            PersonalField("change_message", label_da="Ændringen", label_en="The change"),
        ],
        not_personal=["action_time", "content_type", "action_flag"],
        erasure=Erasure.DELETE,
    )
)

NOT_PERSONAL = [
    NotPersonal(
        "core.ThrottleWindow",
        reason="Keys are a keyed hash of the e-mail address or network; the rows expire within the hour.",
    ),
]

# The consent ledger (core/consent.py). A consent is kept as proof that it was given (GDPR article 7(1): the
# controller must be able to demonstrate consent) for as long as a claim about the processing it allowed may be
# raised: five years after it was withdrawn, the ordinary limitation period (forældelsesloven § 3). A consent about
# an account goes with the account, and a person who is erased takes their consents along: nothing is done with
# their data any more, and a consent row kept about nobody proves nothing.
MODELS.append(
    PersonalModel(
        "core.Consent",
        subject="subject_id",
        purpose_da="At dokumentere, hvad personen har givet samtykke til, med den tekst personen så, og hvornår og "
        "hvordan samtykket blev givet og trukket tilbage.",
        purpose_en="To document what the person consented to, with the text they were shown, and when and how "
        "the consent was given and withdrawn.",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=Retention.fixed(
            5 * 365,
            after_da="efter at samtykket er trukket tilbage (som bevis for samtykket); et samtykke om en brugerkonto "
            "slettes sammen med kontoen",
            after_en="after the consent was withdrawn (as proof of consent); a consent about a user account is "
            "deleted with the account",
        ),
        fields=[
            PersonalField("subject_id", label_da="Henvisning til personen", label_en="Reference to the person"),
            PersonalField("user", label_da="Personens konto", label_en="The person's account"),
            PersonalField("text", label_da="Teksten personen så", label_en="The text the person was shown"),
            PersonalField("language", label_da="Tekstens sprog", label_en="The text's language"),
            PersonalField("given_at"),
            PersonalField("method"),
            PersonalField("recorded_by", label_da="Noteret af (konto)", label_en="Recorded by (account)"),
            PersonalField("recorded_by_label", label_da="Noteret af", label_en="Recorded by"),
            PersonalField("withdrawn_at"),
            PersonalField("withdrawal_method"),
            PersonalField(
                "withdrawal_recorded_by",
                label_da="Tilbagetrækning noteret af (konto)",
                label_en="Withdrawal recorded by (account)",
            ),
            PersonalField(
                "withdrawal_recorded_by_label",
                label_da="Tilbagetrækning noteret af",
                label_en="Withdrawal recorded by",
            ),
        ],
        not_personal=["tenant", "purpose", "subject_type"],
        erasure=Erasure.DELETE,
    )
)
