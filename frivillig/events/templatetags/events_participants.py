"""The evaluation's response rate on an event's staff page (the page belongs to the staff part; this is the
participants part's one block on it)."""

from django import template

from frivillig.surveys.selectors_results import ResponseRate, response_rate

register = template.Library()


@register.simple_tag
def evaluation_rate(event) -> ResponseRate | None:
    """The evaluation survey's invitations sent and answered, or None when the event has no evaluation survey."""
    if event.evaluation_survey_id is None:
        return None
    return response_rate(event.evaluation_survey)
