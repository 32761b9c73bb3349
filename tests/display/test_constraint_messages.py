"""No raw constraint name can reach a user: every model constraint of every app has its
own translated message, and a database refusal is worded from it in forms, the admin,
the portal and the API."""

import re

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from django.test import RequestFactory
from django.utils import translation

from events.errors import constraint_messages, integrity_message
from events.models import Conference
from matchmaking.api.errors import exception_handler
from matchmaking.models import MeetingOutcome
from matchmaking.portal.forms import OutcomeForm
from tests.factories import ConferenceFactory

CJK = re.compile(r"[\u4e00-\u9fff]")
ALL = [(model, constraint) for model in apps.get_models()
       for constraint in model._meta.constraints]


def test_the_walker_sees_the_constraints_of_every_app():
    labels = {model._meta.app_label for model, _c in ALL}
    assert {"accounts", "events", "matchmaking", "outbox"} <= labels
    assert len(ALL) >= 30


@pytest.mark.parametrize(("model", "constraint"), ALL, ids=[c.name for _m, c in ALL])
def test_every_constraint_has_its_own_words_in_both_languages(model, constraint):
    default = str(constraint.default_violation_error_message)
    with translation.override("en"):
        english = str(constraint.get_violation_error_message())
    with translation.override("zh-hans"):
        chinese = str(constraint.get_violation_error_message())

    assert english != default % {"name": constraint.name}, constraint.name
    assert constraint.name not in english and constraint.name not in chinese
    assert CJK.search(chinese), (constraint.name, chinese)


@pytest.mark.parametrize(("model", "constraint"), ALL, ids=[c.name for _m, c in ALL])
def test_every_database_refusal_is_worded_from_its_constraint(model, constraint):
    expected = str(constraint.violation_error_message)
    postgres = IntegrityError(f'new row for relation "{model._meta.db_table}" violates check '
                              f'constraint "{constraint.name}"')
    assert str(integrity_message(postgres)) == expected
    if getattr(constraint, "fields", None):
        columns = ", ".join(f"{model._meta.db_table}.{model._meta.get_field(f).column}"
                            for f in constraint.fields)
        sqlite = IntegrityError(f"UNIQUE constraint failed: {columns}")
    else:
        sqlite = IntegrityError(f"CHECK constraint failed: {constraint.name}")
    worded = str(integrity_message(sqlite))
    assert constraint.name not in worded
    if not getattr(constraint, "condition", None) or not getattr(constraint, "fields", None):
        assert worded == expected


def test_an_unknown_refusal_is_still_words():
    message = str(integrity_message(IntegrityError('violates constraint "mystery_rule_x"')))

    assert "mystery_rule_x" not in message and message


@pytest.mark.django_db
def test_a_real_database_refusal_is_worded(settings):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        conference = ConferenceFactory()
        Conference.objects.filter(pk=conference.pk).update(
            end_date=conference.start_date.replace(year=conference.start_date.year - 1))

    with translation.override("zh-hans"):
        message = str(integrity_message(refused.value))
    assert "conference_ends_after_start" not in message and CJK.search(message)


def test_the_api_answers_a_refusal_in_its_error_shape():
    error = IntegrityError("CHECK constraint failed: outcome_investment_not_negative")

    response = exception_handler(error, {})

    assert response.status_code == 409
    assert response.data == {"error": {"code": "conflict", "message":
                                       "The intended investment cannot be negative."}}


@pytest.mark.django_db
def test_the_outcome_form_words_a_negative_investment():
    form = OutcomeForm(data={"result": "likely", "intended_investment_usd": "-5",
                             "notes": ""},
                       instance=MeetingOutcome())

    assert not form.is_valid()
    text = str(form.errors)
    assert "outcome_investment_not_negative" not in text and "negative" in text.lower()


def test_the_admin_form_words_a_session_ending_before_it_starts(organizer):
    from events.models import ConferenceDay, SessionPlan

    day = ConferenceDay.objects.create(conference=ConferenceFactory(),
                                       date=ConferenceFactory.build().start_date)
    request = RequestFactory().get("/")
    request.user = organizer
    admin_form = site._registry.get(SessionPlan)
    Form = (admin_form.get_form(request) if admin_form else
            modelform_factory(SessionPlan, exclude=[]))
    data = {"day": day.pk, "start_time": "10:00", "end_time": "09:00", "slot_minutes": 30}
    form = Form(data={k: v for k, v in data.items() if k in Form.base_fields})
    form.instance.day = day

    assert not form.is_valid()
    text = str(form.errors)
    assert "session_ends_after_start" not in text
    assert "A session must end after it starts." in text


def test_messages_are_found_by_name():
    assert set(constraint_messages()) == {c.name for _m, c in ALL}
