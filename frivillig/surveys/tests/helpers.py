"""Surveys, sections, questions and answers for the tests."""

from django.urls import reverse
from django_scopes import scopes_disabled

from frivillig.surveys.enums import QuestionKind
from frivillig.surveys.models import Answer, Choice, Question, Response, Section, Survey


def url(name: str, **kwargs) -> str:
    return reverse(f"surveys:{name}", kwargs={"tenant_slug": "alfa", **kwargs})


def make_survey(tenant, **fields) -> Survey:
    fields.setdefault("title", "Behovsanalyse 2017")
    with scopes_disabled():
        return Survey.objects.create(tenant=tenant, **fields)


def make_section(survey, **fields) -> Section:
    fields.setdefault("title", "Om foreningen")
    with scopes_disabled():
        position = Section.objects.filter(survey=survey).count() + 1
        return Section.objects.create(tenant=survey.tenant, survey=survey, position=position, **fields)


def make_question(section, kind=QuestionKind.SHORT_TEXT, *, choices=(), **fields) -> Question:
    fields.setdefault("text", f"Spørgsmål om {kind}")
    with scopes_disabled():
        position = Question.objects.filter(section=section).count() + 1
        question = Question.objects.create(
            tenant=section.tenant, section=section, kind=kind, position=position, **fields
        )
        for number, label in enumerate(choices, start=1):
            Choice.objects.create(tenant=section.tenant, question=question, label=label, position=number)
    return question


def choices_of(question) -> list[Choice]:
    with scopes_disabled():
        return list(Choice.objects.filter(question=question).order_by("position", "pk"))


def answer(question, *, choice=None, number=None, text="", organisation=None, person=None) -> Answer:
    with scopes_disabled():
        survey = question.section.survey
        response = Response.objects.create(
            tenant=survey.tenant, survey=survey, organisation=organisation, person=person, submitted=True
        )
        return Answer.objects.create(
            tenant=survey.tenant, response=response, question=question, choice=choice, number=number, text=text
        )


def make_invitation(survey, *, email="formand@example.org", **fields):
    from frivillig.surveys.models import Invitation

    with scopes_disabled():
        return Invitation.objects.create(tenant=survey.tenant, survey=survey, email=email, **fields)


def respond(survey, answers, *, organisation=None, person=None, submitted=True):
    """One response with several answers: `answers` maps a question to a value — a Choice (or a list of them, for
    multiple choice), an int (number, scale point, yes=1/no=0), "x" for "don't know", a text, or an Organisation."""
    from frivillig.crm.models import Organisation

    with scopes_disabled():
        response = Response.objects.create(
            tenant=survey.tenant, survey=survey, organisation=organisation, person=person, submitted=submitted
        )
        for question, value in answers.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                fields = {}
                if isinstance(item, Choice):
                    fields["choice"] = item
                elif isinstance(item, Organisation):
                    fields["organisation"] = item
                elif isinstance(item, bool):
                    fields["number"] = int(item)
                elif isinstance(item, int):
                    fields["number"] = item
                elif item == "x":
                    fields["dont_know"] = True
                else:
                    fields["text"] = item
                Answer.objects.create(tenant=survey.tenant, response=response, question=question, **fields)
    return response


def visible_text(response) -> str:
    """A page's words as a reader meets them: tags, scripts and the SVG drawings' own texts left out (the
    tables beside the charts hold the same numbers), whitespace collapsed."""
    import html
    import re

    body = response.content.decode()
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body)).strip()
