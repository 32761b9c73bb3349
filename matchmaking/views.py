from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from events.models import Conference, ConferenceStatus


def healthz(request):
    """Liveness for load balancers and compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request):
    """Staff work in the admin, company users in their portal; others see the landing page."""
    user = request.user
    if user.is_authenticated and user.is_staff:
        return redirect("admin:index")
    if user.is_authenticated:
        return redirect("portal:dashboard")
    # Conferences taking applications link to their public form.
    applying = Conference.objects.filter(status=ConferenceStatus.REGISTRATION_OPEN).order_by(
        "start_date")
    return render(request, "landing.html", {"applying": applying})
