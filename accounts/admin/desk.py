"""The reviewer's desk on a registration's page: its history in sentences, in the
conference's local time, and one button per decision calling the same service as the
list actions (`DECISIONS` in registration.py; a new decision there is a new button)."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import eligibility
from accounts.services.registrations import DECIDABLE
from events.models import AuditEntry
from matchmaking.display import formatting

# What each recorded action says; %(actor)s did it to %(company)s's registration.
SENTENCES = {
    "registration.submit": gettext_lazy("%(actor)s submitted the registration of %(company)s."),
    "registration.approved": gettext_lazy("%(actor)s approved %(company)s."),
    "registration.rejected": gettext_lazy("%(actor)s rejected %(company)s."),
    "registration.waitlisted": gettext_lazy("%(actor)s put %(company)s on the waiting list."),
    "registration.withdrawn": gettext_lazy("%(actor)s withdrew the registration of %(company)s."),
    "registration.reopened": gettext_lazy(
        "%(actor)s changed vetted details of %(company)s; the registration went back to review."),
    "registration.settings": gettext_lazy(
        "%(actor)s changed the seats or meeting cap of %(company)s."),
}
OVERRIDE = gettext_lazy("%(actor)s approved %(company)s despite failed rules (override).")
OTHER = gettext_lazy("%(actor)s updated the registration of %(company)s.")
# Buttons say what they do; a decision without a label here uses its list verb.
BUTTON_LABELS = {
    "approve": gettext_lazy("Approve"),
    "override": gettext_lazy("Approve despite failed rules"),
    "reject": gettext_lazy("Reject"),
    "waitlist": gettext_lazy("Waitlist"),
    "request_information": gettext_lazy("Request information"),
}
# Which right each decision needs (the list actions' `permissions`); "decide" otherwise.
DECISION_RIGHTS = {"override": "override"}
# Which decision a button's transition check uses (override is an approval).
TRANSITION_OF = {"override": "approve"}


def history_sentence(entry: AuditEntry, registration) -> str:
    actor = (entry.actor.get_full_name() if entry.actor else _("The company or a partner"))
    values = {"actor": actor, "company": formatting.name(registration.enterprise)}
    if entry.action == "registration.approved" and (entry.data or {}).get("failed_rules"):
        text = OVERRIDE % values
    else:
        text = SENTENCES.get(entry.action, OTHER) % values
    failed = (entry.data or {}).get("failed_rules") or []
    if failed and entry.action != "registration.approved":
        text += " " + _("Failed rules then: %(rules)s.") % {
            "rules": ", ".join(eligibility.label(code) for code in failed)}
    return text


def history_table(registration) -> str:
    entries = AuditEntry.objects.filter(
        content_type__app_label="accounts", content_type__model="registration",
        object_id=str(registration.pk)).select_related("actor").order_by("created_at", "id")
    zone = registration.conference.zone
    rows = format_html_join("", "<tr><td class=\"nowrap\">{}</td><td>{}{}</td></tr>", (
        (formatting.day_time(entry.created_at, zone, year=True),
         history_sentence(entry, registration),
         format_html("<br><em>{}</em> {}", _("Reason:"), entry.reason) if entry.reason else "")
        for entry in entries))
    caption = _("Times in %(zone)s, the conference's time zone.") % {
        "zone": registration.conference.time_zone}
    return format_html('<table class="history"><caption>{}</caption><tbody>{}</tbody></table>',
                       caption, rows or format_html("<tr><td>{}</td></tr>", _("No history yet.")))


def decision_buttons(model_admin, request, registration, decisions: dict) -> list[dict]:
    """The decisions this user may take on this registration now: one button each."""
    buttons = []
    for decision, (_service, needs_reason, verb) in decisions.items():
        right = DECISION_RIGHTS.get(decision, "decide")
        if not getattr(model_admin, f"has_{right}_permission")(request):
            continue
        allowed = DECIDABLE.get(TRANSITION_OF.get(decision, decision))
        if allowed is not None and registration.status not in allowed:
            continue
        if decision == "override" and not registration.failed_rules:
            continue
        buttons.append({"decision": decision, "label": BUTTON_LABELS.get(decision, verb),
                        "needs_reason": needs_reason})
    return buttons
