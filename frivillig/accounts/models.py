from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.enums import Language


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).strip(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True, is_active=True)
        fields.setdefault("email_verified_at", timezone.now())
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login. National: the same account works in every tenant."""

    email = models.EmailField(_("e-mail"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DANISH
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("created"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    # When the person was told that the account will be deleted for want of use (core retention: accounts'
    # inactive-account rule); a login clears it.
    inactivity_warning_sent_at = models.DateTimeField(_("warned of deletion for inactivity"), null=True, blank=True)
    # When two-factor login was set up (None: off). The secret and recovery codes live in django-otp's devices.
    two_factor_since = models.DateTimeField(_("two-factor login since"), null=True, blank=True)
    # When every login of the account was ended at once (an administrator reset its second factor: a lost phone may
    # be in someone else's hands). Sessions started before it no longer match the session hash below.
    sessions_ended_at = models.DateTimeField(_("logged out everywhere"), null=True, blank=True)

    objects = UserManager()

    # Filled once per request by frivillig.tenants.selectors (the person's roles and represented organisations in
    # every tenant); declared for the type checker, never stored.
    _frivillig_roles: dict[int, frozenset[str]]
    _frivillig_held_for: dict[int, dict[str, frozenset[int]]]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django's hash of the password, which every session carries and must match: with `sessions_ended_at` mixed
        in once it is set, so that setting it ends every session started before (the hash stays Django's own until
        then, so no session ends when this is deployed)."""
        value = self.password
        if self.sessions_ended_at is not None:
            value = f"{value}|{self.sessions_ended_at.isoformat()}"
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
