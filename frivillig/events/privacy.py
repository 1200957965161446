"""The personal data of events (see core/privacy.py).

A registration says who takes part (name, e-mail, phone, for which association) and may hold a diet or an access
need. Those details go a tenant-chosen period after the event; what stays is a count: how many places, for which
association, who came to which session — the figures the strategy counts. Dialogue-meeting input from a
participant is kept without a name."""

from frivillig.core.privacy import (
    UNCHANGED,
    Category,
    Erasure,
    LegalBasis,
    NotPersonal,
    PersonalField,
    PersonalModel,
    Retention,
)

ACTIVITY_DA = "Arrangementer og kurser"
ACTIVITY_EN = "Events and courses"

_REGISTRATION_DA = "At holde styr på pladserne, sende bekræftelse, påmindelse og evaluering, og tælle deltagelsen."
_REGISTRATION_EN = "To keep track of the places, send the confirmation, reminder and evaluation, and count attendance."

REGISTRATION_RETENTION = Retention.tenant_setting(
    "events_registration_days",
    label_da="Tilmeldinger til afholdte arrangementer",
    label_en="Registrations for events that have taken place",
    default_days=365,
    minimum_days=30,
    maximum_days=3 * 365,
    after_da="efter arrangementet; derefter slettes navn, kontaktoplysninger og svar (deltagelsen tælles stadig)",
    after_en="after the event; the name, contact details and answers are deleted then (attendance still counts)",
)


def _erased_registration_email(registration) -> str:
    # One active registration per address and event (a unique constraint): each anonymised one gets its own.
    return f"slettet-{registration.pk}@example.invalid"


MODELS = [
    PersonalModel(
        "events.Registration",
        subject="email",
        purpose_da=_REGISTRATION_DA,
        purpose_en=_REGISTRATION_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=REGISTRATION_RETENTION,
        fields=[
            # Which event the person registered for, for whom and how many places: theirs to see, and kept (the
            # statistics count them) when the rest goes.
            PersonalField("event", label_da="Arrangement", label_en="Event", erased=UNCHANGED),
            PersonalField("organisation", label_da="Tilmeldt for", label_en="Registered for", erased=UNCHANGED),
            PersonalField("group_size", erased=UNCHANGED),
            PersonalField("user", label_da="Konto", label_en="Account"),
            PersonalField("registered_by", label_da="Tilmeldt af", label_en="Registered by"),
            PersonalField("full_name"),
            PersonalField("email", erased=_erased_registration_email),
            PersonalField("phone"),
            PersonalField("diet"),
            PersonalField(
                "access_needs",
                category=Category.SPECIAL,
                purpose_da="At arrangementet kan tage hensyn til deltagerens behov (f.eks. adgang for kørestol).",
                purpose_en="So that the event can meet the participant's needs (e.g. wheelchair access).",
                legal_basis=LegalBasis.EXPLICIT_CONSENT,
            ),
            PersonalField("extra_answer"),
            PersonalField("language"),
            PersonalField(
                "email_confirmed_at",
                # Kept: an anonymised registration is no unconfirmed guest's to be deleted by the retention rule.
                erased=UNCHANGED,
                retention=Retention.fixed(
                    30,
                    after_da="for en gæst, der aldrig bekræftede sin e-mail (så slettes tilmeldingen)",
                    after_en="for a guest who never confirmed the e-mail (the registration is deleted then)",
                ),
            ),
            PersonalField("status", erased=UNCHANGED),
            PersonalField("created_at", erased=UNCHANGED),
            PersonalField("cancelled_at", erased=UNCHANGED),
        ],
        label_da="Tilmelding til et arrangement",
        label_en="Registration for an event",
        not_personal=[
            "tenant",
            "token",
            "queue_rank",
            "waitlisted_at",
            "offered_at",
            "offer_expires_at",
            "registered_at",
            "reminder_sent_at",
            "evaluation_sent_at",
        ],
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "events.Attendance",
        subject="registration",
        purpose_da="At tælle, hvem der kom, og hvem der har gennemført et kursus (kursusbevis).",
        purpose_en="To count who came, and who completed a course (the course certificate).",
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=Retention.with_record(
            da="Så længe tilmeldingen gemmes; bliver stående som tal, når tilmeldingen anonymiseres.",
            en="As long as the registration is kept; stays as a count when the registration is anonymised.",
        ),
        fields=[
            PersonalField("session", label_da="Mødegang", label_en="Session", erased=UNCHANGED),
            PersonalField("status", erased=UNCHANGED),
            PersonalField("method", erased=UNCHANGED),
            PersonalField("recorded_at", erased=UNCHANGED),
            PersonalField("recorded_by", label_da="Registreret af", label_en="Recorded by"),
        ],
        label_da="Fremmøde",
        label_en="Attendance",
        not_personal=["tenant", "registration"],
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "events.Event",
        subject="created_by",
        purpose_da="At vise, hvem i centret eller kommunen der har oprettet arrangementet.",
        purpose_en="To show who at the centre or the municipality created the event.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(da="Så længe arrangementet findes.", en="As long as the event exists."),
        fields=[PersonalField("created_by")],
        not_personal=[
            "tenant",
            "kind",
            "title",
            "description",
            "themes",
            "partners",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "organised_by_centre",
            "organised_by_municipality",
            "price_note",
            "status",
            "campaign",
            "evaluation_survey",
            "evaluation_sent_at",
            "asks_diet",
            "asks_access_needs",
            "extra_question",
            "sessions_required",
            "offer_hold_hours",
            "input_token",
            "summary",
            "summary_published",
            "cancelled_at",
            "cancellation_message",
            "published_at",
            "copied_from",
            "created_at",
            "updated_at",
        ],
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "events.DialogueInput",
        subject="created_by",
        purpose_da="At følge op på de idéer og bekymringer, der kom frem på et dialogmøde.",
        purpose_en="To follow up the ideas and concerns raised at a dialogue meeting.",
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=Retention.with_record(
            da="Så længe arrangementet findes; input gemmes uden navn på deltageren.",
            en="As long as the event exists; input is kept without the participant's name.",
        ),
        fields=[
            PersonalField("created_by", label_da="Skrevet af", label_en="Written by"),
            PersonalField("responsible", label_da="Ansvarlig", label_en="Responsible"),
        ],
        label_da="Input fra et dialogmøde",
        label_en="Input from a dialogue meeting",
        not_personal=[
            "tenant",
            "event",
            "kind",
            "theme",
            "text",
            "from_participant",
            "follow_up_status",
            "answer",
            "created_at",
            "updated_at",
        ],
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "events.Campaign",
        subject="created_by",
        purpose_da="At vise, hvem i centret der har oprettet kampagnen.",
        purpose_en="To show who at the centre created the campaign.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(da="Så længe kampagnen findes.", en="As long as the campaign exists."),
        fields=[PersonalField("created_by")],
        not_personal=[
            "tenant",
            "title",
            "goal",
            "description",
            "themes",
            "opportunities",
            "starts_on",
            "ends_on",
            "is_published",
            "created_at",
            "updated_at",
        ],
        erasure=Erasure.ANONYMISE,
    ),
]

NOT_PERSONAL = [
    NotPersonal("events.EventSession", "When and where one meeting of an event takes place; nothing about people."),
    NotPersonal("events.CampaignLink", "A short link's code, label and target; nothing about who follows it."),
    NotPersonal("events.CampaignArrival", "How many arrived through a link on a day: a count, nothing about who."),
]
