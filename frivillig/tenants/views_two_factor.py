"""The tenant administrator resets a colleague's second factor (a lost phone): confirmation page, then the reset."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from frivillig.accounts.services_two_factor import second_factor_reset
from frivillig.accounts.two_factor import has_second_factor
from frivillig.core.permissions import view_permission
from frivillig.tenants.selectors import memberships_for_admin


@view_permission("tenants.reset_second_factor")
def member_two_factor_reset(request, tenant_slug: str, pk: int):
    # Found among this tenant's memberships only: a person of another tenant is not found (404).
    membership = get_object_or_404(memberships_for_admin(request.tenant), pk=pk)
    colleague = membership.user
    if request.method == "POST":
        second_factor_reset(user=colleague, actor=request.user, tenant=request.tenant)
        messages.success(
            request,
            _("The two-factor login of %(name)s has been reset. They set it up again at their next login.")
            % {"name": colleague},
        )
        return redirect("tenants:members", tenant_slug=request.tenant.slug)
    context = {"colleague": colleague, "has_second_factor": has_second_factor(colleague)}
    return render(request, "tenants/member_two_factor_reset.html", context)
