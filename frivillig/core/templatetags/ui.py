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
