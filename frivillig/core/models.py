from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.core.enums import ConsentMethod


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused as well: a log is append-only."""

    def update(self, **kwargs):
        raise ValueError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise ValueError(f"{self.model.__name__} rows are append-only.")

    def delete_past_retention(self) -> int:
        """The one way rows leave a log: its retention command deletes what is older than the period. Named so
        that a search for it finds every caller; nothing else may call it."""
        deleted, _by_model = models.QuerySet.delete(self)
        return deleted


class AppendOnlyManager(models.Manager.from_queryset(AppendOnlyQuerySet)):
    pass


class AppendOnlyModel(models.Model):
    """A log entry: written once, never changed, deleted only by its retention command.

    Django's base manager (`_base_manager`) stays a plain one: Django itself changes rows through it when a related
    row goes (an account deleted sets `actor` to NULL), which the law wants; core/erasure.py uses it for the same
    reason. Code elsewhere must not."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # An entry that exists can never be rewritten.
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are append-only.")


class AuditEntry(AppendOnlyModel):
    """One thing that happened, written once and never changed (see `core.services.log_action`)."""

    tenant = models.ForeignKey(
        "tenants.Tenant", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tenant")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    # Kept so the log still says who acted after the account is gone.
    actor_label = models.CharField(_("person"), max_length=200, blank=True)
    code = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(_("concerns"), max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ScopedManager(tenant="tenant", _manager_class=AppendOnlyManager)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.code}"

    @property
    def action_label(self) -> str:
        from frivillig.core.audit import action_label

        return action_label(self.code)


class AccessEntry(AppendOnlyModel):
    """Someone read a record marked sensitive (see `core.access_log.log_access`): who, when, whose record, what
    part of it and from which page. Written once, never changed; deleted by its retention rule only (core.retention)."""

    tenant = models.ForeignKey(
        "tenants.Tenant", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tenant")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    # Kept so the log still says who read after the account is gone.
    actor_label = models.CharField(_("person"), max_length=200, blank=True)
    subject_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL, related_name="+")
    subject_id = models.CharField(max_length=64, blank=True)
    # The record's name when it was read: the log still says whose record it was after a rename or erasure.
    subject_label = models.CharField(_("whose information"), max_length=300, blank=True)
    what = models.CharField(_("what was read"), max_length=100, db_index=True)
    page_name = models.CharField(_("page"), max_length=200, blank=True)
    path = models.CharField(_("page address"), max_length=500, blank=True)
    search = models.CharField(_("search term"), max_length=200, blank=True)
    # Why it was read, when the page knows or asks (e.g. a request for access from the person).
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = ScopedManager(tenant="tenant", _manager_class=AppendOnlyManager)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="core_access_subject")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.what} {self.subject_label}"

    @property
    def what_label(self) -> str:
        from frivillig.core.audit import action_label

        return action_label(self.what)


class ThrottleWindow(models.Model):
    """The attempts one throttle counted for one key in its window (see `core.throttle`): one row per key, so
    that checking and counting an attempt is one locked update, whatever the number of worker processes."""

    name = models.CharField(max_length=50)
    # A keyed hash of the normalised value (an e-mail address, a network): the table never holds the value.
    key = models.CharField(max_length=64)
    # When each counted attempt happened (seconds since the epoch), oldest first; never more than the limit.
    moments = models.JSONField(default=list)
    # After this moment (seconds since the epoch) the row counts nothing and may be deleted.
    expires_at = models.FloatField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "key"], name="core_throttle_one_row_per_key")]

    def __str__(self) -> str:
        return f"{self.name}: {len(self.moments)}"


# The fields `core.consent.consent_withdraw` may fill in; nothing else of a consent row is ever changed.
CONSENT_WITHDRAWAL_FIELDS = frozenset(
    {"withdrawn_at", "withdrawal_method", "withdrawal_recorded_by", "withdrawal_recorded_by_label"}
)


class ConsentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValueError("Consent rows are a ledger: record a withdrawal through core.consent.consent_withdraw.")

    def move_subject(self, *, subject_type: ContentType, subject_id: str) -> int:
        """Merging two records into one: their consents now concern the kept record. The one bulk change a
        ledger allows (what was consented to, when and how stays as it was); called by the merge service only."""
        return models.QuerySet.update(self, subject_type=subject_type, subject_id=subject_id)


class ConsentManager(models.Manager.from_queryset(ConsentQuerySet)):
    pass


class Consent(models.Model):
    """One consent in the ledger: what the person agreed to (a purpose an app declares in its privacy.py), the
    exact text they were shown, when and how, and who noted it; later perhaps its withdrawal. Rows are written by
    `core.consent.consent_give` and changed only by `consent_withdraw` (see core/consent.py).

    The subject is a generic reference (content type and primary key), as in the access log: the kernel must
    not import the apps above it, and a consent may be about a CRM contact without a login. When the subject is a
    user account, `user` points at it as well, so that the account's consents go with the account."""

    tenant = models.ForeignKey(
        "tenants.Tenant", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tenant")
    )
    purpose = models.CharField(_("purpose"), max_length=100, db_index=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("person"),
    )
    text = models.TextField(_("text shown"))
    language = models.CharField(_("language"), max_length=10)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # Kept so the ledger still says who noted it after that account is gone.
    recorded_by_label = models.CharField(_("recorded by"), max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_method = models.CharField(
        _("how it was withdrawn"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_recorded_by_label = models.CharField(_("withdrawal recorded by"), max_length=200, blank=True)

    objects = ScopedManager(tenant="tenant", _manager_class=ConsentManager)

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["subject_type", "subject_id", "purpose"], name="core_consent_subject")]

    def __str__(self) -> str:
        return f"{self.purpose} {self.given_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # A ledger row is written once; afterwards only its withdrawal may be filled in.
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or not set(update_fields) <= CONSENT_WITHDRAWAL_FIELDS):
            raise ValueError("Consent rows are a ledger: only a withdrawal may be recorded on an existing row.")
        super().save(*args, **kwargs)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def purpose_label(self) -> str:
        from frivillig.core.consent import purpose_label

        return purpose_label(self.purpose)
