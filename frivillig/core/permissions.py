"""One decorator declares who may use a view; the named predicates live in each app's `rules.py`.

- `PUBLIC`: anyone.
- `AUTHENTICATED`: any logged-in person.
- any other string: a `rules` permission, checked against the request's tenant.

Outcomes: anonymous → login redirect; logged in without the right → 403; a person whose memberships all
belong to other tenants asking for this tenant's internal page → 404, so tenants stay invisible to each other.

Before any view that is not PUBLIC (and before the Django admin), accounts' SecondFactorMiddleware asks a person
who needs a second factor for it (accounts/two_factor.py): one place, read from the permission declared here.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def view_permission(permission: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if permission != PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if permission != AUTHENTICATED:
                    check_permission(request, permission)
            return view(request, *args, **kwargs)

        wrapped.view_permission = permission
        return wrapped

    return decorator


def check_permission(request, permission: str) -> None:
    from frivillig.tenants.selectors import is_member_elsewhere_only

    tenant = getattr(request, "tenant", None)
    if request.user.has_perm(permission, tenant):
        return
    if tenant is not None and is_member_elsewhere_only(request.user, tenant):
        raise Http404
    raise PermissionDenied
