"""Error pages speak the reader's language and keep the site's frame (not Django's bare
English pages)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from matchmaking.api.errors import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title"),
                         [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_a_missing_page_is_a_404_in_the_readers_language(client, language, title):
    prefix = "/zh-hans" if language == "zh-hans" else ""

    response = client.get(f"{prefix}/no-such-page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in page and 'class="site-header"' in page


def test_a_reviewer_refused_the_import_sees_why_in_chinese(client, reviewer):
    reviewer.language = "zh-hans"
    reviewer.save()
    client.force_login(reviewer)
    with translation.override("zh-hans"):
        url = reverse("admin:accounts_enterprise_import")

    response = client.get(url)

    assert response.status_code == 403
    assert "<h1>无权访问</h1>" in response.content.decode()


def test_the_server_error_page_needs_no_database_and_is_translated():
    request = RequestFactory().get("/zh-hans/portal/")
    with translation.override("zh-hans"):
        response = server_error(request)

    assert response.status_code == 500
    assert "出错了" in response.content.decode()
