from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope

from frivillig.tenants.selectors import active_tenant_by_slug


class TenantScopeMiddleware:
    """Find the tenant named by the URL and open its scope for the rest of the request.

    Pages outside a tenant open no scope at all: a tenant-owned query there fails loudly (ScopeError)
    instead of mixing tenants. (django-scopes reads `scope(tenant=None)` as "every tenant", so it is never
    opened with None.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        slug = match.kwargs.get("tenant_slug") if match else None
        if slug is not None:
            tenant = active_tenant_by_slug(slug)
            if tenant is None:
                raise Http404("No such tenant")
            request.tenant = tenant
            with scope(tenant=tenant):
                return self.get_response(request)
        return self.get_response(request)
