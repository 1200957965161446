from django import template

register = template.Library()


@register.filter
def ui_widget(field):
    """Render a bound field's widget with the DKFDS class and the ids of its hint and error."""
    widget_type = field.widget_type
    css = "form-select" if widget_type in {"select", "selectmultiple"} else "form-input"
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu: one item per work area with a page this person may open here (each app's `menu.py`, see
    core.navigation)."""
    from frivillig.core import navigation

    return navigation.main_menu(context.get("request"), context.get("tenant"))


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Everything the header, the mobile drawer and the side navigation show this person on this page."""
    from frivillig.core import navigation

    return navigation.navigation_for(context.get("request"), context.get("tenant"))


@register.simple_tag(takes_context=True)
def menu_area(context, area: str):
    """Every link of one work area that this person may open here, also those kept out of the main menu."""
    from frivillig.core import navigation

    return navigation.area_links(context.get("request"), context.get("tenant"), area)


@register.simple_tag(takes_context=True)
def may_open(context, url_name: str) -> bool:
    """Whether this person may open the named page here: its view's declared permission, checked as the view does.
    For a button to a page; a template never asks for a role by name."""
    from frivillig.core import navigation

    user = getattr(context.get("request"), "user", None)
    return navigation.may_open(user, navigation.declared_permission(url_name), context.get("tenant"))


@register.simple_tag(takes_context=True)
def home_sections(context, attribute: str = "HOME"):
    """The parts of a front page that the apps offer and this person may see, rendered in order: a tenant's
    (`HOME`) or, with "FRONT", the national one."""
    from django.utils.safestring import mark_safe

    from frivillig.core import navigation

    parts = []
    for section, extra in navigation.home_sections(context.get("request"), context.get("tenant"), attribute):
        with context.push(**extra):
            parts.append(context.template.engine.get_template(section.template).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a template rendered with autoescaping


@register.filter
def iso_as_local(value):
    """An ISO date or date-time text (as machine-readable exports hold them) as a date or an aware date-time in
    local time, for the `date` filter; any other value as it is."""
    import re
    from datetime import date, datetime

    from django.utils import timezone

    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?", value):
        return value
    try:
        if "T" not in value:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
