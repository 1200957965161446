"""The CRM's indicators for the strategy's targets: new collaboration relations and interactions.

What a counted record shows: the relation's topic with its organisation (or the person's municipal department or
unit), and an interaction's kind, date and organisations; never a person's name or an interaction's summary. The
records are read by everyone who follows a plan (municipal staff, who do not see the people register, among them)
and a published report keeps them. Each record links to the CRM page where those allowed see the rest.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import get_language

from frivillig.core.indicators import CountedRecord, Indicator, Measurement, Param, ParamKind
from frivillig.crm.enums import InteractionKind, OrganisationKind, Vocabulary
from frivillig.crm.models import CollaborationRelation, Interaction, Organisation, OrganisationRole, Tag
from frivillig.crm.selectors.relations import is_municipal_employee


def _text(danish: str, english: str) -> str:
    # A record's words are fixed when the indicator is computed (a published report keeps them), in the language
    # of the moment, as the indicators' own labels are: written here in both languages, not in the catalogue.
    return english if (get_language() or "da").startswith("en") else danish


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


# --- new collaboration relations ------------------------------------------------------------------------------


def is_municipal_relation() -> Q:
    """A relation with a municipal unit, or with a person who works in one (a role in a municipal unit, or a
    department filled in: the relation list's "municipal employees")."""
    return Q(organisation__kind=OrganisationKind.MUNICIPAL_UNIT) | is_municipal_employee()


def _relation_party(relation: CollaborationRelation) -> str:
    if relation.organisation is not None:
        return relation.organisation.name
    person = relation.person
    if person is None:
        return ""
    if person.department:
        return person.department
    units = [role.organisation.name for role in person.roles.all()]
    if units:
        return units[0]
    return _text("en kontaktperson", "a contact person")


def _relation_url(tenant, relation: CollaborationRelation) -> str:
    if relation.organisation_id is not None:
        return reverse("crm:organisation_detail", kwargs={"tenant_slug": tenant.slug, "pk": relation.organisation_id})
    # The people register is the centre staff's alone; the relation list (read by municipal staff too) shows the
    # relation on the day it started.
    day = relation.started_on.isoformat()
    return reverse("crm:relation_list", kwargs={"tenant_slug": tenant.slug}) + f"?fra={day}&til={day}"


def new_relations(
    *, tenant, starts_on: date, ends_on: date, municipal_only: bool = False, records: bool = True
) -> Measurement:
    """Collaboration relations that started in the period (their start date), optionally only those with
    municipal units or employees."""
    relations = CollaborationRelation.objects.filter(tenant=tenant, started_on__gte=starts_on, started_on__lte=ends_on)
    if municipal_only:
        relations = relations.filter(is_municipal_relation())
    if not records:
        return Measurement(value=relations.count())
    units = OrganisationRole.objects.filter(organisation__kind=OrganisationKind.MUNICIPAL_UNIT).select_related(
        "organisation"
    )
    found = list(
        relations.select_related("organisation", "person")
        .prefetch_related(Prefetch("person__roles", queryset=units.order_by("organisation__name", "pk")))
        .order_by("started_on", "pk")
    )
    listed = [
        CountedRecord(
            key=f"crm.relation:{relation.pk}",
            label=" – ".join(part for part in (relation.topic, _relation_party(relation)) if part),
            url=_relation_url(tenant, relation),
            detail=_text("Startede %(date)s", "Started %(date)s") % {"date": _day(relation.started_on)},
        )
        for relation in found
    ]
    return Measurement(value=len(listed), records=listed)


# --- interactions -----------------------------------------------------------------------------------------------


def topic_choices(tenant) -> list[tuple[str, str]]:
    """The tenant's topics on interactions (the theme vocabulary), retired ones too: a plan may name one."""
    topics = Tag.objects.filter(tenant=tenant, vocabulary=Vocabulary.THEME).order_by("-is_active", "position", "pk")
    return [(str(tag.pk), tag.label) for tag in topics]


def kind_choices(tenant) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in InteractionKind.choices]


def interactions(
    *,
    tenant,
    starts_on: date,
    ends_on: date,
    topic: str | None = None,
    kind: str | None = None,
    records: bool = True,
) -> Measurement:
    """Interactions that happened in the period (their date), optionally only of a topic and of a kind. An
    unknown topic or kind (a deleted word) gives no data rather than a misleading 0."""
    found = Interaction.objects.filter(tenant=tenant, happened_on__gte=starts_on, happened_on__lte=ends_on)
    if topic:
        if not topic.isdigit() or not Tag.objects.filter(tenant=tenant, pk=int(topic)).exists():
            return Measurement(value=None)
        found = found.filter(
            pk__in=Interaction.topics.through.objects.filter(tag_id=int(topic)).values("interaction_id")
        )
    if kind:
        if kind not in InteractionKind.values:
            return Measurement(value=None)
        found = found.filter(kind=kind)
    if not records:
        return Measurement(value=found.count())
    rows = list(
        found.only("pk", "kind", "happened_on")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.only("pk", "name").order_by("name")))
        .order_by("happened_on", "pk")
    )
    listed = [
        CountedRecord(
            key=f"crm.interaction:{interaction.pk}",
            label=", ".join(
                [
                    f"{interaction.get_kind_display()} {_day(interaction.happened_on)}",
                    *(organisation.name for organisation in interaction.organisations.all()),
                ]
            ),
            url=reverse("crm:interaction_detail", kwargs={"tenant_slug": tenant.slug, "pk": interaction.pk}),
            detail=_day(interaction.happened_on),
        )
        for interaction in rows
    ]
    return Measurement(value=len(listed), records=listed)


INDICATORS = [
    Indicator(
        key="crm.new_relations",
        label_da="Nye samarbejdsrelationer",
        label_en="New collaboration relations",
        compute=new_relations,
        params=(
            Param(
                "municipal_only",
                ParamKind.FLAG,
                "Kun med kommunale enheder og medarbejdere",
                "Only with municipal units and employees",
                required=False,
                help_da=(
                    "Relationer med en kommunal enhed eller med en person, der har en rolle i en kommunal enhed "
                    "eller har en afdeling udfyldt."
                ),
                help_en=(
                    "Relations with a municipal unit, or with a person who holds a role in a municipal unit or has "
                    "a department filled in."
                ),
            ),
        ),
        unit_da="relationer",
        unit_en="relations",
        description_da="Samarbejdsrelationer, der startede i perioden.",
        description_en="Collaboration relations that started in the period.",
    ),
    Indicator(
        key="crm.interactions",
        label_da="Henvendelser og rådgivning",
        label_en="Interactions and advice",
        compute=interactions,
        params=(
            Param(
                "topic",
                ParamKind.CHOICE,
                "Emne",
                "Topic",
                required=False,
                choices=topic_choices,
                help_da="Kun henvendelser med dette emne, fx fondsrådgivning. Tom: alle emner.",
                help_en="Only interactions with this topic, e.g. fundraising advice. Empty: every topic.",
            ),
            Param(
                "kind",
                ParamKind.CHOICE,
                "Slags henvendelse",
                "Kind of interaction",
                required=False,
                choices=kind_choices,
                help_da="Kun henvendelser af denne slags, fx rådgivning. Tom: alle slags.",
                help_en="Only interactions of this kind, e.g. advice sessions. Empty: every kind.",
            ),
        ),
        unit_da="henvendelser",
        unit_en="interactions",
        description_da="Møder, opkald, rådgivning og andre henvendelser i CRM'et med en dato i perioden.",
        description_en="Meetings, calls, advice and other interactions in the CRM dated in the period.",
    ),
]
