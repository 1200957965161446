"""Importing organisations and people from a spreadsheet: upload, preview with row errors, confirm."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frivillig.core.exports import csv_response
from frivillig.core.permissions import view_permission
from frivillig.core.private_files import private_file_response
from frivillig.crm.forms.imports import ImportUploadForm
from frivillig.crm.importing import COLUMNS, ImportFileError, ImportKind, header_key
from frivillig.crm.services.import_plan import DANISH_KINDS, DANISH_ROLES, import_plan_stored
from frivillig.crm.services.imports import (
    ImportBusy,
    ImportConflict,
    StoredImportMissing,
    import_file_find,
    import_file_run,
    import_file_store,
)

# The template files' addresses are Danish, like every other address.
TEMPLATE_KINDS = {"organisationer": ImportKind.ORGANISATIONS, "personer": ImportKind.PEOPLE}
PREVIEW_ROWS = 500

COLUMN_HELP = {
    "name": gettext_lazy("Required."),
    "kind": gettext_lazy("The kind of organisation in words (see below). Empty: a new organisation is an association."),
    "cvr": gettext_lazy("8 digits. Recognises the organisation when you import the file again."),
    "website": gettext_lazy("A web address."),
    "email": gettext_lazy("An e-mail address."),
    "phone": gettext_lazy("Danish numbers are saved as +45 12 34 56 78."),
    "postcode": gettext_lazy("4 digits."),
    "target_groups": gettext_lazy("Words from the volunteer centre's list, separated by commas."),
    "activity_areas": gettext_lazy("Words from the volunteer centre's list, separated by commas."),
    "member_since": gettext_lazy("A date such as 01-03-2017, if the organisation is a member."),
    "is_public": gettext_lazy("ja or nej: shown in the public directory of associations."),
    "full_name": gettext_lazy("Required."),
    "department": gettext_lazy("For municipal employees."),
    "organisation": gettext_lazy("The name or CVR number of an organisation already in the register."),
    "role": gettext_lazy("The person's role in that organisation (see below). Empty: contact person."),
}
PERSON_COLUMN_HELP = {
    "email": gettext_lazy("An e-mail address. Recognises the person when you import the file again."),
}


def _columns(kind: str) -> list[tuple]:
    extra = PERSON_COLUMN_HELP if kind == ImportKind.PEOPLE else {}
    return [
        (
            column.header,
            [alias for alias in column.aliases if alias != header_key(column.header)],
            extra.get(column.field) or COLUMN_HELP.get(column.field, ""),
        )
        for column in COLUMNS[kind]
    ]


def _start_url(request) -> str:
    return reverse("crm:import_start", kwargs={"tenant_slug": request.tenant.slug})


def _preview_url(request, token: str) -> str:
    url = reverse("crm:import_preview", kwargs={"tenant_slug": request.tenant.slug})
    return f"{url}?{urlencode({'fil': token})}"


@view_permission("crm.import_register")
def import_start(request, tenant_slug: str):
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        token = import_file_store(
            tenant=request.tenant,
            user=request.user,
            kind=form.cleaned_data["kind"],
            filename=form.filename,
            content=form.content,
        )
        return redirect(_preview_url(request, token))
    context = {
        "form": form,
        "organisation_columns": _columns(ImportKind.ORGANISATIONS),
        "person_columns": _columns(ImportKind.PEOPLE),
        "kind_words": sorted({word.capitalize() for word in DANISH_KINDS}),
        "role_words": sorted({word.capitalize() for word in DANISH_ROLES}),
    }
    return render(request, "crm/import_start.html", context)


def _load_plan(request, token: str):
    """The stored file read and checked again against the register as it is now; None sends the user back."""
    try:
        stored, plan = import_plan_stored(token=token, tenant=request.tenant, user=request.user)
    except StoredImportMissing:
        messages.error(
            request,
            _(
                "The file is no longer waiting to be imported: it has been imported, or too much time has passed. "
                "Upload it again."
            ),
        )
        return None, None
    except ImportFileError as error:
        messages.error(request, str(error))
        return None, None
    return stored, plan


def _render_preview(request, stored, plan, token: str, status: int = 200):
    context = {
        "stored": stored,
        "plan": plan,
        "token": token,
        "kind_label": ImportKind(stored.kind).label,
        "shown_rows": plan.rows[:PREVIEW_ROWS],
        "hidden_rows": max(len(plan.rows) - PREVIEW_ROWS, 0),
    }
    return render(request, "crm/import_preview.html", context, status=status)


@view_permission("crm.import_register")
def import_preview(request, tenant_slug: str):
    token = request.GET.get("fil", "")
    stored, plan = _load_plan(request, token)
    if plan is None:
        return redirect(_start_url(request))
    return _render_preview(request, stored, plan, token)


@require_POST
@view_permission("crm.import_register")
def import_confirm(request, tenant_slug: str):
    token = request.POST.get("fil", "")
    stored, plan = _load_plan(request, token)
    if plan is None:
        return redirect(_start_url(request))
    if not plan.is_valid:
        # The register changed since the preview (e.g. someone added an organisation with the same name).
        messages.error(request, _("Nothing has been imported: some rows are no longer right. See the errors below."))
        return _render_preview(request, stored, plan, token)
    try:
        result = import_file_run(stored=stored, plan=plan, tenant=request.tenant, actor=request.user)
    except ImportBusy:
        messages.info(request, _("The file is being imported already."))
        return redirect(_start_url(request))
    except (IntegrityError, ImportConflict):
        messages.error(
            request,
            _("Nothing has been imported: the register changed while we imported. Look at the preview again."),
        )
        return redirect(_preview_url(request, token))
    messages.success(
        request,
        _("The import is done: %(created)s created and %(updated)s updated.")
        % {"created": len(result.created), "updated": len(result.updated)},
    )
    return redirect(_start_url(request))


@view_permission("crm.import_register")
def import_file_download(request, tenant_slug: str, token: str):
    """The uploaded file while it waits for confirmation, for the person who uploaded it only."""
    try:
        stored = import_file_find(token=token, tenant=request.tenant, user=request.user)
    except StoredImportMissing:
        raise Http404 from None
    return private_file_response(name=stored.name, filename=stored.filename)


@view_permission("crm.import_register")
def import_template(request, tenant_slug: str, kind: str):
    if kind not in TEMPLATE_KINDS:
        raise Http404
    header = [column.header for column in COLUMNS[TEMPLATE_KINDS[kind]]]
    return csv_response(filename=f"import-{kind}", header=header, rows=[])


urlpatterns = [
    path("kontakter/import/", import_start, name="import_start"),
    path("kontakter/import/gennemse/", import_preview, name="import_preview"),
    path("kontakter/import/indlaes/", import_confirm, name="import_confirm"),
    path("kontakter/import/fil/<str:token>/", import_file_download, name="import_file_download"),
    path("kontakter/import/skabelon/<str:kind>/", import_template, name="import_template"),
]
