"""Staff erase a contact (a CRM person) on request: a confirmation page that says, per kind of record, what will
be deleted and what anonymised (read from the register of personal data through core.erasure), and asks why;
posting it erases the person through core.erasure.erase_person, which also writes the audit entry (by id, without
the person's name)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from frivillig.core.erasure import erase_person, person_erasure_preview
from frivillig.core.permissions import view_permission
from frivillig.crm.selectors.people import person_for_staff


class PersonEraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the person erased?"),
        help_text=gettext_lazy(
            "For example: the person asked to be erased, or the centre no longer needs the information. Do not "
            "write the person's name: the reason is kept in the log."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write why the person is erased.")},
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Write why the person is erased."))
        return reason


@view_permission("crm.edit_register")
def person_erase(request, tenant_slug: str, pk: int):
    person = get_object_or_404(person_for_staff(request.tenant), pk=pk)
    form = PersonEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = erase_person(person=person, actor=request.user, reason=form.cleaned_data["reason"])
        deleted = sum(kind.count for kind in report.deleted)
        anonymised = sum(kind.count for kind in report.anonymised)
        # The message names no one: it waits in the session until it is shown.
        messages.success(
            request,
            _("The person has been erased: %(deleted)s deleted and %(anonymised)s anonymised.")
            % {
                "deleted": ngettext("%(count)s record", "%(count)s records", deleted) % {"count": deleted},
                "anonymised": ngettext("%(count)s record", "%(count)s records", anonymised) % {"count": anonymised},
            },
        )
        return redirect("crm:person_list", tenant_slug=request.tenant.slug)
    return render(
        request,
        "crm/person_erase.html",
        {"person": person, "form": form, "preview": person_erasure_preview(person=person)},
    )


urlpatterns = [
    path("kontakter/personer/<int:pk>/slet/", person_erase, name="person_erase"),
]
