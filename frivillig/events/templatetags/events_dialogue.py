"""The published summary of a dialogue meeting, for the event's public page: `{% dialogue_public_summary event %}`
reads the inputs itself (one query, only when the summary is published), so the public page's view need not."""

from django import template

from frivillig.events.selectors_dialogue import published_summary_inputs

register = template.Library()


@register.inclusion_tag("events/dialogue_public_summary.html")
def dialogue_public_summary(event):
    return {"event": event, "inputs": published_summary_inputs(event)}
