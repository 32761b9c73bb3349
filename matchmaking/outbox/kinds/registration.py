"""Applications, vetting decisions, invitations and passwords."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from accounts.models import Enterprise, Registration
from matchmaking.outbox.catalogue import email_kind
from matchmaking.outbox.values import date_time, enterprise_name, link


def _enterprise(context) -> dict:
    if "registration" in context:
        enterprise = Registration.objects.select_related("enterprise").get(
            pk=context["registration"]).enterprise
    else:
        enterprise = Enterprise.objects.get(pk=context["enterprise"])
    return {"enterprise": enterprise_name(enterprise)}


@email_kind("application_received", _("Application received"), ["enterprise"])
def application_received(context, conference):
    return _enterprise(context)


@email_kind("registration_approved", _("Registration approved"), ["enterprise"])
def registration_approved(context, conference):
    return _enterprise(context)


@email_kind("registration_rejected", _("Registration rejected"), ["enterprise", "reason"])
def registration_rejected(context, conference):
    return {**_enterprise(context), "reason": context.get("reason", "")}


@email_kind("registration_waitlisted", _("Registration waitlisted"), ["enterprise", "reason"])
def registration_waitlisted(context, conference):
    return {**_enterprise(context), "reason": context.get("reason", "")}


@email_kind("registration_information_requested", _("Information requested"),
            ["enterprise", "message"])
def information_requested(context, conference):
    return {**_enterprise(context), "message": context.get("message", "")}


@email_kind("registration_reopened", _("Registration back under review"),
            ["enterprise", "changes"])
def registration_reopened(context, conference):
    return {**_enterprise(context), "changes": context.get("changes", [])}


@email_kind("rereview_needed", _("Re-review needed (to organizers)"),
            ["enterprise", "changes", "review_url"], overridable=False)
def rereview_needed(context, conference):
    return {**_enterprise(context), "changes": context.get("changes", []),
            "review_url": link("admin:accounts_registration_change", context["registration"])}


@email_kind("registration_answered", _("Answer to a request for information (to organizers)"),
            ["enterprise", "note", "review_url"], overridable=False)
def registration_answered(context, conference):
    return {**_enterprise(context), "note": context.get("note", ""),
            "review_url": link("admin:accounts_registration_change", context["registration"])}


@email_kind("invitation", _("Invitation"), ["enterprise", "accept_url", "expires"])
def invitation(context, conference):
    expires = dt.datetime.fromisoformat(context["expires_at"])
    return {**_enterprise(context), "accept_url": context["accept_url"],
            "expires": date_time(expires, conference)}


@email_kind("password_reset", _("Password reset"), ["email", "reset_url"], overridable=False)
def password_reset(context, conference):
    return {"email": context["email"], "reset_url": context["reset_url"]}
