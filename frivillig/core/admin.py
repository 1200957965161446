"""Django admin building blocks for the platform operator, who sees every tenant."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled


class SameTenantForm(forms.ModelForm):
    """Every organisation, person or tag a row points at belongs to the row's own tenant."""

    def clean(self):
        cleaned = super().clean()
        tenant = cleaned.get("tenant")
        tenant_id = tenant.pk if tenant is not None else self.instance.tenant_id
        if tenant_id is None:
            return cleaned
        for name, value in list(cleaned.items()):
            if name == "tenant" or value is None:
                continue
            related = value if isinstance(value, QuerySet | list | tuple) else [value]
            if any(getattr(item, "tenant_id", tenant_id) != tenant_id for item in related):
                self.add_error(name, _("This belongs to another tenant."))
        return cleaned


class CrossTenantAdmin(admin.ModelAdmin):
    """Sees every tenant's rows.

    The scopes stay off for the whole request, the rendering included: the form's choices, the raw-id labels
    and the list filters all read tenant-owned models, and those queries run while the template renders.
    """

    form = SameTenantForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        with scopes_disabled():
            return super().get_queryset(request)

    def get_readonly_fields(self, request, obj=None):
        # Moving a row to another tenant would leave its links pointing across tenants.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "tenant"] if obj is not None else fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._crm_admin_tenant_id = obj.tenant_id if obj is not None else None
        return super().get_form(request, obj, change, **kwargs)

    def _same_tenant_choices(self, field, request):
        tenant_id = getattr(request, "_crm_admin_tenant_id", None)
        queryset = getattr(field, "queryset", None)
        if tenant_id is None or queryset is None:
            return field
        if any(model_field.name == "tenant" for model_field in queryset.model._meta.fields):
            field.queryset = queryset.filter(tenant_id=tenant_id)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._same_tenant_choices(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._same_tenant_choices(super().formfield_for_manytomany(db_field, request, **kwargs), request)

    def _unscoped(self, view, *args):
        with scopes_disabled():
            response = view(*args)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def changelist_view(self, request, extra_context=None):
        return self._unscoped(super().changelist_view, request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._unscoped(super().changeform_view, request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self._unscoped(super().delete_view, request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        return self._unscoped(super().history_view, request, object_id, extra_context)
