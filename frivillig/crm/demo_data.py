"""The literal CRM demo data: names, places, associations and the texts of interactions, per municipality.

Every name of a person is put together from these lists of common Danish first names and surnames; the places are
real, the associations, businesses, addresses and texts are made up. `demo.py` draws the plan from them.
"""

from dataclasses import dataclass
from datetime import date

from frivillig.crm.enums import InteractionKind, OrganisationKind

FIRST_NAMES = [
    "Anne", "Kirsten", "Hanne", "Mette", "Susanne", "Lene", "Maria", "Marianne", "Lone", "Camilla", "Pia",
    "Louise", "Charlotte", "Tina", "Bente", "Karen", "Inge", "Helle", "Birgitte", "Rikke", "Sofie", "Ida",
    "Julie", "Line", "Maja", "Dorthe", "Gitte", "Jens", "Peter", "Lars", "Michael", "Henrik", "Søren", "Thomas",
    "Jan", "Niels", "Anders", "Morten", "Jesper", "Martin", "Ole", "Per", "Erik", "Hans", "Christian", "Rasmus",
    "Mads", "Kim", "Jørgen", "Poul", "Torben", "Frederik", "Mikkel", "Jonas", "Bo", "Ahmed", "Fatima", "Ali",
    "Sara", "Yasmin", "Omar", "Aisha", "Ewa", "Tomasz",
]  # fmt: skip
SURNAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen",
    "Lund", "Holm", "Schmidt", "Eriksen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen",
    "Vestergaard", "Nygaard", "Bach", "Dahl", "Lauridsen", "Kjær", "Skov", "Berg", "Damgaard", "Bruun",
]  # fmt: skip

MUNICIPAL = OrganisationKind.MUNICIPAL_UNIT


@dataclass(frozen=True)
class Geography:
    town: str
    # (locality used in association names, postcode, postal town, weight)
    places: list[tuple[str, str, str, int]]
    streets: list[str]
    venues: list[str]
    # (name, kind, purpose) of the organisations that are not associations
    others: list[tuple[str, str, str]]
    # municipal unit → (department, job titles of its employees in the demo)
    municipal_staff: dict[str, tuple[str, list[str]]]


GEOGRAPHIES = {
    "soroe": Geography(
        town="Sorø",
        places=[
            ("Sorø", "4180", "Sorø", 6),
            ("Munke Bjergby", "4190", "Munke Bjergby", 1),
            ("Fjenneslev", "4173", "Fjenneslev", 2),
            ("Stenlille", "4295", "Stenlille", 2),
            ("Nyrup", "4296", "Nyrup", 1),
        ],
        streets=[
            "Storgade", "Rolighedsvej", "Frederiksberggade", "Søgade", "Alléen", "Ringstedvej", "Slagelsevej",
            "Holbækvej", "Skælskørvej", "Banegårdsvej", "Parkvej", "Kirkevej", "Skolevej", "Møllevej",
        ],
        venues=["medborgerhuset", "biblioteket", "forsamlingshuset", "frivillighuset", "sognegården", "skolens aula"],
        others=[
            ("Sorø Kommune, Socialafdelingen", MUNICIPAL, "Kommunens socialfaglige afdeling."),
            ("Sorø Kommune, Sundhed og Ældre", MUNICIPAL, "Ældrepleje, forebyggelse og sundhed."),
            ("Sorø Kommune, Kultur og Fritid", MUNICIPAL, "Kultur-, idræts- og fritidsområdet."),
            ("Jobcenter Sorø", MUNICIPAL, "Beskæftigelse, virksomhedspraktik og mentorordninger."),
            ("Sorø Bibliotek", OrganisationKind.PUBLIC_INSTITUTION, "Folkebibliotek med plads til foreningslivet."),
            ("Bageriet ved Søen ApS", OrganisationKind.BUSINESS, "Lokalt bageri, der sponsorerer brød til møder."),
            ("Midtsjællands Tømrer og Snedker ApS", OrganisationKind.BUSINESS, "Håndværkere med frivilligdag."),
            ("Sorø Revision og Regnskab ApS", OrganisationKind.BUSINESS, "Revisorer, der hjælper foreninger pro bono."),
            ("Café Brobyggerne", OrganisationKind.SOCIAL_ENTERPRISE,
             "Socialøkonomisk café, hvor mennesker på kanten af arbejdsmarkedet får erfaring med køkken og service."),
            ("Genbrugsværkstedet Sorø", OrganisationKind.SOCIAL_ENTERPRISE, "Genbrugsværksted med arbejdstræning."),
            ("Sorø Lokalfond", OrganisationKind.FOUNDATION, "Lokal fond, der støtter foreningslivet med mindre beløb."),
        ],
        municipal_staff={
            "Sorø Kommune, Socialafdelingen": ("Socialafdelingen", ["Socialrådgiver", "Afdelingsleder"]),
            "Sorø Kommune, Sundhed og Ældre": ("Sundhed og Ældre", ["Frivilligkoordinator", "Sundhedskonsulent"]),
            "Sorø Kommune, Kultur og Fritid": ("Kultur og Fritid", ["Kultur- og fritidskonsulent"]),
            "Jobcenter Sorø": ("Jobcenter Sorø", ["Virksomhedskonsulent"]),
        },
    ),
    "roedovre": Geography(
        town="Rødovre",
        places=[("Rødovre", "2610", "Rødovre", 7), ("Islev", "2610", "Rødovre", 2), ("Valhøj", "2610", "Rødovre", 2)],
        streets=[
            "Rødovrevej", "Tårnvej", "Islevbrovej", "Jyllingevej", "Roskildevej", "Valhøjs Allé", "Rødovre Parkvej",
            "Kirkesvinget", "Hendriksholms Boulevard", "Korsdalsvej", "Brandholms Allé", "Elstedvej", "Viemosevej",
        ],
        venues=["medborgerhuset", "biblioteket", "kulturhuset", "klubhuset", "skolens aula"],
        others=[
            ("Rødovre Kommune, Social- og Sundhedsforvaltningen", MUNICIPAL, "Kommunens social- og sundhedsområde."),
            ("Rødovre Kommune, Ældre og Omsorg", MUNICIPAL, "Hjemmepleje, plejecentre og forebyggende hjemmebesøg."),
            ("Rødovre Kommune, Børne- og Kulturforvaltningen", MUNICIPAL, "Skoler, dagtilbud, kultur og fritid."),
            ("Jobcenter Rødovre", MUNICIPAL, "Beskæftigelse, virksomhedspraktik og mentorordninger."),
            ("Rødovre Bibliotek", OrganisationKind.PUBLIC_INSTITUTION, "Folkebibliotek med plads til foreningslivet."),
            ("Vestvold VVS ApS", OrganisationKind.BUSINESS, "VVS-firma, hvor medarbejderne har en frivilligdag."),
            ("Islev Auto ApS", OrganisationKind.BUSINESS, "Autoværksted, der sponsorerer kørsel for foreninger."),
            ("Rødovre Rengøring og Service ApS", OrganisationKind.BUSINESS, "Servicevirksomhed med socialt ansvar."),
            ("Køkkenet på Tårnvej", OrganisationKind.SOCIAL_ENTERPRISE,
             "Socialøkonomisk kantine, hvor unge får erfaring med køkkenarbejde."),
            ("Cykelfabrikken Rødovre", OrganisationKind.SOCIAL_ENTERPRISE, "Cykelværksted med arbejdstræning."),
            ("Rødovre Lokale Fond", OrganisationKind.FOUNDATION, "Lokal fond, der støtter foreningslivet."),
        ],
        municipal_staff={
            "Rødovre Kommune, Social- og Sundhedsforvaltningen": (
                "Social- og Sundhedsforvaltningen", ["Socialrådgiver", "Konsulent for civilsamfund"]
            ),
            "Rødovre Kommune, Ældre og Omsorg": ("Ældre og Omsorg", ["Frivilligkoordinator", "Områdeleder"]),
            "Rødovre Kommune, Børne- og Kulturforvaltningen": ("Børne- og Kulturforvaltningen", ["Kulturkonsulent"]),
            "Jobcenter Rødovre": ("Jobcenter Rødovre", ["Virksomhedskonsulent"]),
        },
    ),
}  # fmt: skip

# (name, target groups, activity areas, purpose); the groups and areas are the default vocabularies' keys.
# "{town}" is the municipality's town, "{place}" a locality in it. The first is the association that the
# demo's association representative looks after.
ASSOCIATIONS: list[tuple[str, str, str, str]] = [
    ("{town} Besøgsvenner", "aeldre ensomhed", "besoegsvenner socialt-arbejde",
     "Vi formidler faste besøgsvenner til ældre, der sidder alene, så de får en at snakke, gå tur og drikke "
     "kaffe med."),
    ("Seniorsamvær {place}", "aeldre ensomhed", "fritid-og-faellesskab",
     "Vi samler seniorer til kortspil, foredrag, udflugter og fællesspisning hver uge."),
    ("Lektiecaféen {place}", "boern-og-unge flygtninge-og-indvandrere", "lektiehjaelp integration",
     "Frivillige hjælper skolebørn med lektier, læsning og matematik to eftermiddage om ugen."),
    ("Sorggruppen {town}", "paaroerende psykisk-saarbarhed", "selvhjaelp raadgivning",
     "Vi tilbyder samtalegrupper for voksne, der har mistet en ægtefælle, et barn eller en forælder."),
    ("Pårørendenetværket {town}", "paaroerende sundhed", "selvhjaelp",
     "Et netværk for pårørende til mennesker med demens, kræft eller langvarig sygdom, hvor vi deler "
     "erfaringer og støtter hinanden."),
    ("{place} Idrætsforening", "boern-og-unge alle", "idraet",
     "Fodbold, gymnastik og badminton for børn, unge og voksne, drevet af frivillige trænere og ledere."),
    ("Gåklubben {place}", "aeldre sundhed", "idraet sundhed-og-forebyggelse",
     "Vi går ture i naturen hver tirsdag og torsdag i et tempo, hvor alle kan være med."),
    ("Familienetværket {town}", "familier udsatte-familier", "socialt-arbejde fritid-og-faellesskab",
     "Vi skaber fællesskab for børnefamilier med få ressourcer gennem fællesspisning, udflugter og ferielejre."),
    ("Nye Naboer {town}", "flygtninge-og-indvandrere", "integration fritid-og-faellesskab",
     "Vi byder nye borgere velkommen og hjælper med sprog, breve fra det offentlige og et netværk i "
     "lokalsamfundet."),
    ("Sprogcaféen {town}", "flygtninge-og-indvandrere", "integration lektiehjaelp",
     "Uformel samtaletræning på dansk over en kop kaffe, med frivillige samtalepartnere."),
    ("Aftenvandrerne {town}", "boern-og-unge", "beredskab",
     "Frivillige voksne går i byen fredag og lørdag aften og er til stede, hvor de unge er."),
    ("Frivilligt Beredskab {town}", "alle", "beredskab",
     "Vi hjælper ved storme, oversvømmelser og store arrangementer med førstehjælp og afspærring."),
    ("Hjertestarterlauget {place}", "alle sundhed", "beredskab sundhed-og-forebyggelse",
     "Vi sørger for hjertestartere i lokalområdet og holder gratis førstehjælpskurser."),
    ("Naturplejeforeningen {place}", "alle", "natur-og-miljoe",
     "Vi plejer enge, stier og vandhuller sammen med lodsejere og kommunen og laver naturvandringer."),
    ("Fællesskabshaven {place}", "socialt-udsatte alle", "natur-og-miljoe fritid-og-faellesskab",
     "En fælles køkkenhave, hvor alle kan være med til at så, luge og høste – og spise sammen bagefter."),
    ("Reparationscaféen {town}", "alle", "natur-og-miljoe fritid-og-faellesskab",
     "Frivillige reparerer cykler, tøj, lamper og småelektronik sammen med ejerne – gratis og med kaffe på "
     "kanden."),
    ("Kulturforeningen {place}", "alle", "kultur",
     "Vi arrangerer koncerter, foredrag og kunstudstillinger i lokalområdet."),
    ("{town} Amatørscene", "alle boern-og-unge", "kultur",
     "Amatørteater for alle aldre med to forestillinger om året."),
    ("Seniorkoret {town}", "aeldre", "kultur fritid-og-faellesskab",
     "Et kor for seniorer, der synger danske sange og giver koncerter på plejecentrene."),
    ("Musik for Alle {town}", "handicap boern-og-unge", "kultur",
     "Musikundervisning og sammenspil for børn og voksne med handicap."),
    ("Handicapidræt {town}", "handicap", "idraet",
     "Svømning, boccia og kørestolsbasket for mennesker med fysisk eller psykisk handicap."),
    ("Værestedet Lyspunktet", "psykisk-saarbarhed socialt-udsatte", "socialt-arbejde fritid-og-faellesskab",
     "Et værested for mennesker med psykisk sårbarhed, med åbent hus, fællesspisning og aktiviteter drevet af "
     "frivillige."),
    ("Ungerådgivningen {town}", "boern-og-unge psykisk-saarbarhed", "raadgivning",
     "Anonym og gratis samtale for unge mellem 13 og 25 år med frivillige rådgivere."),
    ("Gældsrådgivningen {town}", "socialt-udsatte familier", "raadgivning",
     "Frivillige økonomer og jurister hjælper borgere med at få overblik over gæld og budget."),
    ("Madfællesskabet {place}", "ensomhed aeldre alle", "fritid-og-faellesskab",
     "Fællesspisning hver onsdag, hvor frivillige laver maden, og alle kan spise med for en lav pris."),
    ("Varmestuen {town}", "hjemloeshed misbrug socialt-udsatte", "socialt-arbejde",
     "Et sted med varm mad, bad og tøjvask for hjemløse og socialt udsatte, drevet af frivillige."),
    ("Netværket Ny Start {town}", "misbrug paaroerende", "selvhjaelp",
     "Selvhjælpsgrupper for mennesker, der er på vej ud af et misbrug, og for deres pårørende."),
    ("Hjerneskadecaféen {town}", "handicap paaroerende", "selvhjaelp fritid-og-faellesskab",
     "Et mødested for mennesker med erhvervet hjerneskade og deres pårørende."),
    ("Diabetesgruppen {town}", "sundhed", "sundhed-og-forebyggelse selvhjaelp",
     "Vi deler viden og erfaringer om at leve med diabetes og går ture sammen."),
    ("Kræftcaféen {town}", "sundhed paaroerende", "selvhjaelp raadgivning",
     "Samtalegrupper og rådgivning for kræftramte og deres pårørende."),
    ("Motion for Livet {place}", "aeldre sundhed", "idraet sundhed-og-forebyggelse",
     "Stolegymnastik, styrketræning og balancetræning for ældre med frivillige instruktører."),
    ("{place} Borgerforening", "alle", "fritid-og-faellesskab kultur",
     "Borgerforeningen samler lokalsamfundet om byfest, juletræstænding og et godt forsamlingshus."),
    ("Spejderne i {place}", "boern-og-unge", "natur-og-miljoe fritid-og-faellesskab",
     "Spejderarbejde for børn og unge fra 6 år med ugentlige møder og sommerlejr."),
    ("Ungdomsklubben Broen", "boern-og-unge socialt-udsatte", "fritid-og-faellesskab",
     "En frivilligt drevet klub for unge, der ikke finder sig til rette i andre fritidstilbud."),
    ("Kvindenetværket {town}", "flygtninge-og-indvandrere familier", "integration fritid-og-faellesskab",
     "Et netværk, hvor kvinder med forskellig baggrund mødes om madlavning, motion og samtale."),
    ("IT-caféen {town}", "aeldre", "fritid-og-faellesskab",
     "Frivillige hjælper ældre med computer, tablet, MitID og digital post."),
    ("Cykelværkstedet {town}", "boern-og-unge socialt-udsatte", "fritid-og-faellesskab natur-og-miljoe",
     "Unge og frivillige reparerer brugte cykler, der gives videre til familier, som mangler en."),
    ("Mentorkorpset {town}", "boern-og-unge flygtninge-og-indvandrere", "integration socialt-arbejde",
     "Frivillige voksne mentorer støtter unge i uddannelse, job og fritid."),
    ("Legestuen {place}", "familier boern-og-unge", "fritid-og-faellesskab",
     "Legestue for forældre på barsel og deres små børn, to formiddage om ugen."),
    ("Besøgshundene {town}", "aeldre handicap", "besoegsvenner",
     "Frivillige og deres hunde besøger plejecentre, bosteder og ældre i eget hjem."),
    ("Frivillig Kørsel {town}", "aeldre handicap", "socialt-arbejde",
     "Frivillige chauffører kører ældre og gangbesværede til læge, indkøb og arrangementer."),
    ("Julehjælpen {town}", "udsatte-familier", "socialt-arbejde",
     "Vi samler ind og uddeler julehjælp til familier med få penge."),
    ("Ensomhedsnetværket {town}", "ensomhed", "socialt-arbejde fritid-og-faellesskab",
     "Vi arbejder for, at ingen skal være ufrivilligt alene, med telefonvenner, gåture og caféaftener."),
    ("Foreningen Psykisk Trivsel {town}", "psykisk-saarbarhed paaroerende", "selvhjaelp sundhed-og-forebyggelse",
     "Vi laver aktiviteter, der styrker trivslen, og samtalegrupper for mennesker med angst og depression."),
    ("Lokalhistorisk Forening {place}", "alle aeldre", "kultur",
     "Vi indsamler, bevarer og fortæller lokalområdets historie gennem billeder, byvandringer og foredrag."),
    ("Fodboldfitness {town}", "alle sundhed", "idraet sundhed-og-forebyggelse",
     "Fodbold som motion for voksne, der vil i form uden at spille turnering."),
]  # fmt: skip

ASSOCIATION_NOTES = [
    "Har brug for hjælp til en fondsansøgning i foråret.",
    "Ny formand efter generalforsamlingen; tilbyd introduktion til frivilligcentret.",
    "Mangler lokaler om aftenen.",
    "Vil gerne med i netværket for foreninger på ældreområdet.",
    "Har spurgt til kursus i bestyrelsesarbejde.",
]

# Summaries per theme (the first topic of an interaction); "{org}" is the organisation's name.
SUMMARIES: dict[str, list[str]] = {
    "rekruttering": [
        "Rådgivning om rekruttering af nye frivillige til {org}: opslag på frivilligjob-siden og en infoaften.",
        "{org} mangler frivillige til weekendvagter. Vi gennemgik, hvordan opgaverne kan gøres mindre.",
        "Drøftede fastholdelse af frivillige i {org} og en årlig frivilligfest som tak.",
        "{org} vil gerne have unge frivillige. Aftalt at deltage i frivilligdagen på gymnasiet.",
    ],
    "fundraising": [
        "Gennemgik en fondsansøgning fra {org} til nye aktiviteter og pegede på tre relevante fonde.",
        "{org} har fået afslag på §18-midler. Vi gennemgik begrundelsen og næste ansøgningsrunde.",
        "Rådgivning om budget og regnskab til en ansøgning fra {org}.",
    ],
    "inklusion": [
        "Talte med {org} om, hvordan frivillige med lidt dansk kan tages godt imod.",
        "{org} vil åbne aktiviteterne for borgere med handicap. Vi drøftede tilgængelighed og makkerordning.",
        "Møde om inklusion af unge på kanten af uddannelse og job som frivillige i {org}.",
    ],
    "samarbejde-kommune": [
        "Formidlede kontakt mellem {org} og kommunen om et fælles tilbud til ensomme ældre.",
        "{org} ønsker en samarbejdsaftale med kommunen. Vi gennemgik en skabelon til aftalen.",
        "Drøftede §18-samarbejdet og kommunens forventninger til afrapportering med {org}.",
    ],
    "lokaler": [
        "{org} søger lokaler til ugentlige aktiviteter. Sendt oversigt over ledige lokaler i frivillighuset.",
        "Booking af mødelokale til generalforsamling i {org}.",
        "{org} har mistet sit faste lokale. Vi undersøger muligheder hos kommunen og biblioteket.",
    ],
    "bestyrelsesarbejde": [
        "Rådgivning til ny bestyrelse i {org} om vedtægter, generalforsamling og ansvar.",
        "Hjælp til {org} med referat og dagsorden til den årlige generalforsamling.",
        "{org} har svært ved at finde en kasserer. Drøftede opgavedeling i bestyrelsen.",
    ],
    "andet": [
        "Generel snak med {org} om foreningens planer for det kommende år.",
        "{org} spurgte til GDPR og opbevaring af medlemslister.",
        "Opfølgning på arrangement med {org} i frivillighuset.",
    ],
}
THEME_WEIGHTS = {
    "rekruttering": 6,
    "fundraising": 5,
    "samarbejde-kommune": 4,
    "bestyrelsesarbejde": 3,
    "lokaler": 3,
    "inklusion": 2,
    "andet": 2,
}
KIND_WEIGHTS = {
    InteractionKind.ADVICE_SESSION: 6,
    InteractionKind.MEETING: 5,
    InteractionKind.PHONE_CALL: 4,
    InteractionKind.EMAIL: 3,
    InteractionKind.VISIT: 1,
    InteractionKind.OTHER: 1,
}
# The recent interactions, with open follow-ups for the demo staff member (two overdue): (kind, days ago,
# follow-up in days, whose: "represented" / "association" / "municipal", theme, summary).
RECENT_INTERACTIONS = [
    (InteractionKind.ADVICE_SESSION, 24, -4, "represented", "rekruttering",
     "Rådgivning om rekruttering af nye besøgsvenner: opslag på frivilligjob-siden og en infoaften på "
     "biblioteket."),
    (InteractionKind.PHONE_CALL, 15, -1, "association", "fundraising",
     "{org} ringede om en ansøgning til en privat fond om nyt køkken. Vi aftalte at gennemgå budgettet sammen."),
    (InteractionKind.MEETING, 9, 3, "municipal", "samarbejde-kommune",
     "Møde med {org} om en fælles indsats mod ensomhed. Kommunen undersøger, om der er lokaler til caféaftener."),
    (InteractionKind.EMAIL, 5, 10, "association", "lokaler",
     "{org} søger lokaler til ugentlige aktiviteter. Sendt oversigt over ledige lokaler i frivillighuset."),
    (InteractionKind.ADVICE_SESSION, 2, 21, "association", "bestyrelsesarbejde",
     "Rådgivning til den nye bestyrelse i {org} om vedtægter, generalforsamling og ansvar."),
]  # fmt: skip

# Relations with municipal employees: (start, end or None, topic, note). Three start in 2017.
MUNICIPAL_RELATIONS = [
    (date(2016, 3, 14), date(2017, 6, 30), "Frivillige i jobcentrets mentorordning", "Afsluttet efter projektet."),
    (date(2017, 2, 15), None, "Besøgsvenner på plejecentrene", "Fast møde hvert kvartal."),
    (date(2017, 5, 3), None, "Fælles indsats mod ensomhed blandt ældre", "Del af kommunens ældrepolitik."),
    (date(2017, 9, 20), None, "Frivilligdag for kommunens medarbejdere", ""),
    (date(2018, 4, 9), None, "Lektiehjælp for børn i familier med flygtningebaggrund", ""),
]  # fmt: skip
# Relations with organisations: (topic, kind of the partner).
ORGANISATION_RELATIONS = [
    ("Sponsorat af brød og kaffe til arrangementer", OrganisationKind.BUSINESS),
    ("Medarbejdere som frivillige en dag om året", OrganisationKind.BUSINESS),
    ("Pro bono-hjælp med regnskab", OrganisationKind.BUSINESS),
    ("Arbejdstræning med frivillige som mentorer", OrganisationKind.SOCIAL_ENTERPRISE),
    ("Støtte til foreningernes fondsansøgninger", OrganisationKind.FOUNDATION),
    ("Foreningernes dag på biblioteket", OrganisationKind.PUBLIC_INSTITUTION),
    ("Fælles rekruttering af frivillige", OrganisationKind.ASSOCIATION),
    ("Lån af lokaler til foreningsmøder", OrganisationKind.ASSOCIATION),
    ("Fælles julearrangement for udsatte familier", OrganisationKind.ASSOCIATION),
    ("Netværk for foreninger på ældreområdet", OrganisationKind.ASSOCIATION),
]

# Made-up people who represent more of each tenant's associations (forening2.<slug>@example.org, …); the rest of
# the associations have no one with a login, as in a real centre.
MORE_REPRESENTATIVES = {
    "soroe": ["Ole Kassererson", "Lise Formandsen", "Anders Bestyrelse"],
    "roedovre": ["Mona Sekretær", "Bo Næstformand", "Hanne Tovholder"],
}
