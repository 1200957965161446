from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTRE_STAFF = "centre_staff", _("Volunteer centre staff")
    MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
    TENANT_ADMIN = "tenant_admin", _("Administrator")
    # association_rep arrives with the organisations (CRM); it will carry a link to one organisation.
