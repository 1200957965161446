from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_scopes import scope

from frivillig.accounts.forms import InvitationSignUpForm
from frivillig.accounts.selectors import user_with_email
from frivillig.accounts.services import is_unconfirmed, log_login, user_create_verified
from frivillig.core.audit import action_label
from frivillig.core.exports import export_response
from frivillig.core.links import site_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.params import get_date, get_id
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import AUTHENTICATED, PUBLIC, view_permission
from frivillig.core.privacy import record as privacy_record
from frivillig.core.retention import period_days
from frivillig.tenants import exports, role_extensions
from frivillig.tenants.enums import Role
from frivillig.tenants.forms import InvitationForm, RolesForm, TenantSettingsForm
from frivillig.tenants.models import Invitation
from frivillig.tenants.selectors import (
    access_actors,
    access_codes,
    access_entries,
    active_tenants,
    audit_actors,
    audit_codes,
    audit_entries,
    memberships_for_admin,
    open_invitations,
    roles_for,
    tenants_of,
)
from frivillig.tenants.services import (
    InvitationError,
    MembershipError,
    invitation_accept,
    invitation_batch,
    invitation_cancel,
    invitation_from_token,
    invitations_create,
    membership_revoke,
    membership_set_roles,
    roles_text,
    tenant_update,
)


@view_permission(PUBLIC)
def front_page(request):
    return render(request, "tenants/front_page.html", {"tenants": active_tenants()})


@view_permission(PUBLIC)
def tenant_home(request, tenant_slug: str):
    # What the apps add to this page comes from their menu.py (HOME): the calls to action every visitor sees, and
    # the sections of each role held here (the association's home, the staff's "today", the municipality's
    # overview, the administration), each shown by the permission it declares.
    return render(request, "tenants/tenant_home.html")


@view_permission(AUTHENTICATED)
def my_home(request):
    """ "My page": where a person lands after logging in. The home of the one tenant where they hold a role, a
    choice when they hold roles in several, and their own volunteer page when they hold none."""
    tenants = list(tenants_of(request.user))
    if not tenants:
        return redirect("volunteer_life")
    if len(tenants) == 1:
        return redirect("tenants:home", tenant_slug=tenants[0].slug)
    choices = [
        (tenant, [role.label for role in Role if role.value in roles_for(request.user, tenant)]) for tenant in tenants
    ]
    return render(request, "tenants/home_chooser.html", {"choices": choices})


@view_permission(AUTHENTICATED)
def volunteer_life(request):
    """ "My volunteer life": the person's own page, of no tenant; each app adds its sections in its menu.py
    (PERSONAL)."""
    return render(request, "tenants/home_personal.html", {"my_tenants": tenants_of(request.user)})


@view_permission("tenants.manage_members")
def member_list(request, tenant_slug: str):
    memberships = list(memberships_for_admin(request.tenant))
    people: dict[int, dict] = {}
    for membership in memberships:
        membership.held_for = role_extensions.membership_label(membership)
        people.setdefault(membership.user_id, {"user": membership.user, "memberships": []})["memberships"].append(
            membership
        )
    page = paginate(request, list(people.values()), per_page=50)
    invitations = list(open_invitations(request.tenant))
    for invitation in invitations:
        invitation.held_for = role_extensions.invitation_label(invitation)
    for person in page.object_list:
        person["staff_roles"] = {membership.role for membership in person["memberships"] if not membership.held_for}
        person["representations"] = [membership for membership in person["memberships"] if membership.held_for]
    context = {"page": page, "invitations": invitations, "staff_roles": RolesForm.base_fields["roles"].choices}
    return render(request, "tenants/membership_list.html", context)


@view_permission("tenants.manage_members")
def member_invite(request, tenant_slug: str):
    form = InvitationForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        invitations = invitations_create(
            tenant=request.tenant,
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            details=form.cleaned_data["details"],
            invited_by=request.user,
            base_url=site_url(request),
        )
        messages.success(
            request,
            _("The invitation has been sent to %(email)s. The link works for 7 days.")
            % {"email": invitations[0].email},
        )
        return redirect("tenants:members", tenant_slug=request.tenant.slug)
    return render(request, "tenants/invitation_form.html", {"form": form})


@require_POST
@view_permission("tenants.manage_members")
def member_change_role(request, tenant_slug: str, pk: int):
    """Set the staff roles of the person who holds membership `pk`, all together."""
    membership = get_object_or_404(memberships_for_admin(request.tenant), pk=pk)
    form = RolesForm(request.POST)
    if form.is_valid():
        try:
            membership_set_roles(
                tenant=request.tenant, user=membership.user, roles=form.cleaned_data["roles"], actor=request.user
            )
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The roles of %(name)s have been saved.") % {"name": membership.user})
    else:
        messages.error(request, " ".join(form.errors["roles"]))
    return redirect("tenants:members", tenant_slug=request.tenant.slug)


@view_permission("tenants.manage_members")
def member_revoke(request, tenant_slug: str, pk: int):
    membership = get_object_or_404(memberships_for_admin(request.tenant), pk=pk)
    if request.method == "POST":
        try:
            membership_revoke(membership=membership, actor=request.user)
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s no longer has the role %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
        return redirect("tenants:members", tenant_slug=request.tenant.slug)
    return render(request, "tenants/membership_revoke.html", {"membership": membership})


@require_POST
@view_permission("tenants.manage_members")
def invitation_cancel_view(request, tenant_slug: str, pk: int):
    invitation = get_object_or_404(open_invitations(request.tenant), pk=pk)
    invitation_cancel(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("tenants:members", tenant_slug=request.tenant.slug)


def _audit_filter(request) -> dict:
    """The audit log's GET parameters: an action, a person and a period (`fra`, `til`: YYYY-MM-DD, both included);
    a value that cannot be read is ignored."""
    date_from, date_to = get_date(request.GET, "fra"), get_date(request.GET, "til")
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return {
        "code": request.GET.get("handling", ""),
        "actor_id": get_id(request.GET, "person"),
        "date_from": date_from,
        "date_to": date_to,
    }


@view_permission("tenants.view_audit_log")
def audit_log(request, tenant_slug: str):
    criteria = _audit_filter(request)
    entries = audit_entries(request.tenant, **criteria)
    codes = sorted(((code, action_label(code)) for code in audit_codes(request.tenant)), key=lambda item: item[1])
    people = audit_actors(request.tenant)
    context = {
        "page": paginate(request, entries, per_page=50),
        "codes": codes,
        "people": people,
        "selected_code": criteria["code"],
        "selected_person": request.GET.get("person", ""),
        "criteria": criteria,
    }
    return render_list(request, "tenants/auditentry_list.html", context)


@view_permission("tenants.view_audit_log")
def audit_log_export(request, tenant_slug: str, fmt: str):
    return export_response(
        fmt,
        filename=f"handlingslog-{request.tenant.slug}-{timezone.localdate():%Y-%m-%d}",
        columns=exports.AUDIT_LOG,
        objects=audit_entries(request.tenant, **_audit_filter(request)).iterator(chunk_size=2000),
    )


def _access_filter(request) -> dict:
    """The access log's GET parameters: what was read, by whom, a name in the record (`hvem`) and a period (`fra`,
    `til`, as on the audit log); a value that cannot be read is ignored."""
    date_from, date_to = get_date(request.GET, "fra"), get_date(request.GET, "til")
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return {
        "what": request.GET.get("hvad", ""),
        "actor_id": get_id(request.GET, "person"),
        "subject": request.GET.get("hvem", "").strip()[:100],
        "date_from": date_from,
        "date_to": date_to,
    }


@view_permission("tenants.view_audit_log")
def access_log(request, tenant_slug: str):
    criteria = _access_filter(request)
    codes = sorted(((code, action_label(code)) for code in access_codes(request.tenant)), key=lambda item: item[1])
    context = {
        "page": paginate(request, access_entries(request.tenant, **criteria), per_page=50),
        "codes": codes,
        "people": access_actors(request.tenant),
        "selected_person": request.GET.get("person", ""),
        "criteria": criteria,
        "retention_days": period_days("access_log_days", request.tenant),
    }
    return render_list(request, "tenants/accessentry_list.html", context)


@view_permission("tenants.view_audit_log")
def access_log_export(request, tenant_slug: str, fmt: str):
    return export_response(
        fmt,
        filename=f"opslagslog-{request.tenant.slug}-{timezone.localdate():%Y-%m-%d}",
        columns=exports.ACCESS_LOG,
        objects=access_entries(request.tenant, **_access_filter(request)).iterator(chunk_size=2000),
    )


@view_permission("tenants.edit_settings")
def tenant_settings(request, tenant_slug: str):
    form = TenantSettingsForm(request.POST or None, instance=request.tenant)
    if request.method == "POST" and form.is_valid():
        tenant_update(tenant=form.instance, actor=request.user, changed=form.changed_data)
        messages.success(request, _("The contact details have been saved."))
        return redirect("tenants:settings", tenant_slug=request.tenant.slug)
    if request.method == "POST":
        # Validation copied the typed values onto the tenant; the page around the form shows the saved ones.
        request.tenant.refresh_from_db()
    return render(request, "tenants/tenant_settings.html", {"form": form})


@view_permission(PUBLIC)
def invitation_accept_view(request, token: str):
    try:
        invitation = invitation_from_token(token)
    except InvitationError as error:
        return render(request, "tenants/invitation_accept.html", {"error": str(error)}, status=400)
    existing = user_with_email(invitation.email)
    if is_unconfirmed(existing):
        # An unconfirmed sign-up with the address does not keep the person who received the invitation out.
        existing = None
    signup_form = None
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            context = {**_offer(invitation), "wrong_account": True}
            return render(request, "tenants/invitation_accept.html", context, status=403)
        if request.method == "POST":
            return _accept(request, invitation, request.user)
    elif existing is None:
        # The invited person's name when the centre knows it (e.g. a contact person's): the form starts with it.
        with scope(tenant=invitation.tenant):
            initial = role_extensions.invitation_initial(invitation)
        signup_form = InvitationSignUpForm(request.POST or None, email=invitation.email, initial=initial)
        if request.method == "POST" and signup_form.is_valid():
            user = user_create_verified(
                email=invitation.email,
                full_name=signup_form.cleaned_data["full_name"],
                password=signup_form.cleaned_data["password1"],
                language=request.LANGUAGE_CODE,
            )
            login(request, user, backend="frivillig.accounts.backends.EmailBackend")
            log_login(user=user)
            return _accept(request, invitation, user)
    context = {**_offer(invitation), "existing": existing, "signup_form": signup_form}
    return render(request, "tenants/invitation_accept.html", context)


def _offer(invitation: Invitation) -> dict:
    """What the link offers: the roles of the invitations sent together, and the apps' notes on them."""
    together = invitation_batch(invitation)
    # The visitor does not belong to the invitation's tenant yet: its own scope, for these reads.
    with scope(tenant=invitation.tenant):
        notes = [note for note in map(role_extensions.invitation_note, together) if note]
    return {"invitation": invitation, "roles": roles_text(together), "role_count": len(together), "notes": notes}


def _accept(request, invitation: Invitation, user):
    try:
        memberships = invitation_accept(invitation=invitation, user=user)
    except InvitationError as error:
        return render(request, "tenants/invitation_accept.html", {"error": str(error)}, status=400)
    messages.success(
        request,
        ngettext(
            "Welcome. You now have the role %(roles)s in %(tenant)s.",
            "Welcome. You now have the roles %(roles)s in %(tenant)s.",
            len(memberships),
        )
        % {"roles": roles_text(memberships), "tenant": invitation.tenant.centre_name},
    )
    return redirect("tenants:home", tenant_slug=invitation.tenant.slug)


@view_permission("tenants.view_privacy_register")
def privacy_register(request, tenant_slug: str):
    """The record of processing activities (GDPR article 30): the register of personal data, worded for this tenant.

    It reads the register through core.privacy (each app's privacy.py), never an app's records; of the tenant it
    reads only its contact details and retention settings."""
    context = {"groups": privacy_record(request.tenant), "today": timezone.localdate()}
    return render(request, "tenants/privacy_register.html", context)


@view_permission("tenants.view_privacy_register")
def privacy_register_print(request, tenant_slug: str):
    """The same record as a page of its own for printing or saving as PDF from the browser."""
    context = {"groups": privacy_record(request.tenant), "today": timezone.localdate()}
    return render(request, "tenants/privacy_register_print.html", context)


@view_permission("tenants.view_privacy_register")
def privacy_register_pdf(request, tenant_slug: str):
    """The printable record as a PDF file, laid out by the server from the same template, in the reader's language."""
    context = {"groups": privacy_record(request.tenant), "today": timezone.localdate()}
    return pdf_response(
        request,
        "tenants/privacy_register_print.html",
        context,
        filename=f"fortegnelse-{request.tenant.slug}-{context['today']:%Y-%m-%d}",
    )
