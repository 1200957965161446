"""The literal events demo data: what the two demo centres held in 2017-18 (the courses, meetings and conferences
their plans name), the recruitment campaign, the input from the dialogue meetings and what became of it, and a few
events coming up, dated from the day the demo is loaded.

Who registered is drawn by `demo.py` from the CRM demo's contact people: the chairs of the associations (on behalf
of their association), the municipal staff, and citizens on their own. The numbers here are what the strategy's
indicators later count, so they are chosen to make the plans' figures true (at least 8 associations on the
recruitment course, at least one network-building dialogue meeting in 2017)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from frivillig.events.enums import DialogueInputKind, EventAudience, EventKind, FollowUpStatus

# The title of the surveys demo's evaluation of the recruitment course (surveys/demo_data.py, SOROE_COURSE).
COURSE_EVALUATION = "Evaluering af kurset i rekruttering af frivillige"


@dataclass(frozen=True)
class SessionSpec:
    # A date, or for an upcoming event the number of days after the day the demo is loaded.
    on: date | int
    starts: time
    ends: time
    title: str = ""


@dataclass(frozen=True)
class InputSpec:
    kind: str
    theme: str  # a theme's key (crm's vocabulary)
    text: str
    status: str = FollowUpStatus.NEW
    answer: str = ""
    # "staff" (the centre's demo staff member) or "kommune" (the municipality's).
    responsible: str = ""
    from_participant: bool = False


@dataclass(frozen=True)
class EventSpec:
    tenant: str
    title: str
    kind: str
    description: str
    sessions: tuple[SessionSpec, ...]
    place: str
    themes: tuple[str, ...] = ()
    capacity: int | None = None
    audience: str = EventAudience.EVERYONE
    by_municipality: bool = False
    by_centre: bool = True
    price_note: str = ""
    sessions_required: int | None = None
    asks_diet: bool = False
    asks_access_needs: bool = False
    extra_question: str = ""
    # Who registered: chairs of associations (on behalf of them), municipal staff, citizens on their own.
    associations: int = 0
    municipal: int = 0
    citizens: int = 0
    # The share of the associations' registrations that are for two places ("me and a colleague").
    pairs: float = 0.0
    # How many came to the first session; at a later session each of those who came is there this often.
    came: float = 0.9
    stayed: float = 0.9
    # Registrations cancelled before the event (they hold no place).
    cancelled: int = 0
    # The sessions each association attended, given in turn (after a seeded shuffle) instead of drawn: a
    # figure that must hold. Its length is the number of associations that came.
    patterns: tuple[tuple[int, ...], ...] = ()
    # The associations come from the invitations of the surveys demo's evaluation of this event, which went to
    # those who came; `no_shows` more registered but did not come.
    evaluation: str = ""
    no_shows: int = 0
    in_campaign: bool = False
    summary: str = ""
    inputs: tuple[InputSpec, ...] = ()
    # Upcoming events: every place taken (the last ones by `waiting` on the waiting list), and the demo users
    # registered ("borger", "forening.<slug>"; on the waiting list when the event is full).
    waiting: int = 0
    demo_users: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()

    @property
    def upcoming(self) -> bool:
        return isinstance(self.sessions[0].on, int)


@dataclass(frozen=True)
class LinkSpec:
    label: str
    # "campaign" (its public page) or "course" (the campaign's course).
    target: str
    # Arrivals on an ordinary day and on the day the link went out (the newsletter's day, the poster's first).
    daily: int
    peak: int
    peak_on: date


@dataclass(frozen=True)
class CampaignSpec:
    tenant: str
    title: str
    goal: str
    description: str
    starts_on: date
    ends_on: date
    themes: tuple[str, ...]
    links: tuple[LinkSpec, ...]
    opportunities: int = 3


CENTRE_SOROE = "Frivilligcenter Sorø, Storgade 1, 4180 Sorø"
CENTRE_ROEDOVRE = "Rødovre Frivilligcenter, Rødovre Parkvej 1, 2610 Rødovre"

RECRUITMENT_CAMPAIGN = CampaignSpec(
    tenant="soroe",
    title="Flere frivillige i Sorø – rekrutteringskampagne 2018",
    goal=(
        "Flere foreninger bliver bedre til at finde og fastholde frivillige: mindst 8 foreninger deltager i kurset "
        "i effektiv rekruttering, og flere frivilligjob bliver slået op."
    ),
    description=(
        "Mange foreninger i Sorø fortalte i behovsanalysen i efteråret 2017, at det er svært at finde nye "
        "frivillige. I februar og marts sætter frivilligcentret fokus på rekruttering: med opslag om frivilligjob, "
        "gode råd i nyhedsbrevet og et kursus i april, hvor foreningerne lægger deres egen rekrutteringsplan."
    ),
    starts_on=date(2018, 2, 1),
    ends_on=date(2018, 3, 31),
    themes=("rekruttering",),
    links=(
        LinkSpec("Nyhedsbrev til foreningerne, februar", "course", daily=2, peak=31, peak_on=date(2018, 2, 6)),
        LinkSpec("Nyhedsbrev til foreningerne, marts", "course", daily=1, peak=18, peak_on=date(2018, 3, 6)),
        LinkSpec("Plakat på biblioteket og i frivillighuset", "campaign", daily=3, peak=9, peak_on=date(2018, 2, 2)),
        LinkSpec("Opslag på Facebook", "campaign", daily=4, peak=46, peak_on=date(2018, 2, 14)),
    ),
)

CAMPAIGNS = (RECRUITMENT_CAMPAIGN,)

_EVENING = (time(19, 0), time(21, 30))

EVENTS: tuple[EventSpec, ...] = (
    # --- Sorø -------------------------------------------------------------------------------------------------
    EventSpec(
        tenant="soroe",
        title="Netværksskabende dialogmøde mellem foreningerne og kommunens medarbejdere",
        kind=EventKind.DIALOGUE_MEETING,
        description=(
            "Kommunens medarbejdere og de frivillige foreninger mødes for at lære hinanden at kende og finde ud af, "
            "hvor vi kan hjælpe hinanden. Vi tager udgangspunkt i konkrete borgere, der kunne have glæde af et "
            "fællesskab i en forening, og slutter med at aftale, hvad vi arbejder videre med."
        ),
        sessions=(SessionSpec(date(2017, 9, 19), time(15, 0), time(18, 0)),),
        place="Sorø Rådhus, byrådssalen",
        themes=("samarbejde-kommune",),
        capacity=40,
        audience=EventAudience.EVERYONE,
        by_municipality=True,
        price_note="Gratis, og der er kaffe og kage.",
        associations=14,
        municipal=6,
        came=0.95,
        cancelled=1,
        summary=(
            "14 foreninger og 6 medarbejdere fra kommunen deltog. Vi talte om, hvordan kommunens medarbejdere kan "
            "bygge bro til foreningerne, og hvordan foreningerne kan tage godt imod borgere, som kommunen henviser. "
            "Her kan du se de idéer og bekymringer, der kom frem, og hvad der er sket med dem siden."
        ),
        inputs=(
            InputSpec(
                DialogueInputKind.IDEA,
                "samarbejde-kommune",
                "En fast kontaktperson i kommunen, som foreningerne kan ringe til, når de vil samarbejde.",
                FollowUpStatus.DONE,
                "Socialafdelingens frivilligkoordinator er fra 1. januar 2018 foreningernes faste kontakt.",
                "kommune",
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "samarbejde-kommune",
                "Et katalog over foreningernes tilbud, som sagsbehandlerne kan bruge, når de taler med borgerne.",
                FollowUpStatus.DONE,
                "Foreningernes tilbud kan nu findes på frivilligcentrets side, og sagsbehandlerne er vist rundt.",
                "staff",
            ),
            InputSpec(
                DialogueInputKind.CONCERN,
                "samarbejde-kommune",
                "Vi er bekymrede for, at foreningerne får borgere henvist, som har brug for mere, end frivillige "
                "kan give.",
                FollowUpStatus.DONE,
                "Vi har lavet en fælles aftale om, hvad en forening kan forvente af en henvisning, og hvem man "
                "kontakter, hvis det ikke går.",
                "kommune",
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "rekruttering",
                "Et kursus i at finde og fastholde frivillige, gerne om aftenen.",
                FollowUpStatus.DONE,
                "Kurset i effektiv rekruttering af frivillige blev holdt i april 2018 med 15 foreninger.",
                "staff",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "lokaler",
                "Adgang til kommunens mødelokaler om aftenen og i weekenden.",
                FollowUpStatus.LOOKING,
                "Kultur og Fritid undersøger, hvilke lokaler der kan åbnes for foreningerne uden ekstra udgifter.",
                "kommune",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.CONCERN,
                "bestyrelsesarbejde",
                "Det er svært at finde nye bestyrelsesmedlemmer, når de gamle stopper.",
                FollowUpStatus.LOOKING,
                "Vi planlægger et bestyrelseskursus og et netværk for kasserere.",
                "staff",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "inklusion",
                "Et fælles introforløb for borgere, der gerne vil være frivillige, men ikke ved hvor de skal starte.",
                FollowUpStatus.WONT_DO,
                "Vi har ikke ressourcer til et fast forløb lige nu; i stedet tilbyder frivilligcentret en samtale "
                "med hver enkelt.",
                "staff",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "samarbejde-kommune",
                "Et årligt møde som dette, så vi holder kontakten.",
                FollowUpStatus.NEW,
                from_participant=True,
            ),
        ),
    ),
    EventSpec(
        tenant="soroe",
        title="Kursus i effektiv rekruttering af frivillige",
        kind=EventKind.COURSE,
        description=(
            "Tre aftener, hvor I lærer at skrive opslag, der fanger, at bruge de sociale medier og at tage godt imod "
            "nye frivillige. Hver forening går hjem med sin egen rekrutteringsplan. Kurset er for bestyrelser og "
            "frivilligkoordinatorer; tag gerne en kollega med. Kursusbevis til dem, der deltager i mindst 2 af de 3 "
            "aftener."
        ),
        sessions=(
            SessionSpec(date(2018, 4, 5), *_EVENING, title="Opslag, der fanger"),
            SessionSpec(date(2018, 4, 12), *_EVENING, title="Sociale medier og netværk"),
            SessionSpec(date(2018, 4, 19), *_EVENING, title="Godt i gang: at tage imod nye frivillige"),
        ),
        place=CENTRE_SOROE,
        themes=("rekruttering",),
        capacity=24,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis for foreninger i Sorø Kommune.",
        sessions_required=2,
        asks_diet=True,
        pairs=0.3,
        # 15 associations came; 13 of them to at least 2 of the 3 evenings.
        patterns=((1, 2, 3),) * 9 + ((1, 2),) * 2 + ((1, 3),) + ((2, 3),) + ((1,),) * 2,
        evaluation=COURSE_EVALUATION,
        no_shows=1,
        cancelled=2,
        in_campaign=True,
    ),
    EventSpec(
        tenant="soroe",
        title="Fundraising for foreninger",
        kind=EventKind.COURSE,
        description=(
            "Hvordan skaffer foreningen penge til sine aktiviteter? To aftener om fonde, puljer, sponsorer og "
            "indsamlinger, med eksempler fra foreninger i Sorø og tid til at arbejde med jeres egen ansøgning."
        ),
        sessions=(
            SessionSpec(date(2018, 9, 25), time(17, 0), time(21, 0), title="Fonde, puljer og sponsorer"),
            SessionSpec(date(2018, 10, 2), time(17, 0), time(21, 0), title="Den gode ansøgning"),
        ),
        place=CENTRE_SOROE,
        themes=("fundraising",),
        capacity=35,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis. Aftensmad er inkluderet.",
        asks_diet=True,
        associations=22,
        citizens=2,
        pairs=0.35,
        came=0.9,
        stayed=0.85,
        cancelled=3,
    ),
    EventSpec(
        tenant="soroe",
        title="Lokale fonde og legater – et kort kursus",
        kind=EventKind.COURSE,
        description=(
            "En aften om de lokale fonde og legater, der støtter foreningslivet i Sorø Kommune: hvem de er, hvad de "
            "støtter, og hvornår man skal søge."
        ),
        sessions=(SessionSpec(date(2018, 11, 13), time(19, 0), time(21, 0)),),
        place="Sorø Bibliotek, mødesalen",
        themes=("fundraising",),
        capacity=20,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis.",
        associations=11,
        came=0.85,
        cancelled=1,
    ),
    EventSpec(
        tenant="soroe",
        title="Førstehjælp for foreningsfrivillige",
        kind=EventKind.COURSE,
        description=(
            "Lær at give hjertelungeredning og bruge en hjertestarter. Kurset er for frivillige, der er sammen med "
            "børn, ældre eller mange mennesker ad gangen. Alle får et førstehjælpsbevis."
        ),
        sessions=(SessionSpec(9, time(17, 30), time(21, 30)),),
        place=CENTRE_SOROE,
        themes=("andet",),
        capacity=12,
        audience=EventAudience.EVERYONE,
        price_note="Gratis for frivillige i foreninger i Sorø Kommune.",
        asks_access_needs=True,
        associations=8,
        citizens=4,
        pairs=0.25,
        waiting=3,
        demo_users=("borger",),
    ),
    EventSpec(
        tenant="soroe",
        title="Introduktion til frivilligcentret for nye foreninger",
        kind=EventKind.INFO_MEETING,
        description=(
            "Er jeres forening ny i Sorø, eller har I ikke brugt frivilligcentret før? Kom og hør, hvad vi kan "
            "hjælpe med: lokaler, rådgivning, kurser og opslag om frivilligjob."
        ),
        sessions=(SessionSpec(16, time(16, 30), time(18, 0)),),
        place=CENTRE_SOROE,
        themes=("andet",),
        capacity=25,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis.",
        associations=5,
    ),
    EventSpec(
        tenant="soroe",
        title="Bestyrelseskursus: foreningens økonomi",
        kind=EventKind.COURSE,
        description=(
            "To aftener for kasserere og bestyrelsesmedlemmer om budget, regnskab, moms og tilskud. Kursusbevis til "
            "dem, der deltager begge aftener."
        ),
        sessions=(
            SessionSpec(30, time(19, 0), time(21, 30), title="Budget og regnskab"),
            SessionSpec(37, time(19, 0), time(21, 30), title="Tilskud og afrapportering"),
        ),
        place=CENTRE_SOROE,
        themes=("bestyrelsesarbejde",),
        capacity=20,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis.",
        extra_question="Hvad vil du især gerne have svar på?",
        associations=7,
        demo_users=("forening.soroe",),
    ),
    # --- Rødovre ----------------------------------------------------------------------------------------------
    EventSpec(
        tenant="roedovre",
        title="Dialogmøde: foreningernes rolle i integrationen af flygtninge",
        kind=EventKind.DIALOGUE_MEETING,
        description=(
            "Hvordan kan foreningerne være med til at tage imod de flygtninge, der er kommet til Rødovre? Kommunen "
            "og foreningerne mødes og taler om, hvad der allerede virker, og hvad vi kan gøre sammen."
        ),
        sessions=(SessionSpec(date(2017, 11, 9), time(17, 0), time(20, 0)),),
        place="Rødovre Rådhus, kantinen",
        themes=("inklusion", "samarbejde-kommune"),
        capacity=50,
        by_municipality=True,
        price_note="Gratis. Der serveres en let aftensmad.",
        asks_diet=True,
        associations=16,
        municipal=5,
        citizens=3,
        came=0.9,
        summary=(
            "16 foreninger, 5 medarbejdere fra kommunen og 3 borgere med flygtningebaggrund deltog. Der var stor "
            "lyst til at gøre mere, og mange gode idéer. Her er de input, der kom frem, og hvad der er sket med dem."
        ),
        inputs=(
            InputSpec(
                DialogueInputKind.IDEA,
                "inklusion",
                "Foreningerne kan have en 'vennefamilie', der tager en ny familie med til aktiviteterne det første "
                "halve år.",
                FollowUpStatus.DONE,
                "Fem foreninger har været med i et forsøg med vennefamilier i 2018; det fortsætter.",
                "staff",
            ),
            InputSpec(
                DialogueInputKind.CONCERN,
                "inklusion",
                "Kontingent og udstyr er en barriere for mange familier.",
                FollowUpStatus.DONE,
                "Kommunens fritidspas dækker nu kontingent og udstyr for børn i familier med lav indkomst.",
                "kommune",
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "samarbejde-kommune",
                "Sprogskolen kan fortælle om foreningerne i undervisningen.",
                FollowUpStatus.DONE,
                "Frivilligcentret besøger sprogskolens hold to gange om året.",
                "staff",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "inklusion",
                "Tolkehjælp til de første møder mellem forening og familie.",
                FollowUpStatus.LOOKING,
                "Vi undersøger, om frivillige tolke fra Røde Kors kan hjælpe.",
                "kommune",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.CONCERN,
                "andet",
                "Frivillige trænere ved ikke, hvordan de skal tale med børn, der har været på flugt.",
                FollowUpStatus.LOOKING,
                "Et temaaftenkursus for trænere er under planlægning.",
                "staff",
                from_participant=True,
            ),
            InputSpec(
                DialogueInputKind.IDEA,
                "inklusion",
                "En fælles kalender over foreningernes åbne aktiviteter på flere sprog.",
                FollowUpStatus.WONT_DO,
                "Vi oversætter i stedet foreningsoversigten til engelsk og arabisk; en kalender på flere sprog kan "
                "vi ikke holde opdateret.",
                "staff",
                from_participant=True,
            ),
        ),
    ),
    EventSpec(
        tenant="roedovre",
        title="Netværksaften for foreninger og frivillige",
        kind=EventKind.THEME_EVENING,
        description=(
            "En uformel aften, hvor foreninger og frivillige i Rødovre mødes, deler erfaringer og finder nye at "
            "samarbejde med. Oplæg om, hvordan man holder på sine frivillige."
        ),
        sessions=(SessionSpec(date(2018, 2, 22), time(18, 0), time(21, 0)),),
        place=CENTRE_ROEDOVRE,
        themes=("rekruttering",),
        capacity=60,
        price_note="Gratis.",
        asks_diet=True,
        associations=21,
        citizens=7,
        pairs=0.2,
        came=0.85,
        cancelled=2,
    ),
    EventSpec(
        tenant="roedovre",
        title="Forårskonference for foreningslivet 2018",
        kind=EventKind.CONFERENCE,
        description=(
            "Årets konference for foreningerne i Rødovre: oplæg om fremtidens frivillige, workshops om rekruttering, "
            "fundraising og samarbejde med kommunen, og frokost med god tid til at tale sammen."
        ),
        sessions=(SessionSpec(date(2018, 4, 14), time(9, 30), time(15, 30)),),
        place="Rødovre Kulturhus, salen",
        themes=("rekruttering", "fundraising", "samarbejde-kommune"),
        capacity=120,
        by_municipality=True,
        price_note="Gratis. Frokost og kaffe er inkluderet.",
        asks_diet=True,
        asks_access_needs=True,
        associations=34,
        municipal=6,
        citizens=12,
        pairs=0.4,
        came=0.88,
        cancelled=4,
        partners=("Rødovre Bibliotek",),
    ),
    EventSpec(
        tenant="roedovre",
        title="Samarbejdsforum 2018: kommunen og foreningerne",
        kind=EventKind.COLLABORATION_FORUM,
        description=(
            "Det årlige samarbejdsforum, hvor kommunen og foreningerne gør status på samarbejdet og aftaler næste "
            "års indsatser. Resultaterne af undersøgelsen af samarbejdet fremlægges."
        ),
        sessions=(SessionSpec(date(2018, 10, 25), time(16, 0), time(19, 0)),),
        place="Rødovre Rådhus, byrådssalen",
        themes=("samarbejde-kommune",),
        capacity=50,
        audience=EventAudience.EVERYONE,
        by_municipality=True,
        price_note="Gratis.",
        associations=18,
        municipal=6,
        came=0.9,
        cancelled=1,
    ),
    EventSpec(
        tenant="roedovre",
        title="Netværksaften: frivillige og sociale medier",
        kind=EventKind.THEME_EVENING,
        description=(
            "Hvordan fortæller foreningen om sig selv på Facebook og Instagram, så nye frivillige får lyst til at "
            "være med? Korte oplæg og tid til at hjælpe hinanden i gang."
        ),
        sessions=(SessionSpec(12, time(18, 0), time(20, 30)),),
        place=CENTRE_ROEDOVRE,
        themes=("rekruttering",),
        capacity=40,
        price_note="Gratis.",
        associations=11,
        citizens=3,
        pairs=0.2,
        demo_users=("forening.roedovre", "borger"),
    ),
    EventSpec(
        tenant="roedovre",
        title="Kursus for nye bestyrelsesmedlemmer",
        kind=EventKind.COURSE,
        description=(
            "Er du ny i en bestyrelse? På to aftener gennemgår vi bestyrelsens ansvar, vedtægter, økonomi og den "
            "gode generalforsamling."
        ),
        sessions=(
            SessionSpec(23, time(19, 0), time(21, 30), title="Ansvar og vedtægter"),
            SessionSpec(30, time(19, 0), time(21, 30), title="Økonomi og generalforsamling"),
        ),
        place=CENTRE_ROEDOVRE,
        themes=("bestyrelsesarbejde",),
        capacity=16,
        audience=EventAudience.ASSOCIATIONS,
        price_note="Gratis.",
        sessions_required=2,
        associations=14,
        pairs=0.2,
        waiting=4,
    ),
    EventSpec(
        tenant="roedovre",
        title="Temaaften: frivillige i ældreplejen",
        kind=EventKind.THEME_EVENING,
        description=(
            "Plejecentrene og foreningerne fortæller om de frivillige, der i dag kommer på plejecentrene, og om de "
            "opgaver, der venter på nye."
        ),
        sessions=(SessionSpec(40, time(17, 0), time(19, 0)),),
        place="Plejecentret ved Valhøj, festsalen",
        themes=("samarbejde-kommune",),
        by_municipality=True,
        price_note="Gratis.",
        associations=3,
        municipal=2,
        citizens=2,
    ),
    # Rødovre's action plan 2016-17: the course for board members offered again in the winter of 2016.
    EventSpec(
        tenant="roedovre",
        title="Uddannelsesforløb for bestyrelsesmedlemmer: rekruttering og fastholdelse",
        kind=EventKind.COURSE,
        description=(
            "Tre aftener for bestyrelsesmedlemmer i de frivillige sociale foreninger om at finde nye frivillige, "
            "tage godt imod dem og få dem til at blive. Kommunen tilbyder forløbet gratis."
        ),
        sessions=(
            SessionSpec(date(2016, 2, 4), time(19, 0), time(21, 30), title="Hvem mangler vi, og hvor finder vi dem?"),
            SessionSpec(date(2016, 2, 18), time(19, 0), time(21, 30), title="Den gode modtagelse"),
            SessionSpec(date(2016, 3, 3), time(19, 0), time(21, 30), title="Frivillige, der bliver"),
        ),
        place=CENTRE_ROEDOVRE,
        themes=("bestyrelsesarbejde", "rekruttering"),
        capacity=30,
        audience=EventAudience.ASSOCIATIONS,
        by_municipality=True,
        price_note="Gratis for foreninger i Rødovre Kommune.",
        sessions_required=2,
        associations=14,
        pairs=0.4,
        came=0.9,
        stayed=0.85,
        cancelled=1,
    ),
)
