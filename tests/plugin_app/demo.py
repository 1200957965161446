def load(context) -> None:
    """Leaves a note of what the apps loaded before it made, so the test sees that it ran, and when."""
    context.extra["plugin_app.tenants_seen"] = list(context.tenants)
