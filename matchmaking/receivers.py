"""What other apps announce, told to the outside world: webhooks and e-mail."""

from django.utils.translation import gettext_lazy

from accounts.signals import registration_decided, registration_reopened
from matchmaking import notifications, webhooks


def announce_registration_decision(sender, registration, status, **kwargs) -> None:
    webhooks.emit(
        conference=registration.conference,
        event_type="registration.decided",
        payload={"id": registration.pk, "conference": registration.conference_id,
                 "enterprise": registration.enterprise_id, "status": status},
    )


class _Joined:
    """The vetted changes joined, rendered in the language active when printed."""

    def __init__(self, labels):
        self.labels = labels

    def __str__(self):
        return "\n".join(f"- {label}" for label in self.labels)


def tell_about_reopened_registration(sender, registration, changes, **kwargs) -> None:
    """The organizers get a registration to review again; the company learns why its
    matchmaking is paused and that its agenda stays."""
    params = {"company": registration.enterprise, "conference": registration.conference,
              "changes": _Joined(changes)}
    notifications.notify_organizers(
        gettext_lazy("Re-review needed: %(company)s at %(conference)s"),
        gettext_lazy("%(company)s changed details you vetted:\n%(changes)s\n\nIts "
                     "registration for %(conference)s is back under review; its published "
                     "meetings stay in place. Find it in the admin under Registrations, "
                     "filter \"needs re-review\"."),
        **params)
    notifications.notify(
        registration.enterprise,
        gettext_lazy("Your registration for %(conference)s is back under review"),
        gettext_lazy("You changed details the organizers vetted:\n%(changes)s\n\nYour "
                     "registration for %(conference)s is back under review. Your agenda and "
                     "accepted meetings stay available; you can send, answer and book "
                     "meetings again once the organizers approve it."),
        **params)


def connect() -> None:
    registration_decided.connect(announce_registration_decision,
                                 dispatch_uid="matchmaking.registration_decided")
    registration_reopened.connect(tell_about_reopened_registration,
                                  dispatch_uid="matchmaking.registration_reopened")
