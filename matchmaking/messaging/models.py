"""Conversation threads between two companies of a conference, and who read what."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Long enough for a business note, short enough to stay a message (not a document).
MESSAGE_MAX_LENGTH = 2000


class ThreadQuerySet(models.QuerySet):
    def involving(self, enterprise_id: int):
        return self.filter(Q(low_id=enterprise_id) | Q(high_id=enterprise_id))


class Thread(models.Model):
    """The one conversation of a pair of companies at a conference; it may start once a
    meeting request exists between them (in either direction, in any state)."""

    conference = models.ForeignKey("events.Conference", on_delete=models.CASCADE,
                                   related_name="threads", verbose_name=_("conference"))
    # The pair with the smaller id first, so a pair has one thread whoever starts it.
    low = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE, related_name="+",
                            verbose_name=_("company"))
    high = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("other company"))
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True,
                                           db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("message thread")
        verbose_name_plural = _("message threads")
        ordering = [F("last_message_at").desc(nulls_last=True), "-id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "low", "high"],
                                    name="one_thread_per_pair",
            violation_error_message=_(
                "These two companies already have a conversation at this conference.")),
            models.CheckConstraint(condition=Q(low__lt=F("high")), name="thread_pair_ordered",
            violation_error_message=_("A conversation is between two different companies.")),
        ]

    def __str__(self):
        return f"{self.low} ↔ {self.high}"

    @property
    def side_ids(self) -> tuple[int, int]:
        return (self.low_id, self.high_id)

    def counterpart_of(self, enterprise_id: int):
        return self.high if enterprise_id == self.low_id else self.low


class Message(models.Model):
    """Plain text written by a company user (or a partner system acting for the company);
    shown escaped, never as HTML."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages",
                               verbose_name=_("thread"))
    sender = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE,
                               related_name="sent_messages", verbose_name=_("from"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("written by"))
    partner = models.ForeignKey("accounts.Partner", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("sent by partner"))
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self):
        return f"{self.sender} @ {self.created_at:%Y-%m-%d %H:%M}"


class ThreadReader(models.Model):
    """One side of a thread: what it has read, how many messages wait for it, and when the
    e-mail about new messages goes (at most one per MESSAGE_EMAIL_INTERVAL_MINUTES)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="readers")
    enterprise = models.ForeignKey("accounts.Enterprise", on_delete=models.CASCADE,
                                   related_name="+")
    last_read_id = models.PositiveBigIntegerField(_("read up to message"), default=0)
    unread = models.PositiveIntegerField(_("unread"), default=0)
    email_due_at = models.DateTimeField(_("next e-mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("thread reader")
        verbose_name_plural = _("thread readers")
        constraints = [models.UniqueConstraint(fields=["thread", "enterprise"],
                                               name="one_reader_per_side",
            violation_error_message=_("This company already follows this conversation."))]

    def __str__(self):
        return f"{self.enterprise}: {self.unread}"
