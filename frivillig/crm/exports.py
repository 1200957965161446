"""What the CRM's list exports hold: the columns of each list, once (core.exports turns them into XLSX or CSV).

The objects come from the list's `*_for_export` selector, which prefetches what the columns read."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.exports import Column, joined


def _labels(tags) -> str:
    return joined(tag.label for tag in tags)


def _roles(person) -> str:
    return joined((f"{role.get_role_display()}, {role.organisation.name}" for role in person.current_roles), "; ")


def _relation_is_active(relation) -> bool:
    return relation.ended_on is None or relation.ended_on > timezone.localdate()


ORGANISATIONS = (
    Column(_("Name"), lambda organisation: organisation.name),
    Column(_("Kind"), lambda organisation: organisation.get_kind_display()),
    Column(_("CVR number"), lambda organisation: organisation.cvr),
    Column(_("E-mail"), lambda organisation: organisation.email),
    Column(_("Phone"), lambda organisation: organisation.phone),
    Column(_("Address"), lambda organisation: organisation.address),
    Column(_("Postcode"), lambda organisation: organisation.postcode),
    Column(_("Town"), lambda organisation: organisation.town),
    Column(_("Website"), lambda organisation: organisation.website),
    Column(_("Target groups"), lambda organisation: _labels(organisation.target_groups.all())),
    Column(_("Activity areas"), lambda organisation: _labels(organisation.activity_areas.all())),
    Column(_("Member since"), lambda organisation: organisation.member_since),
    Column(_("Public in the directory"), lambda organisation: organisation.is_public),
    Column(_("Archived"), lambda organisation: organisation.archived_at),
)

PEOPLE = (
    Column(_("Name"), lambda person: person.full_name),
    Column(_("E-mail"), lambda person: person.email),
    Column(_("Phone"), lambda person: person.phone),
    Column(_("Department"), lambda person: person.department),
    Column(_("Job title"), lambda person: person.job_title),
    Column(_("Roles in organisations"), _roles),
    Column(_("Consent to be contacted given"), lambda person: person.consent_given_at),
    Column(_("Consent given"), lambda person: person.get_consent_method_display()),
    Column(_("Archived"), lambda person: person.archived_at),
)

INTERACTIONS = (
    Column(_("Date"), lambda interaction: interaction.happened_on),
    Column(_("Kind"), lambda interaction: interaction.get_kind_display()),
    Column(_("Organisations"), lambda interaction: joined(item.name for item in interaction.organisations.all())),
    Column(_("People"), lambda interaction: joined(person.full_name for person in interaction.people.all())),
    Column(_("Staff member"), lambda interaction: str(interaction.staff) if interaction.staff else ""),
    Column(_("Topics"), lambda interaction: _labels(interaction.topics.all())),
    Column(_("Summary"), lambda interaction: interaction.summary),
    Column(_("Follow up on"), lambda interaction: interaction.follow_up_on),
    Column(_("Followed up"), lambda interaction: interaction.follow_up_done_at),
)

RELATIONS = (
    Column(_("Person"), lambda relation: relation.person.full_name if relation.person else ""),
    Column(_("Department"), lambda relation: relation.person.department if relation.person else ""),
    Column(_("Organisation"), lambda relation: relation.organisation.name if relation.organisation else ""),
    Column(_("Municipal employee"), lambda relation: bool(relation.is_municipal)),
    Column(_("Topic"), lambda relation: relation.topic),
    Column(_("Started"), lambda relation: relation.started_on),
    Column(_("Ended"), lambda relation: relation.ended_on),
    Column(_("Active"), _relation_is_active),
    Column(_("Note"), lambda relation: relation.note),
)
