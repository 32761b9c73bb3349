from django.urls import path

from matchmaking.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("accept/", views.accept, name="accept"),
    path("my-data.json", views.download, name="download"),
    path("erasure/", views.erasure, name="erasure"),
]
