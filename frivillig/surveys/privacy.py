"""The personal data of surveys (see core/privacy.py).

A named survey's response says whom it is from (a contact person, an association) and its free texts may name
people; an anonymous survey's response holds none of that (no person, no organisation, no time). Erasing a person
anonymises their named responses: the closed answers stay for the statistics, the person, the association and the
free texts go."""

from frivillig.core.privacy import UNCHANGED, Erasure, LegalBasis, NotPersonal, PersonalField, PersonalModel, Retention

ACTIVITY_DA = "Spørgeundersøgelser"
ACTIVITY_EN = "Surveys"

_ANSWERS_DA = "At centret kan kende foreningernes behov og evaluere sine tilbud, og følge op på svarene."
_ANSWERS_EN = "So that the centre can learn the associations' needs, evaluate its offers and follow up the answers."

_NAMED_RESPONSE_RETENTION = Retention.tenant_setting(
    "surveys_closed_named_response_days",
    label_da="Navngivne svar på lukkede spørgeundersøgelser",
    label_en="Named answers to closed surveys",
    default_days=2 * 365,
    minimum_days=90,
    maximum_days=5 * 365,
    after_da="efter at undersøgelsen er lukket; derefter anonymiseres svarene (tallene bevares)",
    after_en="after the survey closed; the answers are anonymised then (the figures are kept)",
)

_INVITATION_RETENTION = Retention.tenant_setting(
    "surveys_closed_invitation_days",
    label_da="Invitationer til lukkede spørgeundersøgelser",
    label_en="Invitations to closed surveys",
    default_days=180,
    minimum_days=30,
    maximum_days=2 * 365,
    after_da="efter at undersøgelsen er lukket; derefter slettes invitationerne",
    after_en="after the survey closed; the invitations are deleted then",
)

MODELS = [
    PersonalModel(
        "surveys.Invitation",
        subject="email",
        purpose_da="At invitere til en spørgeundersøgelse, sende påmindelser til dem, der ikke har svaret, og gemme et "
        "påbegyndt svar.",
        purpose_en="To invite people to a survey, remind those who have not answered, and keep an answer begun.",
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_INVITATION_RETENTION,
        fields=[
            # Which survey the person was invited to, when, and whether they answered or said no: theirs to see.
            PersonalField("survey", label_da="Spørgeundersøgelse", label_en="Survey"),
            PersonalField("email", label_da="E-mail", label_en="E-mail"),
            PersonalField("person", label_da="Inviteret person", label_en="Person invited"),
            PersonalField("organisation", label_da="Inviteret for foreningen", label_en="Invited for the association"),
            PersonalField("sent_at", label_da="Sendt", label_en="Sent"),
            PersonalField("reminders_sent", label_da="Påmindelser sendt", label_en="Reminders sent"),
            PersonalField("responded", label_da="Har svaret", label_en="Has answered"),
            PersonalField("declined", label_da="Ønsker ikke at deltage", label_en="Does not wish to take part"),
            PersonalField("draft", label_da="Påbegyndt svar", label_en="Answer begun"),
        ],
        label_da="Invitation til en spørgeundersøgelse",
        label_en="Invitation to a survey",
        not_personal=[
            "tenant",
            "token",
            "language",
            "last_reminded_at",
            "created_at",
        ],
        erasure=Erasure.DELETE,
    ),
    PersonalModel(
        "surveys.Survey",
        subject="created_by",
        purpose_da="At vise, hvem i centret der har oprettet undersøgelsen.",
        purpose_en="To show who at the centre created the survey.",
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.with_record(
            da="Så længe undersøgelsen findes.",
            en="As long as the survey exists.",
        ),
        fields=[PersonalField("created_by")],
        not_personal=[
            "tenant",
            "title",
            "introduction",
            "kind",
            "is_anonymous",
            "minimum_group_size",
            "opens_at",
            "closes_at",
            "thank_you_text",
            "max_reminders",
            "status",
            "closed_at",
            "anonymity_locked_at",
            "copied_from",
            "open_link_token",
            "summary",
            "results_version",
            "created_at",
            "updated_at",
        ],
        # The survey is the centre's; it loses who created it.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "surveys.Response",
        subject="person",
        purpose_da=_ANSWERS_DA,
        purpose_en=_ANSWERS_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=_NAMED_RESPONSE_RETENTION,
        fields=[
            # Which survey the person answered: the link goes with the person and the association on erasure, the
            # response stays counted in its survey.
            PersonalField("survey", label_da="Spørgeundersøgelse", label_en="Survey", erased=UNCHANGED),
            PersonalField("person", label_da="Besvaret af", label_en="Answered by"),
            PersonalField("organisation", label_da="Besvaret for foreningen", label_en="Answered for the association"),
        ],
        label_da="Svar på en spørgeundersøgelse",
        label_en="Response to a survey",
        not_personal=["tenant", "submitted"],
        # The closed answers count in the survey's figures; who answered goes.
        erasure=Erasure.ANONYMISE,
    ),
    PersonalModel(
        "surveys.Answer",
        subject="response",
        purpose_da=_ANSWERS_DA,
        purpose_en=_ANSWERS_EN,
        legal_basis=LegalBasis.PUBLIC_TASK,
        retention=Retention.with_record(
            da="Så længe svaret gemmes; fritekster og valg af forening fjernes, når svaret anonymiseres.",
            en="As long as the response is kept; free texts and a chosen association go when it is anonymised.",
        ),
        # A named answer is the person's while the response names them: the question and the closed answer are
        # shown in the access export, and stay (UNCHANGED) when the response is anonymised, for the statistics.
        fields=[
            PersonalField("question", label_da="Spørgsmål", label_en="Question", erased=UNCHANGED),
            PersonalField("choice", label_da="Valgt svarmulighed", label_en="Option chosen", erased=UNCHANGED),
            PersonalField(
                "number",
                label_da="Tal eller point (ja = 1, nej = 0)",
                label_en="Number or points (yes = 1, no = 0)",
                erased=UNCHANGED,
            ),
            PersonalField("dont_know", label_da="Ved ikke", label_en="Don't know", erased=UNCHANGED),
            PersonalField("text", label_da="Fritekst", label_en="Free text"),
            PersonalField("organisation", label_da="Valgt forening", label_en="Association chosen"),
        ],
        label_da="Svar på et spørgsmål",
        label_en="Answer to a question",
        not_personal=["tenant", "response"],
        erasure=Erasure.ANONYMISE,
    ),
]

NOT_PERSONAL = [
    NotPersonal(
        "surveys.ResponseTally",
        "How many responses a survey received on a day: a count, with nothing about who answered or what.",
    ),
    NotPersonal(
        "surveys.Question",
        "A question's text and help text are what the centre asks everybody, written by its staff; no answers.",
    ),
]
