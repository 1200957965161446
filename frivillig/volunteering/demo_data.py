"""The literal volunteering demo data: the kinds of volunteer job the demo associations post, and the made-up
people who apply."""

from frivillig.volunteering.enums import Commitment

# (title, summary, tasks, commitment, activity area, target group, skill, inclusion, evenings, weekends, needed)
TEMPLATES = [
    ("Besøgsven for en ældre borger", "Drik kaffe, gå en tur og snak med en ældre, der sidder meget alene.",
     "Et besøg om ugen på et par timer. Vi matcher jer efter interesser.", Commitment.REGULAR,
     "besoegsvenner", "aeldre", "samtale", "seniorer", False, False, 4),
    ("Lektiehjælper i lektiecaféen", "Hjælp skolebørn med dansk, matematik og engelsk en eftermiddag om ugen.",
     "Du sidder sammen med børnene og hjælper dem i gang med lektierne.", Commitment.REGULAR,
     "lektiehjaelp", "boern-og-unge", "undervisning", "lidt-dansk", False, False, 3),
    ("Kok til fællesspisning", "Lav mad sammen med andre frivillige til vores fællesspisning hver torsdag.",
     "Indkøb, madlavning og opvask i et hyggeligt køkkenhold.", Commitment.REGULAR,
     "fritid-og-faellesskab", "ensomhed", "madlavning", "tag-en-ven", True, False, 2),
    ("Hjælper til sommerfesten", "Giv en hånd med opstilling, boder og oprydning til årets sommerfest.",
     "Opstilling fredag aften og hjælp i boderne lørdag.", Commitment.ONE_OFF,
     "kultur", "alle", "haandvaerk", "unge-15-17", True, True, 8),
    ("Træner for et motionshold", "Stå for opvarmning og øvelser på vores hold for voksne med handicap.",
     "En time om ugen i hallen. Vi hjælper med kursus og materialer.", Commitment.REGULAR,
     "idraet", "handicap", "traening", "handicap", True, False, 2),
    ("Frivillig til vores IT-café", "Hjælp ældre borgere med telefon, tablet og MitID.",
     "Tålmodighed og lyst til at forklare betyder mere end ekspertviden.", Commitment.SHORT_PERIOD,
     "sundhed-og-forebyggelse", "aeldre", "it", "seniorer", False, False, 3),
    ("Kasserer til bestyrelsen", "Vi søger en kasserer, der kan holde styr på foreningens regnskab.",
     "Bogføring, budget og årsregnskab i samarbejde med bestyrelsen.", Commitment.REGULAR,
     "socialt-arbejde", "alle", "administration", "mentor", True, False, 1),
    ("Samtalepartner for nye danskere", "Mød en ny dansker og øv dansk over en kop kaffe.",
     "Et møde hver anden uge, hvor I taler om hverdagen.", Commitment.SHORT_PERIOD,
     "integration", "flygtninge-og-indvandrere", "sprog", "lidt-dansk", True, True, 5),
]  # fmt: skip

VOLUNTEER_NAMES = ["Amalie Holm", "Jonas Bach", "Fatima Ali", "Peter Skov", "Ida Lund", "Ewa Berg", "Mads Dahl"]
