"""Retention: the rules that delete or anonymise personal data when its period in the register is over.

Each app lists its rules in its `retention.py` (`RULES = [RetentionRule(...)]`, core's are at the bottom of this
module), found through `core/registry.py`. A rule says what is due at a moment, for one tenant or for the national
records (tenant None), and how to remove it: through the erasure service (`core/erasure.py`) or a service of the
app that owns the records. The nightly command `apply_retention` runs every rule for every tenant; running it twice
removes nothing the second time, and `--dry-run` lists what would go.

A rule names what it enforces in the register (`enforces`: a tenant setting's key, a model label, or
"app.Model.field" for a field with a period of its own); the meta-test in core/tests/test_retention_rules.py fails
when a period declared in the register (Retention.fixed or Retention.tenant_setting) has no rule that enforces it.

The tenant admin chooses the tenant settings' periods on the retention settings page; `retention_settings_update`
saves them within the register's bounds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django_scopes import scope

from frivillig.core.privacy import Retention, _in_language, register
from frivillig.core.registry import app_modules
from frivillig.core.scoping import unscoped

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record that goes when its period is over.

    `due(tenant, now)` returns the queryset of what is due (tenant None: the national records), `apply(rows, tenant,
    now)` removes them and returns how many went. `dated_by` names the field a dry run shows beside each id."""

    key: str
    description_da: str
    description_en: str
    due: Callable[[Tenant | None, datetime], models.QuerySet]
    apply: Callable[[models.QuerySet, Tenant | None, datetime], int]
    enforces: tuple[str, ...] = ()
    dated_by: str = "created_at"
    # Which passes the rule runs in: once per tenant, and/or once for records that belong to no tenant.
    per_tenant: bool = True
    national: bool = False

    @property
    def description(self) -> str:
        return _in_language(self.description_da, self.description_en)


def rules() -> list[RetentionRule]:
    """Every app's rules, in INSTALLED_APPS order."""
    found: list[RetentionRule] = []
    for _config, module in app_modules("retention"):
        found.extend(getattr(module, "RULES", ()))
    return found


# --- periods -------------------------------------------------------------------------------------------------


def setting_retention(key: str) -> Retention:
    """The register's declaration of a tenant setting (the same key may be declared on several models)."""
    for declared in register().models:
        for retention in (declared.retention, *(personal.retention for personal in declared.fields)):
            if retention is not None and retention.kind == "tenant" and retention.setting == key:
                return retention
    raise LookupError(f"No tenant setting {key!r} is declared in the register of personal data.")


def period_days(key: str, tenant: Tenant | None) -> int:
    """The tenant's chosen period for a setting, or the register's default (also for national records)."""
    days, _is_default = setting_retention(key).days_for(tenant)
    assert days is not None
    return days


def cutoff(days: int, now: datetime) -> datetime:
    return now - timedelta(days=days)


# --- the tenant's settings -------------------------------------------------------------------------------------


@dataclass
class SettingGroup:
    """One processing activity's tenant settings, for the settings page."""

    activity: str
    settings: list[TenantSetting] = field(default_factory=list)


@dataclass(frozen=True)
class TenantSetting:
    key: str
    retention: Retention
    # What the period applies to: the names of the models (and fields) declared with it.
    applies_to: tuple[str, ...]

    @property
    def after(self) -> str:
        return _in_language(self.retention.after_da, self.retention.after_en)


def tenant_settings() -> list[SettingGroup]:
    """Every period a tenant may choose, once per key, grouped by the processing activity that declares it first."""
    found = register()
    groups: dict[str, SettingGroup] = {}
    seen: dict[str, list[str]] = {}
    order: list[tuple[str, str, Retention]] = []
    for declared in found.models:
        candidates = [(declared.retention, declared.verbose_name)]
        candidates += [
            (personal.retention, f"{declared.verbose_name}: {resolved.verbose_name}")
            for personal, resolved in zip(declared.fields, declared.resolved_fields(), strict=True)
            if personal.retention is not None
        ]
        for retention, name in candidates:
            if retention.kind != "tenant":
                continue
            if retention.setting not in seen:
                seen[retention.setting] = []
                order.append((declared.app_label, retention.setting, retention))
            if name not in seen[retention.setting]:
                seen[retention.setting].append(name)
    for app_label, key, retention in order:
        da, en = found.activities.get(app_label, (app_label, app_label))
        activity = _in_language(da, en)
        groups.setdefault(activity, SettingGroup(activity)).settings.append(
            TenantSetting(key=key, retention=retention, applies_to=tuple(seen[key]))
        )
    return list(groups.values())


class RetentionSettingError(ValueError):
    pass


@transaction.atomic
def retention_settings_update(*, tenant: Tenant, actor: User | None, days: dict[str, int]) -> dict[str, list[int]]:
    """Save the periods the tenant admin chose (days by setting key), each within its legal bounds; a period equal
    to the default is kept as a choice too. Audit-logged with old and new periods; returns the changes."""
    from frivillig.core.services import log_action

    chosen = dict(tenant.retention_settings or {})
    changes: dict[str, list[int]] = {}
    for key, value in days.items():
        retention = setting_retention(key)
        assert retention.minimum_days is not None and retention.maximum_days is not None
        if not retention.minimum_days <= value <= retention.maximum_days:
            raise RetentionSettingError(f"{key} must lie from {retention.minimum_days} to {retention.maximum_days}.")
        old, _is_default = retention.days_for(tenant)
        if chosen.get(key) != value:
            chosen[key] = value
            if old != value:
                assert old is not None
                changes[key] = [old, value]
    if chosen != (tenant.retention_settings or {}):
        tenant.retention_settings = chosen
        tenant.save(update_fields=["retention_settings"])
    if changes:
        log_action("tenants.retention.changed", actor=actor, tenant=tenant, target=tenant, data={"changes": changes})
    return changes


# Periods shown in months where a whole number of months says them exactly (a month of 365/12 days).
def months_to_days(months: int) -> int:
    return int(months * 365 / 12 + 0.5)


def days_to_months(days: int) -> int:
    return int(days * 12 / 365 + 0.5)


def in_months(retention: Retention) -> bool:
    assert retention.days is not None
    return months_to_days(days_to_months(retention.days)) == retention.days


def month_bounds(retention: Retention) -> tuple[int, int]:
    """The bounds in whole months that stay within the bounds in days."""
    assert retention.minimum_days is not None and retention.maximum_days is not None
    low = math.ceil(retention.minimum_days * 12 / 365)
    while months_to_days(low) < retention.minimum_days:
        low += 1
    while low > 1 and months_to_days(low - 1) >= retention.minimum_days:
        low -= 1
    high = math.floor(retention.maximum_days * 12 / 365)
    while months_to_days(high) > retention.maximum_days:
        high -= 1
    while months_to_days(high + 1) <= retention.maximum_days:
        high += 1
    return low, high


# --- running the rules -----------------------------------------------------------------------------------------


@dataclass
class RuleRun:
    rule: RetentionRule
    tenant: Tenant | None
    count: int
    # For a dry run: one short line per record, ids and dates only.
    lines: list[str] = field(default_factory=list)


def _line(rule: RetentionRule, row: models.Model) -> str:
    moment = getattr(row, rule.dated_by, None) if rule.dated_by else None
    when = f" ({timezone.localtime(moment):%Y-%m-%d})" if isinstance(moment, datetime) else ""
    return f"{row._meta.label} #{row.pk}{when}"


def _passes(rule: RetentionRule, tenants: Iterable[Tenant]) -> list[Tenant | None]:
    passes: list[Tenant | None] = list(tenants) if rule.per_tenant else []
    if rule.national:
        passes.append(None)
    return passes


def apply_rules(
    *, now: datetime | None = None, dry_run: bool = False, tenants: Iterable[Tenant] | None = None
) -> list[RuleRun]:
    """Run every rule for every tenant (and the national records), in the registry's order. A real run writes one
    audit entry per rule and tenant that removed something, with the count."""
    from frivillig.core.services import log_action
    from frivillig.tenants.models import Tenant

    now = now or timezone.now()
    tenants = list(Tenant.objects.order_by("slug")) if tenants is None else list(tenants)
    runs: list[RuleRun] = []
    for rule in rules():
        for tenant in _passes(rule, tenants):
            context: Any = (
                scope(tenant=tenant)
                if tenant is not None
                else unscoped("the nightly retention run's pass over the records that belong to no tenant")
            )
            with context:
                due = rule.due(tenant, now)
                if dry_run:
                    rows = list(due)
                    runs.append(RuleRun(rule, tenant, len(rows), [_line(rule, row) for row in rows]))
                    continue
                with transaction.atomic():
                    count = rule.apply(due, tenant, now)
                    if count:
                        log_action(
                            "core.retention.applied",
                            tenant=tenant,
                            data={"rule": rule.key, "count": count, "at": now.isoformat()},
                        )
                runs.append(RuleRun(rule, tenant, count))
    return runs


# --- core's own rules: the audit log and the access log ----------------------------------------------------------


def _log_due(model_label: str, key: str):
    def due(tenant: Tenant | None, now: datetime) -> models.QuerySet:
        from django.apps import apps

        model = apps.get_model(model_label)
        rows = model.objects.filter(created_at__lt=cutoff(period_days(key, tenant), now))
        # National entries (no tenant) keep the register's default period.
        return rows.filter(tenant=tenant) if tenant is not None else rows.filter(tenant__isnull=True)

    return due


def _log_delete(rows: models.QuerySet, tenant: Tenant | None, now: datetime) -> int:
    # The one way entries leave an append-only log (core.models.AppendOnlyQuerySet).
    return rows.order_by().delete_past_retention()


def _consents_due(tenant: Tenant | None, now: datetime) -> models.QuerySet:
    from frivillig.core.models import Consent

    rows = Consent.objects.filter(withdrawn_at__lt=cutoff(WITHDRAWN_CONSENT_KEPT_DAYS, now))
    return rows.filter(tenant=tenant) if tenant is not None else rows.filter(tenant__isnull=True)


def _consents_delete(rows: models.QuerySet, tenant: Tenant | None, now: datetime) -> int:
    from frivillig.core.models import Consent

    return rows.order_by().delete()[1].get(Consent._meta.label, 0)


# The register's period for a withdrawn consent (core.Consent, at the bottom of core/privacy.py).
WITHDRAWN_CONSENT_KEPT_DAYS = 5 * 365


def _sessions_due(tenant: Tenant | None, now: datetime) -> models.QuerySet:
    """Logins that have expired (Django keeps the rows until they are cleared). Sessions kept in a cache instead of
    the database expire there by themselves."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).order_by("expire_date")


def _delete_rows(rows: models.QuerySet, tenant: Tenant | None, now: datetime) -> int:
    """Delete what is due (Django's own tables, which no service of ours writes)."""
    return rows.order_by().delete()[0]


def _admin_log_due(tenant: Tenant | None, now: datetime) -> models.QuerySet:
    """The Django admin's own log of the operator's changes: kept as long as the audit log's national entries."""
    from django.contrib.admin.models import LogEntry

    return LogEntry.objects.filter(action_time__lt=cutoff(period_days("audit_log_days", None), now))


RULES = [
    RetentionRule(
        key="core.withdrawn_consents",
        description_da="Et tilbagetrukket samtykke slettes 5 år efter tilbagetrækningen.",
        description_en="A withdrawn consent is deleted 5 years after it was withdrawn.",
        due=_consents_due,
        apply=_consents_delete,
        enforces=("core.Consent",),
        dated_by="withdrawn_at",
        national=True,
    ),
    RetentionRule(
        key="core.expired_sessions",
        description_da="Udløbne logins (sessioner) slettes.",
        description_en="Expired logins (sessions) are deleted.",
        due=_sessions_due,
        apply=_delete_rows,
        enforces=("sessions.Session",),
        dated_by="expire_date",
        per_tenant=False,
        national=True,
    ),
    RetentionRule(
        key="core.admin_log",
        description_da="Driftens ændringslog i Django-administrationen slettes efter handlingsloggens periode.",
        description_en="The operators' change log in the Django admin is deleted after the audit log's period.",
        due=_admin_log_due,
        apply=_delete_rows,
        enforces=("admin.LogEntry",),
        dated_by="action_time",
        per_tenant=False,
        national=True,
    ),
    RetentionRule(
        key="core.audit_log",
        description_da="Handlinger i loggen slettes, når centrets opbevaringsperiode for loggen er gået.",
        description_en="Audit entries are deleted when the centre's retention period for the log is over.",
        due=_log_due("core.AuditEntry", "audit_log_days"),
        apply=_log_delete,
        enforces=("audit_log_days",),
        national=True,
    ),
    RetentionRule(
        key="core.access_log",
        description_da="Registreringer af, hvem der har læst fortrolige oplysninger, slettes efter centrets periode.",
        description_en="Records of who read confidential information are deleted after the centre's period.",
        due=_log_due("core.AccessEntry", "access_log_days"),
        apply=_log_delete,
        enforces=("access_log_days",),
        national=True,
    ),
]
