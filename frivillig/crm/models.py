import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from frivillig.core.uploads import LOGO, safe_image_suffix
from frivillig.core.validators import validate_cvr, validate_image_upload, validate_phone, validate_postcode
from frivillig.crm.enums import (
    ConsentMethod,
    InteractionKind,
    OrganisationKind,
    OrganisationRoleKind,
    RepresentativeRequestStatus,
    Vocabulary,
)


class Tag(models.Model):
    """A word in one of the tenant's vocabularies (target groups, activity areas, skills, themes, inclusion)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    vocabulary = models.CharField(_("vocabulary"), max_length=30, choices=Vocabulary.choices)
    slug = models.SlugField(_("key"), max_length=60)
    label_da = models.CharField(_("Danish label"), max_length=100)
    label_en = models.CharField(_("English label"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["vocabulary", "position", "label_da"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "vocabulary", "slug"], name="tag_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        return self.label_en if (get_language() or "da").startswith("en") and self.label_en else self.label_da


def logo_path(instance, filename: str) -> str:
    # A random name: nothing of the uploader's file name reaches the disk or the address. The forms give a
    # re-encoded picture already named by its real format; anything else keeps only a picture's extension.
    return f"logos/{uuid.uuid4().hex}{safe_image_suffix(filename, LOGO)}"


class Organisation(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    purpose = models.TextField(_("purpose"), blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[validate_postcode])
    town = models.CharField(_("town"), max_length=100, blank=True)
    target_groups = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("target groups"))
    activity_areas = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("activity areas"))
    member_since = models.DateField(
        _("member of the volunteer centre since"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the organisation is not a member."),
    )
    is_public = models.BooleanField(_("shown in the public directory"), default=False)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True, validators=[validate_image_upload])
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Only the volunteer centre's staff see these notes.")
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "cvr"], condition=~Q(cvr=""), name="organisation_unique_cvr_per_tenant"
            ),
        ]
        indexes = [models.Index(fields=["tenant", "name"]), models.Index(fields=["tenant", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_member(self) -> bool:
        return self.member_since is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    # "Publicly listed": shown in the public directory of associations, and linked to from the boards. Stated
    # here once, as a query condition (for the directory's selectors) and as a property of a loaded organisation.
    @staticmethod
    def publicly_listed_condition() -> Q:
        return Q(is_public=True, kind=OrganisationKind.ASSOCIATION, archived_at=None)

    @property
    def is_publicly_listed(self) -> bool:
        return self.is_public and self.kind == OrganisationKind.ASSOCIATION and self.archived_at is None


class Person(models.Model):
    """A contact of the volunteer centre. May or may not have a login (`user`)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="crm_people",
        verbose_name=_("login"),
    )
    department = models.CharField(_("department"), max_length=150, blank=True, help_text=_("For municipal employees."))
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Only the volunteer centre's staff see these.")
    )
    consent_given_at = models.DateTimeField(_("consent to be contacted given"), null=True, blank=True)
    consent_method = models.CharField(_("consent given"), max_length=20, choices=ConsentMethod.choices, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["tenant", "full_name"]), models.Index(fields=["tenant", "email"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None


class OrganisationRole(models.Model):
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=OrganisationRoleKind.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("role in an organisation")
        verbose_name_plural = _("roles in organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="organisationrole_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.organisation}"


class Interaction(models.Model):
    """Something the centre did with or for organisations and people: a meeting, a call, advice."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=InteractionKind.choices)
    happened_on = models.DateField(_("date"))
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="interactions", verbose_name=_("organisations")
    )
    people = models.ManyToManyField(Person, blank=True, related_name="interactions", verbose_name=_("people"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff member"),
    )
    topics = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("topics"))
    summary = models.TextField(_("summary"))
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["tenant", "follow_up_on"]), models.Index(fields=["tenant", "happened_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on:%d.%m.%Y}"

    # "Overdue": a follow-up not done whose date has passed. Stated here once, as a query condition (for the
    # selectors that list overdue follow-ups) and as a property of a loaded interaction (for the pages).
    @staticmethod
    def follow_up_overdue_condition(today: date) -> Q:
        return Q(follow_up_on__lt=today, follow_up_done_at=None)

    @property
    def is_follow_up_overdue(self) -> bool:
        return (
            self.follow_up_on is not None
            and self.follow_up_done_at is None
            and self.follow_up_on < timezone.localdate()
        )


class CollaborationRelation(models.Model):
    """A working relation between the centre and a person or an organisation (e.g. a municipal employee)."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="relations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relations",
        verbose_name=_("organisation"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("collaboration relation")
        verbose_name_plural = _("collaboration relations")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="relation_has_a_party",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="relation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation}: {self.topic}"


class RepresentativeRequest(models.Model):
    """Someone without a login asks to become an association's representative; the centre approves (and the usual
    invitation goes out) or declines."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="representative_requests", verbose_name=_("organisation")
    )
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RepresentativeRequestStatus.choices,
        default=RepresentativeRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request to become a representative")
        verbose_name_plural = _("requests to become a representative")
        indexes = [models.Index(fields=["tenant", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> – {self.organisation}"


class Representative(models.Model):
    """An association representative's role (the kernel's membership) held for one organisation.

    The kernel owns roles and knows nothing of organisations; crm keeps what the role is for. One membership
    represents one organisation, so a person who represents two holds two memberships, each removable alone."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        "tenants.Membership", on_delete=models.CASCADE, related_name="representative", verbose_name=_("role")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("organisation")
    )
    # The membership's person, repeated (set once, by `representative_grant`) so that the database holds a person
    # to one representative role per organisation.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(tenant="tenant")

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("association representative")
        verbose_name_plural = _("association representatives")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="representative_unique_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class RepresentativeInvitation(models.Model):
    """The organisation an open (or accepted) invitation to the representative role is for."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    invitation = models.OneToOneField(
        "tenants.Invitation", on_delete=models.CASCADE, related_name="representative", verbose_name=_("invitation")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="representative_invitations",
        verbose_name=_("organisation"),
    )
    # The invited person's name when the centre knows it (a contact person, a request): the sign-up form starts
    # with it.
    full_name = models.CharField(_("name"), max_length=200, blank=True)

    objects = ScopedManager(tenant="tenant")

    class Meta:
        verbose_name = _("invitation to represent an organisation")
        verbose_name_plural = _("invitations to represent an organisation")

    def __str__(self) -> str:
        return f"{self.invitation.email} – {self.organisation}"


class SavedFilter(models.Model):
    """A named filter of the organisation list, kept for the centre's staff: opening it shows the list with that
    filter, and survey invitations can go to the organisations it finds when they are sent.

    `params` holds the criteria as the list's address carries them (see `criteria_params` in
    selectors/organisations.py), so the filter always means what the list's filter means."""

    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    params = models.JSONField(_("criteria"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    objects = ScopedManager(tenant="tenant")

    # Filled by crm.selectors.saved_filters.saved_filters_for_list for the list page, never stored: the filter's
    # criteria (an OrganisationFilter) and the number of organisations it finds now.
    criteria: Any
    organisation_count: int

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "name"], name="savedfilter_unique_name_per_tenant"),
        ]

    def __str__(self) -> str:
        return self.name
