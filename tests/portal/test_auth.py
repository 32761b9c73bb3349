import re

import pytest
from django.core import mail

from tests.factories import EnterpriseFactory
from tests.portal.conftest import company_user

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


def test_company_user_signs_in_with_email_and_lands_on_dashboard(client):
    user = company_user(EnterpriseFactory(), email="buyer@example.com")

    response = sign_in(client, "Buyer@Example.com")

    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/portal/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_unknown_account_and_wrong_password_look_identical(client):
    company_user(EnterpriseFactory(), email="known@example.com")

    unknown = sign_in(client, "nobody@example.com")
    wrong = sign_in(client, "known@example.com", "not-the-password")

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert "not correct" in str(wrong.context["form"].non_field_errors())


def test_fifth_failure_locks_the_account_with_a_clear_message(client):
    company_user(EnterpriseFactory(), email="target@example.com")
    for _attempt in range(4):
        assert sign_in(client, "target@example.com", "wrong").status_code == 200

    locked = sign_in(client, "target@example.com", "wrong")
    still_locked = sign_in(client, "target@example.com")  # even the right password

    assert locked.status_code == still_locked.status_code == 429
    assert "Too many failed sign-in attempts" in still_locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_translated(client):
    for _attempt in range(5):
        response = client.post("/zh-hans/accounts/login/",
                               {"username": "x@example.com", "password": "wrong"})

    assert response.status_code == 429
    assert '<html lang="zh-hans">' in response.content.decode()


def test_logout_needs_a_post(client):
    client.force_login(company_user(EnterpriseFactory()))

    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(
        client, django_capture_on_commit_callbacks):
    company_user(EnterpriseFactory(), email="forgetful@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "forgetful@example.com"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "a-fresh-secret-42", "new_password2": "a-fresh-secret-42"})

    assert len(mail.outbox) == 1
    assert sign_in(client, "forgetful@example.com", "a-fresh-secret-42").status_code == 302


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/accounts/password-reset/", {"email": "ghost@example.com"})

    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_home_shows_landing_to_visitors(client):
    response = client.get("/")

    assert response.status_code == 200
    assert 'href="/accounts/login/"' in response.content.decode()


def test_home_sends_staff_to_admin(organizer_client):
    assert organizer_client.get("/")["Location"] == "/admin/"


def test_portal_sends_staff_to_admin(organizer_client):
    assert organizer_client.get("/portal/directory/")["Location"] == "/admin/"


def test_portal_asks_visitors_to_sign_in(client):
    assert client.get("/portal/")["Location"].startswith("/accounts/login/?next=/portal/")


def test_user_without_enterprise_is_told_why(client):
    client.force_login(company_user(None))

    response = client.get("/portal/")

    assert response.status_code == 403
    assert "belongs to no company" in response.content.decode()


def test_language_switcher_posts_to_set_language(client):
    client.force_login(company_user(EnterpriseFactory()))

    page = client.get("/portal/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/portal/"})

    assert 'action="/i18n/setlang/"' in page
    assert response["Location"] == "/zh-hans/portal/"
