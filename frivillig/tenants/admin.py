from django.contrib import admin
from django_scopes import scopes_disabled

from frivillig.tenants.models import Invitation, Membership, Tenant


class UnscopedAdmin(admin.ModelAdmin):
    """The platform operator's view spans every tenant."""

    def get_queryset(self, request):
        with scopes_disabled():
            return self.model.objects.with_scopes_disabled().all()


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kommunekode", "centre_name", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "centre_name", "kommunekode"]


@admin.register(Membership)
class MembershipAdmin(UnscopedAdmin):
    list_display = ["user", "tenant", "role", "created_at"]
    list_filter = ["tenant", "role"]
    raw_id_fields = ["user", "created_by"]


@admin.register(Invitation)
class InvitationAdmin(UnscopedAdmin):
    list_display = ["email", "tenant", "role", "created_at", "accepted_at", "cancelled_at"]
    list_filter = ["tenant", "role"]
    raw_id_fields = ["invited_by", "accepted_by"]
