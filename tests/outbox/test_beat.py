from django.conf import settings

from matchmaking.celery import app


def test_every_beat_entry_names_a_registered_task_and_the_outbox_is_swept_every_minute():
    schedule = settings.CELERY_BEAT_SCHEDULE

    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    assert schedule["sweep-outbox"] == {"task": "outbox.sweep", "schedule": 60.0}
    assert schedule["send-scheduled-emails"]["task"] == "outbox.send_reminders"
