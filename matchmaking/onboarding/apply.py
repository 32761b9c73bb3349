"""The public application form, its e-mail confirmation, and the applicant's answer to
a request for information (on the portal)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import eligibility
from accounts.models import Registration, RegistrationStatus
from accounts.services import resubmit_registration
from events.errors import DomainError
from events.models import Conference, ConferenceStatus
from matchmaking import abuse
from matchmaking.onboarding.forms import (
    ApplicantDelegateFormSet,
    ApplicationForm,
    ResubmitForm,
    delegate_values,
)
from matchmaking.onboarding.services import (
    ApplicationInput,
    confirm_application,
    submit_application,
)
from matchmaking.onboarding.services.applications import pending_application
from matchmaking.onboarding.views import invalid_link, set_password_page
from matchmaking.outbox.values import conference_name
from matchmaking.portal.access import company_view, render_portal


def rules_for_reader(results: list[dict]) -> list[dict]:
    return [{"label": eligibility.label(r["code"]), "text": eligibility.describe(r),
             "passed": r["passed"], "applies": r.get("applies", True)} for r in results]


def over_rate(request) -> bool:
    """Count this POST against the client's hourly allowance (shared cache)."""
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"apply-rate:{abuse.client_address(request)}:{hour}"
    return abuse.increment(key, timeout=3600) > settings.APPLICATION_RATE_PER_HOUR


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    conference = get_object_or_404(Conference, slug=slug)
    context = {"conference": conference, "conference_title": conference_name(conference)}
    if conference.status != ConferenceStatus.REGISTRATION_OPEN:
        return render(request, "onboarding/apply_closed.html", context, status=404)
    if request.method == "POST" and over_rate(request):
        return render(request, "onboarding/apply_limited.html", context, status=429)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ApplicationForm(data, files, conference=conference, prefix="enterprise")
    delegates = ApplicantDelegateFormSet(data, prefix="delegates")
    if data is not None and form.is_bot:
        # Answer as if it worked, so the software learns nothing.
        return render(request, "onboarding/apply_sent.html", {**context, "rules": []})
    if data is None or not (form.is_valid() and delegates.is_valid()):
        return render(request, "onboarding/apply.html",
                      {**context, "form": form, "delegates": delegates},
                      status=400 if data is not None else 200)
    try:
        application = submit_application(conference=conference, data=_input(form, delegates))
    except DomainError as error:
        form.add_error(None, error.message)
        return render(request, "onboarding/apply.html",
                      {**context, "form": form, "delegates": delegates}, status=400)
    return render(request, "onboarding/apply_sent.html", {
        **context, "application": application,
        "rules": rules_for_reader(application.rule_results)})


def _input(form, delegates) -> ApplicationInput:
    data = form.cleaned_data
    return ApplicationInput(
        email=data["contact_email"], contact_name=data["contact_name"],
        language=translation.get_language(), enterprise=form.enterprise_values(),
        delegates=delegate_values(delegates), evidence=data.get("evidence"),
        evidence_description=data.get("evidence_description", ""))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        application = pending_application(token)
    except DomainError as error:
        return invalid_link(request, error)

    def complete(password):
        registration = confirm_application(token=token, password=password)
        return registration.enterprise.users.get()

    return set_password_page(
        request, template="onboarding/confirm.html",
        context={"application": application,
                 "conference_title": conference_name(application.conference),
                 "rules": rules_for_reader(application.rule_results)},
        complete=complete,
        success=_("Your application is submitted. You can follow it here."))


@company_view
@require_http_methods(["GET", "POST"])
def answer(request, registration_id):
    """The applicant answers a request for information and sends the registration back to
    review (after correcting the profile, if asked)."""
    registration = get_object_or_404(Registration.objects.select_related("conference"),
                                     pk=registration_id, enterprise=request.portal.enterprise)
    context = {"registration": registration,
               "conference_title": conference_name(registration.conference)}
    if registration.status != RegistrationStatus.INFORMATION_REQUESTED:
        messages.info(request, _("This registration is not waiting for your answer."))
        return redirect("portal:dashboard")
    form = ResubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resubmit_registration(registration=registration, actor=request.user,
                                  note=form.cleaned_data["note"],
                                  evidence=form.cleaned_data.get("evidence"))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your registration is back with the "
                                        "organizers for review."))
            return redirect("portal:dashboard")
    return render_portal(request, "onboarding/answer.html", {**context, "form": form},
                         status=400 if form.errors else 200)
