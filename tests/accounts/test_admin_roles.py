"""Every admin action of every registered ModelAdmin, and import/export, against each role.

The pairs come from the admin registry, so an action added later fails
`test_every_admin_action_is_classified` until it is given its roles here.
"""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import Client, RequestFactory
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin

from accounts.roles import ORGANIZERS, REVIEWERS
from tests.factories import CompanyUserFactory, StaffFactory

pytestmark = pytest.mark.django_db
ORGANIZER, REVIEWER = "organizer", "reviewer"
BOTH, ORGANIZERS_ONLY, NOBODY = {ORGANIZER, REVIEWER}, {ORGANIZER}, set()

# (model, action) -> the staff roles that may use it. Reviewers vet registrations: the
# decisions are the only actions they get. NOBODY: not offered to either role (superusers
# only, or the model forbids it: registrations and audit entries are never deleted).
ACTION_RIGHTS = {
    ("accounts.registration", "approve_selected"): BOTH,
    ("accounts.registration", "reject_selected"): BOTH,
    ("accounts.registration", "waitlist_selected"): BOTH,
    ("accounts.registration", "request_information_selected"): BOTH,
    ("accounts.registration", "approve_with_override"): ORGANIZERS_ONLY,
    ("accounts.registration", "delete_selected"): NOBODY,
    # Inviting company users is the organizers' work; reviewers only vet.
    ("accounts.registration", "invite_delegates"): ORGANIZERS_ONLY,
    ("accounts.enterprise", "invite_delegates"): ORGANIZERS_ONLY,
    ("accounts.delegate", "invite_delegates"): ORGANIZERS_ONLY,
    ("onboarding.invitation", "resend"): ORGANIZERS_ONLY,
    ("onboarding.invitation", "revoke"): ORGANIZERS_ONLY,
    ("onboarding.invitation", "delete_selected"): NOBODY,
    ("onboarding.application", "delete_selected"): NOBODY,
    ("accounts.apikey", "revoke"): ORGANIZERS_ONLY,
    ("accounts.apikey", "delete_selected"): ORGANIZERS_ONLY,
    ("accounts.delegate", "delete_selected"): ORGANIZERS_ONLY,
    ("accounts.enterprise", "delete_selected"): ORGANIZERS_ONLY,
    ("accounts.partner", "delete_selected"): ORGANIZERS_ONLY,
    ("accounts.user", "delete_selected"): ORGANIZERS_ONLY,
    ("auth.group", "delete_selected"): NOBODY,
    ("axes.accessattempt", "delete_selected"): NOBODY,
    ("axes.accessattempt", "cleanup_expired_attempts"): NOBODY,
    ("axes.accessfailurelog", "delete_selected"): NOBODY,
    ("axes.accesslog", "delete_selected"): NOBODY,
    ("django_celery_beat.clockedschedule", "delete_selected"): ORGANIZERS_ONLY,
    ("django_celery_beat.crontabschedule", "delete_selected"): ORGANIZERS_ONLY,
    ("django_celery_beat.intervalschedule", "delete_selected"): ORGANIZERS_ONLY,
    ("django_celery_beat.solarschedule", "delete_selected"): ORGANIZERS_ONLY,
    ("django_celery_beat.periodictask", "delete_selected"): ORGANIZERS_ONLY,
    ("django_celery_beat.periodictask", "enable_tasks"): ORGANIZERS_ONLY,
    ("django_celery_beat.periodictask", "disable_tasks"): ORGANIZERS_ONLY,
    ("django_celery_beat.periodictask", "toggle_tasks"): ORGANIZERS_ONLY,
    ("django_celery_beat.periodictask", "run_tasks"): ORGANIZERS_ONLY,
    ("events.auditentry", "delete_selected"): NOBODY,
    ("events.conference", "delete_selected"): ORGANIZERS_ONLY,
    ("events.conference", "compute_recommendations"): ORGANIZERS_ONLY,
    ("events.conferenceday", "delete_selected"): ORGANIZERS_ONLY,
    ("events.conferenceday", "generate_slots"): ORGANIZERS_ONLY,
    ("events.eligibilityrules", "delete_selected"): ORGANIZERS_ONLY,
    ("events.industryfield", "delete_selected"): ORGANIZERS_ONLY,
    ("events.sessionplan", "delete_selected"): ORGANIZERS_ONLY,
    ("events.sessionplan", "generate_slots"): ORGANIZERS_ONLY,
    ("events.table", "delete_selected"): ORGANIZERS_ONLY,
    ("events.timeslot", "delete_selected"): ORGANIZERS_ONLY,
    ("matchmaking.meeting", "delete_selected"): NOBODY,
    ("matchmaking.meeting", "release"): ORGANIZERS_ONLY,
    ("matchmaking.meeting", "lock"): ORGANIZERS_ONLY,
    ("matchmaking.meeting", "cancel"): ORGANIZERS_ONLY,
    ("matchmaking.meetingoutcome", "delete_selected"): NOBODY,
    ("matchmaking.meetingrequest", "delete_selected"): NOBODY,
    ("matchmaking.schedulerun", "delete_selected"): ORGANIZERS_ONLY,
    ("matchmaking.schedulerun", "publish"): ORGANIZERS_ONLY,
    ("matchmaking.webhookdelivery", "delete_selected"): ORGANIZERS_ONLY,
    ("matchmaking.webhookdelivery", "redeliver_selected"): ORGANIZERS_ONLY,
    ("matchmaking.webhookevent", "delete_selected"): ORGANIZERS_ONLY,
    ("matchmaking.webhooksubscription", "delete_selected"): ORGANIZERS_ONLY,
    # The outbox is a record: what was sent is never deleted; resent and retried instead.
    ("outbox.bulkmailing", "delete_selected"): NOBODY,
    ("outbox.outgoingemail", "delete_selected"): NOBODY,
    ("outbox.outgoingemail", "resend"): ORGANIZERS_ONLY,
    ("outbox.outgoingemail", "retry_now"): ORGANIZERS_ONLY,
    ("outbox.templateoverride", "delete_selected"): ORGANIZERS_ONLY,
    # Anonymising personal data is the organizers' decision; the requests are a record.
    ("accounts.enterprise", "anonymise_enterprises"): ORGANIZERS_ONLY,
    ("accounts.delegate", "anonymise_delegates"): ORGANIZERS_ONLY,
    ("privacy.erasurerequest", "anonymise_requesters"): ORGANIZERS_ONLY,
    ("privacy.erasurerequest", "delete_selected"): NOBODY,
    ("privacy.consent", "delete_selected"): NOBODY,
    # Companies' messages are read for moderation, never changed or deleted in the admin.
    ("messaging.thread", "delete_selected"): NOBODY,
    ("messaging.message", "delete_selected"): NOBODY,
    # Results are computed, never edited: nothing to delete; the workbook for organizers.
    ("results.conferenceresults", "delete_selected"): NOBODY,
    ("results.conferenceresults", "download_xlsx"): ORGANIZERS_ONLY,
    ("results.investmentconfirmation", "delete_selected"): NOBODY,
}


def registered_actions() -> list[tuple[str, str]]:
    return sorted(
        (model._meta.label_lower, name)
        for model, model_admin in admin.site._registry.items()
        for _function, name, _description in model_admin._get_base_actions()
    )


def file_admins(mixin) -> list[str]:
    return sorted(model._meta.label_lower for model, model_admin in admin.site._registry.items()
                  if isinstance(model_admin, mixin))


def model_admin(label: str):
    return next(ma for model, ma in admin.site._registry.items()
                if model._meta.label_lower == label)


def changelist(label: str) -> str:
    return reverse("admin:{}_{}_changelist".format(*label.split(".")))


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Each test makes its users; the production hasher would be most of its time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db):
    return {ORGANIZER: StaffFactory(groups=[ORGANIZERS]),
            REVIEWER: StaffFactory(groups=[REVIEWERS])}


def test_every_admin_action_is_classified():
    actions = set(registered_actions())

    assert sorted(actions - set(ACTION_RIGHTS)) == [], "classify these actions in ACTION_RIGHTS"
    assert sorted(set(ACTION_RIGHTS) - actions) == [], "these actions no longer exist"


@pytest.mark.parametrize("role", [ORGANIZER, REVIEWER])
def test_each_staff_role_is_offered_exactly_its_actions(staff, role):
    request = RequestFactory().get("/admin/")
    request.user = staff[role]
    offered, expected = {}, {}
    for label in sorted({label for label, _name in ACTION_RIGHTS}):
        # Without the right to see the list, its actions are out of reach (403).
        reachable = model_admin(label).has_view_or_change_permission(request)
        offered[label] = set(model_admin(label).get_actions(request)) if reachable else set()
        expected[label] = {name for (model, name), roles in ACTION_RIGHTS.items()
                           if model == label and role in roles}

    assert offered == expected


@pytest.mark.parametrize(("label", "action"), [
    pair for pair, roles in ACTION_RIGHTS.items() if REVIEWER not in roles])
def test_reviewer_posting_an_action_not_theirs_changes_nothing(client, staff, label, action):
    client.force_login(staff[REVIEWER])

    response = client.post(changelist(label), {"action": action, "_selected_action": ["1"],
                                               "index": "0"}, follow=True)

    if response.status_code != 403:
        # Back on the list (no confirmation or reason page), with no report of work done.
        texts = {str(m) for m in get_messages(response.wsgi_request)}
        assert response.status_code == 200 and "cl" in response.context
        assert texts <= {"No action selected."}


@pytest.mark.parametrize(("label", "action"), sorted(ACTION_RIGHTS))
@pytest.mark.parametrize("who", ["company user", "anonymous"])
def test_company_users_and_anonymous_are_sent_to_the_admin_login(db, label, action, who):
    client = Client()
    if who == "company user":
        client.force_login(CompanyUserFactory())

    response = client.post(changelist(label), {"action": action, "_selected_action": ["1"]})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def file_urls(label: str) -> list[tuple[str, str]]:
    app, model = label.split(".")
    urls = []
    if label in file_admins(ImportMixin):
        urls += [("get", reverse(f"admin:{app}_{model}_import")),
                 ("post", reverse(f"admin:{app}_{model}_process_import"))]
    if label in file_admins(ExportMixin):
        urls.append(("get", reverse(f"admin:{app}_{model}_export")))
    return urls


def test_only_enterprises_and_delegates_have_import_and_export():
    assert file_admins(ImportMixin) == file_admins(ExportMixin) == [
        "accounts.delegate", "accounts.enterprise"]


@pytest.mark.parametrize("label", sorted(set(file_admins(ImportMixin) + file_admins(ExportMixin))))
def test_import_and_export_are_organizer_rights(staff, label):
    outcomes = {}
    for who in (ORGANIZER, REVIEWER, "company user", "anonymous"):
        client = Client()
        if who in staff:
            client.force_login(staff[who])
        elif who == "company user":
            client.force_login(CompanyUserFactory())
        outcomes[who] = {getattr(client, method)(url).status_code
                         for method, url in file_urls(label) if method == "get"}
        outcomes[who + " posting"] = {getattr(client, method)(url).status_code
                                      for method, url in file_urls(label) if method == "post"}

    assert outcomes[ORGANIZER] == {200}
    assert outcomes[REVIEWER] == outcomes[REVIEWER + " posting"] == {403}
    for who in ("company user", "anonymous"):
        assert outcomes[who] == outcomes[who + " posting"] == {302}
