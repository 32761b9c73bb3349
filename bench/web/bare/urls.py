from django.contrib.auth import views as auth_views
from django.urls import path

from bench.web.bare import api, views

urlpatterns = [
    path("healthz", views.healthz),
    path("login/", auth_views.LoginView.as_view(template_name="bare/login.html"), name="login"),
    path("agenda/", views.agenda, name="agenda"),
    path("directory/", views.directory, name="directory"),
    path("requests/<int:request_id>/book/", views.book, name="book"),
    path("meetings/<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("api/companies/", api.CompanyList.as_view(), name="api-companies"),
]
