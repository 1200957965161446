"""Reads for asking people: whom an invitation would go to (and who is left out, and why), the invitation list, and
the invitations a reminder is due for.

Who is left out is always counted and named, never silently dropped: people without an e-mail address, people who
withdrew their consent to be contacted (or declined this survey), and addresses met twice or already invited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Coalesce, Lower
from django.utils import timezone

from frivillig.core.models import Consent
from frivillig.crm.enums import OrganisationRoleKind
from frivillig.crm.models import Organisation, OrganisationRole, Person, SavedFilter
from frivillig.crm.selectors.organisations import OrganisationFilter, organisations_filtered
from frivillig.crm.selectors.saved_filters import saved_filter_organisations
from frivillig.surveys.enums import SurveyStatus
from frivillig.surveys.models import Invitation, Survey

CONTACT_PURPOSE = "crm.contact"
DEFAULT_LANGUAGE = "da"

ANSWERED = "besvaret"
NOT_ANSWERED = "ikke-besvaret"
DECLINED = "frameldt"


@dataclass(frozen=True)
class Recipient:
    email: str
    label: str
    person_id: int | None = None
    organisation_id: int | None = None
    organisation_name: str = ""
    language: str = DEFAULT_LANGUAGE


@dataclass
class InvitationPlan:
    """What sending would do: `recipients` get an invitation; the other lists name who is left out, and why."""

    recipients: list[Recipient] = field(default_factory=list)
    opted_out: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)

    @property
    def left_out(self) -> int:
        return len(self.opted_out) + len(self.duplicates) + len(self.already_invited) + len(self.without_email)


def _is_current(role: OrganisationRole, today) -> bool:
    return role.ended_on is None or role.ended_on > today


def _language(person: Person | None) -> str:
    user = getattr(person, "user", None) if person is not None else None
    return (user.preferred_language or DEFAULT_LANGUAGE) if user is not None else DEFAULT_LANGUAGE


def _withdrawn_people(person_ids: set[int]) -> set[int]:
    """People who withdrew their consent to be contacted and have not given it again. A person who never gave
    consent has no ledger row at all: the association's contact data is the centre's to use (see crm.privacy)."""
    if not person_ids:
        return set()
    rows = Consent.objects.filter(
        purpose=CONTACT_PURPOSE,
        subject_type=ContentType.objects.get_for_model(Person),
        subject_id__in=[str(pk) for pk in person_ids],
    ).values_list("subject_id", "withdrawn_at")
    withdrawn: set[int] = set()
    in_force: set[int] = set()
    for subject_id, withdrawn_at in rows:
        (withdrawn if withdrawn_at is not None else in_force).add(int(subject_id))
    return withdrawn - in_force


def _organisation_contacts(organisations: QuerySet[Organisation]) -> list[tuple[Organisation, Person | None]]:
    """Each organisation's contact people; without one its chair; without a chair the organisation itself (its own
    address). Two queries, however many organisations."""
    chosen = list(organisations.only("pk", "name", "email").order_by("name", "pk"))
    today = timezone.localdate()
    roles = (
        OrganisationRole.objects.filter(
            organisation__in=[organisation.pk for organisation in chosen],
            role__in=[OrganisationRoleKind.CONTACT_PERSON, OrganisationRoleKind.CHAIR],
            person__archived_at=None,
        )
        .select_related("person__user")
        .order_by("person__full_name", "pk")
    )
    by_organisation: dict[int, dict[str, list[Person]]] = {}
    for role in roles:
        if _is_current(role, today):
            by_organisation.setdefault(role.organisation_id, {}).setdefault(role.role, []).append(role.person)
    pairs: list[tuple[Organisation, Person | None]] = []
    for organisation in chosen:
        kinds = by_organisation.get(organisation.pk, {})
        people = kinds.get(OrganisationRoleKind.CONTACT_PERSON) or kinds.get(OrganisationRoleKind.CHAIR) or []
        if people:
            pairs.extend((organisation, person) for person in people)
        else:
            pairs.append((organisation, None))
    return pairs


def member_associations(tenant) -> QuerySet[Organisation]:
    return Organisation.objects.filter(tenant=tenant, member_since__isnull=False, archived_at=None)


def plan_invitations(
    survey: Survey,
    *,
    member_contacts: bool = False,
    saved_filter: SavedFilter | None = None,
    criteria: OrganisationFilter | None = None,
    addresses: list[str] | tuple[str, ...] = (),
) -> InvitationPlan:
    """Whom an invitation would go to, from the chosen sources together (each address once). A saved filter is
    read now, so it finds the organisations that match it when the plan is made (and made again on sending)."""
    tenant = survey.tenant
    pairs: list[tuple[Organisation, Person | None]] = []
    if member_contacts:
        pairs.extend(_organisation_contacts(member_associations(tenant)))
    if saved_filter is not None:
        pairs.extend(_organisation_contacts(saved_filter_organisations(saved_filter, include_archived=False)))
    if criteria is not None:
        pairs.extend(_organisation_contacts(organisations_filtered(tenant, criteria)))
    lowered = [address.lower() for address in addresses]
    pasted_people: dict[str, Person] = {}
    if lowered:
        matches = (
            Person.objects.filter(tenant=tenant, archived_at=None)
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=lowered)
            .select_related("user")
            .order_by("pk")
        )
        for match in matches:
            pasted_people.setdefault(match.email_lower, match)
    people_ids = {person.pk for _organisation, person in pairs if person is not None}
    people_ids |= {person.pk for person in pasted_people.values()}
    withdrawn = _withdrawn_people(people_ids)
    invited = dict(
        Invitation.objects.filter(survey=survey)
        .annotate(email_lower=Lower("email"))
        .values_list("email_lower", "declined")
    )

    plan = InvitationPlan()
    seen: set[str] = set()

    def consider(email: str, label: str, person: Person | None, organisation: Organisation | None) -> None:
        email = email.strip().lower()
        if not email:
            plan.without_email.append(label)
            return
        shown = f"{label} <{email}>" if label and label != email else email
        if (person is not None and person.pk in withdrawn) or invited.get(email):
            plan.opted_out.append(shown)
        elif email in seen:
            plan.duplicates.append(shown)
        elif email in invited:
            plan.already_invited.append(shown)
        else:
            plan.recipients.append(
                Recipient(
                    email=email,
                    label=label,
                    person_id=person.pk if person is not None else None,
                    organisation_id=organisation.pk if organisation is not None else None,
                    organisation_name=organisation.name if organisation is not None else "",
                    language=_language(person),
                )
            )
        seen.add(email)

    for organisation, person in pairs:
        if person is None:
            consider(organisation.email, organisation.name, None, organisation)
        else:
            consider(person.email, f"{person.full_name} ({organisation.name})", person, organisation)
    for address in lowered:
        consider(address, address, pasted_people.get(address), None)
    return plan


def invitations_for_list(survey: Survey, state: str = "") -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(survey=survey).select_related("organisation")
    if state == ANSWERED:
        invitations = invitations.filter(responded=True)
    elif state == NOT_ANSWERED:
        invitations = invitations.filter(responded=False, declined=False)
    elif state == DECLINED:
        invitations = invitations.filter(declined=True)
    return invitations.order_by("email", "pk")


def survey_accepts_reminders(survey: Survey, now: datetime) -> bool:
    return survey.status == SurveyStatus.OPEN and (survey.closes_at is None or survey.closes_at > now)


def _contact_withdrawn_since() -> Q:
    """Invitations of a person who has withdrawn their consent to be contacted (after the invitation went out, or
    the plan would have left them out) and not given it again: in the database, as `_withdrawn_people` reads it."""
    consents = Consent.objects.filter(
        purpose=CONTACT_PURPOSE,
        # Joined, not looked up: the page that counts the reminders due costs no query more.
        subject_type__app_label=Person._meta.app_label,
        subject_type__model=Person._meta.model_name,
        subject_id=Cast(OuterRef("person_id"), CharField()),
    )
    return Q(Exists(consents.filter(withdrawn_at__isnull=False))) & ~Q(Exists(consents.filter(withdrawn_at=None)))


def reminders_due(survey: Survey, *, now: datetime, older_than: timedelta | None = None) -> QuerySet[Invitation]:
    """The invitations a reminder would go to now: sent, not answered, not declined, under the survey's maximum, and
    not to a person who has since withdrawn their consent to be contacted; with `older_than`, only those whose last
    mail (the invitation or the last reminder) is at least that old."""
    if not survey_accepts_reminders(survey, now):
        return Invitation.objects.none()
    due = Invitation.objects.filter(
        survey=survey,
        sent_at__isnull=False,
        responded=False,
        declined=False,
        reminders_sent__lt=survey.max_reminders,
    ).exclude(_contact_withdrawn_since())
    if older_than is not None:
        due = due.annotate(last_mail=Coalesce("last_reminded_at", "sent_at")).filter(Q(last_mail__lte=now - older_than))
    return due.order_by("pk")
