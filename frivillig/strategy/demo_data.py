"""The literal strategy demo data: Frivilligcenter Sorø's strategy 2017-2018 and Rødovre Kommune's action plan for
voluntary social work 2016-17, entered as structured plans, and the current Sorø plan that continues the first.

The facts (titles, goals, initiatives, the measurable results with their numbers and dates) are the seed
documents'; the prose is written afresh. A target is live where the demo's operational data holds the answer
(courses and who came, dialogue meetings, surveys, collaboration relations); the rest are entered by hand with
their evidence, as a centre would until the platform holds the data (networks, fundraising applications).

What the data makes of the targets, read as of 31 December 2017 and as of each plan's end: some achieved, some at
risk (a value short of the pace on the deadline's day), some missed (a deadline passed unreached) — the statuses
the 2017 status report and the dashboards show.

A parameter of kind "choice" is written as `Pick("<label>")`: the choice with that Danish label (or ending with
it: a survey question's label begins with its survey's title), looked up among the indicator's own choices when the
demo is loaded, so that no tenant's primary key is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frivillig.strategy.enums import Comparator, InitiativeOrigin, PlanKind, PlanOwner, PlanStatus, TargetKind

REACH, LEVEL, OCCURRENCE, MANUAL = TargetKind.REACH, TargetKind.LEVEL, TargetKind.OCCURRENCE, TargetKind.MANUAL
NEW, CONTINUED = InitiativeOrigin.NEW, InitiativeOrigin.CONTINUED
MANUAL_KEY = "strategy.manual"


@dataclass(frozen=True)
class Pick:
    """A choice parameter's value, named by its Danish label (see the module's docstring)."""

    label: str


@dataclass(frozen=True)
class ValueSpec:
    """A value entered by hand: the day it was measured, the value and its evidence."""

    on: date
    value: int
    note: str


@dataclass(frozen=True)
class TargetSpec:
    title: str
    kind: str
    indicator: str
    target_value: int
    starts_on: date
    deadline: date
    params: dict = field(default_factory=dict)
    comparator: str = Comparator.AT_LEAST
    values: tuple[ValueSpec, ...] = ()
    story: str = ""
    evaluation: str = ""


@dataclass(frozen=True)
class InitiativeSpec:
    title: str
    background: str = ""
    actions: str = ""
    benefit: str = ""
    resource_needs: str = ""
    responsible: str = ""
    origin: str = NEW
    continued_from: str = ""
    targets: tuple[TargetSpec, ...] = ()
    # The status text of the Sorø 2017 report (empty: no text).
    status_2017: str = ""


@dataclass(frozen=True)
class GoalSpec:
    title: str
    description: str = ""
    initiatives: tuple[InitiativeSpec, ...] = ()
    targets: tuple[TargetSpec, ...] = ()
    status_2017: str = ""


@dataclass(frozen=True)
class PlanSpec:
    tenant: str
    title: str
    kind: str
    owner: str
    starts_on: date
    ends_on: date
    status: str
    goals: tuple[GoalSpec, ...]
    vision: str = ""
    values: str = ""
    legal_basis: str = ""
    introduction: str = ""
    is_public: bool = True


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


SOROE_START, SOROE_END = date(2017, 1, 1), date(2018, 12, 31)
Y2017 = _year(2017)
Y2018 = _year(2018)

# --- Sorø: strategy 2017-2018 -----------------------------------------------------------------------------------

SOROE_RECRUITMENT = GoalSpec(
    title="Fokusområde 1. Rekruttering af frivillige",
    description=(
        "Foreningerne skal have lettere ved at finde frivillige. Vi vil vise, hvilke foreninger der mangler "
        "frivillige og til hvad, og give foreningerne redskaber, så det bliver lettere og mere målrettet at finde "
        "nye."
    ),
    status_2017=(
        "Behovsanalysen er gennemført: 25 af 35 medlemsforeninger svarede i efteråret, og resultatet peger på et "
        "kursus og en kampagne i foråret 2018. Kurset er fastlagt til april 2018."
    ),
    initiatives=(
        InitiativeSpec(
            title="Behovsanalyse blandt foreningerne",
            background=(
                "Vi ved for lidt om, hvor foreningerne mangler frivillige, og hvad der står i vejen for at finde dem."
            ),
            actions=(
                "Vi sender en spørgeundersøgelse med en behovsanalyse til medlemsforeningerne og afrapporterer den."
            ),
            benefit="Kampagnen og kurset bygger på det, foreningerne selv peger på.",
            responsible="Frivilligcentrets leder",
            targets=(
                TargetSpec(
                    title="Behovsanalysen gennemføres og afrapporteres i perioden oktober 2017 – februar 2018",
                    kind=OCCURRENCE,
                    indicator="surveys.responses",
                    params={"survey": Pick("Behovsanalyse: rekruttering af frivillige i foreningerne")},
                    target_value=1,
                    starts_on=date(2017, 10, 1),
                    deadline=date(2018, 2, 28),
                    story=(
                        "Undersøgelsen var åben fra 2. oktober til 10. november 2017. Resultaterne blev fremlagt for "
                        "bestyrelsen i december og for foreningerne på dialogmødet i januar 2018."
                    ),
                ),
            ),
            status_2017=(
                "Gennemført til tiden. 14 af de 25 foreninger, der svarede, vil gerne have hjælp til at rekruttere, "
                "og 15 vil deltage i et kursus."
            ),
        ),
        InitiativeSpec(
            title="Kampagne om rekruttering af frivillige",
            background="Mange foreninger kender ikke de muligheder, der er for at blive bedre til at rekruttere.",
            actions=(
                "En kampagne i nyhedsbrevet, på sociale medier og med plakater, der fortæller om mulighederne og "
                "fører frem til kurset."
            ),
            benefit="Flere foreninger tilmelder sig kurset og får øje på hjælpen i frivilligcentret.",
            targets=(
                TargetSpec(
                    title="Kampagnen gennemføres op til kurset i foråret 2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=date(2018, 1, 1),
                    deadline=date(2018, 4, 30),
                    values=(
                        ValueSpec(
                            date(2018, 3, 31),
                            1,
                            "Kampagnen kørte fra 1. februar til 31. marts 2018 med to nyhedsbreve, plakater på "
                            "biblioteket og opslag på Facebook.",
                        ),
                    ),
                ),
            ),
            status_2017="Kampagnen er planlagt til februar og marts 2018 på grundlag af behovsanalysen.",
        ),
        InitiativeSpec(
            title="Kursus i effektiv rekruttering af frivillige",
            background="Behovsanalysen viser, at foreningerne især ønsker konkret hjælp til opslag og modtagelse.",
            actions=(
                "Et kursus over tre aftener i foråret 2018, hvor hver forening lægger sin egen rekrutteringsplan. "
                "Kurset evalueres bagefter med en spørgeundersøgelse til de foreninger, der deltog."
            ),
            benefit="Foreningerne rekrutterer mere målrettet og tager bedre imod nye frivillige.",
            targets=(
                TargetSpec(
                    title="Kurset holdes i foråret 2018",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Kursus"), "theme": Pick("Rekruttering af frivillige")},
                    target_value=1,
                    starts_on=date(2017, 1, 1),
                    deadline=date(2018, 6, 30),
                ),
                TargetSpec(
                    title="Mindst 7 foreninger føler sig bedre klædt på til at rekruttere frivillige",
                    kind=REACH,
                    indicator="surveys.organisations_meeting",
                    params={
                        "question": Pick("I hvilken grad føler I jer bedre klædt på til at rekruttere frivillige?"),
                        "value": Pick("at_least:4"),
                    },
                    target_value=7,
                    starts_on=date(2018, 1, 1),
                    deadline=SOROE_END,
                    evaluation=(
                        "Tæller de foreninger, der i kursusevalueringen svarer 4 eller 5 på skalaen fra 1 til 5."
                    ),
                ),
            ),
            status_2017="Kurset er fastlagt til tre aftener i april 2018 og er åbent for tilmelding fra februar.",
        ),
    ),
)

SOROE_FAMILIES = GoalSpec(
    title="Fokusområde 2. Udsatte familier med børn",
    description=(
        "Familier, der er isolerede på grund af sociale eller økonomiske forhold – og særligt deres børn og unge – "
        "skal have et netværk og kontakt til de frivillige foreninger, og nogle af dem skal selv blive frivillige."
    ),
    status_2017=(
        "Netværket for voksne kom i gang i september, men senere end planlagt, så kun ét opfølgende arrangement "
        "nåede at blive holdt i 2017. Et netværk for børn og unge mangler stadig en forening at samarbejde med."
    ),
    initiatives=(
        InitiativeSpec(
            title="Netværk for voksne og for børn og unge",
            background=(
                "Målgruppen er svær at nå. Vi finder familierne gennem foreninger, myndighedspersoner og andre, "
                "der kender dem, og inviterer eventuelt sammen med dem til et informationsmøde."
            ),
            actions="Vi holder arrangementer, hvor familierne lærer hinanden at kende og danner netværk.",
            benefit="Voksne og børn kommer ud af isolationen og får nogen at være sammen med.",
            resource_needs=(
                "Det indledende arbejde og netværkets arrangementer kræver økonomiske midler, afhængigt af, hvor "
                "store netværkene bliver."
            ),
            targets=(
                TargetSpec(
                    title="1 netværk med voksne etableres i 2017-2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                    values=(
                        ValueSpec(
                            date(2017, 10, 2),
                            1,
                            "Netværket for forældre mødtes første gang 26. september 2017; ni voksne deltog.",
                        ),
                    ),
                ),
                TargetSpec(
                    title="1 netværk med børn og unge etableres i 2017-2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                    values=(
                        ValueSpec(
                            date(2017, 12, 15),
                            0,
                            "Vi har kontakt til seks familier med børn, men har endnu ikke fundet en forening at "
                            "holde netværket sammen med.",
                        ),
                        ValueSpec(
                            date(2018, 11, 30),
                            0,
                            "Børnenetværket er udskudt til 2019, når den nye ungdomsklub åbner og kan være vært.",
                        ),
                    ),
                    story=(
                        "Det har vist sig svært at finde en forening, der kan være vært for børnene. Vi fortsætter "
                        "arbejdet i den næste strategi."
                    ),
                ),
            ),
            status_2017="Netværket for voksne er etableret; børnenetværket er ikke kommet i gang endnu.",
        ),
        InitiativeSpec(
            title="Opfølgende arrangementer, der holder netværket sammen",
            actions=(
                "Sammen med en relevant frivillig forening holder vi 3-4 opfølgende arrangementer om året af en "
                "dags varighed."
            ),
            benefit="Deltagerne bliver i netværket, og kontakten til foreningen bliver fast.",
            targets=(
                TargetSpec(
                    title="Mindst 3 opfølgende arrangementer i 2017",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=3,
                    starts_on=Y2017[0],
                    deadline=Y2017[1],
                    values=(
                        ValueSpec(
                            date(2017, 12, 11),
                            1,
                            "Ét opfølgende arrangement, et juleværksted 9. december 2017 sammen med Sorø "
                            "Besøgsvenner. Netværket startede først i september.",
                        ),
                    ),
                ),
                TargetSpec(
                    title="Mindst 3 opfølgende arrangementer i 2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=3,
                    starts_on=Y2018[0],
                    deadline=Y2018[1],
                    values=(
                        ValueSpec(date(2018, 6, 18), 2, "Udflugt til skoven i april og sommerfest i juni."),
                        ValueSpec(date(2018, 11, 26), 3, "Høstdag på bondegården 24. november 2018."),
                    ),
                ),
            ),
            status_2017="Kun ét af de planlagte arrangementer blev holdt, fordi netværket startede sent på året.",
        ),
        InitiativeSpec(
            title="Udsatte borgere bliver frivillige",
            actions="Vi hjælper deltagerne i netværkene videre til frivilligt arbejde i en forening.",
            benefit="Deltagerne får et fællesskab og en rolle, og foreningerne får nye frivillige.",
            targets=(
                TargetSpec(
                    title="Mindst 10 deltagere er gået i gang med frivilligt arbejde inden udgangen af 2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=10,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                    values=(
                        ValueSpec(date(2017, 12, 15), 2, "To forældre fra netværket hjælper nu i Sorø Besøgsvenner."),
                        ValueSpec(date(2018, 6, 29), 5, "Tre mere er kommet i gang, to af dem i lektiecaféen."),
                        ValueSpec(date(2018, 12, 17), 7, "I alt syv deltagere er frivillige ved årets udgang."),
                    ),
                    evaluation=(
                        "Tallet føres i hånden, fordi en ansøgning om et frivilligjob ikke viser, om ansøgeren "
                        "kommer fra netværket."
                    ),
                ),
            ),
            status_2017="To deltagere er blevet frivillige; vi er bagud i forhold til målet om ti.",
        ),
    ),
)

SOROE_MUNICIPALITY = GoalSpec(
    title="Fokusområde 3. Styrket samarbejde med kommunen",
    description=(
        "Vi vil samarbejde mere med Sorø Kommune og lære de medarbejdere at kende, der har betydning for "
        "frivilligcentrets arbejde – også dem, vi ikke har arbejdet sammen med før."
    ),
    status_2017=(
        "Målene for 2017 er nået: tre nye samarbejdsrelationer med kommunale medarbejdere og et dialogmøde i "
        "september med 14 foreninger og 6 medarbejdere fra kommunen."
    ),
    initiatives=(
        InitiativeSpec(
            title="Netværksskabende dialogmøder med kommunens medarbejdere",
            background="Et godt samarbejde begynder med, at man kender hinanden og ved, hvad den anden kan.",
            actions=(
                "Vi holder dialogmøder om konkrete tiltag og udfordringer med medarbejdere fra forskellige "
                "afdelinger og fagområder."
            ),
            benefit="En aktiv og konstruktiv dialog med flere af kommunens medarbejdere.",
            targets=(
                TargetSpec(
                    title="Nyt samarbejde med mindst 2 kommunale medarbejdere i 2017",
                    kind=REACH,
                    indicator="crm.new_relations",
                    params={"municipal_only": True},
                    target_value=2,
                    starts_on=Y2017[0],
                    deadline=Y2017[1],
                ),
                TargetSpec(
                    title="Mindst 1 netværksskabende dialogmøde i 2017",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Dialogmøde")},
                    target_value=1,
                    starts_on=Y2017[0],
                    deadline=Y2017[1],
                ),
                TargetSpec(
                    title="Spørgeundersøgelse om samarbejdet gennemføres og afrapporteres i vinteren 2017-2018",
                    kind=OCCURRENCE,
                    indicator="surveys.responses",
                    params={"survey": Pick("Samarbejdet mellem frivilligcentret, foreningerne og kommunen 2017-18")},
                    target_value=1,
                    starts_on=date(2017, 11, 1),
                    deadline=date(2018, 2, 28),
                    story="Resultaterne blev fremlagt for frivilligcentrets bestyrelse i februar 2018.",
                ),
            ),
            status_2017=(
                "Dialogmødet 19. september gav otte konkrete input, som kommunen og frivilligcentret følger op på. "
                "Spørgeundersøgelsen om samarbejdet sendes ud i januar 2018."
            ),
        ),
    ),
)

SOROE_FUNDRAISING = GoalSpec(
    title="Fokusområde 4. Fundraising",
    description=(
        "Foreninger, der vil i gang med fundraising, skal vide, hvor pengene kan søges, og hvordan en ansøgning "
        "bygges op – og have mod på at prøve."
    ),
    status_2017=(
        "Kurserne er planlagt til efteråret 2018. Frivilligcentret har givet personlig rådgivning om fonde "
        "løbende, og én forening har sendt en ansøgning."
    ),
    initiatives=(
        InitiativeSpec(
            title="Kampagne om fundraising",
            actions="En kampagne om mulighederne for at blive bedre til fundraising.",
            benefit="Flere foreninger får øje på, at de kan skaffe penge til deres aktiviteter.",
            status_2017="Kampagnen følger med kurserne i 2018.",
        ),
        InitiativeSpec(
            title="Kurser i fundraising",
            actions=(
                "Et stort fundraisingkursus via Center for Frivilligt Socialt Arbejde og et kortere kursus om de "
                "lokale fonde."
            ),
            benefit="Foreningerne ved, hvor de kan søge, og hvordan en god ansøgning skrives.",
            targets=(
                TargetSpec(
                    title="Mindst 8 foreninger deltager i kursus",
                    kind=REACH,
                    indicator="events.organisations_attended",
                    params={"kind": Pick("Kursus"), "theme": Pick("Fundraising")},
                    target_value=8,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                ),
                TargetSpec(
                    title="Der arrangeres mindst 1 kursus i 2017-2018",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Kursus"), "theme": Pick("Fundraising")},
                    target_value=1,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                ),
            ),
            status_2017="Det store kursus er aftalt med Center for Frivilligt Socialt Arbejde til september 2018.",
        ),
        InitiativeSpec(
            title="Personlig opfølgning og hjælp til at finde fonde",
            actions=(
                "Efter kurserne tilbyder vi rådgivning og hjælp til at finde egnede fonde gennem fonde.dk. "
                "Foreningerne skriver selv ansøgningerne."
            ),
            benefit="Flere foreninger sender ansøgninger, og nogle af dem får penge.",
            targets=(
                TargetSpec(
                    title="Personlig rådgivning om fundraising tilbydes løbende",
                    kind=OCCURRENCE,
                    indicator="crm.interactions",
                    params={"topic": Pick("Fundraising")},
                    target_value=1,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                ),
                TargetSpec(
                    title="Mindst 4 foreninger skriver og indsender en ansøgning inden udgangen af 2018",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=4,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                    values=(
                        ValueSpec(date(2017, 12, 20), 1, "Sorø Besøgsvenner har søgt en lokal fond om en bus."),
                        ValueSpec(
                            date(2018, 12, 14),
                            3,
                            "Tre foreninger har sendt ansøgninger efter kurserne; to andre arbejder stadig på deres.",
                        ),
                    ),
                ),
                TargetSpec(
                    title="Mindst 1 forening har held med at skaffe midler",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=SOROE_START,
                    deadline=SOROE_END,
                    values=(
                        ValueSpec(
                            date(2018, 11, 15),
                            1,
                            "Sorø Besøgsvenner fik 25.000 kr. fra en lokal fond til udflugter for ældre.",
                        ),
                    ),
                ),
            ),
            status_2017="Frivilligcentret har rådgivet flere foreninger om fonde; én ansøgning er sendt.",
        ),
        InitiativeSpec(
            title="Viden om lokal støtte deles med Sorø Kommune",
            actions="Vi søger et samarbejde med Sorø Kommune om at dele oplysninger om muligheder for lokal støtte.",
            benefit="Foreningerne finder de lokale muligheder ét sted.",
            status_2017="Vi har aftalt et møde med kommunens kulturafdeling i februar 2018.",
        ),
    ),
)

SOROE_2017 = PlanSpec(
    tenant="soroe",
    title="Strategi 2017-2018",
    kind=PlanKind.STRATEGY,
    owner=PlanOwner.CENTRE,
    starts_on=SOROE_START,
    ends_on=SOROE_END,
    status=PlanStatus.ARCHIVED,
    vision=(
        "Frivilligcentret skaber kontakt og dialog mellem borgere, foreninger og organisationer, så den frivillige "
        "sociale indsats i Sorø Kommune bliver stærkere."
    ),
    values=(
        "Ligeværdighed\n"
        "Anerkendende arbejdsmetoder\n"
        "Synliggørelse af de frivilliges engagement\n"
        "Langsigtethed: vi tør gøre en indsats, der først virker efter lang tid\n"
        "Kortfattethed: vi sender kun det ud, der er brug for, af respekt for modtagernes tid"
    ),
    legal_basis="Foreningens vedtægter, § 2 (formål)",
    introduction=(
        "Strategien udpeger fire fokusområder, hvor frivilligcentret vil gøre en ekstra indsats ud over den "
        "daglige drift i 2017 og 2018. Arbejdet følger centrets værdigrundlag ligesom den daglige drift.\n\n"
        "Ved siden af strategien holder vi øje med behovet for kurser og lægger et link til Center for Frivilligt "
        "Socialt Arbejde på hjemmesiden. Vi vil gerne styrke selvhjælpsarbejdet, men det kræver flere ressourcer, "
        "end vi har; vi fortsætter det, der er sat i gang, og griber de muligheder, der byder sig."
    ),
    goals=(SOROE_RECRUITMENT, SOROE_FAMILIES, SOROE_MUNICIPALITY, SOROE_FUNDRAISING),
)

SOROE_REPORT_TITLE = "Status på strategi 2017-2018 for året 2017"
SOROE_REPORT_INTRODUCTION = (
    "Første år af strategien er gået. To fokusområder er godt på vej, og samarbejdet med kommunen har nået sine "
    "mål for 2017. Arbejdet med udsatte familier er kommet senere i gang end planlagt, og det ses i tallene."
)

# --- Rødovre: action plan 2016-17 -------------------------------------------------------------------------------

ROEDOVRE_START, ROEDOVRE_END = date(2016, 1, 1), date(2017, 12, 31)
Y2016 = _year(2016)
FROM_2015 = "Handleplanen 2015"

ROEDOVRE_FRAMES = GoalSpec(
    title="Strategimål 1: Vi skaber gode rammer for den frivillige sociale indsats i Rødovre",
    description=(
        "Kommunen leverer ikke selv frivillige indsatser og bestemmer ikke, hvad foreningerne sætter i gang. Men vi "
        "kan sørge for, at foreninger og enkeltpersoner har de bedste rammer for deres arbejde."
    ),
    initiatives=(
        InitiativeSpec(
            title="Styrke vores organisatoriske parathed og åbenhed",
            origin=CONTINUED,
            continued_from=FROM_2015,
            background=(
                "Kommunen vil løse flere velfærdsopgaver sammen med frivillige, uden at frivillige overtager "
                "visiterede ydelser. Det kræver klare rammer for, hvem der gør hvad. Notatet 'Principper for "
                "samarbejdet med frivillige' fra 2014 er grundlaget."
            ),
            actions=(
                "Et samarbejdsforum for ledere og medarbejdere fra udvalgte fagområder og Rødovre Frivilligcenter, "
                "der mødes én gang om året.\n"
                "En samarbejdsguide til kommunens ledere og medarbejdere om at starte og holde et godt samarbejde "
                "med frivillige."
            ),
            benefit=(
                "Når kommunen er klar til samarbejdet, får både de frivillige og dem, de hjælper, mere ud af det, "
                "og kommunens egen indsats får et værdifuldt supplement."
            ),
            targets=(
                TargetSpec(
                    title="Samarbejdsforummet holder sit årlige møde i 2016",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Samarbejdsforum")},
                    target_value=1,
                    starts_on=Y2016[0],
                    deadline=Y2016[1],
                ),
                TargetSpec(
                    title="Samarbejdsforummet holder sit årlige møde i 2017",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Samarbejdsforum")},
                    target_value=1,
                    starts_on=Y2017[0],
                    deadline=Y2017[1],
                    story="Forummets første møde blev flyttet til efteråret 2018, så flere fagområder kunne deltage.",
                ),
                TargetSpec(
                    title="Samarbejdsguiden til kommunens ledere og medarbejdere er udarbejdet",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(
                            date(2017, 5, 15),
                            1,
                            "Guiden 'Sådan samarbejder du med frivillige' blev godkendt i direktionen og ligger "
                            "på intranettet.",
                        ),
                    ),
                ),
            ),
        ),
        InitiativeSpec(
            title="Kan vi måle værdien af frivilligt socialt arbejde?",
            background=(
                "Det er svært at måle værdien af frivilligt arbejde, men forsøget er umagen værd. Vi vil vække "
                "foreningernes nysgerrighed efter, hvad der virker, og hjælpe dem i gang med enkle måder at måle på."
            ),
            actions=(
                "Med hjælp fra en ekstern aktør går vi i dialog med to foreninger, der gerne vil have deres indsats "
                "efterprøvet og udvikle den."
            ),
            benefit="Foreningerne bruger deres kræfter dér, hvor de gør mest gavn for brugerne.",
            targets=(
                TargetSpec(
                    title="Dialog med 2 foreninger om at måle værdien af deres indsats",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=2,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(date(2016, 11, 30), 1, "Forløbet med den første forening er i gang."),
                        ValueSpec(date(2017, 9, 29), 2, "Begge forløb er afsluttet med en rapport til foreningen."),
                    ),
                ),
            ),
        ),
    ),
)

ROEDOVRE_VISIBILITY = GoalSpec(
    title="Strategimål 2: Vi skaber synlighed og netværk på frivilligområdet",
    description=(
        "Kommunen vil gøre det frivillige sociale arbejde i lokalområdet mere synligt og skabe netværk på tværs "
        "af foreningerne."
    ),
    initiatives=(
        InitiativeSpec(
            title="Dialogmøder",
            origin=CONTINUED,
            continued_from=FROM_2015,
            background=(
                "Samarbejde bygger på personlige møder, afstemte forventninger og åbenhed om viden og idéer. Sammen "
                "med Rødovre Frivilligcenter inviterer vi foreningerne til dialogmøder om et afgrænset emne."
            ),
            actions=(
                "Vi udvikler dialogmødet som metode sammen med frivilligcentret. Blandt andet holdes et dialogmøde "
                "om foreningernes rolle i integrationen af flygtninge. Kommunen samler input fra møderne op."
            ),
            benefit=(
                "Kommunen lærer foreningernes hverdag og ønsker at kende, samarbejdet bliver tættere, og "
                "foreningerne knytter kontakter til hinanden."
            ),
            targets=(
                TargetSpec(
                    title="Et dialogmøde om foreningernes rolle i integrationen af flygtninge",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Dialogmøde"), "theme": Pick("Inklusion")},
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                ),
            ),
        ),
        InitiativeSpec(
            title="Øget samarbejde og vidensdeling mellem foreninger",
            background=(
                "Foreningerne har forskellige formål og målgrupper, men mange har få frivillige og få penge. Flere "
                "har efterlyst mere hjælp fra hinanden, og 'Grobund for netværk og samarbejde på tværs' "
                "blev særligt indsatsområde i 2016 (Social- og Sundhedsudvalget, 15. september, sag nr. 63)."
            ),
            actions=(
                "Sammen med frivilligcentret kortlægger vi, hvor foreninger – og grupper af foreninger med fælles "
                "interesser – kan samarbejde, fx om informationsmateriale og debatarrangementer."
            ),
            benefit="Erfaringer og viden deles, og nye aktiviteter og løsninger opstår.",
            targets=(
                TargetSpec(
                    title="Samarbejdsmulighederne mellem foreningerne er kortlagt",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(
                            date(2017, 12, 18),
                            0,
                            "Kortlægningen er i gang: 14 foreninger er interviewet, og resultatet fremlægges på "
                            "netværksaftenen i februar 2018.",
                        ),
                    ),
                ),
            ),
        ),
        InitiativeSpec(
            title="Plads til alle i foreningerne",
            background=(
                "Flest frivillige har en uddannelse og et job, mens mennesker med sociale udfordringer oftere er "
                "udenfor: kun 21 procent af de ikke-vestlige indvandrere har været frivillige det seneste år, og "
                "andelen er 51 procent blandt dem med en lang videregående uddannelse mod 28 procent blandt dem med "
                "en kort."
            ),
            actions=(
                "Sammen med frivilligcentret taler vi med foreningerne om mangfoldig inklusion: at blive kendt i "
                "flere grupper, at rekruttere med forskellige baggrunde og at gøre det let for alle at deltage."
            ),
            benefit="Nye aktive medlemmer, stærkere foreninger og et lokalsamfund, der hænger bedre sammen.",
            targets=(
                TargetSpec(
                    title="Dialog med foreningerne om mangfoldig inklusion",
                    kind=OCCURRENCE,
                    indicator="crm.interactions",
                    params={"topic": Pick("Inklusion")},
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                ),
            ),
        ),
    ),
)

ROEDOVRE_ALLIANCES = GoalSpec(
    title="Strategimål 3: Nye alliancer – Rødovre Kommune vil indgå partnerskaber med socialøkonomiske virksomheder",
    description=(
        "Kommunen vil indgå partnerskaber med socialøkonomiske virksomheder og er åben for samarbejde med andre "
        "aktører. Erfaringen er sparsom, så i 2016-17 handler det om at lære, hvem der findes lokalt, og indgå "
        "aftaler, hvor det giver mening."
    ),
    initiatives=(
        InitiativeSpec(
            title="Knytte lokale virksomheder og frivillige sociale foreninger tættere sammen",
            origin=CONTINUED,
            continued_from=FROM_2015,
            background=(
                "Mange virksomheder tager allerede et socialt ansvar, fx ved at hjælpe en forening med IT, "
                "regnskab eller en istandsættelse. Virksomheden styrker sit omdømme, og foreningen får nye "
                "kompetencer, frivillige og penge."
            ),
            actions=(
                "Vi drøfter med frivilligcentret, hvilke virksomheder der kunne være interesserede, og hvordan man "
                "kommer i gang med at samarbejde med aktører, der har et andet udgangspunkt."
            ),
            benefit="Når sektorerne arbejder sammen, kan der opstå løsninger, som ingen af dem kunne finde alene.",
            targets=(
                TargetSpec(
                    title="Fælles initiativer over for virksomhederne er drøftet med Rødovre Frivilligcenter",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(
                            date(2016, 6, 14),
                            1,
                            "Møde med frivilligcentret; aftalt at invitere fem virksomheder til netværksaftenen.",
                        ),
                    ),
                ),
            ),
        ),
        InitiativeSpec(
            title="Samarbejde om integrationen",
            background=(
                "Rødovre skal i 2016 modtage 31 flygtninge og derudover familiesammenførte, og der kommer flere i "
                "de kommende år. Civilsamfundet er afgørende for en god integration."
            ),
            actions=(
                "Samarbejdet med Røde Kors om netværksfamilier fortsætter og udvides, evt. med introkurser.\n"
                "Vi afklarer samarbejdet med styregruppen i Kærene og med Foreningshusets bestyrelse.\n"
                "Sammen med frivilligcentret undersøger vi, om flygtninge selv kan være frivillige, fx som byguider "
                "eller mentorer."
            ),
            benefit="Nye borgere lærer dansk og det danske samfund at kende gennem foreningslivet.",
            targets=(
                TargetSpec(
                    title="Samarbejdet med Røde Kors om netværksfamilier er udvidet",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(ValueSpec(date(2016, 9, 1), 1, "Aftale om 12 nye netværksfamilier underskrevet."),),
                ),
                TargetSpec(
                    title="Samarbejdet med styregruppen i Kærene er afklaret",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(ValueSpec(date(2016, 10, 20), 1, "Fælles velkomstmøde for nye beboere to gange om året."),),
                ),
                TargetSpec(
                    title="Aktiviteterne med Foreningshusets bestyrelse er aftalt",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(
                            date(2017, 11, 30),
                            0,
                            "Bestyrelsen er skiftet ud, og det første møde med den nye er først i januar 2018.",
                        ),
                    ),
                ),
                TargetSpec(
                    title="Det er undersøgt, om flygtninge selv kan være frivillige",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(date(2017, 3, 8), 1, "Seks flygtninge er byguider i et forsøg med biblioteket."),
                    ),
                ),
            ),
        ),
    ),
)

ROEDOVRE_MONEY = GoalSpec(
    title="Strategimål 4: Vi støtter det frivillige sociale arbejde økonomisk",
    description="Kommunalbestyrelsen afsætter hvert år midler til det frivillige sociale arbejde ved budgettet.",
    initiatives=(
        InitiativeSpec(
            title="Styrke de politisk prioriterede indsatsområder",
            origin=CONTINUED,
            continued_from=FROM_2015,
            background=(
                "Hvert år peger Social- og Sundhedsudvalget på indsatsområder, som kommunen særligt gerne vil "
                "støtte. Frivillighed lader sig ikke styre, så der kan stadig søges til alle slags aktiviteter."
            ),
            actions="Vi undersøger, hvordan vi får flere ansøgninger inden for indsatsområderne, fx med et oplæg.",
            benefit="De frivillige indsatser trækker i samme retning som Kommunalbestyrelsens mål for området.",
            targets=(
                TargetSpec(
                    title="Det er undersøgt, hvordan flere ansøgninger kommer inden for indsatsområderne",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=ROEDOVRE_START,
                    deadline=ROEDOVRE_END,
                    values=(
                        ValueSpec(
                            date(2017, 3, 2),
                            1,
                            "Et oplæg om indsatsområderne blev sendt med opslaget af §18-puljen for 2017.",
                        ),
                    ),
                ),
            ),
        ),
        InitiativeSpec(
            title="Uddannelsesforløb",
            origin=CONTINUED,
            continued_from=FROM_2015,
            background=(
                "Forløbet for foreningernes bestyrelser i efteråret 2014 fik en meget positiv evaluering, og det "
                "blev besluttet at udbyde kurserne igen i 2016."
            ),
            actions=(
                "Et gratis uddannelsesforløb om rekruttering og fastholdelse for bestyrelsesmedlemmer i vinteren "
                "2016, og en spørgeskemaundersøgelse om, hvorvidt der skal være kurser i 2017 og om hvad."
            ),
            benefit="Foreningernes bestyrelser står stærkere i det daglige arbejde.",
            targets=(
                TargetSpec(
                    title="Uddannelsesforløbet for bestyrelsesmedlemmer holdes i vinteren 2016",
                    kind=OCCURRENCE,
                    indicator="events.events_held",
                    params={"kind": Pick("Kursus"), "theme": Pick("Bestyrelsesarbejde")},
                    target_value=1,
                    starts_on=Y2016[0],
                    deadline=date(2016, 3, 31),
                ),
                TargetSpec(
                    title="Spørgeskemaundersøgelse om kursusbehovet i 2017",
                    kind=MANUAL,
                    indicator=MANUAL_KEY,
                    target_value=1,
                    starts_on=Y2016[0],
                    deadline=Y2016[1],
                    values=(
                        ValueSpec(date(2016, 5, 20), 1, "Undersøgelsen er gennemført blandt deltagerne i forløbet."),
                    ),
                ),
            ),
        ),
    ),
)

ROEDOVRE_THEMES = (
    GoalSpec(
        title="Tema: Samarbejde på tværs",
        description=(
            "Frivillige organisationer, foreninger, virksomheder og borgere skal være med til at løse sociale og "
            "sundhedsopgaver. Store udfordringer som ensomhed, integration og ledighed kræver nye idéer og et "
            "samarbejde, der går på tværs af sektorer og fag."
        ),
    ),
    GoalSpec(
        title="Tema: Rummelige og mangfoldige foreningsfællesskaber",
        description=(
            "Velfærd er også fællesskab og relationer. Vi hjælper foreningerne med at række ud til flere – også "
            "udsatte, mennesker med handicap og flygtninge. Et mere blandet medlemskab gør foreningerne stærkere "
            "og tager brodden af fordomme."
        ),
    ),
    GoalSpec(
        title="Tema: Værdien af frivillig social praksis",
        description=(
            "Tal siger ikke alt om menneskene bag, men det er værd at interessere sig for, om en indsats virker – "
            "eller om kræfterne gør mere gavn et andet sted."
        ),
    ),
)

ROEDOVRE_2016 = PlanSpec(
    tenant="roedovre",
    title="Fra vision til virkelighed – handleplan for frivilligt socialt arbejde 2016-17",
    kind=PlanKind.ACTION_PLAN,
    owner=PlanOwner.MUNICIPALITY,
    starts_on=ROEDOVRE_START,
    ends_on=ROEDOVRE_END,
    status=PlanStatus.ARCHIVED,
    vision=(
        "Rødovre vil være blandt de kommuner i Danmark, hvor det er bedst at være frivillig – som forening og som "
        "enkeltperson."
    ),
    legal_basis="Serviceloven § 18",
    introduction=(
        "Handleplanen omsætter kommunens politik for det frivillige sociale område fra efteråret 2014 til "
        "handling. Den fremlægges hvert år sammen med en status på det forgangne års indsatser.\n\n"
        "Rødovre Frivilligcenter har siden 2007 været en selvstændig forening med tilskud fra kommunen, som har "
        "en plads i bestyrelsen. Kommunen ser centret som omdrejningspunktet for det frivillige sociale arbejde og "
        "arbejder sammen med det i stedet for at konkurrere med det. Ud over indsatserne her holder kommunen hvert år "
        "forårskonference, netværksaften og kåring af årets ildsjæl."
    ),
    goals=(ROEDOVRE_FRAMES, ROEDOVRE_VISIBILITY, ROEDOVRE_ALLIANCES, ROEDOVRE_MONEY, *ROEDOVRE_THEMES),
)

SEED_PLANS = (SOROE_2017, ROEDOVRE_2016)


# --- Sorø: the current plan, continuing the 2017-2018 one -------------------------------------------------------


def current_soroe_plan(today: date) -> PlanSpec:
    """Sorø's plan for this year and the next, made as a copy of the 2017-2018 plan would be: the same focus areas,
    each initiative continuing its predecessor (linked by title when loaded), with targets on the events coming up
    and the data of today."""
    starts_on, ends_on = date(today.year, 1, 1), date(today.year + 1, 12, 31)
    period = {"starts_on": starts_on, "deadline": ends_on}
    recent = date.fromordinal(max(today.toordinal() - 21, starts_on.toordinal()))
    return PlanSpec(
        tenant="soroe",
        title=f"Strategi {starts_on.year}-{ends_on.year}",
        kind=PlanKind.STRATEGY,
        owner=PlanOwner.CENTRE,
        starts_on=starts_on,
        ends_on=ends_on,
        status=PlanStatus.ACTIVE,
        vision=SOROE_2017.vision,
        values=SOROE_2017.values,
        legal_basis=SOROE_2017.legal_basis,
        introduction=(
            "Strategien bygger videre på strategien 2017-2018. Fokusområderne er de samme, og indsatserne "
            "fortsætter med nye mål, der følges direkte i frivilligcentrets data."
        ),
        goals=(
            GoalSpec(
                title=SOROE_RECRUITMENT.title,
                description=SOROE_RECRUITMENT.description,
                initiatives=(
                    InitiativeSpec(
                        title="Kursus i effektiv rekruttering af frivillige",
                        origin=CONTINUED,
                        actions="Kurset gentages hvert år, nu med mere tid til sociale medier.",
                        targets=(
                            TargetSpec(
                                title="Mindst 8 foreninger deltager i et kursus i rekruttering",
                                kind=REACH,
                                indicator="events.organisations_attended",
                                params={"kind": Pick("Kursus"), "theme": Pick("Rekruttering af frivillige")},
                                target_value=8,
                                **period,
                            ),
                            TargetSpec(
                                title="Mindst 15 nye frivillige gennem opslag om frivilligjob",
                                kind=REACH,
                                indicator="volunteering.became_volunteers",
                                target_value=15,
                                **period,
                            ),
                        ),
                    ),
                ),
            ),
            GoalSpec(
                title=SOROE_FAMILIES.title,
                description=SOROE_FAMILIES.description,
                initiatives=(
                    InitiativeSpec(
                        title="Netværk for voksne og for børn og unge",
                        origin=CONTINUED,
                        actions="Netværket for voksne fortsætter, og netværket for børn og unge startes.",
                        targets=(
                            TargetSpec(
                                title="Mindst 10 familier deltager i netværkene",
                                kind=MANUAL,
                                indicator=MANUAL_KEY,
                                target_value=10,
                                values=(ValueSpec(recent, 6, "Seks familier kom til det seneste netværksmøde."),),
                                **period,
                            ),
                        ),
                    ),
                ),
            ),
            GoalSpec(
                title=SOROE_MUNICIPALITY.title,
                description=SOROE_MUNICIPALITY.description,
                initiatives=(
                    InitiativeSpec(
                        title="Netværksskabende dialogmøder med kommunens medarbejdere",
                        origin=CONTINUED,
                        actions="Vi holder et dialogmøde om året og et informationsmøde for nye foreninger.",
                        targets=(
                            TargetSpec(
                                title="Mindst 1 informationsmøde for nye foreninger",
                                kind=OCCURRENCE,
                                indicator="events.events_held",
                                params={"kind": Pick("Informationsmøde")},
                                target_value=1,
                                **period,
                            ),
                            TargetSpec(
                                title="Nyt samarbejde med mindst 4 kommunale medarbejdere",
                                kind=REACH,
                                indicator="crm.new_relations",
                                params={"municipal_only": True},
                                target_value=4,
                                **period,
                            ),
                        ),
                    ),
                ),
            ),
            GoalSpec(
                title=SOROE_FUNDRAISING.title,
                description=SOROE_FUNDRAISING.description,
                initiatives=(
                    InitiativeSpec(
                        title="Kurser i fundraising",
                        origin=CONTINUED,
                        actions="Ud over fundraising tilbyder vi nu også et bestyrelseskursus om foreningens økonomi.",
                        targets=(
                            TargetSpec(
                                title="Bestyrelseskurset om foreningens økonomi holdes",
                                kind=OCCURRENCE,
                                indicator="events.events_held",
                                params={"kind": Pick("Kursus"), "theme": Pick("Bestyrelsesarbejde")},
                                target_value=1,
                                **period,
                            ),
                            TargetSpec(
                                title="Mindst 6 foreninger tilmelder sig bestyrelseskurset",
                                kind=REACH,
                                indicator="events.organisations_registered",
                                params={"kind": Pick("Kursus"), "theme": Pick("Bestyrelsesarbejde")},
                                target_value=6,
                                **period,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
