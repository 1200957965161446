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


# URL namespaces whose pages take no tenant.
NATIONAL_NAMESPACES = frozenset({"accounts", "national"})


@register.inclusion_tag("core/ui/nav_item.html", takes_context=True)
def nav_item(context, url_name: str, label: str, section: str = ""):
    """A main-menu link, marked as the current page when the view's name is `url_name` or starts with `section`."""
    from django.urls import reverse

    request = context.get("request")
    tenant = context.get("tenant")
    national = url_name == "front_page" or url_name.split(":")[0] in NATIONAL_NAMESPACES
    kwargs = {} if national or tenant is None else {"tenant_slug": tenant.slug}
    # The 500 page renders without a request: nothing is current there.
    view_name = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
    current = view_name == url_name or bool(section and view_name.startswith(section))
    return {"href": reverse(url_name, kwargs=kwargs), "label": label, "current": current}
