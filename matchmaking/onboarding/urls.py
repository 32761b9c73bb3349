from django.urls import path

from matchmaking.onboarding import apply, views

app_name = "onboarding"
urlpatterns = [
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("apply/confirm/<str:token>/", apply.confirm, name="confirm"),
    path("apply/<slug:slug>/", apply.apply, name="apply"),
    path("portal/registrations/<int:registration_id>/answer/", apply.answer, name="answer"),
]
