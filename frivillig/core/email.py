from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation

FOOTER_TEMPLATE = "core/email/footer.txt"


def render_subject(template_name: str, context: dict) -> str:
    """An e-mail subject is plain text: rendered without HTML escaping (an organisation called "Mad & Mere"
    must not arrive as "Mad &amp; Mere"), on one line (a line break would end the mail header), stripped."""
    template = Engine.get_default().get_template(template_name)
    text = template.render(Context(context, autoescape=False))
    return " ".join(text.split())


def sender(tenant=None) -> str:
    """Who a mail is from: the tenant's volunteer centre by name ("Frivilligcenter Sorø" <noreply@…>), on the
    platform's sending address; without a tenant (an account's own mails), the platform as configured."""
    if tenant is None or not getattr(tenant, "centre_name", ""):
        return settings.DEFAULT_FROM_EMAIL
    _platform_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    # Address quotes the name where it must (a comma, a quote, "<"); Django encodes non-ASCII names in the header.
    return str(Address(display_name=" ".join(tenant.centre_name.split()), addr_spec=address))


def send_templated_mail(
    *,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    tenant=None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the recipient's language and send them.

    A mail about a tenant's matters is sent in the name of its volunteer centre, with the centre's own address to
    answer to, and ends with a footer that names the centre and how to reach it. `tenant` is that tenant; when not
    given, the context's `tenant` is. A mail without one (signing up, a new password) is the platform's.
    `attachments` are (file name, content, MIME type), e.g. an event's .ics file."""
    if tenant is None:
        tenant = context.get("tenant")
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_subject(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
        footer = render_to_string(FOOTER_TEMPLATE, {"tenant": tenant})
    centre_address = getattr(tenant, "email", "") if tenant is not None else ""
    message = EmailMessage(
        subject=subject,
        body=f"{body.rstrip()}\n\n{footer.strip()}\n",
        from_email=sender(tenant),
        to=[to],
        reply_to=[centre_address] if centre_address else None,
    )
    for name, content, mimetype in attachments or ():
        message.attach(name, content, mimetype)
    message.send()
