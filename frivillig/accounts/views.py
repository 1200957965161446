from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.accounts import throttle
from frivillig.accounts.forms import (
    DeleteAccountForm,
    LanguageAwarePasswordResetForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    SignUpForm,
)
from frivillig.accounts.services import (
    AccountDeletionError,
    VerificationError,
    log_login,
    log_login_failure,
    send_verification,
    user_delete,
    user_set_language,
    user_sign_up,
    user_update_profile,
    user_verify_email,
)
from frivillig.accounts.two_factor import has_second_factor, mark_pending, second_step_url
from frivillig.core.links import site_url
from frivillig.core.params import safe_next
from frivillig.core.permissions import AUTHENTICATED, PUBLIC, view_permission
from frivillig.tenants.selectors import tenants_of


def set_language_cookie(response, language: str):
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 86400,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=False,
    )
    return response


@view_permission(PUBLIC)
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_sign_up(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            language=request.LANGUAGE_CODE,
            base_url=site_url(request),
        )
        request.session["signup_email"] = form.cleaned_data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/user_signup.html", {"form": form})


@view_permission(PUBLIC)
def signup_done(request):
    return render(request, "accounts/user_signup_done.html", {"email": request.session.get("signup_email", "")})


@view_permission(PUBLIC)
def verify(request, token: str):
    try:
        user = user_verify_email(token=token)
    except VerificationError as error:
        return render(request, "accounts/user_verify.html", {"error": str(error)}, status=400)
    return render(request, "accounts/user_verify.html", {"verified_user": user})


@view_permission(PUBLIC)
def login_view(request):
    if request.user.is_authenticated:
        return redirect(safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
    address = throttle.client_address(request)
    email = request.POST.get("email", "")
    # Counted before the password is checked, so that parallel guesses cannot all get through the check.
    attempt = None
    if request.method == "POST":
        attempt = throttle.begin(email=email, address=address, device=throttle.known_device(request, email))
    blocked = request.method == "POST" and attempt is None
    form = LoginForm(request.POST or None, request=request, blocked=blocked)
    status = 429 if blocked else 200
    if attempt is not None:
        if form.is_valid():
            user = form.user
            login(request, user)
            throttle.succeeded(attempt)
            log_login(user=user)
            next_url = safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))
            if has_second_factor(user):
                mark_pending(request)
            # The password is the first step; a person with a second factor (or who must have one) goes on to it.
            response = redirect(second_step_url(request, next_url) or next_url)
            throttle.remember_device(response, email=user.email)
            return set_language_cookie(response, user.preferred_language)
        elif form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            log_login_failure(email=email, address=address)
        else:
            throttle.not_a_failure(attempt)
            if form.unverified_user is not None:
                send_verification(user=form.unverified_user, base_url=site_url(request))
    context = {"form": form, "next": safe_next(request, "")}
    return render(request, "accounts/user_login.html", context, status=status)


@require_POST
@view_permission(PUBLIC)
def logout_view(request):
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("front_page")


@view_permission(AUTHENTICATED)
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            phone=form.cleaned_data["phone"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your profile has been saved."))
        return set_language_cookie(redirect("accounts:profile"), user.preferred_language)
    if request.method == "POST":
        request.user.refresh_from_db()
    return render(request, "accounts/user_profile.html", {"form": form, "my_tenants": tenants_of(request.user)})


@view_permission(AUTHENTICATED)
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            user_delete(user=user)
        except AccountDeletionError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("front_page")
    return render(request, "accounts/user_delete.html", {"form": form})


@require_POST
@view_permission(PUBLIC)
def switch_language(request):
    from django.conf import settings

    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated and request.user.preferred_language != language:
        user_set_language(user=request.user, language=language)
    return set_language_cookie(redirect(safe_next(request, reverse("front_page"))), language)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.clear_account(email=form.user.email)
        messages.success(self.request, _("Your password has been changed."))
        return response


password_change = view_permission(AUTHENTICATED)(PasswordChangeView.as_view())
password_reset = view_permission(PUBLIC)(
    auth_views.PasswordResetView.as_view(
        form_class=LanguageAwarePasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset_body.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = view_permission(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    form_class = ResetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner proved they read the account's mail: the account's block ends, and this browser is known.
        throttle.clear_account(email=form.user.email)
        return throttle.remember_device(response, email=form.user.email)


password_reset_confirm = view_permission(PUBLIC)(PasswordResetConfirmView.as_view())
password_reset_complete = view_permission(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
