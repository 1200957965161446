from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.communication.enums import PageKind


class ContentPage(models.Model):
    """A page of text the tenant admin writes, in Danish and English (plain text; blank lines part paragraphs)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("page"), max_length=30, choices=PageKind.choices)
    body_da = models.TextField(_("text in Danish"))
    body_en = models.TextField(_("text in English"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(tenant="tenant")

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        constraints = [models.UniqueConstraint(fields=["tenant", "kind"], name="contentpage_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body_da
