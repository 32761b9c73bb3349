"""Message threads on the portal (mounted at /portal/messages/)."""

from django.urls import path

from matchmaking.messaging import views

app_name = "messaging"
urlpatterns = [
    path("", views.thread_list, name="index"),
    path("with/<int:enterprise_id>/", views.start_thread, name="start"),
    path("<int:thread_id>/", views.thread_page, name="thread"),
]
