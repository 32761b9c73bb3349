from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from matchmaking import views
from matchmaking.onboarding import views as onboarding_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("api/v1/", include("matchmaking.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("privacy/", include("matchmaking.privacy.urls")),
    path("portal/messages/", include("matchmaking.messaging.urls")),
    path("portal/", include("matchmaking.portal.urls")),
    path("", include("matchmaking.onboarding.urls")),
    path("evidence/<path:name>", onboarding_views.evidence_download, name="evidence_download"),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# JSON errors under /api/, Django's pages elsewhere.
handler404 = "matchmaking.api.errors.not_found"
handler500 = "matchmaking.api.errors.server_error"
