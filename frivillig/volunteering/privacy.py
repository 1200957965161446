"""The personal data of volunteers and applicants (see core/privacy.py)."""

from frivillig.core.consent import ConsentPurpose
from frivillig.core.privacy import UNCHANGED, Category, Erasure, LegalBasis, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Frivillige og ansøgninger"
ACTIVITY_EN = "Volunteers and applications"

_APPLICATION_RETENTION = Retention.tenant_setting(
    "closed_application_days",
    label_da="Afsluttede ansøgninger om frivilligjob",
    label_en="Closed applications for volunteer opportunities",
    default_days=365,
    minimum_days=30,
    maximum_days=3 * 365,
    after_da="efter at ansøgningen er afsluttet (afvist, trukket tilbage eller afsluttet)",
    after_en="after the application was closed (declined, withdrawn or ended)",
)
_WITH_APPLICATION = Retention.with_record(
    da="Så længe ansøgningen gemmes; slettes sammen med den.",
    en="As long as the application is kept; deleted with it.",
)


def _erased_application_email(application) -> str:
    # One application per address and opportunity (a unique constraint): each anonymised one gets its own.
    return f"slettet-{application.pk}@example.invalid"


_APPLICATION_DA = "At foreningen og centret kan behandle ansøgningen og holde kontakt med ansøgeren."
_APPLICATION_EN = "So that the association and the centre can handle the application and keep in touch."

MODELS = [
    PersonalModel(
        "volunteering.Opportunity",
        subject="contact_person",
        purpose_da="At vise, hvem man kan kontakte om opslaget, og hvem der har oprettet det.",
        purpose_en="To show whom to contact about the opportunity, and who created it.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe opslaget findes.",
            en="As long as the opportunity exists.",
        ),
        fields=[
            PersonalField("contact_person"),
            # Found by its contact person: whoever created it is someone else.
            PersonalField(
                "created_by",
                in_access_export=False,
                label_da="Oprettet af",
                label_en="Created by",
                erased=UNCHANGED,
            ),
        ],
        not_personal=[
            "tenant",
            "organisation",
            "title",
            "summary",
            "description",
            "tasks",
            "commitment",
            "hours_per_week",
            "on_weekdays",
            "in_evenings",
            "at_weekends",
            "starts_on",
            "ends_on",
            "address",
            "postcode",
            "town",
            "is_remote",
            "volunteers_needed",
            "requires_child_certificate",
            "status",
            "published_at",
            "expires_on",
            "expiry_warning_sent_at",
            "closed_at",
            "search_document",
            "search_stems",
            "word_keys",
            "created_at",
            "updated_at",
            "activity_areas",
            "target_groups",
            "skills",
            "inclusion",
        ],
        # The opportunity is the association's; it loses its contact person.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "volunteering.VolunteerProfile",
        subject="user",
        purpose_da="At foreslå frivilligt arbejde, der passer til personens interesser, tid og behov.",
        purpose_en="To suggest voluntary work that suits the person's interests, time and needs.",
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.fixed(
            3 * 365,
            after_da="uden aktivitet (personen får en advarsel først) eller når kontoen slettes",
            after_en="without activity (the person is warned first), or when the account is deleted",
        ),
        fields=[
            PersonalField("user", label_da="Konto", label_en="Account"),
            PersonalField("interests"),
            PersonalField("skills"),
            PersonalField("inclusion_needs", category=Category.CONFIDENTIAL, legal_basis=LegalBasis.CONSENT),
            PersonalField("on_weekdays"),
            PersonalField("in_evenings"),
            PersonalField("at_weekends"),
            PersonalField("postcode"),
            PersonalField("languages"),
            PersonalField(
                "private_notes",
                category=Category.CONFIDENTIAL,
                purpose_da=(
                    "Personens egne noter om sine behov; vises kun for personen selv, aldrig for foreninger eller "
                    "centret."
                ),
                purpose_en=(
                    "The person's own notes on their needs; shown to the person only, never to associations or centres."
                ),
                legal_basis=LegalBasis.CONSENT,
            ),
            PersonalField("open_to_suggestions"),
            PersonalField("created_at", label_da="Oprettet", label_en="Created"),
            PersonalField("updated_at", label_da="Senest ændret", label_en="Last changed"),
        ],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "volunteering.Application",
        subject="email",
        purpose_da=_APPLICATION_DA,
        purpose_en=_APPLICATION_EN,
        legal_basis=LegalBasis.CONTRACT,
        retention=_APPLICATION_RETENTION,
        fields=[
            PersonalField("user", label_da="Konto", label_en="Account"),
            PersonalField("full_name"),
            PersonalField("email", erased=_erased_application_email),
            PersonalField("phone"),
            PersonalField("message"),
            PersonalField("language"),
            PersonalField(
                "email_confirmed_at",
                # Kept: an anonymised application is no unconfirmed guest's to be deleted by the retention rule.
                erased=UNCHANGED,
                retention=Retention.fixed(
                    30,
                    after_da="for en gæst, der aldrig bekræftede sin e-mail (så slettes ansøgningen)",
                    after_en="for a guest who never confirmed the e-mail (the application is deleted then)",
                ),
            ),
            PersonalField(
                "child_certificate_obtained_on",
                category=Category.CONFIDENTIAL,
                purpose_da="At dokumentere, at den børneattest, loven kræver, er indhentet.",
                purpose_en="To document that the child certificate the law requires was obtained.",
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
            PersonalField(
                "child_certificate_ok",
                category=Category.CONFIDENTIAL,
                purpose_da="At dokumentere, at den børneattest, loven kræver, er indhentet.",
                purpose_en="To document that the child certificate the law requires was obtained.",
                legal_basis=LegalBasis.LEGAL_OBLIGATION,
            ),
        ],
        # What an anonymised application keeps for the statistics.
        not_personal=["tenant", "opportunity", "status", "status_changed_at", "reminder_sent_at", "created_at"],
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "volunteering.ApplicationEvent",
        subject="application",
        purpose_da=_APPLICATION_DA,
        purpose_en=_APPLICATION_EN,
        legal_basis=LegalBasis.CONTRACT,
        retention=_WITH_APPLICATION,
        fields=[
            PersonalField("actor", label_da="Hvem der handlede", label_en="Who acted"),
            PersonalField("note"),
            PersonalField("message"),
        ],
        label_da="Hændelse på en tilmelding",
        label_en="Event on an application",
        not_personal=["tenant", "application", "kind", "from_status", "to_status", "reason", "created_at"],
        # The application's history (what changed when) stays with the anonymised application.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "volunteering.ApplicationNote",
        subject="application",
        purpose_da="Foreningens og centrets egne notater om ansøgningen.",
        purpose_en="The association's and the centre's own notes on the application.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_WITH_APPLICATION,
        fields=[PersonalField("author", label_da="Skrevet af", label_en="Written by"), PersonalField("text")],
        not_personal=["tenant", "application", "created_at"],
        erasure=Erasure.DELETE,
    ),
]


# Consents (core/consent.py). `VolunteerProfile.open_to_suggestions` holds the consent now in force (the
# suggestions read it); the ledger holds every consent with the text of the profile form's checkbox.
def _apply_suggestions_consent(user, consent) -> None:
    from frivillig.volunteering.models import VolunteerProfile

    VolunteerProfile.objects.filter(user=user).update(open_to_suggestions=consent is not None)


SUGGESTIONS_CONSENT = ConsentPurpose(
    "volunteering.suggestions",
    label_da="Vises som foreslået frivillig for foreninger",
    label_en="Shown to associations as a suggested volunteer",
    text_da=(
        "Foreninger må se mig som foreslået frivillig. De ser dit fornavn, dit postnummer og dine interesser, men "
        "aldrig dine kontaktoplysninger eller dine noter."
    ),
    text_en=(
        "Associations may see me as a suggested volunteer. They see your first name, your postcode and your "
        "interests, never your contact details or your notes."
    ),
    subject="accounts.User",
    apply=_apply_suggestions_consent,
)

CONSENTS = [SUGGESTIONS_CONSENT]
