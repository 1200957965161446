"""The literal survey demo data: the surveys of the two demo centres, their questions, and how the made-up
answers to them are drawn (weights, ranges and short free texts, written as associations and municipal staff
would write them; no real person is named).

A question's `weights` are either one list (every respondent draws from it) or a dict keyed by the respondent's
profile, which the survey's `profiles` draw first: so that answers hang together (an association that finds it
hard to recruit also asks for help more often)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frivillig.surveys.enums import YES, QuestionKind, SurveyKind

SINGLE = QuestionKind.SINGLE_CHOICE
MULTIPLE = QuestionKind.MULTIPLE_CHOICE
SCALE = QuestionKind.SCALE
YES_NO = QuestionKind.YES_NO
NUMBER = QuestionKind.NUMBER
SHORT = QuestionKind.SHORT_TEXT
LONG = QuestionKind.LONG_TEXT
ORGANISATION = QuestionKind.ORGANISATION


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    text: str
    choices: tuple[str, ...] = ()
    # Per choice, per point on the scale (1 first), or (yes, no); a list or a dict keyed by profile.
    weights: list | dict | None = None
    required: bool = False
    # How often an optional question is answered at all.
    answered: float = 1.0
    help_text: str = ""
    low: str = ""
    high: str = ""
    dont_know: float = 0.0  # how often "don't know" is chosen (and offered when above 0)
    number_range: tuple[int, int, int] | None = None  # smallest, largest, most usual
    unit: str = ""
    picks: tuple[int, int] = (1, 2)  # how many options a multiple-choice answer ticks
    other: tuple[str, ...] = ()  # "other, namely …" texts (and offered when there are any)
    other_rate: float = 0.0
    texts: tuple[str, ...] = ()
    # The text of an earlier question and the answer that shows this one (a choice's label, or YES/NO).
    show_if: tuple[str, str] | None = None
    # Answers given in turn to the respondents (after a seeded shuffle) instead of drawn: a result that must hold.
    fixed: tuple[int, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    title: str
    questions: tuple[QuestionSpec, ...]
    introduction: str = ""


@dataclass(frozen=True)
class SurveySpec:
    tenant: str
    title: str
    kind: str
    introduction: str
    sections: tuple[SectionSpec, ...]
    opens: date | None = None
    closes: date | None = None
    # Who is invited: "members" (member associations first), "course" (the associations on the course) or
    # "collaboration" (municipal staff and associations).
    audience: str = "members"
    invited: int = 0
    responses: int = 0
    declined: int = 0
    is_anonymous: bool = False
    thank_you: str = ""
    summary: str = ""
    profiles: dict[str, float] = field(default_factory=lambda: {"": 1.0})
    # An open survey dated from the day the demo is loaded (opens that day, closes this many days later).
    open_for_days: int = 0


SIZES = ("Under 25 medlemmer", "25–100 medlemmer", "101–250 medlemmer", "Over 250 medlemmer")
RECRUITMENT_CHANNELS = (
    "Gennem medlemmer og deres netværk",
    "Opslag på Facebook og andre sociale medier",
    "Frivilligjob.dk",
    "Frivilligcentret",
    "Lokalavisen",
    "Opslag på biblioteket, i butikker og lignende",
    "Ved arrangementer og markedsdage",
)
HELP_WANTED = (
    "Hjælp til at skrive gode opslag",
    "Et kursus i rekruttering af frivillige",
    "Sparring om foreningens rekrutteringsplan",
    "Fælles rekrutteringskampagne med andre foreninger",
    "Hjælp til at tage godt imod nye frivillige",
)

SOROE_NEEDS = SurveySpec(
    tenant="soroe",
    title="Behovsanalyse: rekruttering af frivillige i foreningerne",
    kind=SurveyKind.NEEDS_ANALYSIS,
    introduction=(
        "Frivilligcentret vil gerne vide, hvordan det går med at finde nye frivillige i jeres forening, og hvad "
        "vi kan hjælpe med. Det tager omkring 10 minutter at svare. Svarene bruges til at planlægge en kampagne "
        "og et kursus om rekruttering i foråret 2018."
    ),
    opens=date(2017, 10, 2),
    closes=date(2017, 11, 10),
    audience="members",
    invited=35,
    responses=25,
    declined=2,
    thank_you="Tak for jeres svar. Vi fremlægger resultaterne på dialogmødet i januar.",
    summary=(
        "25 af 35 inviterede medlemsforeninger svarede. 14 af dem har brug for hjælp til at rekruttere "
        "frivillige, og 10 af de 23, der tog stilling, finder det svært eller meget svært. De fleste finder nye "
        "frivillige gennem medlemmernes netværk; færre bruger sociale medier eller frivilligcentret. Hjælp til at "
        "skrive gode opslag og et kursus er det, flest ønsker, og 15 foreninger vil deltage i et kursus i foråret.\n\n"
        "Konklusion: Vi gennemfører en kampagne i februar–marts 2018 og holder et kursus i effektiv rekruttering "
        "af frivillige i april 2018."
    ),
    profiles={"hard": 0.65, "easy": 0.35},
    sections=(
        SectionSpec(
            "Om foreningen",
            (
                QuestionSpec(
                    SINGLE,
                    "Hvor mange medlemmer har foreningen?",
                    SIZES,
                    weights={"hard": [4, 5, 2, 1], "easy": [1, 4, 3, 2]},
                    required=True,
                ),
                QuestionSpec(
                    SINGLE,
                    "Hvilket område arbejder foreningen mest inden for?",
                    (
                        "Det sociale område",
                        "Idræt og motion",
                        "Kultur og fritid",
                        "Sundhed og patientforeninger",
                        "Børn og unge",
                        "Natur og miljø",
                    ),
                    weights=[5, 3, 3, 2, 2, 1],
                ),
                QuestionSpec(
                    ORGANISATION,
                    "Er der en anden forening, I gerne vil samarbejde med om at finde frivillige?",
                    help_text="Vælg en forening, hvis I allerede har en i tankerne.",
                    answered=0.3,
                ),
            ),
        ),
        SectionSpec(
            "Frivillige",
            (
                QuestionSpec(
                    NUMBER,
                    "Hvor mange aktive frivillige har foreningen i dag?",
                    number_range=(2, 60, 8),
                    unit="frivillige",
                    required=True,
                ),
                QuestionSpec(
                    YES_NO,
                    "Har I brug for hjælp til rekruttering af frivillige?",
                    weights={"hard": [9, 1], "easy": [1, 6]},
                    required=True,
                ),
                QuestionSpec(
                    SCALE,
                    "Hvor svært er det at rekruttere nye frivillige til foreningen?",
                    low="Meget let",
                    high="Meget svært",
                    weights={"hard": [0, 1, 3, 7, 4], "easy": [3, 6, 3, 1, 0]},
                    dont_know=0.04,
                    required=True,
                ),
                QuestionSpec(
                    MULTIPLE,
                    "Hvor finder I typisk nye frivillige?",
                    RECRUITMENT_CHANNELS,
                    weights=[9, 5, 2, 3, 2, 2, 3],
                    picks=(1, 3),
                    other=(
                        "Gennem kirken",
                        "Via skolernes forældregrupper",
                        "Mund til mund i lokalområdet",
                        "Via jobcentret",
                    ),
                    other_rate=0.2,
                ),
                QuestionSpec(
                    MULTIPLE,
                    "Hvad ville hjælpe jer mest?",
                    HELP_WANTED,
                    weights=[5, 6, 3, 3, 2],
                    picks=(1, 2),
                    show_if=("Har I brug for hjælp til rekruttering af frivillige?", YES),
                    other=("Hjælp til at finde unge frivillige", "Et sted at mødes med nye frivillige"),
                    other_rate=0.1,
                ),
            ),
        ),
        SectionSpec(
            "Ønsker til frivilligcentret",
            (
                QuestionSpec(
                    SINGLE,
                    "Vil I deltage i et kursus om rekruttering af frivillige i foråret 2018?",
                    ("Ja", "Måske", "Nej"),
                    weights={"hard": [6, 3, 1], "easy": [2, 3, 3]},
                ),
                QuestionSpec(
                    LONG,
                    "Hvad kan frivilligcentret gøre for at hjælpe jer med at finde nye frivillige?",
                    answered=0.7,
                    texts=(
                        "Et kursus om, hvordan man skriver et opslag, der fanger.",
                        "Vi mangler især yngre frivillige. Gode råd til at nå dem vil være en stor hjælp.",
                        "Måske en fælles stand på torvedagen, hvor flere foreninger kan vise sig frem.",
                        "Hjælp til at bruge Facebook bedre. Vi ved ikke rigtig, hvordan vi kommer i gang.",
                        "Det er svært at fastholde dem, vi får. Noget om introduktion af nye frivillige.",
                        "Vi klarer os fint, men det er rart at vide, at I er der.",
                        "Formidle kontakt til borgere, der gerne vil være frivillige i en kortere periode.",
                        "Et netværksmøde, hvor foreningerne kan dele erfaringer med rekruttering.",
                        "Hjælp til at lave en plan for, hvem der gør hvad, når en ny frivillig henvender sig.",
                        "Vi har brug for flere til bestyrelsen. Gode ideer til det er meget velkomne.",
                        "Annoncering af vores opgaver på jeres hjemmeside og i nyhedsbrevet.",
                        "Et kort kursus om aften, så de frivillige kan deltage efter arbejde.",
                    ),
                ),
            ),
        ),
    ),
)

COURSE_SCALE = "I hvilken grad føler I jer bedre klædt på til at rekruttere frivillige?"

SOROE_COURSE = SurveySpec(
    tenant="soroe",
    title="Evaluering af kurset i rekruttering af frivillige",
    kind=SurveyKind.EVALUATION,
    introduction=(
        "Tak, fordi I deltog i kurset i effektiv rekruttering af frivillige. Vi vil gerne høre, hvad I fik ud af "
        "det, og om I er kommet i gang med at bruge det. Det tager fem minutter."
    ),
    opens=date(2018, 4, 23),
    closes=date(2018, 5, 18),
    audience="course",
    invited=15,
    responses=12,
    thank_you="Tak for jeres svar. Vi bruger dem, når vi planlægger næste års kurser.",
    summary=(
        "12 af de 15 foreninger, der deltog i kurset, har svaret. 9 af dem føler sig i høj eller meget høj grad "
        "bedre klædt på til at rekruttere frivillige (4 eller 5 på skalaen), og strategiens mål om mindst 7 "
        "foreninger er dermed nået. Arbejdet med foreningens egen rekrutteringsplan og med at tage godt imod nye "
        "frivillige fremhæves som det mest udbytterige, og 11 af 12 vil anbefale kurset til andre.\n\n"
        "Konklusion: Kurset gentages i 2019, med mere tid til sociale medier."
    ),
    sections=(
        SectionSpec(
            "Kurset",
            (
                QuestionSpec(
                    SCALE,
                    "Hvor tilfredse er I samlet set med kurset?",
                    low="Meget utilfredse",
                    high="Meget tilfredse",
                    weights=[0, 1, 2, 6, 4],
                    required=True,
                ),
                QuestionSpec(
                    SCALE,
                    COURSE_SCALE,
                    low="Slet ikke",
                    high="I meget høj grad",
                    required=True,
                    # 9 of 12 answer 4 or 5: the strategy's "at least 7 associations" can be counted.
                    fixed=(5, 4, 4, 5, 3, 4, 4, 2, 5, 4, 3, 4),
                ),
                QuestionSpec(
                    MULTIPLE,
                    "Hvilke dele af kurset fik I mest ud af?",
                    (
                        "Oplægget om at skrive gode opslag",
                        "Arbejdet med foreningens egen rekrutteringsplan",
                        "Erfaringsudveksling med de andre foreninger",
                        "Brug af sociale medier",
                        "Hvordan man tager godt imod nye frivillige",
                    ),
                    weights=[4, 6, 6, 3, 4],
                    picks=(1, 3),
                ),
            ),
        ),
        SectionSpec(
            "Efter kurset",
            (
                QuestionSpec(
                    YES_NO,
                    "Har I prøvet noget nyt for at finde frivillige siden kurset?",
                    weights=[8, 4],
                    required=True,
                ),
                QuestionSpec(
                    NUMBER,
                    "Hvor mange nye frivillige har I fået siden kurset?",
                    number_range=(0, 8, 1),
                    unit="frivillige",
                    answered=0.85,
                ),
                QuestionSpec(YES_NO, "Vil I anbefale kurset til andre foreninger?", weights=[11, 1], required=True),
                QuestionSpec(
                    LONG,
                    "Hvad kunne have gjort kurset bedre?",
                    answered=0.6,
                    texts=(
                        "Mere tid til at arbejde med vores egen plan.",
                        "Det var godt. Måske en opfølgning efter et halvt år.",
                        "Flere konkrete eksempler på opslag, der har virket.",
                        "Lidt for meget oplæg og for lidt snak i grupperne.",
                        "Mere om Facebook og Instagram, tak.",
                        "Et andet tidspunkt end fredag eftermiddag.",
                        "Vi savnede noget om at finde frivillige til bestyrelsen.",
                        "Intet at tilføje, det var et rigtig godt kursus.",
                    ),
                ),
            ),
        ),
    ),
)

SOROE_OPEN = SurveySpec(
    tenant="soroe",
    title="Ønsker til frivilligcentrets kurser og netværk",
    kind=SurveyKind.NEEDS_ANALYSIS,
    introduction=(
        "Hvilke kurser og netværksmøder vil jeres forening gerne have i det kommende år? Svar inden fristen, så "
        "kommer jeres ønsker med i planlægningen."
    ),
    audience="",
    open_for_days=28,
    thank_you="Tak for jeres svar.",
    sections=(
        SectionSpec(
            "Kurser",
            (
                QuestionSpec(
                    MULTIPLE,
                    "Hvilke kurser vil I gerne have tilbudt?",
                    (
                        "Rekruttering af frivillige",
                        "Fundraising",
                        "Bestyrelsesarbejde",
                        "Sociale medier",
                        "Førstehjælp",
                    ),
                    picks=(1, 3),
                ),
                QuestionSpec(YES_NO, "Vil I gerne være med i et netværk for frivilligkoordinatorer?"),
                QuestionSpec(LONG, "Andre ønsker eller idéer?"),
            ),
        ),
    ),
)

BOARD_COURSE = "Skal kommunen igen tilbyde kursus i bestyrelsesarbejde?"
WORKPLACES = ("I en frivillig forening", "I Rødovre Kommune", "Et andet sted")

ROEDOVRE_COLLABORATION = SurveySpec(
    tenant="roedovre",
    title="Samarbejdet mellem kommunen og de frivillige foreninger 2017",
    kind=SurveyKind.COLLABORATION,
    introduction=(
        "Hvordan fungerer samarbejdet mellem Rødovre Kommune og de frivillige foreninger? Undersøgelsen er "
        "anonym: svarene kan ikke føres tilbage til dig, og resultater for grupper under fem personer vises ikke."
    ),
    opens=date(2017, 12, 4),
    closes=date(2018, 1, 19),
    audience="collaboration",
    invited=40,
    responses=30,
    is_anonymous=True,
    thank_you="Tak for din besvarelse. Resultaterne præsenteres på dialogmødet i foråret 2018.",
    summary=(
        "30 af 40 inviterede svarede, heraf 6 fra kommunen. 18 af de 29, der tog stilling, er tilfredse eller "
        "meget tilfredse med samarbejdet, men 11 finder det svært at finde den rette kontaktperson hos den anden "
        "part. 19 af 30 ønsker, at kommunen igen tilbyder kursus i bestyrelsesarbejde; rekruttering og "
        "fastholdelse af frivillige er det emne, flest peger på.\n\n"
        "Konklusion: Kurset i bestyrelsesarbejde udbydes igen i 2018, og kommunen laver en oversigt over "
        "kontaktpersoner til foreningerne."
    ),
    profiles={"association": 0.7, "municipal": 0.3},
    sections=(
        SectionSpec(
            "Om dig",
            (
                QuestionSpec(
                    SINGLE,
                    "Hvor er du frivillig eller ansat?",
                    WORKPLACES,
                    weights={"association": [1, 0, 0], "municipal": [0, 1, 0]},
                    required=True,
                ),
            ),
        ),
        SectionSpec(
            "Samarbejdet",
            (
                QuestionSpec(
                    SCALE,
                    "Hvor tilfreds er du med samarbejdet mellem kommunen og de frivillige foreninger?",
                    low="Meget utilfreds",
                    high="Meget tilfreds",
                    weights={"association": [1, 2, 5, 7, 3], "municipal": [0, 1, 3, 6, 2]},
                    dont_know=0.05,
                    required=True,
                ),
                QuestionSpec(
                    SCALE,
                    "Hvor let er det at finde den rette kontaktperson hos den anden part?",
                    low="Meget svært",
                    high="Meget let",
                    weights={"association": [2, 5, 4, 3, 1], "municipal": [0, 2, 4, 5, 2]},
                    dont_know=0.05,
                ),
                QuestionSpec(
                    MULTIPLE,
                    "Hvordan samarbejder I i dag?",
                    (
                        "Fælles arrangementer",
                        "Henvisning af borgere til foreningerne",
                        "Lån af kommunens lokaler",
                        "Økonomisk støtte (§ 18-midler)",
                        "Faste møder",
                    ),
                    weights=[4, 5, 6, 6, 2],
                    picks=(1, 3),
                    other=("Fælles kampagne om frivillighed", "Praktikforløb for borgere i ledighed"),
                    other_rate=0.1,
                ),
                QuestionSpec(
                    YES_NO,
                    "Har du deltaget i et dialogmøde mellem kommunen og foreningerne i 2017?",
                    weights={"association": [4, 6], "municipal": [6, 4]},
                ),
            ),
        ),
        SectionSpec(
            "Kurser og fremtiden",
            (
                QuestionSpec(
                    YES_NO,
                    BOARD_COURSE,
                    help_text="Kommunen tilbød i vinteren 2016 et forløb om rekruttering og fastholdelse for "
                    "bestyrelsesmedlemmer.",
                    weights={"association": [8, 2], "municipal": [7, 3]},
                    required=True,
                ),
                QuestionSpec(
                    SINGLE,
                    "Hvilket emne vil være mest relevant på et nyt kursus?",
                    (
                        "Rekruttering og fastholdelse af frivillige",
                        "Økonomi og regnskab",
                        "Fundraising",
                        "Bestyrelsens ansvar og roller",
                        "Kommunikation og sociale medier",
                    ),
                    weights=[8, 3, 4, 3, 3],
                    show_if=(BOARD_COURSE, YES),
                ),
                QuestionSpec(
                    LONG,
                    "Har du forslag til, hvordan samarbejdet kan blive bedre?",
                    answered=0.5,
                    texts=(
                        "En liste over, hvem man kontakter i kommunen om hvad.",
                        "Flere dialogmøder, gerne to om året.",
                        "Hurtigere svar på ansøgninger om lokaler.",
                        "Det fungerer godt, fortsæt sådan.",
                        "Kommunens medarbejdere kunne kende foreningernes tilbud bedre.",
                        "En fælles kalender over arrangementer i kommunen.",
                        "Gør det lettere at søge § 18-midler.",
                        "Mere tid til at mødes på tværs af foreninger og forvaltninger.",
                    ),
                ),
            ),
        ),
    ),
)

# Sorø's strategy 2017-2018 promises a survey of the collaboration with the municipality in the winter 2017-18
# (the strategy demo's target counts its responses).
SOROE_COLLABORATION = SurveySpec(
    tenant="soroe",
    title="Samarbejdet mellem frivilligcentret, foreningerne og kommunen 2017-18",
    kind=SurveyKind.COLLABORATION,
    introduction=(
        "Hvordan går samarbejdet mellem Sorø Kommune, foreningerne og frivilligcentret? Undersøgelsen er anonym: "
        "svarene kan ikke føres tilbage til dig, og resultater for grupper under fem personer vises ikke."
    ),
    opens=date(2018, 1, 8),
    closes=date(2018, 2, 9),
    audience="collaboration",
    invited=24,
    responses=17,
    is_anonymous=True,
    thank_you="Tak for dit svar. Resultaterne fremlægges for frivilligcentrets bestyrelse i februar.",
    summary=(
        "17 af 24 inviterede svarede, heraf 6 fra kommunen. 10 af de 17 er tilfredse eller meget tilfredse med "
        "samarbejdet, og dialogmødet i september 2017 fremhæves som en god begyndelse. Flere ønsker et fast møde "
        "hvert år.\n\n"
        "Konklusion: Dialogmødet bliver årligt, og kommunen udpeger en fast kontaktperson for foreningerne."
    ),
    profiles={"association": 0.6, "municipal": 0.4},
    sections=(
        SectionSpec(
            "Samarbejdet",
            (
                QuestionSpec(
                    SINGLE,
                    "Hvor er du frivillig eller ansat?",
                    ("I en frivillig forening", "I Sorø Kommune", "Et andet sted"),
                    weights={"association": [1, 0, 0], "municipal": [0, 1, 0]},
                    required=True,
                ),
                QuestionSpec(
                    SCALE,
                    "Hvor tilfreds er du med samarbejdet mellem kommunen og de frivillige foreninger?",
                    low="Meget utilfreds",
                    high="Meget tilfreds",
                    weights={"association": [0, 1, 3, 6, 2], "municipal": [0, 1, 2, 5, 2]},
                    required=True,
                ),
                QuestionSpec(
                    YES_NO,
                    "Deltog du i dialogmødet mellem foreningerne og kommunens medarbejdere i september 2017?",
                    weights={"association": [5, 5], "municipal": [6, 4]},
                ),
                QuestionSpec(
                    LONG,
                    "Hvad kan gøre samarbejdet bedre?",
                    answered=0.5,
                    texts=(
                        "Et fast dialogmøde hvert år.",
                        "En kontaktperson i kommunen, man kan ringe til.",
                        "Mere viden hos sagsbehandlerne om, hvad foreningerne kan.",
                        "Det er blevet meget bedre det sidste år.",
                        "Kortere svartider, når vi spørger om lokaler.",
                    ),
                ),
            ),
        ),
    ),
)

SURVEYS = (SOROE_NEEDS, SOROE_COURSE, SOROE_OPEN, ROEDOVRE_COLLABORATION, SOROE_COLLABORATION)
