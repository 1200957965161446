from django.conf import settings


def site(request):
    tenant = getattr(request, "tenant", None)
    roles = frozenset()
    labels: list[str] = []
    if tenant is not None and request.user.is_authenticated:
        from frivillig.tenants.enums import Role
        from frivillig.tenants.selectors import roles_for

        roles = roles_for(request.user, tenant)
        labels = [str(role.label) for role in Role if role.value in roles]
    return {"tenant": tenant, "tenant_roles": roles, "tenant_role_labels": labels, "DEBUG": settings.DEBUG}
