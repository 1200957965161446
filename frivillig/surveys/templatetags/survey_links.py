"""The open link's full address on the survey's page (to copy into a mail or a newsletter)."""

from django import template
from django.urls import reverse

from frivillig.core.links import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def open_link_url(context, survey) -> str:
    if not survey.open_link_token:
        return ""
    path = reverse("surveys:respond_open", kwargs={"tenant_slug": survey.tenant.slug, "token": survey.open_link_token})
    return absolute_url(path, context.get("request"))
