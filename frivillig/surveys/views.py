"""The survey builder for the centre's staff: the list, a survey's settings and page, its sections, questions and
answer options, their order, copies and the preview as respondents see it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.params import parse_int
from frivillig.core.permissions import view_permission
from frivillig.surveys.answering import SectionAnswerForm, carried_answers, field_name, initial_from, other_name
from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.forms import QuestionForm, QuestionKindForm, SectionForm, SurveyFilterForm, SurveyForm
from frivillig.surveys.models import Question, Section, Survey
from frivillig.surveys.selectors import (
    choice_of,
    organisations_to_choose,
    question_of,
    section_of,
    survey_for_staff,
    survey_sections,
    surveys_for_list,
)
from frivillig.surveys.services import (
    DOWN,
    UP,
    SurveyEditRefused,
    choice_move,
    question_delete,
    question_move,
    question_save,
    section_delete,
    section_move,
    section_save,
    survey_copy,
    survey_save,
)
from frivillig.surveys.services_responses import Draft, prune, sections_to_answer
from frivillig.surveys.views_respond import section_page

PERMISSION = "surveys.manage_surveys"


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(survey_for_staff(request.tenant), pk=pk)


def _to_survey(request, survey: Survey, anchor: str = ""):
    response = redirect("surveys:survey_detail", tenant_slug=request.tenant.slug, pk=survey.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@view_permission(PERMISSION)
def survey_list(request, tenant_slug: str):
    filter_form = SurveyFilterForm(request.GET)
    context = {
        "filter_form": filter_form,
        "page": paginate(request, surveys_for_list(request.tenant, filter_form.criteria())),
        "filtered": any(value for key, value in request.GET.items() if key not in {"side"}),
    }
    return render_list(request, "surveys/survey_list.html", context)


@view_permission(PERMISSION)
def survey_create(request, tenant_slug: str):
    form = SurveyForm(request.POST or None, instance=Survey(tenant=request.tenant))
    if request.method == "POST" and form.is_valid():
        survey = survey_save(survey=form.instance, actor=request.user)
        messages.success(request, _("The survey has been created. Add its first section."))
        return _to_survey(request, survey)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


@view_permission(PERMISSION)
def survey_edit(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_save(survey=form.instance, actor=request.user, changed=form.changed_data)
        except SurveyEditRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The survey's settings have been saved."))
            return _to_survey(request, survey)
    if request.method == "POST":
        survey = _survey(request, pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@view_permission(PERMISSION)
def survey_detail(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    sections = survey_sections(survey)
    return render(request, "surveys/survey_detail.html", {"survey": survey, "sections": sections})


@require_POST
@view_permission(PERMISSION)
def survey_copy_view(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    copy = survey_copy(survey=survey, actor=request.user)
    messages.success(request, _("The copy has been created as a draft. Change what needs changing."))
    return _to_survey(request, copy)


# --- sections -----------------------------------------------------------------------------------------------


@view_permission(PERMISSION)
def section_create(request, tenant_slug: str, pk: int):
    survey = _survey(request, pk)
    form = SectionForm(request.POST or None, instance=Section(survey=survey, tenant=request.tenant))
    if request.method == "POST" and form.is_valid():
        section = section_save(section=form.instance, actor=request.user)
        messages.success(request, _("The section has been added."))
        return _to_survey(request, survey, f"afsnit-{section.pk}")
    return render(request, "surveys/section_form.html", {"form": form, "survey": survey, "section": None})


@view_permission(PERMISSION)
def section_edit(request, tenant_slug: str, pk: int, section_pk: int):
    survey = _survey(request, pk)
    section = section_of(survey, section_pk) or _not_found()
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        section_save(section=form.instance, actor=request.user)
        messages.success(request, _("The section has been saved."))
        return _to_survey(request, survey, f"afsnit-{section.pk}")
    return render(request, "surveys/section_form.html", {"form": form, "survey": survey, "section": section})


@view_permission(PERMISSION)
def section_delete_view(request, tenant_slug: str, pk: int, section_pk: int):
    survey = _survey(request, pk)
    section = section_of(survey, section_pk) or _not_found()
    refusal = ""
    if request.method == "POST":
        try:
            section_delete(section=section, actor=request.user)
        except SurveyEditRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("The section has been deleted."))
            return _to_survey(request, survey)
    context = {"survey": survey, "section": section, "refusal": refusal, "question_count": section.questions.count()}
    return render(request, "surveys/section_delete.html", context, status=409 if refusal else 200)


def _direction(request) -> str:
    direction = request.POST.get("retning", "")
    if direction not in (UP, DOWN):
        raise Http404
    return direction


@require_POST
@view_permission(PERMISSION)
def section_move_view(request, tenant_slug: str, pk: int, section_pk: int):
    survey = _survey(request, pk)
    section = section_of(survey, section_pk) or _not_found()
    try:
        section_move(section=section, direction=_direction(request), actor=request.user)
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
    return _to_survey(request, survey, f"afsnit-{section.pk}")


# --- questions ----------------------------------------------------------------------------------------------


def _chosen_kind(request, default: str = "") -> str:
    kind = request.GET.get("type", default)
    return kind if kind in QuestionKind.values else default


def _question_page(request, survey: Survey, section: Section, question: Question | None, kind: str):
    sections = survey_sections(survey)
    instance = question or Question(section=section, tenant=request.tenant, kind=kind)
    form = QuestionForm(request.POST or None, instance=instance, kind=kind, sections=sections, section=section)
    if request.method == "POST" and form.is_valid():
        labels, removed, new = form.option_changes()
        condition_pk, value = form.cleaned_data["show_if"]
        form.instance.kind = kind
        form.instance.show_if_question = question_of(survey, condition_pk) if condition_pk else None
        form.instance.show_if_value = value
        try:
            saved = question_save(
                question=form.instance,
                actor=request.user,
                new_choices=new,
                choice_labels=labels,
                remove_choices=removed,
                changed=form.changed_data,
            )
        except SurveyEditRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The question has been saved.") if question else _("The question has been added.")
            )
            return _to_survey(request, survey, f"spoergsmaal-{saved.pk}")
    if question is not None and request.method == "POST":
        question = question_of(survey, question.pk)
    context = {
        "form": form,
        "survey": survey,
        "section": section,
        "question": question,
        "kind": kind,
        "kind_label": QuestionKind(kind).label,
    }
    return render(request, "surveys/question_form.html", context)


def _kind_page(request, survey: Survey, section: Section, question: Question | None):
    anonymous = survey.is_anonymous
    form = QuestionKindForm(request.GET if "type" in request.GET else None, anonymous=anonymous)
    if question is not None and form.is_bound is False:
        form = QuestionKindForm(initial={"type": question.kind}, anonymous=anonymous)
    context = {"form": form, "survey": survey, "section": section, "question": question}
    return render(request, "surveys/question_kind.html", context)


@view_permission(PERMISSION)
def question_create(request, tenant_slug: str, pk: int, section_pk: int):
    survey = _survey(request, pk)
    section = section_of(survey, section_pk) or _not_found()
    kind = _chosen_kind(request)
    if not kind:
        return _kind_page(request, survey, section, None)
    return _question_page(request, survey, section, None, kind)


@view_permission(PERMISSION)
def question_edit(request, tenant_slug: str, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = question_of(survey, question_pk) or _not_found()
    return _question_page(request, survey, question.section, question, _chosen_kind(request, question.kind))


@view_permission(PERMISSION)
def question_kind(request, tenant_slug: str, pk: int, question_pk: int):
    """Changing a question's type: choose the new type, then the question's form for it."""
    survey = _survey(request, pk)
    question = question_of(survey, question_pk) or _not_found()
    return _kind_page(request, survey, question.section, question)


@view_permission(PERMISSION)
def question_delete_view(request, tenant_slug: str, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = question_of(survey, question_pk) or _not_found()
    refusal = ""
    if request.method == "POST":
        try:
            question_delete(question=question, actor=request.user)
        except SurveyEditRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("The question has been deleted."))
            return _to_survey(request, survey, f"afsnit-{question.section_id}")
    context = {"survey": survey, "question": question, "refusal": refusal}
    return render(request, "surveys/question_delete.html", context, status=409 if refusal else 200)


@require_POST
@view_permission(PERMISSION)
def question_move_view(request, tenant_slug: str, pk: int, question_pk: int):
    survey = _survey(request, pk)
    question = question_of(survey, question_pk) or _not_found()
    try:
        question_move(question=question, direction=_direction(request), actor=request.user)
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
    return _to_survey(request, survey, f"spoergsmaal-{question.pk}")


@require_POST
@view_permission(PERMISSION)
def choice_move_view(request, tenant_slug: str, pk: int, choice_pk: int):
    survey = _survey(request, pk)
    choice = choice_of(survey, choice_pk) or _not_found()
    try:
        choice_move(choice=choice, direction=_direction(request), actor=request.user)
    except SurveyEditRefused as refusal:
        messages.error(request, str(refusal))
    return _to_survey(request, survey, f"spoergsmaal-{choice.question_id}")


def _not_found():
    raise Http404


# --- preview ------------------------------------------------------------------------------------------------


# The preview's own field: the pages completed so far (by section id), which the respondent's draft keeps.
DONE_FIELD = "udfyldt"


def _preview_draft(posted, questions, sections) -> Draft:
    """The answers and completed pages the preview's form carried along (it stores nothing between pages)."""
    names = {field_name(question) for question in questions.values()} | {
        other_name(question) for question in questions.values()
    }
    answers = {name: values for name in names if (values := [value for value in posted.getlist(name) if value])}
    known = {section.pk for section in sections}
    done = [number for number in map(parse_int, posted.getlist(DONE_FIELD)) if number in known]
    return Draft(answers=prune(answers, questions), done=list(dict.fromkeys(done)))


@view_permission(PERMISSION)
def survey_preview(request, tenant_slug: str, pk: int):
    """The survey as respondents see it: the respondent's own pages (surveys/respond.html and the thank-you page),
    the same sections skipped and the same steps counted, marked as a preview. Nothing is stored: the answers so far
    and the pages completed travel along as hidden fields, and saving for later and declining do nothing here."""
    survey = _survey(request, pk)
    sections = [section for section in survey_sections(survey) if section.questions.all()]
    if not sections:
        return render(request, "surveys/survey_preview.html", {"survey": survey, "preview": True})
    questions = {question.pk: question for section in sections for question in section.questions.all()}
    asks_organisation = any(question.kind == QuestionKind.ORGANISATION for question in questions.values())
    organisations = organisations_to_choose(request.tenant) if asks_organisation else []
    posted = request.POST if request.method == "POST" else MultiValueDict()
    draft = _preview_draft(posted, questions, sections)

    def form_for(section, data=None) -> SectionAnswerForm:
        if data is not None:
            return SectionAnswerForm(data, section=section, questions=questions, organisations=organisations)
        initial = initial_from(draft.answers, section.questions.all())
        return SectionAnswerForm(
            section=section, questions=questions, organisations=organisations, initial={**draft.answers, **initial}
        )

    def page(section, form):
        answers = form.data if form.is_bound else draft.answers
        context = {
            **section_page(survey, sections, section, form, answers, questions, draft.done),
            "action": reverse("surveys:survey_preview", kwargs={"tenant_slug": request.tenant.slug, "pk": survey.pk}),
            "centre": request.tenant,
            "preview": True,
            "carried": carried_answers(MultiValueDict(draft.answers), form.field_names(), questions),
            "done": draft.done,
        }
        return render(request, "surveys/respond.html", context)

    shown = sections_to_answer(sections, draft.answers, questions, draft.done)
    section = next((s for s in sections if s.pk == parse_int(posted.get("afsnit", ""))), None)
    if section is None:
        return page(shown[0], form_for(shown[0]))
    if posted.get("handling", "frem") != "frem":
        # Previous (or a save, which the preview does not offer): back a page, the answers kept as typed.
        index = shown.index(section) if section in shown else 0
        previous = shown[max(index - 1, 0)] if posted.get("handling") == "tilbage" else section
        return page(previous, form_for(previous))
    form = form_for(section, posted)
    if not form.is_valid():
        return page(section, form)
    draft.mark_done(section)
    shown = sections_to_answer(sections, draft.answers, questions, draft.done)
    later = shown[shown.index(section) + 1 :] if section in shown else []
    if later:
        return page(later[0], form_for(later[0]))
    # As the form does before it stores a response: every page checked again from the answers carried along.
    data = MultiValueDict(draft.answers)
    for each in shown:
        form = form_for(each, data)
        if not form.is_valid():
            return page(each, form)
    context = {"kind": "thanks", "survey": survey, "centre": request.tenant, "preview": True}
    return render(request, "surveys/respond_message.html", context)


urlpatterns = [
    path("undersoegelser/", survey_list, name="survey_list"),
    path("undersoegelser/ny/", survey_create, name="survey_create"),
    path("undersoegelser/<int:pk>/", survey_detail, name="survey_detail"),
    path("undersoegelser/<int:pk>/indstillinger/", survey_edit, name="survey_edit"),
    path("undersoegelser/<int:pk>/kopier/", survey_copy_view, name="survey_copy"),
    path("undersoegelser/<int:pk>/forhaandsvisning/", survey_preview, name="survey_preview"),
    path("undersoegelser/<int:pk>/afsnit/ny/", section_create, name="section_create"),
    path("undersoegelser/<int:pk>/afsnit/<int:section_pk>/", section_edit, name="section_edit"),
    path("undersoegelser/<int:pk>/afsnit/<int:section_pk>/slet/", section_delete_view, name="section_delete"),
    path("undersoegelser/<int:pk>/afsnit/<int:section_pk>/flyt/", section_move_view, name="section_move"),
    path("undersoegelser/<int:pk>/afsnit/<int:section_pk>/spoergsmaal/ny/", question_create, name="question_create"),
    path("undersoegelser/<int:pk>/spoergsmaal/<int:question_pk>/", question_edit, name="question_edit"),
    path("undersoegelser/<int:pk>/spoergsmaal/<int:question_pk>/type/", question_kind, name="question_kind"),
    path("undersoegelser/<int:pk>/spoergsmaal/<int:question_pk>/slet/", question_delete_view, name="question_delete"),
    path("undersoegelser/<int:pk>/spoergsmaal/<int:question_pk>/flyt/", question_move_view, name="question_move"),
    path("undersoegelser/<int:pk>/svarmuligheder/<int:choice_pk>/flyt/", choice_move_view, name="choice_move"),
]
