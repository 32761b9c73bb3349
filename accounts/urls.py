"""Company portal: sign-in, password reset, profile. (Filled in by the portal.)"""

app_name = "accounts"
urlpatterns: list = []
