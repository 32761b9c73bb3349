import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_sign_in_locks_after_repeated_failures_with_the_translated_page(client, organizer):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": organizer.email, "password": "wrong"})

    response = client.post(url, {"username": organizer.email, "password": "pw-for-tests-1"})

    assert response.status_code == 429
    assert response.context["locked"] is True
    assert "_auth_user_id" not in client.session
