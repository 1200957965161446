"""The second factor is asked for in one place: before any view that is not public, and before the Django admin."""

from django.contrib import admin

from frivillig.accounts.two_factor import second_factor_redirect
from frivillig.core.permissions import AUTHENTICATED, PUBLIC

# The admin's own login and logout pages stay reachable; everything else of it needs a verified session.
ADMIN_OPEN_VIEWS = {"login", "logout"}


def second_factor_exempt(view):
    """Marks a view that a person who still owes the second factor must reach: the set-up and the code step."""
    view.second_factor_exempt = True
    return view


def is_guarded(request, view_func) -> bool:
    if getattr(view_func, "second_factor_exempt", False):
        return False
    permission = getattr(view_func, "view_permission", None)
    if permission is not None:
        return permission != PUBLIC
    match = request.resolver_match
    return match is not None and match.namespace == admin.site.name and match.url_name not in ADMIN_OPEN_VIEWS


class SecondFactorMiddleware:
    """Until the session is verified, a person who needs a second factor is sent to set it up or to type a code
    (accounts/two_factor.py says who and where); public pages, the 2FA pages and logging out stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_guarded(request, view_func):
            return None
        # A page of no particular right (the account's own pages) trusts the roles noted at login, so that it costs
        # no query; pages that check a right read the roles anyway, and the admin is checked in full.
        read_roles = getattr(view_func, "view_permission", None) != AUTHENTICATED
        return second_factor_redirect(request, read_roles=read_roles)
