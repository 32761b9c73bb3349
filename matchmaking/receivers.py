"""What other apps announce, told to the outside world as webhooks (e-mails: outbox.receivers)."""

from accounts.signals import registration_decided
from matchmaking import webhooks


def announce_registration_decision(sender, registration, status, **kwargs) -> None:
    webhooks.emit(
        conference=registration.conference,
        event_type="registration.decided",
        payload={"id": registration.pk, "conference": registration.conference_id,
                 "enterprise": registration.enterprise_id, "status": status},
    )


def connect() -> None:
    registration_decided.connect(announce_registration_decision,
                                 dispatch_uid="matchmaking.registration_decided")
