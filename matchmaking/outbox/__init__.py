"""The e-mail outbox: every e-mail is a row written in the transaction of the change that
causes it, sent by a Celery task after commit, retried with backoff, and swept by beat
when the broker missed it. Other code queues e-mail through `notices` (domain e-mails)
or `services.queue_email` (anything else)."""
