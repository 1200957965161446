from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frivillig.communication.enums import PageKind
from frivillig.communication.forms import ContentPageForm
from frivillig.communication.selectors import content_page
from frivillig.communication.services import content_page_save
from frivillig.core.permissions import PUBLIC, view_permission


def _page_view(kind: str):
    @view_permission(PUBLIC)
    def view(request, tenant_slug: str):
        page = content_page(tenant=request.tenant, kind=kind)
        return render(
            request,
            "communication/contentpage_detail.html",
            {"page": page, "body": page.body(request.LANGUAGE_CODE), "edit_url_name": f"communication:{kind}_edit"},
        )

    view.__name__ = f"{kind}_page"
    return view


accessibility_page = _page_view(PageKind.ACCESSIBILITY)
privacy_page = _page_view(PageKind.PRIVACY)


@view_permission("communication.edit_page")
def page_edit(request, tenant_slug: str, kind: str):
    page = content_page(tenant=request.tenant, kind=kind)
    form = ContentPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        content_page_save(
            page=page, body_da=form.cleaned_data["body_da"], body_en=form.cleaned_data["body_en"], actor=request.user
        )
        messages.success(request, _("The page has been saved."))
        return redirect(f"communication:{kind}", tenant_slug=request.tenant.slug)
    return render(request, "communication/contentpage_form.html", {"form": form, "page": page})
