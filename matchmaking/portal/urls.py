"""Company portal pages: directory, recommendations, requests, agenda."""

app_name = "portal"
urlpatterns: list = []
