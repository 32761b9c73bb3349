from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render

from events.models import Conference, ConferenceStatus
from matchmaking.celery import app
from matchmaking.outbox.relay import BROKER_UNREACHABLE


def healthz(request):
    """Liveness: the process answers. Its dependencies are the readiness check's job."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: the database and the broker answer; 503 with what is down otherwise.
    Pages keep working with the broker down (side effects wait as rows), so a deployment
    may route to a 503 instance; the check is for operators and orchestration."""
    checks = {"database": database_state(), "broker": broker_state()}
    ready = all(state in ("ok", "eager") for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                        status=200 if ready else 503)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return "ok"


def broker_state() -> str:
    if app.conf.task_always_eager:
        return "eager"  # tasks run in the web process: there is no broker to ask
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except BROKER_UNREACHABLE:
        return "down"
    return "ok"


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
