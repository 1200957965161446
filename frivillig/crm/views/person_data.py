"""A contact's right of access: staff produce the export of what is held about a CRM person, on request.

Both versions (JSON for a computer, PDF for the person to read) are in the person's language: the one chosen on
their account when they have a login, else the site's. Producing either is audit-logged; the file is never stored.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.access_log import log_access
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import view_permission
from frivillig.core.personal_data import person_data_export
from frivillig.core.services import log_action
from frivillig.crm.models import Person
from frivillig.crm.selectors.people import person_for_staff


def _language(person: Person) -> str:
    return person.user.preferred_language if person.user_id and person.user else settings.LANGUAGE_CODE


def _log_export(request, person: Person, fmt: str) -> None:
    """Producing the export is an action (the audit log) and a reading of the person's internal notes, which the
    export holds (the access log, so that the person later learns who read them, and why)."""
    log_action(
        "crm.person.data_exported", actor=request.user, tenant=request.tenant, target=person, data={"format": fmt}
    )
    log_access(
        actor=request.user,
        tenant=request.tenant,
        subject=person,
        what="crm.person.data_export",
        request=request,
        reason=_("The person's request for access"),
    )


@require_POST
@never_cache
@view_permission("crm.edit_register")
def person_data_download(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    with translation.override(_language(person)):
        export = person_data_export(person=person)
    _log_export(request, person, "json")
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"persondata-{person.pk}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@never_cache
@view_permission("crm.edit_register")
def person_data_pdf(request, tenant_slug: str, pk: int):
    """The same export as a document to hand to the person: the user's own PDF, headed with the centre's name."""
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    _log_export(request, person, "pdf")
    with translation.override(_language(person)):
        context = {
            "export": person_data_export(person=person),
            "title": _("The data %(centre)s holds about you") % {"centre": request.tenant.centre_name},
            "person": person,
        }
        return pdf_response(
            request,
            "crm/person_data_print.html",
            context,
            filename=f"persondata-{person.pk}-{timezone.localdate().isoformat()}",
        )


urlpatterns = [
    path("kontakter/personer/<int:pk>/persondata/", person_data_download, name="person_data_download"),
    path("kontakter/personer/<int:pk>/persondata/pdf/", person_data_pdf, name="person_data_pdf"),
]
