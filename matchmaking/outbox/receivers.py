"""E-mails for what other apps announce."""

from accounts.signals import (
    registration_decided,
    registration_reopened,
    registration_resubmitted,
)
from matchmaking.outbox import notices


def tell_registration_decision(sender, registration, status, **kwargs) -> None:
    # Sent inside the decision's transaction: the rows commit or roll back with it.
    notices.queue_registration_decision(registration=registration, status=status)


def tell_reopened_registration(sender, registration, changes, **kwargs) -> None:
    notices.queue_reopened_registration(registration=registration, changes=changes)


def tell_organizers_of_answer(sender, registration, note, **kwargs) -> None:
    notices.queue_registration_answered(registration=registration, note=note)


def connect() -> None:
    registration_decided.connect(tell_registration_decision,
                                 dispatch_uid="outbox.registration_decided")
    registration_reopened.connect(tell_reopened_registration,
                                  dispatch_uid="outbox.registration_reopened")
    registration_resubmitted.connect(tell_organizers_of_answer,
                                     dispatch_uid="outbox.registration_resubmitted")
