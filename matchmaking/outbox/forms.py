"""Forms of the outbox: the password reset that queues its e-mail, organizers' wording,
bulk mail."""

import uuid

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils import translation

from matchmaking.outbox import notices
from matchmaking.outbox.selectors import user_recipient


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the e-mail going through the outbox in the user's
    language instead of straight to the mail server."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        user = context["user"]
        with translation.override(user_recipient(user).language):
            path = reverse("accounts:password_reset_confirm",
                           kwargs={"uidb64": context["uid"], "token": context["token"]})
        notices.queue_password_reset(
            user=user, reset_url=f"{context['protocol']}://{context['domain']}{path}",
            key=f"password_reset:{user.pk}:{uuid.uuid4().hex}")
