"""The platform operator's Django admin for the CRM. Tenant admins use the CRM's own pages instead."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget

from frivillig.core.admin import CrossTenantAdmin
from frivillig.core.uploads import LOGO, ImageUploadField
from frivillig.crm.models import (
    CollaborationRelation,
    Interaction,
    Organisation,
    OrganisationRole,
    Person,
    Representative,
    RepresentativeInvitation,
    RepresentativeRequest,
    Tag,
)
from frivillig.crm.services.organisations import organisation_save
from frivillig.crm.services.tags import tag_update


@admin.register(Tag)
class TagAdmin(CrossTenantAdmin):
    list_display = ["label_da", "label_en", "vocabulary", "slug", "position", "is_active", "tenant"]
    list_filter = ["tenant", "vocabulary", "is_active"]
    list_select_related = ["tenant"]
    search_fields = ["label_da", "label_en", "slug"]

    def get_readonly_fields(self, request, obj=None):
        # The key is what imports and links name; the tenant admin's pages never change it either.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "vocabulary", "slug"] if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        # Organisations and interactions may carry the word: take it out of use instead.
        return False

    def save_model(self, request, obj, form, change):
        # Through the service, so the change is logged and announced (crm.events.tag_changed): opportunities keep
        # the word's labels in their search text. A new word is saved as typed here; nothing holds it yet.
        if change:
            tag_update(tag=obj, actor=request.user, changed=form.changed_data)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(CrossTenantAdmin):
    list_display = ["name", "kind", "cvr", "town", "member_since", "is_public", "archived_at", "tenant"]
    list_filter = ["tenant", "kind", "is_public"]
    list_select_related = ["tenant"]
    search_fields = ["name", "cvr", "email", "town"]
    filter_horizontal = ["target_groups", "activity_areas"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        # Through the service, so the change is logged and announced (crm.events.organisation_changed):
        # opportunities keep the organisation's name in their search text.
        organisation_save(organisation=obj, actor=request.user, changed=form.changed_data if change else None)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "logo":
            # The operator's uploads are re-encoded and renamed like the centre's and the association's.
            return ImageUploadField(kind=LOGO, label=db_field.verbose_name, required=False, widget=AdminFileWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Person)
class PersonAdmin(CrossTenantAdmin):
    list_display = ["full_name", "email", "phone", "department", "job_title", "consent_given_at", "tenant"]
    list_filter = ["tenant", "consent_method"]
    list_select_related = ["tenant"]
    search_fields = ["full_name", "email", "phone"]
    raw_id_fields = ["user", "consent_recorded_by"]
    readonly_fields = ["created_at", "updated_at"]
    # The centre's internal notes are read on the centre's pages, where each reading is logged (core.access_log);
    # the operator's admin neither shows nor searches them.
    exclude = ["notes"]


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(CrossTenantAdmin):
    list_display = ["person", "role", "organisation", "started_on", "ended_on", "tenant"]
    list_filter = ["tenant", "role"]
    list_select_related = ["tenant", "person", "organisation"]
    search_fields = ["person__full_name", "organisation__name"]
    raw_id_fields = ["organisation", "person"]


@admin.register(Interaction)
class InteractionAdmin(CrossTenantAdmin):
    list_display = ["happened_on", "kind", "staff", "follow_up_on", "follow_up_done_at", "tenant"]
    list_filter = ["tenant", "kind"]
    list_select_related = ["tenant", "staff"]
    search_fields = ["summary"]
    date_hierarchy = "happened_on"
    raw_id_fields = ["organisations", "people", "staff"]
    filter_horizontal = ["topics"]
    readonly_fields = ["created_at"]


@admin.register(CollaborationRelation)
class CollaborationRelationAdmin(CrossTenantAdmin):
    list_display = ["topic", "person", "organisation", "started_on", "ended_on", "tenant"]
    list_filter = ["tenant"]
    list_select_related = ["tenant", "person", "organisation"]
    search_fields = ["topic", "person__full_name", "organisation__name"]
    date_hierarchy = "started_on"
    raw_id_fields = ["person", "organisation"]
    readonly_fields = ["created_at"]


@admin.register(Representative)
class RepresentativeAdmin(CrossTenantAdmin):
    """Which organisation a representative's role (the kernel's membership) is for. Made by accepting an invitation;
    removed with the role on the members page."""

    list_display = ["user", "organisation", "tenant"]
    list_filter = ["tenant"]
    list_select_related = ["user", "organisation", "tenant"]
    # Raw ids: a choice list of organisations would be a tenant-owned query outside any scope.
    raw_id_fields = ["membership", "organisation", "user"]


@admin.register(RepresentativeInvitation)
class RepresentativeInvitationAdmin(CrossTenantAdmin):
    list_display = ["invitation", "organisation", "tenant"]
    list_filter = ["tenant"]
    raw_id_fields = ["invitation", "organisation"]


@admin.register(RepresentativeRequest)
class RepresentativeRequestAdmin(CrossTenantAdmin):
    list_display = ["full_name", "email", "organisation", "status", "created_at", "tenant"]
    list_filter = ["tenant", "status"]
    search_fields = ["full_name", "email"]
    raw_id_fields = ["organisation", "decided_by"]
