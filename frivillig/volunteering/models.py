from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.core.validators import validate_phone, validate_postcode
from frivillig.volunteering.enums import (
    ApplicationEventKind,
    ApplicationStatus,
    Commitment,
    DeclineReason,
    OpportunityStatus,
)


class Opportunity(models.Model):
    """A volunteer job an organisation offers ("frivilligjob")."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "crm.Organisation", on_delete=models.CASCADE, related_name="opportunities", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("short summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    activity_areas = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("activity areas"))
    target_groups = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("target groups"))
    skills = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("skills wanted"))
    inclusion = models.ManyToManyField("crm.Tag", blank=True, related_name="+", verbose_name=_("suitable for"))
    commitment = models.CharField(_("commitment"), max_length=20, choices=Commitment.choices, blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    on_weekdays = models.BooleanField(_("weekdays (daytime)"), default=False)
    in_evenings = models.BooleanField(_("evenings"), default=False)
    at_weekends = models.BooleanField(_("weekends"), default=False)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[validate_postcode])
    town = models.CharField(_("town"), max_length=100, blank=True)
    is_remote = models.BooleanField(_("can be done from home"), default=False)
    volunteers_needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    requires_child_certificate = models.BooleanField(_("requires a child certificate (børneattest)"), default=False)
    contact_person = models.ForeignKey(
        "crm.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_on = models.DateField(_("open until"), null=True, blank=True)
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Maintained by the service that saves the opportunity: the text search reads these, never the form.
    search_document = models.TextField(blank=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)
    # The words' keys as one text, " target_groups:aeldre skills:madlavning ", for the suggestions' pre-filter
    # (frivillig.volunteering.matching.word_keys_text).
    word_keys = models.TextField(blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["tenant", "status", "-published_at"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["status", "expires_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="opportunity_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(volunteers_needed__gte=1), name="opportunity_needs_someone"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == OpportunityStatus.PUBLISHED


class VolunteerProfile(models.Model):
    """A volunteer's own profile, national: the same in every municipality. Words are the shared vocabulary
    keys (Tag.slug), so a profile matches opportunities in any tenant."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile")
    interests = models.JSONField(_("interests"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    inclusion_needs = models.JSONField(_("what suits me"), default=list, blank=True)
    on_weekdays = models.BooleanField(_("weekdays (daytime)"), default=False)
    in_evenings = models.BooleanField(_("evenings"), default=False)
    at_weekends = models.BooleanField(_("weekends"), default=False)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[validate_postcode])
    languages = models.CharField(_("languages I speak"), max_length=200, blank=True)
    private_notes = models.TextField(
        _("private notes on my needs"),
        blank=True,
        help_text=_("Only you see these notes. They are never shown to associations or the volunteer centre."),
    )
    open_to_suggestions = models.BooleanField(
        _("associations may see me as a suggested volunteer"),
        default=False,
        help_text=_("They see your first name, your interests and your postcode, never your contact details."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        indexes = [models.Index(fields=["open_to_suggestions", "postcode"])]

    def __str__(self) -> str:
        return str(self.user)


class Application(models.Model):
    """Someone's wish to volunteer for an opportunity, and how the association followed it up."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications", verbose_name=_("volunteer opportunity")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_applications",
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    message = models.TextField(_("message"), blank=True)
    # The language the person signed up in: a guest has no account to hold it, and every mail to the volunteer
    # about this application (the confirmation link, the receipt, the answer) is written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # A guest's application stays invisible to the association until the e-mail address is confirmed.
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # The child certificate (børneattest) step records only that it was obtained, when, and the verdict.
    child_certificate_obtained_on = models.DateField(_("child certificate obtained on"), null=True, blank=True)
    child_certificate_ok = models.BooleanField(_("child certificate OK"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint("opportunity", Lower("email"), name="application_once_per_person_and_opportunity"),
        ]
        indexes = [
            models.Index(fields=["opportunity", "status"]),
            models.Index(fields=["tenant", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.opportunity}"

    @property
    def is_visible_to_association(self) -> bool:
        return self.email_confirmed_at is not None


class ApplicationEvent(models.Model):
    """One status change of an application, with when and by whom (the pipeline's history). An undo is a step of
    its own (kind "undo"), so the history keeps both the change and its reversal."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ApplicationEventKind.choices, default=ApplicationEventKind.STATUS)
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    # Why an application was declined, with the association's own words, and why a step was undone: for the
    # association and the centre only.
    reason = models.CharField(_("reason"), max_length=20, choices=DeclineReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    # What the volunteer was told in the mail about this step, as sent.
    message = models.TextField(_("message to the volunteer"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ApplicationNote(models.Model):
    """A note the association and the centre keep on an application. Never shown or sent to the volunteer."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note on an application")
        verbose_name_plural = _("notes on applications")

    def __str__(self) -> str:
        return self.text[:50]
