from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frivillig.core.enums import ConsentMethod as CoreConsentMethod


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    BUSINESS = "business", _("Business")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    MUNICIPAL_UNIT = "municipal_unit", _("Municipal unit")
    FOUNDATION = "foundation", _("Foundation")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class Vocabulary(models.TextChoices):
    TARGET_GROUP = "target_group", _("Target group")
    ACTIVITY_AREA = "activity_area", _("Activity area")
    SKILL = "skill", _("Skill")
    THEME = "theme", _("Theme")
    INCLUSION = "inclusion", _("Inclusion")


class OrganisationRoleKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    TREASURER = "treasurer", _("Treasurer")
    BOARD_MEMBER = "board_member", _("Board member")
    CONTACT_PERSON = "contact_person", _("Contact person")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Volunteer coordinator")
    EMPLOYEE = "employee", _("Employee")
    OTHER = "other", pgettext_lazy("organisation role", "Other")


# Shared with the consent ledger (core.Consent); the CRM's values are kept there.
ConsentMethod = CoreConsentMethod


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PHONE_CALL = "phone_call", _("Phone call")
    EMAIL = "email", _("E-mail")
    ADVICE_SESSION = "advice_session", _("Advice session")
    VISIT = "visit", _("Visit")
    OTHER = "other", pgettext_lazy("interaction kind", "Other")


class RepresentativeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the centre")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
