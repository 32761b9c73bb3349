import pytest
from django.core import mail

from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.notices import queue_for_enterprise
from tests.factories import CompanyUserFactory

pytestmark = pytest.mark.django_db


def test_switching_language_is_remembered_for_notifications(client,
                                                            django_capture_on_commit_callbacks):
    user = CompanyUserFactory()
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    user.refresh_from_db()
    assert response.status_code == 302 and user.language == "zh-hans"
    with django_capture_on_commit_callbacks(execute=True):
        queue_for_enterprise(template="bulk_mail", enterprise=user.enterprise, conference=None,
                             context={"enterprise": user.enterprise.pk}, event="language")
    assert OutgoingEmail.objects.get().language == "zh-hans"
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_an_unknown_language_changes_nothing(client):
    user = CompanyUserFactory()
    client.force_login(user)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    user.refresh_from_db()
    assert user.language == "en"
