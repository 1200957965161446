from django.contrib import admin

from frivillig.core.admin import CrossTenantAdmin
from frivillig.tenants.models import Invitation, Membership, Tenant
from frivillig.tenants.services import tenant_create, tenant_update


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kommunekode", "centre_name", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "centre_name", "kommunekode"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from django.db import models

        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Through the services: every app sets a new tenant up (crm seeds its word lists), and a change is logged
        # and announced (tenant_changed) as the administrator's own settings page does.
        if change:
            tenant_update(tenant=obj, actor=request.user, changed=form.changed_data)
        else:
            tenant_create(tenant=obj, actor=request.user)


@admin.register(Membership)
class MembershipAdmin(CrossTenantAdmin):
    list_display = ["user", "tenant", "role", "created_at"]
    list_filter = ["tenant", "role"]
    raw_id_fields = ["user", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(CrossTenantAdmin):
    list_display = ["email", "tenant", "role", "created_at", "accepted_at", "cancelled_at"]
    list_filter = ["tenant", "role"]
    raw_id_fields = ["invited_by", "accepted_by"]
