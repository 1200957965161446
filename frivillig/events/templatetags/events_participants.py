"""The evaluation on an event's staff page: its response rate and its results in brief."""

from django import template

from frivillig.surveys.selectors_results import Headlines, ResponseRate, response_rate, survey_headlines

register = template.Library()


@register.simple_tag
def evaluation_rate(event) -> ResponseRate | None:
    """The evaluation survey's invitations sent and answered, or None when the event has no evaluation survey."""
    if event.evaluation_survey_id is None:
        return None
    return response_rate(event.evaluation_survey)


@register.simple_tag
def evaluation_headlines(event) -> Headlines | None:
    """The evaluation survey's figures in brief (the anonymity rule applied), or None without a survey."""
    if event.evaluation_survey_id is None:
        return None
    return survey_headlines(event.evaluation_survey)
