from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect


def healthz(request):
    """Liveness for load balancers and compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def home(request):
    return redirect("admin:index")
