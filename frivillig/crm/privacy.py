"""The personal data of the centre's contacts (see core/privacy.py)."""

from frivillig.core.consent import ConsentPurpose
from frivillig.core.privacy import UNCHANGED, Category, Erasure, LegalBasis, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Kontakter: foreninger og deres folk"
ACTIVITY_EN = "Contacts: associations and their people"

_CONTACTS_DA = "At centret kan samarbejde med foreningerne og holde kontakt med deres folk."
_CONTACTS_EN = "So that the centre can work with the associations and keep in touch with their people."

_PERSON_RETENTION = Retention.tenant_setting(
    "crm_archived_person_days",
    label_da="Arkiverede kontaktpersoner",
    label_en="Archived contacts",
    default_days=2 * 365,
    minimum_days=180,
    maximum_days=5 * 365,
    after_da="efter at personen er arkiveret",
    after_en="after the person was archived",
)
_WITH_PERSON = Retention.with_record(
    da="Så længe personen er registreret hos centret.",
    en="As long as the person is registered with the centre.",
)

MODELS = [
    PersonalModel(
        "crm.Organisation",
        subject="",
        purpose_da="At kunne kontakte foreningen; små foreninger bruger ofte en persons egen e-mail og telefon.",
        purpose_en="To contact the association; small associations often give a person's own e-mail and phone.",
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=Retention.with_record(
            da="Så længe foreningen er registreret hos centret.",
            en="As long as the association is registered with the centre.",
        ),
        fields=[
            PersonalField("email"),
            PersonalField("phone"),
            PersonalField("address"),
            PersonalField(
                "internal_notes",
                purpose_da="Centrets egne notater om samarbejdet med foreningen.",
                purpose_en="The centre's own notes on its work with the association.",
                in_access_export=False,
            ),
        ],
        not_personal=[
            "tenant",
            "kind",
            "name",
            "cvr",
            "purpose",
            "description",
            "website",
            "postcode",
            "town",
            "member_since",
            "is_public",
            "logo",
            "archived_at",
            "created_at",
            "updated_at",
            "target_groups",
            "activity_areas",
        ],
        erasure=Erasure.KEEP,
        erasure_reason="An association's record is about no single person (its subject is empty), so erasing a "
        "person finds none of its rows; the association's contact details are the association's own.",
    ),
    PersonalModel(
        "crm.Person",
        subject="pk",
        purpose_da=_CONTACTS_DA,
        purpose_en=_CONTACTS_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_PERSON_RETENTION,
        fields=[
            PersonalField("full_name"),
            PersonalField("email"),
            PersonalField("phone"),
            PersonalField("user"),
            PersonalField("department"),
            PersonalField("job_title"),
            PersonalField(
                "notes",
                category=Category.CONFIDENTIAL,
                purpose_da="Centrets notater om personen, som kan røre ved sociale forhold.",
                purpose_en="The centre's notes on the person, which may touch on social circumstances.",
            ),
            PersonalField(
                "consent_given_at",
                purpose_da="At dokumentere personens samtykke, hvornår og hvordan det blev givet.",
                purpose_en="To document the person's consent: when and how it was given.",
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            PersonalField(
                "consent_method",
                label_da="Hvordan samtykket blev givet",
                label_en="How consent was given",
                purpose_da="At dokumentere personens samtykke, hvornår og hvordan det blev givet.",
                purpose_en="To document the person's consent: when and how it was given.",
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            PersonalField(
                "consent_recorded_by",
                purpose_da="At dokumentere personens samtykke, hvornår og hvordan det blev givet.",
                purpose_en="To document the person's consent: when and how it was given.",
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            PersonalField("archived_at"),
            PersonalField("created_at"),
            PersonalField("updated_at"),
        ],
        not_personal=["tenant"],
        # Its roles, collaborations and places among an interaction's people go with it.
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.OrganisationRole",
        subject="person",
        purpose_da=_CONTACTS_DA,
        purpose_en=_CONTACTS_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_WITH_PERSON,
        fields=[
            PersonalField("person"),
            PersonalField("role"),
            PersonalField("started_on"),
            PersonalField("ended_on"),
        ],
        not_personal=["tenant", "organisation"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.Interaction",
        subject="people",
        purpose_da="At huske, hvad centret har talt med foreningerne og deres folk om, og følge op.",
        purpose_en="To remember what the centre discussed with the associations and their people, and to follow up.",
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_PERSON_RETENTION,
        fields=[
            # The erased person leaves `people` with the person's record; the others stay.
            PersonalField("people", erased=UNCHANGED),
            # The member of staff who held it is not the person erased.
            PersonalField("staff", erased=UNCHANGED),
            PersonalField("summary", category=Category.CONFIDENTIAL),
        ],
        not_personal=[
            "tenant",
            "kind",
            "happened_on",
            "follow_up_on",
            "follow_up_done_at",
            "created_at",
            "organisations",
            "topics",
        ],
        # What the centre counts stays (kind, date, organisations, topics); the summary, which may tell about the
        # person, goes.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "crm.CollaborationRelation",
        subject="person",
        purpose_da=_CONTACTS_DA,
        purpose_en=_CONTACTS_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_WITH_PERSON,
        fields=[PersonalField("person"), PersonalField("note")],
        not_personal=["tenant", "organisation", "topic", "started_on", "ended_on", "created_at"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.RepresentativeRequest",
        subject="email",
        purpose_da="At behandle en anmodning om at blive foreningens repræsentant og svare personen.",
        purpose_en="To handle a request to become the association's representative, and to answer the person.",
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.fixed(
            180,
            after_da="efter at anmodningen er besvaret",
            after_en="after the request was answered",
        ),
        fields=[
            PersonalField("full_name"),
            PersonalField("email"),
            PersonalField("phone"),
            PersonalField("message"),
            PersonalField("decided_by"),
            PersonalField("decline_reason"),
        ],
        not_personal=["tenant", "organisation", "created_at", "status", "decided_at"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.Representative",
        subject="user",
        purpose_da="At foreningens repræsentant kan vedligeholde foreningens oplysninger og opslag.",
        purpose_en="So that the association's representative can keep its details and opportunities up to date.",
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.with_record(
            da="Så længe personen er foreningens repræsentant.",
            en="As long as the person represents the association.",
        ),
        fields=[PersonalField("user", label_da="Konto", label_en="Account"), PersonalField("membership")],
        not_personal=["tenant", "organisation"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.RepresentativeInvitation",
        subject="invitation",
        purpose_da="At invitere en kontaktperson til at blive foreningens repræsentant.",
        purpose_en="To invite a contact to become the association's representative.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Slettes sammen med invitationen.",
            en="Deleted with the invitation.",
        ),
        fields=[PersonalField("full_name"), PersonalField("invitation")],
        not_personal=["tenant", "organisation"],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "crm.SavedFilter",
        subject="created_by",
        purpose_da="At vise, hvem i centret der har gemt filteret.",
        purpose_en="To show who at the centre saved the filter.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe filteret findes.",
            en="As long as the filter exists.",
        ),
        fields=[PersonalField("created_by", label_da="Gemt af", label_en="Saved by")],
        # The criteria describe organisations (kind, words, a search in names and towns), never a person.
        not_personal=["tenant", "name", "params", "created_at"],
        # The filter is the centre's; it loses who saved it.
        erasure=Erasure.ANONYMISE,
    ),
]


# Consents (core/consent.py). The person's `consent_*` fields hold the consent now in force, for the list's filter
# and the export; the ledger holds every consent with the text shown.
def _apply_contact_consent(person, consent) -> None:
    person.consent_given_at = consent.given_at if consent is not None else None
    person.consent_method = consent.method if consent is not None else ""
    person.consent_recorded_by = consent.recorded_by if consent is not None else None
    person.save(update_fields=["consent_given_at", "consent_method", "consent_recorded_by", "updated_at"])


CONTACT_CONSENT = ConsentPurpose(
    "crm.contact",
    label_da="Kontakt fra frivilligcentret",
    label_en="Contact from the volunteer centre",
    text_da=(
        "Jeg giver samtykke til, at frivilligcentret gemmer mit navn og mine kontaktoplysninger og kontakter mig om "
        "frivilligt arbejde, arrangementer og samarbejdet med foreningerne. Jeg kan når som helst trække mit "
        "samtykke tilbage ved at kontakte frivilligcentret – eller under 'Dine data', hvis jeg har en konto."
    ),
    text_en=(
        "I consent to the volunteer centre keeping my name and contact details and contacting me about voluntary "
        "work, events and its work with the associations. I can withdraw my consent at any time by contacting the "
        "volunteer centre – or under 'Your data' if I have an account."
    ),
    subject="crm.Person",
    apply=_apply_contact_consent,
)

CONSENTS = [CONTACT_CONSENT]
