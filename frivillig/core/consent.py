"""Consents as a ledger: what a person agreed to, the exact text they were shown, when, how, and their withdrawal.

Each app declares the purposes it asks consent for in its `privacy.py`:

    CONSENTS = [ConsentPurpose("crm.contact", label_da=..., label_en=..., text_da=..., text_en=...,
                               subject="crm.Person", apply=...)]

and records a consent given or withdrawn through `consent_give` and `consent_withdraw` only. Every consent given is
a new row (giving twice is two rows, both in the history); a row is never changed afterwards except to note its
withdrawal. An app may keep a field of its own as the current state, for fast filters (the CRM's
`Person.consent_given_at`, a volunteer's `open_to_suggestions`): the purpose's `apply(subject, consent)` sets it, in
the same transaction as the ledger row, whoever records the change (staff on the person's page, the person on 'Your
data', a data migration aside). `consent` is the consent now in force, or None after a withdrawal: the use stops at
once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.core.audit import register_actions
from frivillig.core.enums import ConsentMethod
from frivillig.core.models import CONSENT_WITHDRAWAL_FIELDS, Consent
from frivillig.core.registry import collect
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

register_actions({"core.consent.given": _("Consent given"), "core.consent.withdrawn": _("Consent withdrawn")})


@dataclass(frozen=True)
class ConsentPurpose:
    """Something a person may consent to. `subject` is the label of the model a consent is about ("crm.Person",
    "accounts.User"). `text_da`/`text_en` are what the person is shown (and what the ledger keeps); `apply` keeps
    the app's own current-state field in step (see the module's docstring)."""

    key: str
    label_da: str
    label_en: str
    text_da: str
    text_en: str
    subject: str
    apply: Callable[[models.Model, Consent | None], None] | None = None

    @property
    def label(self) -> str:
        return self.label_da if _language() == "da" else self.label_en

    def text(self, language: str | None = None) -> str:
        return self.text_da if (language or _language()) == "da" else self.text_en


def _language() -> str:
    return "da" if (get_language() or "da").startswith("da") else "en"


def purposes() -> dict[str, ConsentPurpose]:
    """Every app's declared purposes by key."""
    return {purpose.key: purpose for purpose in collect("privacy", "CONSENTS")}


def purpose_for(key: str) -> ConsentPurpose:
    try:
        return purposes()[key]
    except KeyError:
        raise ValueError(f"No app declares the consent purpose {key!r} (CONSENTS in its privacy.py).") from None


def purpose_label(key: str) -> str:
    purpose = purposes().get(key)
    return purpose.label if purpose is not None else key


def _is_user(subject: models.Model) -> bool:
    from django.contrib.auth import get_user_model

    return isinstance(subject, get_user_model())


def _about(subject: models.Model) -> models.Q:
    return models.Q(subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk))


def _resolve(purpose: ConsentPurpose | str) -> ConsentPurpose:
    return purpose if isinstance(purpose, ConsentPurpose) else purpose_for(purpose)


def _check_subject(purpose: ConsentPurpose, subject: models.Model) -> None:
    if subject._meta.label_lower != purpose.subject.lower():
        raise ValueError(f"The consent purpose {purpose.key!r} is about {purpose.subject}, not {subject._meta.label}.")


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def consent_give(
    *,
    purpose: ConsentPurpose | str,
    subject: models.Model,
    method: str,
    actor: User | None,
    tenant: Tenant | None = None,
    text: str | None = None,
    language: str | None = None,
) -> Consent:
    """Record a consent given: always a new row, with the text shown (the purpose's text in `language` unless the
    caller passes the exact words). `tenant` defaults to the subject's own tenant; None is a national consent."""
    purpose = _resolve(purpose)
    _check_subject(purpose, subject)
    if method not in ConsentMethod.values:
        raise ValueError(f"Unknown consent method {method!r}.")
    language = language or _language()
    if tenant is None:
        tenant = getattr(subject, "tenant", None)
    recorder = _actor(actor)
    consent = Consent.objects.create(
        tenant=tenant,
        purpose=purpose.key,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        user=subject if _is_user(subject) else None,
        text=text if text is not None else purpose.text(language),
        language=language,
        given_at=timezone.now(),
        method=method,
        recorded_by=recorder,
        recorded_by_label=str(recorder)[:200] if recorder else "",
    )
    if purpose.apply is not None:
        purpose.apply(subject, consent)
    if tenant is not None:
        log_action(
            "core.consent.given",
            actor=recorder,
            tenant=tenant,
            target=subject,
            data={"purpose": purpose.key, "method": method, "consent": consent.pk},
        )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    method: str,
    actor: User | None,
    consent: Consent | None = None,
    purpose: ConsentPurpose | str | None = None,
    subject: models.Model | None = None,
) -> list[Consent]:
    """Record a withdrawal: of the purpose for the subject (or of the purpose and subject of `consent`). A person
    withdraws their consent to a purpose, not one row of it, so every row in force for that purpose is marked
    withdrawn, and the app's current state says no at once. Returns the rows withdrawn (none when nothing was in
    force; the current state is set to no all the same)."""
    if method not in ConsentMethod.values:
        raise ValueError(f"Unknown consent method {method!r}.")
    if consent is not None:
        purpose = _resolve(consent.purpose)
        subject_q = models.Q(subject_type_id=consent.subject_type_id, subject_id=consent.subject_id)
        if subject is None:
            subject = consent.subject_type.get_object_for_this_type(pk=consent.subject_id)
    elif purpose is not None and subject is not None:
        purpose = _resolve(purpose)
        _check_subject(purpose, subject)
        subject_q = _about(subject)
    else:
        raise ValueError("consent_withdraw needs a consent, or a purpose and a subject.")
    recorder = _actor(actor)
    now = timezone.now()
    with unscoped("A withdrawal marks the consents of one subject its caller has found, whichever scope is open."):
        in_force = list(
            Consent.objects.select_for_update().filter(subject_q, purpose=purpose.key, withdrawn_at__isnull=True)
        )
    for row in in_force:
        row.withdrawn_at = now
        row.withdrawal_method = method
        row.withdrawal_recorded_by = recorder
        row.withdrawal_recorded_by_label = str(recorder)[:200] if recorder else ""
        row.save(update_fields=sorted(CONSENT_WITHDRAWAL_FIELDS))
    if purpose.apply is not None and subject is not None:
        purpose.apply(subject, None)
    tenant = in_force[0].tenant if in_force else None
    if tenant is not None:
        log_action(
            "core.consent.withdrawn",
            actor=recorder,
            tenant=tenant,
            target=subject,
            data={"purpose": purpose.key, "method": method, "consents": [row.pk for row in in_force]},
        )
    return in_force


def consent_current(purpose: ConsentPurpose | str, subject: models.Model) -> Consent | None:
    """The newest consent in force for the purpose, or None."""
    key = purpose.key if isinstance(purpose, ConsentPurpose) else purpose
    return (
        Consent.objects.filter(_about(subject), purpose=key, withdrawn_at__isnull=True)
        .order_by("-given_at", "-pk")
        .first()
    )


def consent_history(subject: models.Model) -> models.QuerySet[Consent]:
    """Every consent about the subject, given and withdrawn, newest first."""
    return (
        Consent.objects.filter(_about(subject))
        .select_related("recorded_by", "withdrawal_recorded_by", "tenant")
        .order_by("-given_at", "-pk")
    )


def consents_about(identities: dict[type[models.Model], set]) -> models.QuerySet[Consent]:
    """Every consent about any of the records that are one person (an account and the contact records linked to
    it, as core.personal_data finds them), newest first. The caller opens the scope it needs."""
    query = models.Q(pk__in=[])
    for model, pks in identities.items():
        query |= models.Q(subject_type=ContentType.objects.get_for_model(model), subject_id__in=[str(pk) for pk in pks])
    return (
        Consent.objects.filter(query)
        .select_related("recorded_by", "withdrawal_recorded_by", "tenant")
        .order_by("-given_at", "-pk")
    )


def consents_of_user(user: User) -> models.QuerySet[Consent]:
    """The consents about the person the account is, in every tenant, newest first (the account, and the contact
    records the access export counts as theirs: core.personal_data.user_identities): what the person sees and may
    withdraw on 'Your data'."""
    from frivillig.core.personal_data import user_identities

    identities = user_identities(user).records
    with unscoped("A person's own consents are theirs in every tenant."):
        return consents_about(identities)


def consent_export(consent: Consent) -> dict:
    """One consent as the access export shows it (core/schemas/personal_data.json, `consents`)."""
    return {
        "purpose": consent.purpose,
        "title": purpose_label(consent.purpose),
        "tenant": str(consent.tenant) if consent.tenant_id else None,
        "text": consent.text,
        "language": consent.language,
        "given_at": consent.given_at.isoformat(),
        "method": str(ConsentMethod(consent.method).label)
        if consent.method in ConsentMethod.values
        else consent.method,
        "recorded_by": consent.recorded_by_label or None,
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        "withdrawal_method": (
            str(ConsentMethod(consent.withdrawal_method).label) if consent.withdrawal_method else None
        ),
        "withdrawal_recorded_by": consent.withdrawal_recorded_by_label or None,
    }


def consents_move(*, merged: models.Model, survivor: models.Model) -> int:
    """Two records of one person merged into one: the removed record's consents now concern the kept one (both
    ledgers are kept whole). Called inside the merge's transaction; returns the number of rows moved."""
    return Consent.objects.filter(_about(merged)).move_subject(
        subject_type=ContentType.objects.get_for_model(survivor), subject_id=str(survivor.pk)
    )
