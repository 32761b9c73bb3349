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


@pytest.mark.parametrize("name", ["accounts:login", "admin:login"])
def test_an_absurdly_long_sign_in_name_is_a_plain_failed_sign_in(client, name):
    login = "a" * 300 + "@example.com"

    response = client.post(reverse(name), {"username": login, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
