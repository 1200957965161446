from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind, SurveyStatus
from frivillig.surveys.models import Choice, Invitation, Question, Section, Survey
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

SURVEY = {"pk": "{surveys_survey}"}
SECTION = {"pk": "{surveys_survey}", "section_pk": "{surveys_section}"}
QUESTION = {"pk": "{surveys_survey}", "question_pk": "{surveys_question}"}
CHOICE = {"pk": "{surveys_survey}", "choice_pk": "{surveys_choice}"}
STAFF = (Role.CENTRE_STAFF, Role.TENANT_ADMIN)
MOVE = {"retning": "down"}

# The centre's staff and the tenant's administrator build surveys; representatives, municipal staff and citizens
# answer them (later), never build them.
CASES = {
    "surveys:survey_list": tenant_roles(*STAFF),
    "surveys:survey_create": tenant_roles(*STAFF),
    "surveys:survey_detail": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_edit": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_copy": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(SURVEY)),
    "surveys:survey_preview": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:section_create": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:section_edit": tenant_roles(*STAFF, kwargs=dict(SECTION)),
    "surveys:section_delete": tenant_roles(*STAFF, kwargs=dict(SECTION)),
    "surveys:section_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(SECTION), data=dict(MOVE)),
    "surveys:question_create": tenant_roles(*STAFF, kwargs=dict(SECTION)),
    "surveys:question_edit": tenant_roles(*STAFF, kwargs=dict(QUESTION)),
    "surveys:question_kind": tenant_roles(*STAFF, kwargs=dict(QUESTION)),
    "surveys:question_delete": tenant_roles(*STAFF, kwargs=dict(QUESTION)),
    "surveys:question_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(QUESTION), data=dict(MOVE)),
    "surveys:choice_move": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(CHOICE), data=dict(MOVE)),
    # Asking people: opening and closing, invitations, reminders and the open link (the matrix's survey is a named
    # draft with a question: opening it works, an open link is refused; either way back to the survey's page).
    "surveys:survey_status": tenant_roles(
        *STAFF, status=302, method="post", kwargs=dict(SURVEY), data={"handling": "aaben"}
    ),
    "surveys:survey_invite": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:invitation_list": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_remind": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(SURVEY)),
    "surveys:open_link": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(SURVEY)),
    # Results, cross-tabulation, exports and the report: the centre's staff and the tenant's administrator only.
    "surveys:survey_results": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_crosstab": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_export": tenant_roles(*STAFF, kwargs={**SURVEY, "fmt": "csv"}),
    "surveys:survey_report": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_report_pdf": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    "surveys:survey_summary": tenant_roles(*STAFF, kwargs=dict(SURVEY)),
    # Answering: public, the link is the key; whoever holds a valid link gets the form, logged in or not.
    "surveys:respond": public_tenant_page(kwargs={"token": "{surveys_invitation_token}"}),
    "surveys:respond_decline": public_tenant_page(kwargs={"token": "{surveys_invitation_token}"}),
    "surveys:respond_open": public_tenant_page(kwargs={"token": "{surveys_open_link_token}"}),
}


def objects(personas) -> dict[str, int]:
    with scopes_disabled():
        survey = Survey.objects.create(tenant=personas.tenant, title="Behovsanalyse 2017")
        section = Section.objects.create(tenant=personas.tenant, survey=survey, title="Om foreningen", position=1)
        question = Question.objects.create(
            tenant=personas.tenant,
            section=section,
            position=1,
            kind=QuestionKind.SINGLE_CHOICE,
            text="Hvor mange frivillige har foreningen?",
        )
        choice = Choice.objects.create(tenant=personas.tenant, question=question, label="1-10", position=1)
        Choice.objects.create(tenant=personas.tenant, question=question, label="Over 10", position=2)
        answering = Survey.objects.create(
            tenant=personas.tenant,
            title="Samarbejdet med kommunen",
            status=SurveyStatus.OPEN,
            is_anonymous=True,
            open_link_token="aabent-link-til-matrixen",
        )
        answering_section = Section.objects.create(
            tenant=personas.tenant, survey=answering, title="Samarbejdet", position=1
        )
        Question.objects.create(
            tenant=personas.tenant,
            section=answering_section,
            position=1,
            kind=QuestionKind.LONG_TEXT,
            text="Hvad fungerer godt?",
        )
        invitation = Invitation.objects.create(
            tenant=personas.tenant, survey=answering, email="formand@alfa.example.org"
        )
    return {
        "surveys_invitation_token": invitation.token,
        "surveys_open_link_token": answering.open_link_token,
        "surveys_survey": survey.pk,
        "surveys_section": section.pk,
        "surveys_question": question.pk,
        "surveys_choice": choice.pk,
    }
