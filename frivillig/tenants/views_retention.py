"""The tenant admin's retention periods: every period the register lets a tenant choose, within its legal bounds."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frivillig.core.permissions import view_permission
from frivillig.core.retention import retention_settings_update
from frivillig.tenants.forms_retention import RetentionSettingsForm


@view_permission("tenants.edit_settings")
def retention_settings(request, tenant_slug: str):
    form = RetentionSettingsForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        changes = retention_settings_update(tenant=request.tenant, actor=request.user, days=form.days())
        if changes:
            messages.success(request, _("The retention periods have been saved."))
        else:
            messages.info(request, _("The retention periods were not changed."))
        return redirect("tenants:retention_settings", tenant_slug=request.tenant.slug)
    return render(request, "tenants/retention_settings.html", {"form": form})
