"""Permission matrix rows for withdrawing one's own consent on 'Your data': only the person the consent is about
finds it; everyone else is told it does not exist."""

from frivillig.core.consent import consent_give
from frivillig.testing import LOGIN, PERSONAS, Case
from frivillig.volunteering.privacy import SUGGESTIONS_CONSENT

OWN_ONLY = {**dict.fromkeys(PERSONAS, 404), "anonymous": LOGIN, "citizen": 200}

CASES = {
    "accounts:my_data_consent_withdraw": Case(OWN_ONLY, kwargs={"pk": "{citizen_consent}"}),
}


def objects(personas) -> dict[str, int]:
    citizen = personas.user("citizen")
    consent = consent_give(purpose=SUGGESTIONS_CONSENT, subject=citizen, method="web_form", actor=citizen)
    return {"citizen_consent": consent.pk}
