"""Announcements other apps may react to (webhooks, for instance). The decision itself is
taken by the service that sends the signal; receivers only tell the outside world."""

from django.dispatch import Signal

# Sent inside the decision's transaction with `registration` and `status`.
registration_decided = Signal()

# Sent inside the change's transaction with `registration` (back under review because a
# vetted detail changed) and `changes` (the vetted changes in words, lazily translated).
registration_reopened = Signal()

# Sent inside the change's transaction with `registration` (back under review because the
# applicant answered a request for information) and `note` (their answer).
registration_resubmitted = Signal()
