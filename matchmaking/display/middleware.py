"""The language of a page whose address names none.

`i18n_patterns(prefix_default_language=False)` makes every unprefixed address
English, so a browser asking for Chinese would get English at `/`. This
middleware, placed after authentication, sends a GET for an unprefixed page to
the same page in the preferred language: the signed-in user's stored choice,
else the choice remembered in the language cookie, else the browser's
Accept-Language (zh-CN, zh-SG and zh-TW/zh-HK all fall back to Simplified
Chinese, which a Traditional reader reads more easily than English). An address
with a language prefix is an explicit choice and is never redirected.
"""

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from events.errors import integrity_message
from matchmaking.api.errors import body as error_body


def _translated_prefix() -> str:
    """Any language other than the default: its prefix is valid only for translated pages."""
    return next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def preferred_language(request) -> str:
    user = getattr(request, "user", None)
    supported = {code for code, _name in settings.LANGUAGES}
    if user is not None and user.is_authenticated and user.language in supported:
        return user.language
    return translation.get_language_from_request(request, check_path=False)


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not translation.get_language_from_path(
                request.path_info):
            response = self._redirect_or_activate(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _redirect_or_activate(self, request):
        urlconf = getattr(request, "urlconf", None) or get_urlconf()
        language = preferred_language(request)
        other = _translated_prefix()
        with translation.override(other):  # the prefix pattern matches the active language
            translated = is_valid_path(f"/{other}{request.path_info}", urlconf)
        if translated and language != settings.LANGUAGE_CODE:
            query = request.META.get("QUERY_STRING", "")
            target = f"{get_script_prefix().rstrip('/')}/{language}{request.path_info}"
            response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        if not translated:
            # Outside the translated pages (the API): answer in the preferred language.
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return None


class ConstraintErrorMiddleware:
    """A database refusal that got past the forms and services (a race between two
    requests) is answered in words, never with a 500 or a raw constraint name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError):
            return None
        message = integrity_message(exception)
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("conflict", message), status=409)
        return render(request, "conflict.html", {"reason": message}, status=409)
