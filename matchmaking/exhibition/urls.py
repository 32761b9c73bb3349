from django.urls import path

from matchmaking.exhibition import views

app_name = "exhibition"
urlpatterns = [
    path("", views.exhibitors, name="directory"),
]
