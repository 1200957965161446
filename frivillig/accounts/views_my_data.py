"""'Dine data' (Your data): the right of access for a logged-in person, as JSON, as a printable page and as a PDF."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frivillig.core.consent import consent_withdraw, consents_of_user
from frivillig.core.enums import ConsentMethod
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import AUTHENTICATED, view_permission
from frivillig.core.personal_data import personal_data_export
from frivillig.core.services import log_action


@view_permission(AUTHENTICATED)
def my_data(request):
    return render(request, "accounts/my_data.html", {"consents": consents_of_user(request.user)})


@view_permission(AUTHENTICATED)
def my_data_consent_withdraw(request, pk: int):
    """Withdraw one of one's own consents (about the account, or about a contact record linked to it): a page that
    asks to confirm, then the withdrawal. Someone else's consent is not found."""
    consent = get_object_or_404(consents_of_user(request.user), pk=pk)
    if request.method == "POST":
        if consent.withdrawn_at is not None:
            messages.info(request, _("You had already withdrawn this consent."))
        else:
            consent_withdraw(consent=consent, method=ConsentMethod.WEB_FORM, actor=request.user)
            messages.success(
                request,
                _("Your consent has been withdrawn: %(purpose)s. We stop using it at once.")
                % {"purpose": consent.purpose_label},
            )
        return redirect(reverse("accounts:my_data") + "#consents")
    return render(request, "accounts/my_data_consent_withdraw.html", {"consent": consent})


@never_cache
@view_permission(AUTHENTICATED)
def my_data_download(request):
    export = personal_data_export(user=request.user)
    log_action("accounts.user.data_exported", actor=request.user, target=request.user, data={"format": "json"})
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"frivillig-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@view_permission(AUTHENTICATED)
def my_data_print(request):
    export = personal_data_export(user=request.user)
    log_action("accounts.user.data_exported", actor=request.user, target=request.user, data={"format": "html"})
    response = render(
        request, "accounts/my_data_print.html", {"export": export, "title": _("The data we hold about you")}
    )
    return response


@never_cache
@view_permission(AUTHENTICATED)
def my_data_pdf(request):
    """The readable version as a PDF file, from the same template, in the language chosen on the account (as the
    mails are), whatever language the page it was fetched from was in."""
    with translation.override(request.user.preferred_language):
        export = personal_data_export(user=request.user)
        log_action("accounts.user.data_exported", actor=request.user, target=request.user, data={"format": "pdf"})
        return pdf_response(
            request,
            "accounts/my_data_print.html",
            {"export": export, "title": _("The data we hold about you")},
            filename=f"frivillig-data-{timezone.localdate().isoformat()}",
        )
