"""On-site pages for staff: check-in desk, meeting grid, live board."""

from django.urls import path

from matchmaking.onsite.views import attendance, desk

app_name = "onsite"
urlpatterns = [
    path("<int:edition>/check-in/", desk.desk, name="desk"),
    path("code/<str:token>/", desk.open_code, name="code"),
    path("meetings/<int:meeting_id>/attendance/", attendance.mark, name="mark_attendance"),
]
