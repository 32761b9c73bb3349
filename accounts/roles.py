"""The staff roles, kept as groups with permissions and created after migrate.

Organizers run the conference; reviewers vet registrations. Company users
have no admin permissions at all.
"""

from django.db.models.signals import post_migrate

ORGANIZERS = "Organizers"
REVIEWERS = "Reviewers"
MANAGED_APPS = ("events", "accounts", "matchmaking", "outbox", "messaging", "privacy",
                "onboarding", "results", "django_celery_beat")
# What reviewers may not even see: the e-mail outbox, the companies' messages, personal
# data requests and the results (each side's outcome answers) are for organizers only.
ORGANIZERS_ONLY_APPS = ("outbox", "messaging", "privacy", "results")


def ensure_groups(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    organizer_perms = Permission.objects.filter(content_type__app_label__in=MANAGED_APPS)
    organizers, _ = Group.objects.get_or_create(name=ORGANIZERS)
    organizers.permissions.set(organizer_perms)

    reviewer_perms = Permission.objects.filter(
        content_type__app_label__in=MANAGED_APPS, codename__startswith="view_"
    ).exclude(content_type__app_label__in=ORGANIZERS_ONLY_APPS) | Permission.objects.filter(
        content_type__app_label="accounts",
        codename__in=["change_registration", "decide_registration", "add_evidence"],
    )
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.set(reviewer_perms)


def connect() -> None:
    post_migrate.connect(ensure_groups, dispatch_uid="accounts.roles.ensure_groups")
