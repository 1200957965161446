from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation


def render_subject(template_name: str, context: dict) -> str:
    """An e-mail subject is plain text: rendered without HTML escaping (an organisation called "Mad & Mere"
    must not arrive as "Mad &amp; Mere"), on one line (a line break would end the mail header), stripped."""
    template = Engine.get_default().get_template(template_name)
    text = template.render(Context(context, autoescape=False))
    return " ".join(text.split())


def send_templated_mail(*, to: str, template: str, context: dict, language: str | None = None) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the recipient's language and send them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_subject(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
