from django.db import models
from django.utils.translation import gettext_lazy as _


class PageKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy policy")
