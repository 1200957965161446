from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    """How a consent was given or withdrawn (core.Consent). The first four are the values the CRM recorded
    before the ledger; ORAL is kept for those rows and is not offered any more (phone or in person says more)."""

    WRITTEN = "written", _("In writing")
    EMAIL = "email", _("By e-mail")
    ORAL = "oral", _("Orally")
    WEB_FORM = "web_form", _("Through the website")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


# What staff may choose when they note a consent given or withdrawn outside the website.
STAFF_CONSENT_METHODS = [ConsentMethod.WRITTEN, ConsentMethod.EMAIL, ConsentMethod.PHONE, ConsentMethod.IN_PERSON]
