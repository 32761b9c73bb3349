from django.urls import path

from matchmaking.onboarding import views

app_name = "onboarding"
urlpatterns = [
    path("invitation/<str:token>/", views.accept, name="accept"),
]
