from django.conf import settings
from django.utils import translation


class ContentSecurityPolicyMiddleware:
    """Send one strict policy on every response: no inline script or style anywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class LanguageMiddleware:
    """Danish unless the person chose otherwise: the language cookie, then the account's preference.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language, because the interface is
    Danish by default and English is a choice made with the language switch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        available = dict(settings.LANGUAGES)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in available:
            user = getattr(request, "user", None)
            language = getattr(user, "preferred_language", None) if user and user.is_authenticated else None
        if language not in available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary = response.headers.get("Vary", "")
        if "Cookie" not in patch_vary:
            response.headers["Vary"] = f"{patch_vary}, Cookie" if patch_vary else "Cookie"
        translation.deactivate()
        return response
