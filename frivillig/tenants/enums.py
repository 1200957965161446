from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTRE_STAFF = "centre_staff", _("Volunteer centre staff")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    TENANT_ADMIN = "tenant_admin", _("Administrator")
    # Held once per organisation represented (crm keeps which, see crm/roles.py); edits its public profile.
    ASSOCIATION_REP = "association_rep", _("Association representative")


STAFF_ROLES = [Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN]
