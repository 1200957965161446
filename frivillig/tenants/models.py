from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.tenants.enums import Role

kommunekode_validator = RegexValidator(r"^\d{3}$", _("The municipality code has three digits, e.g. 340."))


def validate_slug_not_reserved(value: str) -> None:
    """A tenant slug may not take a first path segment that the site itself uses: the apps' pages mounted at the
    root (read from the URLconf, so each app reserves its own by mounting them) and the static and media files."""
    from django.core.exceptions import ValidationError

    from frivillig.core.urlconf import site_path_segments

    if value.lower() in site_path_segments():
        raise ValidationError(_("This short name is used by the site itself. Choose another."))


postcode_validator = RegexValidator(r"^\d{4}$", _("A postcode has four digits."))


class Tenant(models.Model):
    """A municipality together with its volunteer centre."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("short name in addresses"), max_length=50, unique=True, validators=[validate_slug_not_reserved]
    )
    kommunekode = models.CharField(_("municipality code"), max_length=3, validators=[kommunekode_validator])
    municipality_name = models.CharField(_("municipality"), max_length=100)
    centre_name = models.CharField(_("volunteer centre"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[postcode_validator])
    town = models.CharField(_("town"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The retention periods the tenant admin chose, in days, by the key of a tenant setting in the register of
    # personal data (core.privacy: Retention.tenant_setting); a key not here keeps the register's default.
    retention_settings = models.JSONField(_("retention periods"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")
        constraints = [models.UniqueConstraint(fields=["kommunekode"], name="tenant_unique_kommunekode")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one tenant. One row per role; a person may hold several."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["user__full_name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # A representative holds the role once per organisation they represent (what the role is for is
            # crm's, see `frivillig/crm/roles.py`); every other role is held at most once.
            models.UniqueConstraint(
                fields=["tenant", "user", "role"],
                condition=~models.Q(role=Role.ASSOCIATION_REP),
                name="membership_unique_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(models.Model):
    """An e-mailed offer of a role; the link carries a signed, expiring token of its id."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The invitations sent together, one per role, in one mail with one link: accepting it accepts them all.
    batch = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None
