"""A contact's right of access: staff produce the export of what is held about a CRM person, on request."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.permissions import view_permission
from frivillig.core.personal_data import person_data_export
from frivillig.core.services import log_action
from frivillig.crm.selectors.people import person_for_staff


@require_POST
@never_cache
@view_permission("crm.edit_register")
def person_data_download(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    export = person_data_export(person=person)
    log_action("crm.person.data_exported", actor=request.user, tenant=request.tenant, target=person)
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"persondata-{person.pk}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("kontakter/personer/<int:pk>/persondata/", person_data_download, name="person_data_download"),
]
