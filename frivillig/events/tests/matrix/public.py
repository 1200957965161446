"""The public event pages: anyone may read the list, the calendar, a published event, its .ics and the feeds; the
national list is the same for everyone."""

from django_scopes import scopes_disabled

from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Tag
from frivillig.events.tests.helpers import make_event
from frivillig.testing import everyone, public_tenant_page

EVENT = {"pk": "{events_public_event}"}

CASES = {
    "events:event_list": public_tenant_page(),
    "events:event_calendar": public_tenant_page(),
    "events:event_detail": public_tenant_page(kwargs=dict(EVENT)),
    "events:event_ics": public_tenant_page(kwargs=dict(EVENT)),
    "events:feed": public_tenant_page(),
    "events:theme_feed": public_tenant_page(kwargs={"tag_pk": "{events_public_theme}"}),
    "events_national:event_list": everyone(200),
}


def objects(personas) -> dict:
    event = make_event(personas.tenant, title="Netværksaften for foreninger")
    with scopes_disabled():
        theme, _ = Tag.objects.get_or_create(
            tenant=personas.tenant,
            vocabulary=Vocabulary.THEME,
            slug="matrix-tema",
            defaults={"label_da": "Netværk", "label_en": "Networks"},
        )
        event.themes.add(theme)
    return {"events_public_event": event.pk, "events_public_theme": theme.pk}
