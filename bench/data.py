"""Generate a national data set for `make bench`: tenants, organisations, open opportunities, volunteers and
their applications, in bulk and reproducibly (one seeded random.Random).

A tool across the apps, so it lives with the benchmark, not in one of them: `python -m bench.make_data --scale S`
(bench/run.sh) runs it; the tests call `call_command(Command(), ...)`. Tenants are set up as the platform sets up
any new tenant, by every app's tenant_setup hook (crm seeds its word lists); the rest is written in bulk, so what
the services would keep in step (search text, word keys) is written here directly.

Scale 1.0 is the national size the benchmark is about: 98 municipalities, 20,000 organisations, 50,000 open
opportunities, 200,000 volunteer profiles (each with a login) and 1,000,000 applications. Other scales
multiply the counts; below 980 organisations there is one tenant per ten organisations, so every tenant
still has a handful. Only for an empty, throwaway database: every generated login shares BENCH_PASSWORD.
"""

import math
import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.models import Organisation, OrganisationRole, Person, Tag
from frivillig.crm.services.tags import slugify_da
from frivillig.tenants.models import Tenant
from frivillig.tenants.services import tenant_set_up
from frivillig.volunteering.enums import ApplicationStatus, Commitment, OpportunityStatus
from frivillig.volunteering.matching import word_keys_text
from frivillig.volunteering.models import Application, Opportunity, VolunteerProfile
from frivillig.volunteering.search import stems

# The one login the benchmark uses (its profile is hand-made, so the suggestions page has something to show).
BENCH_EMAIL = "bench@example.org"
BENCH_PASSWORD = "bench-frivillig-2025"  # noqa: S105 - published on purpose: throwaway databases only

FULL_SCALE = {"organisations": 20_000, "opportunities": 50_000, "profiles": 200_000, "applications": 1_000_000}

# kommunekode, name, postcode and town of the town hall, inhabitants in thousands (rounded; weights only).
MUNICIPALITIES: list[tuple[str, str, str, str, int]] = [
    ("101", "København", "1550", "København V", 660),
    ("751", "Aarhus", "8000", "Aarhus C", 370),
    ("851", "Aalborg", "9000", "Aalborg", 222),
    ("461", "Odense", "5000", "Odense C", 207),
    ("561", "Esbjerg", "6700", "Esbjerg", 115),
    ("630", "Vejle", "7100", "Vejle", 121),
    ("147", "Frederiksberg", "2000", "Frederiksberg", 105),
    ("730", "Randers", "8900", "Randers C", 100),
    ("791", "Viborg", "8800", "Viborg", 98),
    ("621", "Kolding", "6000", "Kolding", 95),
    ("740", "Silkeborg", "8600", "Silkeborg", 97),
    ("657", "Herning", "7400", "Herning", 90),
    ("615", "Horsens", "8700", "Horsens", 98),
    ("265", "Roskilde", "4000", "Roskilde", 90),
    ("370", "Næstved", "4700", "Næstved", 84),
    ("330", "Slagelse", "4200", "Slagelse", 79),
    ("157", "Gentofte", "2820", "Gentofte", 75),
    ("159", "Gladsaxe", "2860", "Søborg", 70),
    ("540", "Sønderborg", "6400", "Sønderborg", 74),
    ("316", "Holbæk", "4300", "Holbæk", 73),
    ("813", "Frederikshavn", "9900", "Frederikshavn", 59),
    ("860", "Hjørring", "9800", "Hjørring", 64),
    ("259", "Køge", "4600", "Køge", 62),
    ("376", "Guldborgsund", "4800", "Nykøbing F", 59),
    ("746", "Skanderborg", "8660", "Skanderborg", 64),
    ("580", "Aabenraa", "6200", "Aabenraa", 58),
    ("169", "Høje-Taastrup", "2630", "Taastrup", 58),
    ("510", "Haderslev", "6100", "Haderslev", 55),
    ("760", "Ringkøbing-Skjern", "6950", "Ringkøbing", 56),
    ("219", "Hillerød", "3400", "Hillerød", 53),
    ("479", "Svendborg", "5700", "Svendborg", 59),
    ("230", "Rudersdal", "2840", "Holte", 57),
    ("217", "Helsingør", "3000", "Helsingør", 63),
    ("173", "Lyngby-Taarbæk", "2800", "Kongens Lyngby", 56),
    ("167", "Hvidovre", "2650", "Hvidovre", 54),
    ("607", "Fredericia", "7000", "Fredericia", 52),
    ("661", "Holstebro", "7500", "Holstebro", 59),
    ("326", "Kalundborg", "4400", "Kalundborg", 48),
    ("710", "Favrskov", "8450", "Hammel", 49),
    ("430", "Faaborg-Midtfyn", "5600", "Faaborg", 51),
    ("151", "Ballerup", "2750", "Ballerup", 52),
    ("779", "Skive", "7800", "Skive", 46),
    ("756", "Ikast-Brande", "7430", "Ikast", 42),
    ("400", "Bornholm", "3700", "Rønne", 39),
    ("840", "Rebild", "9520", "Skørping", 30),
    ("846", "Mariagerfjord", "9500", "Hobro", 42),
    ("766", "Hedensted", "8722", "Hedensted", 47),
    ("360", "Lolland", "4900", "Nakskov", 40),
    ("390", "Vordingborg", "4760", "Vordingborg", 46),
    ("787", "Thisted", "7700", "Thisted", 43),
    ("250", "Frederikssund", "3600", "Frederikssund", 46),
    ("270", "Gribskov", "3200", "Helsinge", 41),
    ("210", "Fredensborg", "3480", "Fredensborg", 41),
    ("240", "Egedal", "3660", "Stenløse", 44),
    ("253", "Greve", "2670", "Greve", 50),
    ("410", "Middelfart", "5500", "Middelfart", 39),
    ("420", "Assens", "5610", "Assens", 41),
    ("573", "Varde", "6800", "Varde", 50),
    ("575", "Vejen", "6600", "Vejen", 42),
    ("550", "Tønder", "6270", "Tønder", 37),
    ("706", "Syddjurs", "8410", "Rønde", 43),
    ("707", "Norddjurs", "8500", "Grenaa", 37),
    ("810", "Brønderslev", "9700", "Brønderslev", 36),
    ("820", "Vesthimmerlands", "9600", "Aars", 37),
    ("849", "Jammerbugt", "9440", "Aabybro", 38),
    ("306", "Odsherred", "4500", "Nykøbing Sj", 33),
    ("320", "Faxe", "4640", "Faxe", 37),
    ("329", "Ringsted", "4100", "Ringsted", 36),
    ("340", "Sorø", "4180", "Sorø", 30),
    ("350", "Lejre", "4330", "Hvalsø", 29),
    ("336", "Stevns", "4660", "Store Heddinge", 23),
    ("269", "Solrød", "2680", "Solrød Strand", 24),
    ("260", "Halsnæs", "3300", "Frederiksværk", 31),
    ("190", "Furesø", "3520", "Farum", 41),
    ("201", "Allerød", "3450", "Allerød", 26),
    ("223", "Hørsholm", "2970", "Hørsholm", 25),
    ("161", "Glostrup", "2600", "Glostrup", 24),
    ("163", "Herlev", "2730", "Herlev", 29),
    ("165", "Albertslund", "2620", "Albertslund", 28),
    ("175", "Rødovre", "2610", "Rødovre", 41),
    ("153", "Brøndby", "2605", "Brøndby", 39),
    ("183", "Ishøj", "2635", "Ishøj", 23),
    ("185", "Tårnby", "2770", "Kastrup", 43),
    ("187", "Vallensbæk", "2665", "Vallensbæk Strand", 17),
    ("155", "Dragør", "2791", "Dragør", 14),
    ("440", "Kerteminde", "5300", "Kerteminde", 24),
    ("450", "Nyborg", "5800", "Nyborg", 32),
    ("480", "Nordfyns", "5400", "Bogense", 30),
    ("482", "Langeland", "5900", "Rudkøbing", 12),
    ("492", "Ærø", "5970", "Ærøskøbing", 6),
    ("530", "Billund", "7190", "Billund", 27),
    ("563", "Fanø", "6720", "Fanø", 3),
    ("665", "Lemvig", "7620", "Lemvig", 19),
    ("671", "Struer", "7600", "Struer", 21),
    ("727", "Odder", "8300", "Odder", 23),
    ("741", "Samsø", "8305", "Samsø", 4),
    ("773", "Morsø", "7900", "Nykøbing M", 20),
    ("825", "Læsø", "9940", "Læsø", 2),
]

# Whitespace-separated word lists (shorter to read than a list of literals).
FIRST_NAMES = (  # noqa: SIM905
    "Anne Mette Hanne Kirsten Susanne Lene Maria Marianne Inge Camilla Louise Sofie Emma Ida Freja Amira Fatima "
    "Hiba Ayse Olga Peter Jens Lars Michael Henrik Søren Thomas Niels Anders Rasmus Mads Jonas Frederik Oliver "
    "Mohammed Ali Ahmad Yusuf Piotr Tomasz"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen "
    "Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Hassan Yilmaz Kowalski Ahmadi Nguyen"
).split()
STREETS = "Storegade Skolevej Kirkevej Møllevej Stationsvej Vestergade Østergade Nørregade Parkvej".split()  # noqa: SIM905

ORGANISATION_WORDS = [
    "Besøgsvennerne",
    "Lektiecaféen",
    "Idrætsforening",
    "Spejderne",
    "Madklubben",
    "Naturgruppen",
    "Seniorklubben",
    "Kulturhuset",
    "Sprogcaféen",
    "Værestedet",
    "Natteravnene",
    "Genbrugsbutikken",
    "Frivillignetværket",
    "Familienetværket",
    "Pårørendeforeningen",
    "Cykelværkstedet",
    "Gågruppen",
    "Rådgivningen",
    "Museumsforeningen",
    "Varmestuen",
]
ORGANISATION_KINDS = [
    (OrganisationKind.ASSOCIATION, 85),
    (OrganisationKind.SOCIAL_ENTERPRISE, 5),
    (OrganisationKind.MUNICIPAL_UNIT, 4),
    (OrganisationKind.FOUNDATION, 2),
    (OrganisationKind.PUBLIC_INSTITUTION, 2),
    (OrganisationKind.OTHER, 2),
]


@dataclass(frozen=True)
class Template:
    """One kind of opportunity: its texts and the vocabulary words it carries (slugs)."""

    title: str
    summary: str
    tasks: str
    description: str
    activity_areas: tuple[str, ...]
    target_groups: tuple[str, ...]
    skills: tuple[str, ...] = ()
    inclusion: tuple[str, ...] = ()
    commitment: str = Commitment.REGULAR
    # Likelihood (0 to 1) of weekdays, evenings and weekends.
    when: tuple[float, float, float] = (0.5, 0.5, 0.2)
    remote: float = 0.0


TEMPLATES = [
    Template(
        "Besøgsven for en ældre borger",
        "Drik kaffe, gå ture og snak med en ældre, der sidder meget alene.",
        "Du besøger den samme ældre en gang om ugen og finder på noget, I begge kan lide.",
        "Mange ældre savner nogen at tale med. Som besøgsven gør du en stor forskel med en time om ugen.",
        ("besoegsvenner",),
        ("aeldre", "ensomhed"),
        ("samtale",),
        ("seniorer", "lidt-dansk"),
        when=(0.6, 0.6, 0.3),
    ),
    Template(
        "Lektiehjælper i lektiecaféen",
        "Hjælp skolebørn med dansk, matematik og engelsk i en hyggelig lektiecafé.",
        "Du hjælper børn og unge med lektierne, lytter og forklarer, og der er altid saft og boller.",
        "Lektiecaféen er åben to eftermiddage om ugen. Du behøver ikke være lærer, bare tålmodig.",
        ("lektiehjaelp",),
        ("boern-og-unge", "flygtninge-og-indvandrere"),
        ("undervisning",),
        ("unge-15-17", "seniorer"),
        when=(0.7, 0.4, 0.0),
    ),
    Template(
        "Træner for børneholdet",
        "Vær med til at træne vores børnehold og skabe glæde ved bevægelse.",
        "Du planlægger og leder træningen sammen med en anden træner og tager med til stævner.",
        "Vi er en lokal idrætsforening med mange børn på venteliste. Vi giver dig trænerkursus.",
        ("idraet",),
        ("boern-og-unge",),
        ("traening",),
        ("unge-15-17", "mentor"),
        when=(0.2, 0.8, 0.5),
    ),
    Template(
        "Chauffør for ældre, der skal til lægen",
        "Kør ældre borgere til læge, tandlæge og sygehus i foreningens bil.",
        "Du henter, kører og følger borgeren, og du har tid til en snak undervejs.",
        "Kørselsordningen hjælper dem, der ikke selv kan komme frem. Du skal have kørekort.",
        ("socialt-arbejde",),
        ("aeldre", "sundhed"),
        ("koersel",),
        ("seniorer",),
        when=(0.9, 0.1, 0.1),
    ),
    Template(
        "Sprogven for nye danskere",
        "Mød en ny dansker og øv dansk over en kop kaffe eller en gåtur.",
        "I mødes en gang om ugen og taler dansk om hverdagen, job, skole og kultur.",
        "Sprog åbner døre. Som sprogven hjælper du nogen godt på vej i et nyt land.",
        ("integration",),
        ("flygtninge-og-indvandrere",),
        ("sprog", "samtale"),
        ("tag-en-ven",),
        when=(0.3, 0.7, 0.4),
    ),
    Template(
        "Kok i fællesspisningen",
        "Lav mad til fællesspisning for ensomme og socialt udsatte borgere.",
        "Du planlægger menuen, handler ind og laver mad sammen med de andre frivillige.",
        "Hver torsdag spiser vi sammen. Maden er billig, og fællesskabet er det vigtigste.",
        ("fritid-og-faellesskab",),
        ("socialt-udsatte", "ensomhed"),
        ("madlavning",),
        ("lidt-dansk", "tag-en-ven"),
        when=(0.2, 0.9, 0.2),
    ),
    Template(
        "Rådgiver i den gratis retshjælp",
        "Giv borgere gratis råd om jura, gæld og breve fra det offentlige.",
        "Du tager imod borgere i rådgivningen, lytter og hjælper dem videre.",
        "Rådgivningen har åbent om aftenen. Vi søger jurastuderende og andre med erfaring.",
        ("raadgivning",),
        ("alle", "socialt-udsatte"),
        ("samtale", "administration"),
        when=(0.1, 0.9, 0.0),
    ),
    Template(
        "Kasserer i bestyrelsen",
        "Hold styr på foreningens regnskab og budget som kasserer.",
        "Du fører regnskabet, betaler regninger og fremlægger budgettet på generalforsamlingen.",
        "En god kasserer er guld værd. Du får hjælp af revisoren og et godt regnskabsprogram.",
        ("fritid-og-faellesskab",),
        ("alle",),
        ("administration", "bestyrelsesarbejde"),
        when=(0.2, 0.8, 0.0),
        remote=0.4,
    ),
    Template(
        "Frivillig i genbrugsbutikken",
        "Sortér, prissæt og sælg brugte ting til gavn for et godt formål.",
        "Du står i butikken, tager imod varer og hjælper kunderne.",
        "Butikkens overskud går til hjælpearbejde. Vagterne er på tre timer, og du vælger selv.",
        ("socialt-arbejde",),
        ("alle",),
        (),
        ("lidt-dansk", "seniorer", "handicap"),
        when=(0.9, 0.0, 0.4),
    ),
    Template(
        "Naturvejleder på naturlegepladsen",
        "Vis børn og familier naturen: fuglekasser, bålmad og skattejagt.",
        "Du planlægger og leder aktiviteter i naturen en weekend om måneden.",
        "Vi passer på naturen og lærer børn at bruge den. Du får et kursus i naturformidling.",
        ("natur-og-miljoe",),
        ("familier", "boern-og-unge"),
        ("undervisning",),
        ("tag-en-ven",),
        when=(0.1, 0.1, 0.9),
    ),
    Template(
        "Vært i værestedet",
        "Vær en tryg voksen i et værested for mennesker med psykisk sårbarhed.",
        "Du laver kaffe, spiller spil og taler med gæsterne om stort og småt.",
        "Værestedet er et frirum. Du skal være rolig og god til at lytte.",
        ("socialt-arbejde",),
        ("psykisk-saarbarhed",),
        ("samtale",),
        ("mentor",),
        when=(0.4, 0.7, 0.3),
    ),
    Template(
        "Mentor for en ung",
        "Vær en stabil voksen for en ung, der har brug for en at spejle sig i.",
        "I mødes hver anden uge og finder på noget sammen: sport, lektier eller en snak.",
        "Mange unge mangler en voksen at tale med. Vi matcher dig med en ung og følger jer.",
        ("socialt-arbejde",),
        ("boern-og-unge", "udsatte-familier"),
        ("samtale",),
        ("mentor",),
        when=(0.3, 0.7, 0.5),
    ),
    Template(
        "Hjælper ved byfesten",
        "Giv en hånd med ved byens store fest: opstilling, bar, børneaktiviteter.",
        "Du tager en eller flere vagter på festdagen og hjælper, hvor der er brug for det.",
        "Byfesten samler hele byen. Tag en ven med, så bliver det endnu sjovere.",
        ("kultur", "fritid-og-faellesskab"),
        ("alle",),
        (),
        ("unge-15-17", "tag-en-ven", "lidt-dansk"),
        commitment=Commitment.ONE_OFF,
        when=(0.0, 0.3, 1.0),
    ),
    Template(
        "Telefonven i samtalelinjen",
        "Tal i telefon med mennesker, der føler sig ensomme.",
        "Du tager vagter i samtalelinjen hjemmefra og lytter til dem, der ringer.",
        "Ensomhed rammer mange. Du får uddannelse og supervision, før du starter.",
        ("raadgivning",),
        ("ensomhed", "psykisk-saarbarhed"),
        ("samtale",),
        ("handicap",),
        when=(0.2, 0.9, 0.5),
        remote=0.8,
    ),
    Template(
        "Frivillig til kommunikation og sociale medier",
        "Fortæl foreningens historier på sociale medier og hjemmesiden.",
        "Du skriver opslag, tager billeder og holder hjemmesiden opdateret.",
        "Vi vil nå flere og har brug for en, der kan fortælle gode historier.",
        ("fritid-og-faellesskab",),
        ("alle",),
        ("kommunikation", "it"),
        ("handicap",),
        when=(0.4, 0.6, 0.2),
        remote=0.7,
    ),
    Template(
        "IT-hjælper for seniorer",
        "Hjælp ældre med mobil, computer, MitID og e-Boks.",
        "Du sidder klar i IT-caféen og hjælper med de spørgsmål, der kommer.",
        "Det digitale er svært for mange. Med lidt tålmodighed hjælper du dem videre.",
        ("sundhed-og-forebyggelse",),
        ("aeldre",),
        ("it", "undervisning"),
        ("unge-15-17",),
        when=(0.9, 0.3, 0.0),
    ),
    Template(
        "Gåmakker i gågruppen",
        "Gå ture med andre og hjælp nye med at komme i gang med at røre sig.",
        "Du leder en gåtur om ugen og sørger for, at alle kan følge med.",
        "Gågruppen er for alle, der vil bevæge sig og møde andre. Turene er på fem kilometer.",
        ("sundhed-og-forebyggelse", "idraet"),
        ("aeldre", "sundhed"),
        ("traening",),
        ("seniorer", "tag-en-ven"),
        when=(0.8, 0.2, 0.3),
    ),
    Template(
        "Natteravn i weekenden",
        "Gå i byen fredag og lørdag aften og vær en tryg voksen for de unge.",
        "I går i små grupper, taler med de unge og hjælper, hvis nogen har det svært.",
        "Natteravnene skaber tryghed i nattelivet. Du får en gul jakke og et kursus.",
        ("beredskab",),
        ("boern-og-unge",),
        ("samtale",),
        ("tag-en-ven",),
        when=(0.0, 0.8, 0.9),
    ),
    Template(
        "Frivillig i samtalegruppe for pårørende",
        "Led en samtalegruppe for pårørende til syge.",
        "Du leder gruppens møder sammen med en anden frivillig og holder kontakten.",
        "Pårørende har brug for at dele deres erfaringer. Du får uddannelse og supervision.",
        ("selvhjaelp",),
        ("paaroerende",),
        ("samtale",),
        (),
        when=(0.3, 0.8, 0.0),
    ),
    Template(
        "Frivillig på varmestuen",
        "Lav mad og vær et medmenneske for hjemløse og socialt udsatte.",
        "Du laver mad, gør rent og taler med gæsterne, der kommer forbi.",
        "Varmestuen er åben hele året. Her møder du mennesker med et hårdt liv.",
        ("socialt-arbejde",),
        ("hjemloeshed", "misbrug", "socialt-udsatte"),
        ("madlavning", "samtale"),
        ("lidt-dansk",),
        when=(0.5, 0.6, 0.5),
    ),
    Template(
        "Cykelmekaniker i cykelværkstedet",
        "Reparér cykler sammen med nye danskere, der lærer at cykle og skrue.",
        "Du viser, hvordan man lapper et dæk og justerer bremser, og snakker om løst og fast.",
        "Cykelværkstedet er et fællesskab på tværs af sprog. Værktøj har vi.",
        ("fritid-og-faellesskab", "integration"),
        ("flygtninge-og-indvandrere",),
        ("haandvaerk",),
        ("lidt-dansk", "handicap"),
        when=(0.6, 0.5, 0.3),
    ),
    Template(
        "Familieven for en udsat familie",
        "Vær en ekstra voksen for en familie, der har det svært.",
        "Du besøger familien, tager med på tur og hjælper med hverdagen.",
        "Et godt netværk gør en forskel for børnene. Vi følger dig tæt det første halve år.",
        ("socialt-arbejde",),
        ("udsatte-familier", "familier"),
        ("samtale",),
        ("mentor",),
        when=(0.3, 0.6, 0.7),
    ),
    Template(
        "Museumsvært i weekenden",
        "Tag imod gæster på museet og fortæl om byens historie.",
        "Du byder velkommen, sælger billetter og viser rundt i udstillingen.",
        "Museet drives af frivillige. Du får en grundig introduktion til samlingen.",
        ("kultur",),
        ("alle",),
        (),
        ("seniorer", "handicap"),
        when=(0.2, 0.0, 0.9),
    ),
    Template(
        "Fundraiser til foreningen",
        "Skriv ansøgninger til fonde og find penge til nye aktiviteter.",
        "Du finder fonde, skriver ansøgninger og holder styr på frister.",
        "Vi har mange gode idéer og mangler midler. Erfaring er en fordel, men ikke et krav.",
        ("fritid-og-faellesskab",),
        ("alle",),
        ("fundraising", "kommunikation"),
        (),
        commitment=Commitment.SHORT_PERIOD,
        when=(0.5, 0.5, 0.2),
        remote=0.8,
    ),
]

ABOUT = [
    "{organisation} har over hundrede frivillige og et stærkt fællesskab.",
    "Hos {organisation} er der plads til alle, uanset alder og baggrund.",
    "{organisation} er en lille forening med store ambitioner.",
    "Du bliver en del af {organisation}, hvor vi hjælper hinanden.",
]
PRACTICAL = [
    "Vi holder et introduktionsmøde for nye frivillige hver måned.",
    "Du får kørepenge og en årlig sommerfest.",
    "Skriv til os, så tager vi en uforpligtende snak.",
    "Det er gratis at være med, og vi dækker dine udgifter.",
]
MESSAGES = ["", "", "Jeg har god tid og glæder mig.", "Jeg har prøvet noget lignende før.", "Kan I ringe til mig?"]
LANGUAGES = ["dansk", "dansk", "dansk, engelsk", "dansk, tysk", "arabisk, dansk", "engelsk", "ukrainsk, engelsk"]
STATUSES = [
    (ApplicationStatus.NEW, 30),
    (ApplicationStatus.CONTACTED, 20),
    (ApplicationStatus.MEETING, 10),
    (ApplicationStatus.STARTED, 25),
    (ApplicationStatus.DECLINED, 10),
    (ApplicationStatus.WITHDRAWN, 5),
]
M2M = ("activity_areas", "target_groups", "skills", "inclusion")
VOCABULARY_OF = {
    "activity_areas": Vocabulary.ACTIVITY_AREA,
    "target_groups": Vocabulary.TARGET_GROUP,
    "skills": Vocabulary.SKILL,
    "inclusion": Vocabulary.INCLUSION,
}


@dataclass(frozen=True)
class Sizes:
    tenants: int
    organisations: int
    opportunities: int
    profiles: int
    applications: int


def sizes_for(scale: float) -> Sizes:
    counts = {name: max(1, round(full * scale)) for name, full in FULL_SCALE.items()}
    tenants = min(len(MUNICIPALITIES), max(1, counts["organisations"] // 10))
    return Sizes(tenants=tenants, **counts)


@lru_cache(maxsize=200_000)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stems(text))


class Text:
    """Text assembled from pieces with the stems of each piece cached: the generated texts repeat their
    pieces a lot, and Snowball stemming in Python is the slow part of `search_fields`. The pieces are joined
    as they are, so each boundary must fall between words (a space or a sign on one side)."""

    __slots__ = ("stems", "text")

    def __init__(self, *pieces: str):
        self.text = "".join(pieces)
        self.stems = [stem for piece in pieces for stem in _stems(piece)]


def search_fields_for(*, title: Text, summary: Text, parts: list[Text]) -> tuple[str, str]:
    """What frivillig.volunteering.search.search_fields() computes, from the parts as they will be saved.

    `parts` are, in order: description, tasks, organisation name, town, then "label_da label_en" of every tag
    in the order the relations are read (activity areas, target groups, skills, inclusion; each by position).
    Joining with newlines cannot merge two words, so the stems of the whole are the stems of the parts.
    """
    kept = [part for part in parts if part.text]
    document = "\n".join(part.text for part in kept)
    all_stems = title.stems + summary.stems + [stem for part in kept for stem in part.stems]
    stem_text = " " + " ".join(f"t:{stem}" for stem in title.stems) + " " + " ".join(all_stems) + " "
    return document, stem_text


@contextmanager
def given_timestamps(*models_and_fields: tuple[type, str]) -> Iterator[None]:
    """Let bulk_create keep the generated dates in auto_now/auto_now_add fields (a data set made "now" would
    have no history). Only for this command."""
    fields = [model._meta.get_field(name) for model, name in models_and_fields]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Generator:
    def __init__(self, *, scale: float, seed: int, batch_size: int, write):
        self.sizes = sizes_for(scale)
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.batch_size = batch_size
        self.write = write
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()

    @contextmanager
    def phase(self, name: str):
        started = time.perf_counter()
        counts: dict[str, int] = {}
        yield counts
        seconds = time.perf_counter() - started
        rows = sum(counts.values())
        rate = f"{rows / seconds:>9,.0f} rows/s" if seconds > 0 and rows else ""
        detail = ", ".join(f"{count:,} {what}" for what, count in counts.items())
        self.write(f"  {name:<28} {seconds:7.1f} s  {rate}  {detail}")

    def run(self) -> None:
        started = time.perf_counter()
        s = self.sizes
        self.write(
            f"bench_data: {s.tenants} tenants, {s.organisations:,} organisations, {s.opportunities:,} opportunities, "
            f"{s.profiles:,} volunteer profiles, {s.applications:,} applications ({connection.vendor})"
        )
        self.tenants()
        self.organisations()
        self.opportunities()
        self.volunteers()
        self.applications()
        self.surveys()
        self.events()
        self.strategy()
        # VACUUM cannot run inside a transaction (as in a test); the planner then goes by its defaults.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with self.phase("vacuum analyze"), connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.write(f"bench_data: done in {time.perf_counter() - started:.1f} s")
        self.write(f"bench_data: log in as {BENCH_EMAIL} with the password {BENCH_PASSWORD}")

    # --- tenants and their vocabularies -----------------------------------------------------------------

    def tenants(self) -> None:
        with self.phase("tenants and vocabularies") as counts, transaction.atomic():
            chosen = sorted(MUNICIPALITIES, key=lambda m: -m[4])[: self.sizes.tenants]
            tenants = Tenant.objects.bulk_create(
                Tenant(
                    name=name,
                    slug=slugify_da(name),
                    kommunekode=code,
                    municipality_name=f"{name} Kommune",
                    centre_name=f"Frivilligcenter {name}",
                    email=f"kontakt@{slugify_da(name)}.example.org",
                    address="Rådhuspladsen 1",
                    postcode=postcode,
                    town=town,
                )
                for code, name, postcode, town, _ in chosen
            )
            counts["tenants"] = len(tenants)
            for tenant in tenants:
                tenant_set_up(tenant=tenant)
            counts["tags"] = Tag.objects.filter(tenant__in=tenants).count()
        self.tenant_rows = [(tenant.pk, m[2], m[3], m[4]) for tenant, m in zip(tenants, chosen, strict=True)]
        # (tenant, vocabulary) -> {slug: (id, position, label_da, "label_da label_en")}
        self.tags: dict[tuple[int, str], dict[str, tuple[int, int, str, str]]] = {}
        for tag in Tag.objects.all().only("pk", "tenant_id", "vocabulary", "slug", "position", "label_da", "label_en"):
            self.tags.setdefault((tag.tenant_id, tag.vocabulary), {})[tag.slug] = (
                tag.pk,
                tag.position,
                tag.label_da,
                f"{tag.label_da} {tag.label_en}",
            )

    # --- organisations, each with a contact person ------------------------------------------------------

    def organisations(self) -> None:
        rng = self.rng
        n = self.sizes.organisations
        weights = [row[3] for row in self.tenant_rows]
        # Every tenant gets one first, the rest by population.
        tenant_rows = self.tenant_rows + rng.choices(self.tenant_rows, weights=weights, k=n - len(self.tenant_rows))
        kinds, kind_weights = zip(*ORGANISATION_KINDS, strict=True)
        self.orgs: list[tuple[int, int, Text, str, str, int]] = []  # id, tenant, name, postcode, town, person
        seen: dict[tuple[int, str], int] = {}
        with self.phase("organisations and contacts") as counts:
            for batch in batched(tenant_rows, self.batch_size):
                organisations, people = [], []
                for tenant_id, postcode, town, _ in batch:
                    name = f"{rng.choice(ORGANISATION_WORDS)} {town}"
                    number = seen[(tenant_id, name)] = seen.get((tenant_id, name), 0) + 1
                    if number > 1:
                        name = f"{name} {number}"
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    index = len(self.orgs) + len(organisations)
                    organisations.append(
                        Organisation(
                            tenant_id=tenant_id,
                            kind=rng.choices(kinds, kind_weights)[0],
                            name=name,
                            purpose="At skabe fællesskab og hjælpe mennesker i lokalsamfundet.",
                            description=f"{name} er en frivillig forening i {town}.",
                            email=f"forening{index}@example.org",
                            phone=f"+45{rng.randrange(20_000_000, 99_999_999)}",
                            address=f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                            postcode=postcode,
                            town=town,
                            is_public=True,
                            member_since=self.today - timedelta(days=rng.randrange(30, 5000))
                            if rng.random() < 0.6
                            else None,
                        )
                    )
                    people.append(
                        Person(
                            tenant_id=tenant_id,
                            full_name=f"{first} {last}",
                            email=f"kontakt{index}@example.org",
                            phone=f"+45{rng.randrange(20_000_000, 99_999_999)}",
                            job_title="Frivilligkoordinator",
                        )
                    )
                with transaction.atomic():
                    Organisation.objects.bulk_create(organisations)
                    Person.objects.bulk_create(people)
                    OrganisationRole.objects.bulk_create(
                        OrganisationRole(
                            tenant_id=org.tenant_id,
                            organisation_id=org.pk,
                            person_id=person.pk,
                            role=OrganisationRoleKind.CONTACT_PERSON,
                        )
                        for org, person in zip(organisations, people, strict=True)
                    )
                    areas = Organisation.activity_areas.through
                    area_slugs = [slug for slug, *_ in _default_slugs(Vocabulary.ACTIVITY_AREA)]
                    areas.objects.bulk_create(
                        areas(
                            organisation_id=org.pk,
                            tag_id=self.tags[(org.tenant_id, Vocabulary.ACTIVITY_AREA)][rng.choice(area_slugs)][0],
                        )
                        for org in organisations
                    )
                for org, person in zip(organisations, people, strict=True):
                    self.orgs.append((org.pk, org.tenant_id, Text(org.name), org.postcode, org.town, person.pk))
                counts["organisations"] = counts.get("organisations", 0) + len(organisations)
                counts["people"] = counts.get("people", 0) + len(people)
                counts["roles and tags"] = counts.get("roles and tags", 0) + 2 * len(organisations)

    # --- open opportunities, with tags and search fields -------------------------------------------------

    def opportunities(self) -> None:
        rng = self.rng
        all_slugs = {vocabulary: [slug for slug, *_ in _default_slugs(vocabulary)] for vocabulary in Vocabulary}
        self.opps: list[tuple[int, int, datetime, bool]] = []  # id, tenant, published_at, child certificate
        through = {name: getattr(Opportunity, name).through for name in M2M}
        with (
            self.phase("opportunities") as counts,
            given_timestamps((Opportunity, "created_at"), (Opportunity, "updated_at")),
        ):
            for batch in batched(range(self.sizes.opportunities), self.batch_size):
                opportunities, chosen_tags = [], []
                for _ in batch:
                    org_id, tenant_id, org_name, postcode, town, person_id = rng.choice(self.orgs)
                    template = rng.choice(TEMPLATES)
                    slugs = {
                        "activity_areas": list(template.activity_areas),
                        "target_groups": list(template.target_groups),
                        "skills": list(template.skills),
                        "inclusion": [slug for slug in template.inclusion if rng.random() < 0.5],
                    }
                    if rng.random() < 0.3:
                        slugs["target_groups"].append(rng.choice(all_slugs[Vocabulary.TARGET_GROUP]))
                    if rng.random() < 0.2:
                        slugs["inclusion"].append(rng.choice(all_slugs[Vocabulary.INCLUSION]))
                    tags = {}
                    for name, names in slugs.items():
                        vocabulary = self.tags[(tenant_id, VOCABULARY_OF[name])]
                        # The order in which search_fields() reads a relation: the Tag model's ordering.
                        tags[name] = sorted({vocabulary[slug] for slug in names}, key=lambda tag: (tag[1], tag[2]))
                    weekdays, evenings, weekends = (rng.random() < p for p in template.when)
                    if not (weekdays or evenings or weekends):
                        weekdays = True
                    is_remote = rng.random() < template.remote
                    commitment = template.commitment
                    if commitment == Commitment.REGULAR and rng.random() < 0.15:
                        commitment = Commitment.SHORT_PERIOD
                    starts_on = self.today + timedelta(days=rng.randrange(-60, 60)) if rng.random() < 0.6 else None
                    ends_on = None
                    if starts_on and commitment == Commitment.ONE_OFF:
                        ends_on = starts_on
                    elif starts_on and commitment == Commitment.SHORT_PERIOD:
                        ends_on = starts_on + timedelta(days=rng.randrange(14, 120))
                    published_at = self.now - timedelta(seconds=rng.randrange(0, 120 * 86400))
                    created_at = published_at - timedelta(seconds=rng.randrange(0, 5 * 86400))
                    in_town = rng.random() < 0.5
                    title = Text(template.title, " i ", town) if in_town else Text(template.title)
                    summary = Text(template.summary)
                    before, _, after = rng.choice(ABOUT).partition("{organisation}")
                    description = Text(
                        template.description, " ", before, org_name.text, after, " ", rng.choice(PRACTICAL)
                    )
                    tasks = Text(template.tasks)
                    parts = [description, tasks, org_name, Text("" if is_remote else town)]
                    parts += [Text(tag[3]) for name in M2M for tag in tags[name]]
                    document, stem_text = search_fields_for(title=title, summary=summary, parts=parts)
                    opportunities.append(
                        Opportunity(
                            tenant_id=tenant_id,
                            organisation_id=org_id,
                            title=title.text,
                            summary=summary.text,
                            description=description.text,
                            tasks=tasks.text,
                            commitment=commitment,
                            hours_per_week=Decimal(rng.choice((1, 2, 2, 3, 4, 6)))
                            if commitment == Commitment.REGULAR
                            else None,
                            on_weekdays=weekdays,
                            in_evenings=evenings,
                            at_weekends=weekends,
                            starts_on=starts_on,
                            ends_on=ends_on,
                            address="" if is_remote else f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
                            postcode="" if is_remote else postcode,
                            town="" if is_remote else town,
                            is_remote=is_remote,
                            volunteers_needed=rng.choice((1, 1, 2, 2, 3, 4, 5, 8, 10)),
                            requires_child_certificate="boern-og-unge" in slugs["target_groups"],
                            contact_person_id=person_id,
                            status=OpportunityStatus.PUBLISHED,
                            published_at=published_at,
                            expires_on=self.today + timedelta(days=rng.randrange(7, 180)),
                            search_document=document,
                            search_stems=stem_text,
                            word_keys=word_keys_text(slugs),
                            created_at=created_at,
                            updated_at=published_at,
                        )
                    )
                    chosen_tags.append(tags)
                with transaction.atomic():
                    Opportunity.objects.bulk_create(opportunities)
                    for name in M2M:
                        rows = [
                            through[name](opportunity_id=opportunity.pk, tag_id=tag[0])
                            for opportunity, tags in zip(opportunities, chosen_tags, strict=True)
                            for tag in tags[name]
                        ]
                        through[name].objects.bulk_create(rows)
                        counts["tag links"] = counts.get("tag links", 0) + len(rows)
                for opportunity in opportunities:
                    self.opps.append(
                        (
                            opportunity.pk,
                            opportunity.tenant_id,
                            opportunity.published_at,
                            opportunity.requires_child_certificate,
                        )
                    )
                counts["opportunities"] = counts.get("opportunities", 0) + len(opportunities)

    # --- volunteers: a login and a profile each -----------------------------------------------------------

    def volunteers(self) -> None:
        rng = self.rng
        password = make_password(BENCH_PASSWORD)  # once: hashing per user would take hours
        interests = [slug for slug, *_ in _default_slugs(Vocabulary.TARGET_GROUP)] + [
            slug for slug, *_ in _default_slugs(Vocabulary.ACTIVITY_AREA)
        ]
        skills = [slug for slug, *_ in _default_slugs(Vocabulary.SKILL)]
        inclusion = [slug for slug, *_ in _default_slugs(Vocabulary.INCLUSION)]
        postcodes = [row[1] for row in self.tenant_rows]
        weights = [row[3] for row in self.tenant_rows]
        self.users: list[tuple[int, str, str]] = []  # id, e-mail, name
        with self.phase("volunteers (users, profiles)") as counts:
            for batch in batched(range(self.sizes.profiles), self.batch_size):
                users, profiles = [], []
                for index in batch:
                    joined = self.now - timedelta(seconds=rng.randrange(0, 3 * 365 * 86400))
                    users.append(
                        User(
                            email=BENCH_EMAIL if index == 0 else f"frivillig{index}@example.org",
                            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                            password=password,
                            date_joined=joined,
                            email_verified_at=joined,
                        )
                    )
                    if index == 0:
                        # The benchmark's volunteer: clear interests, so the suggestions have reasons to give.
                        profiles.append(
                            VolunteerProfile(
                                interests=["aeldre", "ensomhed", "besoegsvenner"],
                                skills=["samtale", "madlavning"],
                                inclusion_needs=[],
                                in_evenings=True,
                                at_weekends=True,
                                postcode=self.tenant_rows[0][1],
                                languages="dansk",
                            )
                        )
                        continue
                    profiles.append(
                        VolunteerProfile(
                            interests=rng.sample(interests, rng.randint(1, 4)),
                            skills=rng.sample(skills, rng.randint(0, 3)),
                            inclusion_needs=rng.sample(inclusion, 1) if rng.random() < 0.2 else [],
                            on_weekdays=rng.random() < 0.5,
                            in_evenings=rng.random() < 0.6,
                            at_weekends=rng.random() < 0.4,
                            postcode=rng.choices(postcodes, weights)[0],
                            languages=rng.choice(LANGUAGES),
                            open_to_suggestions=rng.random() < 0.35,
                        )
                    )
                with transaction.atomic():
                    User.objects.bulk_create(users)
                    for user, profile in zip(users, profiles, strict=True):
                        profile.user_id = user.pk
                    VolunteerProfile.objects.bulk_create(profiles)
                self.users.extend((user.pk, user.email, user.full_name) for user in users)
                counts["users"] = counts.get("users", 0) + len(users)
                counts["profiles"] = counts.get("profiles", 0) + len(profiles)

    # --- applications -------------------------------------------------------------------------------------

    def application_counts(self) -> list[int]:
        """How many applications each opportunity gets: skewed (a few popular ones), summing exactly."""
        rng, total = self.rng, self.sizes.applications
        weights = [rng.expovariate(1.0) for _ in self.opps]
        scale = total / sum(weights)
        counts = [math.floor(weight * scale) for weight in weights]
        for index in rng.sample(range(len(counts)), k=total - sum(counts)):
            counts[index] += 1
        return counts

    def applications(self) -> None:
        rng = self.rng
        statuses, status_weights = zip(*STATUSES, strict=True)
        user_count = len(self.users)
        guest = 0
        with self.phase("applications") as counts, given_timestamps((Application, "created_at")):

            def generate() -> Iterator[Application]:
                nonlocal guest
                for (opp_id, tenant_id, published_at, child_certificate), wanted in zip(
                    self.opps, self.application_counts(), strict=True
                ):
                    from_users = min(user_count, round(wanted * 0.8))
                    applicants = [self.users[i] for i in rng.sample(range(user_count), from_users)]
                    for _ in range(wanted - from_users):
                        guest += 1
                        applicants.append((None, f"gaest{guest}@example.net", f"Gæst {guest}"))
                    open_seconds = max(60, int((self.now - published_at).total_seconds()))
                    for user_id, email, name in applicants:
                        created_at = published_at + timedelta(seconds=rng.randrange(0, open_seconds))
                        status = rng.choices(statuses, status_weights)[0]
                        changed_at = None
                        if status != ApplicationStatus.NEW:
                            changed_at = created_at + (self.now - created_at) * rng.random()
                        confirmed = user_id is not None or rng.random() < 0.92
                        certificate = child_certificate and status == ApplicationStatus.STARTED
                        yield Application(
                            tenant_id=tenant_id,
                            opportunity_id=opp_id,
                            user_id=user_id,
                            full_name=name,
                            email=email,
                            phone="" if user_id else f"+45{rng.randrange(20_000_000, 99_999_999)}",
                            message=rng.choice(MESSAGES),
                            email_confirmed_at=created_at if confirmed else None,
                            status=status if confirmed else ApplicationStatus.NEW,
                            status_changed_at=changed_at if confirmed else None,
                            child_certificate_obtained_on=changed_at.date() if certificate else None,
                            child_certificate_ok=True if certificate else None,
                            created_at=created_at,
                        )

            for batch in batched(generate(), self.batch_size):
                with transaction.atomic():
                    Application.objects.bulk_create(batch)
                counts["applications"] = counts.get("applications", 0) + len(batch)

    # --- the survey whose results page is measured (bench/surveys.py) ------------------------------------

    def surveys(self) -> None:
        from bench.surveys import make_survey_data

        with self.phase("survey and its responses") as counts:
            make_survey_data(scale=self.scale, rng=self.rng, batch_size=self.batch_size, counts=counts)

    # --- the events whose national list and feed are measured (bench/events.py) -----------------------------

    def events(self) -> None:
        from bench.events import make_event_data

        with self.phase("events and their sessions") as counts:
            make_event_data(scale=self.scale, rng=self.rng, batch_size=self.batch_size, counts=counts)

    # --- the plan whose dashboard is measured (bench/strategy.py) ------------------------------------------------

    def strategy(self) -> None:
        from bench.strategy import make_strategy_data

        with self.phase("a plan with 30 targets") as counts:
            make_strategy_data(counts=counts)


def _default_slugs(vocabulary: str):
    from frivillig.crm.vocabularies import DEFAULT_TAGS

    return DEFAULT_TAGS[vocabulary]


class Command(BaseCommand):
    help = (
        "Generate a national data set for the benchmark (scale 1.0: 98 tenants, 20,000 organisations, 50,000 "
        "open opportunities, 200,000 volunteer profiles, 1,000,000 applications). Empty throwaway databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply the national counts (default 1.0).")
        parser.add_argument("--seed", type=int, default=2025, help="Random seed (the same seed, the same data).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT.")

    def handle(self, *args, scale: float, seed: int, batch_size: int, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        if Tenant.objects.exists() or User.objects.exists():
            raise CommandError(
                "The database already has tenants or users. bench_data fills an empty, throwaway database only "
                "(its logins share a published password)."
            )
        generator = Generator(scale=scale, seed=seed, batch_size=batch_size, write=self.stdout.write)
        with scopes_disabled():
            generator.run()
