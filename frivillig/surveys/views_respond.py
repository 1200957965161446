"""The respondent's pages: answering a survey from a personal invitation's link or from the open link of an
anonymous survey, one section per page, saving and coming back, declining, and the kind pages for links that do not
(or no longer) lead to a form. Public: the tenant comes from the URL and the link is the key; being logged in
changes nothing. The pages hold the respondent's answers and are never cached.

The answers so far are kept between pages: with the invitation (its link brings them back) or, for the open link,
in the browser's session. The staff's preview (views.survey_preview) shows these same pages: the same form of a
section (answering.SectionAnswerForm), the same steps (section_page) and the same templates."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache

from frivillig.core import throttle
from frivillig.core.honeypot import HONEYPOT_FIELD, is_robot
from frivillig.core.params import parse_int
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.core.throttle import address_key, client_address
from frivillig.surveys.answering import SectionAnswerForm, field_name, initial_from, other_name
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Invitation, Survey
from frivillig.surveys.selectors import organisations_to_choose, survey_sections
from frivillig.surveys.services_responses import (
    CLOSED,
    NOT_YET_OPEN,
    UNKNOWN,
    Draft,
    answers_from,
    invitation_decline,
    invitation_draft_save,
    invitation_for_token,
    response_submit,
    sections_to_answer,
    survey_closed_at,
    survey_for_open_link,
    survey_state,
)

NEXT = "frem"
BACK = "tilbage"
SAVE = "gem"

# The open link: at most this many submitted responses from one address (or IPv6 network) in an hour.
OPEN_LINK_SUBMISSIONS_PER_HOUR = 20
OPEN_LINK_THROTTLE = "survey-open-link"


# --- where the answers so far are kept ------------------------------------------------------------------------


class _InvitationStore:
    """A personal invitation: the draft lives with the invitation."""

    open_link = False

    def __init__(self, invitation: Invitation) -> None:
        self.invitation = invitation

    def load(self) -> Draft:
        return Draft.from_stored(self.invitation.draft)

    def save(self, draft: Draft) -> None:
        invitation_draft_save(invitation=self.invitation, draft=draft)

    def submit(self, survey: Survey, answers) -> bool:
        """Store the response; False when the invitation had been used already (stored nothing)."""
        return response_submit(survey=survey, answers=answers, invitation=self.invitation) is not None

    def url(self, request) -> str:
        return reverse("surveys:respond", kwargs={"tenant_slug": request.tenant.slug, "token": self.invitation.token})

    def decline_url(self, request) -> str:
        kwargs = {"tenant_slug": request.tenant.slug, "token": self.invitation.token}
        return reverse("surveys:respond_decline", kwargs=kwargs)


class _SessionStore:
    """The open link: the draft lives in the browser's session, and so does the note that it has answered."""

    open_link = True

    def __init__(self, request, survey: Survey) -> None:
        self.request = request
        self.survey = survey
        self.key = f"surveys.open.{survey.pk}"

    @property
    def answered(self) -> bool:
        return bool(self.request.session.get(f"{self.key}.answered"))

    def load(self) -> Draft:
        return Draft.from_stored(self.request.session.get(self.key))

    def save(self, draft: Draft) -> None:
        self.request.session[self.key] = draft.stored()

    def submit(self, survey: Survey, answers) -> bool:
        response_submit(survey=survey, answers=answers)
        self.finish()
        return True

    def finish(self) -> None:
        self.request.session.pop(self.key, None)
        self.request.session[f"{self.key}.answered"] = True

    def decline_url(self, request) -> str:
        return ""

    def url(self, request) -> str:
        return reverse(
            "surveys:respond_open", kwargs={"tenant_slug": request.tenant.slug, "token": self.survey.open_link_token}
        )


# --- the kind pages -------------------------------------------------------------------------------------------


def _message(request, kind: str, *, survey: Survey | None = None, status: int = 200, **extra):
    context = {"kind": kind, "survey": survey, "centre": request.tenant, **extra}
    return render(request, "surveys/respond_message.html", context, status=status)


def _unknown(request):
    return _message(request, "unknown", status=404)


def _not_answerable(request, survey: Survey, state: str):
    """The page for a survey that takes no answers now, or None when it does."""
    if state == UNKNOWN:
        return _unknown(request)
    if state == CLOSED:
        return _message(request, "closed", survey=survey, status=410, closed_at=survey_closed_at(survey))
    if state == NOT_YET_OPEN:
        return _message(request, "not_yet_open", survey=survey, status=403)
    return None


def _thanks(request, survey: Survey, *, again: bool = False):
    return _message(request, "answered" if again else "thanks", survey=survey)


def _recipients_language(request, invitation: Invitation) -> None:
    """The invitation's language (the one its mails went out in) until the person chooses one with the switch."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or invitation.language not in dict(settings.LANGUAGES):
        return
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language


def _with_language(request, response):
    response.headers["Content-Language"] = request.LANGUAGE_CODE
    return response


# --- the pages ----------------------------------------------------------------------------------------------


@view_permission(PUBLIC)
@never_cache
def respond(request, tenant_slug: str, token: str):
    invitation = invitation_for_token(request.tenant, token)
    if invitation is None:
        return _unknown(request)
    survey = invitation.survey
    state = survey_state(survey)
    if state == UNKNOWN:
        return _unknown(request)
    _recipients_language(request, invitation)
    if invitation.responded:
        return _with_language(request, _thanks(request, survey, again=True))
    refusal = _not_answerable(request, survey, state)
    if refusal is not None:
        return _with_language(request, refusal)
    return _with_language(request, _answer(request, survey, _InvitationStore(invitation), declined=invitation.declined))


@view_permission(PUBLIC)
@never_cache
def respond_decline(request, tenant_slug: str, token: str):
    invitation = invitation_for_token(request.tenant, token)
    if invitation is None or survey_state(invitation.survey) == UNKNOWN:
        return _unknown(request)
    survey = invitation.survey
    _recipients_language(request, invitation)
    if invitation.responded:
        return _with_language(request, _thanks(request, survey, again=True))
    refusal = _not_answerable(request, survey, survey_state(survey))
    if refusal is not None:
        return _with_language(request, refusal)
    declined = invitation.declined
    if request.method == "POST":
        invitation_decline(invitation=invitation)
        declined = True
    context = {
        "survey": survey,
        "centre": request.tenant,
        "declined": declined,
        "respond_url": reverse("surveys:respond", kwargs={"tenant_slug": request.tenant.slug, "token": token}),
    }
    return _with_language(request, render(request, "surveys/respond_decline.html", context))


@view_permission(PUBLIC)
@never_cache
def respond_open(request, tenant_slug: str, token: str):
    survey = survey_for_open_link(request.tenant, token)
    if survey is None:
        return _unknown(request)
    state = survey_state(survey)
    if state == UNKNOWN:
        return _unknown(request)
    store = _SessionStore(request, survey)
    if store.answered:
        return _thanks(request, survey, again=True)
    refusal = _not_answerable(request, survey, state)
    if refusal is not None:
        return refusal
    if request.method == "POST" and is_robot(request.POST):
        # Looks like success and stores nothing: a robot learns nothing from the answer.
        return _thanks(request, survey)
    return _answer(request, survey, store)


# --- one form for both kinds of link --------------------------------------------------------------------------


def _section_names(section) -> set[str]:
    names: set[str] = set()
    for question in section.questions.all():
        names |= {field_name(question), other_name(question)}
    return names


def _page_data(draft: Draft, section, posted) -> MultiValueDict:
    """The draft's answers with this page's values in place of its saved ones: what the section's form validates
    (its conditions on earlier sections read the earlier answers)."""
    names = _section_names(section)
    data = MultiValueDict({name: values for name, values in draft.answers.items() if name not in names})
    for name in names:
        values = posted.getlist(name)
        if values:
            data.setlist(name, values)
    return data


def section_page(survey: Survey, sections, section, form, answers, questions, done) -> dict:
    """What the page of one section shows, in the respondent's form and in the preview alike: its step among the
    sections that ask something, given the answers so far (a section waiting for an answer not given is skipped)."""
    shown = sections_to_answer(sections, answers, questions, done)
    if section not in shown:
        shown = sections
    step = shown.index(section) + 1
    return {
        "survey": survey,
        "section": section,
        "form": form,
        "step": step,
        "step_count": len(shown),
        "last": step == len(shown),
    }


def _answer(request, survey: Survey, store, *, declined: bool = False):
    sections = [section for section in survey_sections(survey) if section.questions.all()]
    if not sections:
        return _unknown(request)
    questions = {question.pk: question for section in sections for question in section.questions.all()}
    asks_organisation = any(question.kind == QuestionKind.ORGANISATION for question in questions.values())
    organisations = organisations_to_choose(request.tenant) if asks_organisation else []
    draft = store.load()
    saved = False

    def form_for(section, data=None) -> SectionAnswerForm:
        if data is not None:
            return SectionAnswerForm(data, section=section, questions=questions, organisations=organisations)
        initial = initial_from(draft.answers, section.questions.all())
        return SectionAnswerForm(
            section=section,
            questions=questions,
            organisations=organisations,
            initial={**draft.answers, **initial},
        )

    def page(section, form, status: int = 200):
        answers = form.data if form.is_bound else draft.answers
        context = {
            **section_page(survey, sections, section, form, answers, questions, draft.done),
            "open_link": store.open_link,
            "action": store.url(request),
            "decline_url": store.decline_url(request),
            "saved": saved,
            "declined": declined,
            "honeypot": HONEYPOT_FIELD,
            "centre": request.tenant,
        }
        return render(request, "surveys/respond.html", context, status=status)

    def go_to(section):
        shown = sections_to_answer(sections, draft.answers, questions, draft.done)
        number = shown.index(section) + 1 if section in shown else 1
        return redirect(f"{store.url(request)}?afsnit={number}")

    if request.method != "POST":
        shown = sections_to_answer(sections, draft.answers, questions, draft.done)
        number = parse_int(request.GET.get("afsnit", ""))
        if number is not None and 1 <= number <= len(shown):
            section = shown[number - 1]
        else:
            section = next((section for section in shown if section.pk not in draft.done), shown[-1])
        return page(section, form_for(section))

    section = next((s for s in sections if s.pk == parse_int(request.POST.get("afsnit", ""))), None)
    if section is None:
        return go_to(sections[0])
    action = request.POST.get("handling", NEXT)
    if action in (BACK, SAVE):
        # Kept as typed, checked when the page is sent on: a half-answered page can be saved.
        draft.replace_section(section, request.POST, questions)
        store.save(draft)
        if action == BACK:
            shown = sections_to_answer(sections, draft.answers, questions, draft.done)
            index = shown.index(section) if section in shown else 0
            return go_to(shown[max(index - 1, 0)])
        saved = True
        return page(section, form_for(section))

    form = form_for(section, _page_data(draft, section, request.POST))
    if not form.is_valid():
        return page(section, form)
    draft.replace_section(section, request.POST, questions)
    draft.mark_done(section)
    shown = sections_to_answer(sections, draft.answers, questions, draft.done)
    later = shown[shown.index(section) + 1 :] if section in shown else []
    if later:
        store.save(draft)
        return go_to(later[0])
    return _submit(request, survey, store, draft, shown, form_for, page)


def _submit(request, survey: Survey, store, draft: Draft, shown, form_for, page):
    """Every page checked again from the saved answers (a page may have been skipped by changing the address), then
    one response stored."""
    data = MultiValueDict(draft.answers)
    cleaned = {}
    asked = {}
    for section in shown:
        form = form_for(section, data)
        if not form.is_valid():
            store.save(draft)
            return page(section, form)
        for question in form.questions:
            cleaned[question.pk] = form.cleaned_data
            asked[question.pk] = question
    if store.open_link:
        address = address_key(client_address(request))
        if not throttle.attempt(OPEN_LINK_THROTTLE, address, limit=OPEN_LINK_SUBMISSIONS_PER_HOUR, window=3600):
            store.save(draft)
            return _message(request, "throttled", survey=survey, status=429)
    if not store.submit(survey, answers_from(cleaned, asked)):
        return _thanks(request, survey, again=True)
    return _thanks(request, survey)


urlpatterns = [
    path("svar/aaben/<str:token>/", respond_open, name="respond_open"),
    path("svar/<str:token>/", respond, name="respond"),
    path("svar/<str:token>/frameld/", respond_decline, name="respond_decline"),
]
