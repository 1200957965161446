from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AuditQuerySet(models.QuerySet):
    """Bulk changes are refused as well: the log is append-only."""

    def update(self, **kwargs):
        raise ValueError("Audit entries are append-only.")

    def delete(self):
        raise ValueError("Audit entries are append-only.")


class AuditManager(models.Manager.from_queryset(AuditQuerySet)):
    pass


class AuditEntry(models.Model):
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

    objects = ScopedManager(tenant="tenant", _manager_class=AuditManager)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.code}"

    def save(self, *args, **kwargs):
        # Append-only: an entry that exists can never be rewritten.
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")

    @property
    def action_label(self) -> str:
        from frivillig.core.audit import action_label

        return action_label(self.code)


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
