from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


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
    """A log entry: written once, never changed, deleted only by its retention command."""

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
    part of it and from which page. Written once, never changed; deleted by `delete_old_access_entries` only."""

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
