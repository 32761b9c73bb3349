"""Hypothesis on the portal's and the public forms through their pages: any text (unicode,
NUL, control characters, very long) in any field gives a page with form errors or a
successful redirect, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.messaging.services import open_thread
from matchmaking.services.requests import send_meeting_request
from tests.factories import CompanyUserFactory, SupplierFactory, approved, slots

pytestmark = pytest.mark.django_db

TEXT = st.one_of(st.text(max_size=40), st.text(alphabet=st.characters(codec="utf-8"),
                                               min_size=1000, max_size=3000),
                 st.sampled_from(["\x00", "a\x00b", "=cmd|' /C calc'!A0", "<script>", " ",
                                  "-1", "1e309", "9" * 40, "2026-02-30", "NaN"]))
FORMS = {
    "profile": ("accounts:profile", {}, ["description", "description_zh", "offers", "needs",
                                          "website", "employees", "contract_value_usd",
                                          "fields"]),
    "availability": ("portal:availability", {}, ["session_1", "session_2"]),
    "meeting request": ("portal:send_request", {"enterprise_id": "counterpart"},
                        ["purpose", "message", "online"]),
    "message": ("messaging:thread", {"thread_id": "thread"}, ["body"]),
    "application": ("onboarding:apply", {"slug": "slug"},
                    ["legal_name", "name_zh", "country", "city", "role", "fields", "website",
                     "employees", "contract_value_usd", "description", "email", "full_name",
                     "delegates-0-email", "delegates-0-full_name", "delegates-TOTAL_FORMS"]),
}
HOSTILE = settings(max_examples=15, deadline=None, derandomize=True,
                   suppress_health_check=list(HealthCheck))


@pytest.fixture
def signed_in(client, conference, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conference.status = "matchmaking_open"
    conference.save()
    slots(conference, 2)
    owner = approved(conference).enterprise
    counterpart = approved(conference, SupplierFactory()).enterprise
    send_meeting_request(conference=conference, sender=counterpart, recipient=owner,
                         purpose="investment")
    thread = open_thread(conference=conference, enterprise=owner, counterpart=counterpart)
    client.force_login(CompanyUserFactory(enterprise=owner))
    return {"client": client, "counterpart": counterpart.pk, "thread": thread.pk,
            "slug": conference.slug}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_hostile_text_in_a_form_never_raises(signed_in, form):
    name, kwarg_keys, fields = FORMS[form]
    url = reverse(name, kwargs={k: signed_in[v] for k, v in kwarg_keys.items()})

    @HOSTILE
    @given(st.fixed_dictionaries(dict.fromkeys(fields, TEXT)))
    def post(data):
        response = signed_in["client"].post(url, data)
        assert response.status_code < 500, (form, data)
        assert response.status_code in {200, 302, 400, 403, 404, 429}

    post()
