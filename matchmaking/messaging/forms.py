from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.messaging.models import MESSAGE_MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("Plain text, at most %(max)d characters.") % {"max": MESSAGE_MAX_LENGTH})
