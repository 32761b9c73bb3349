"""The e-mail each company gets when a schedule is published: on the first publication all
its meetings, later only what changed for it (see ScheduleDiff.to_notify)."""

from matchmaking.outbox.notices import MeetingChange, queue_schedule_notice
from matchmaking.services.schedule_diff import CANCELLED, KEPT, MOVED, NEW, ScheduleDiff


def notify_companies(diff: ScheduleDiff) -> None:
    """Queue the notices after the diff was applied (every change then has its row)."""
    conference = diff.run.conference
    for company in diff.to_notify():
        if diff.first:
            meetings, changes = [c.meeting for c in company.meetings], None
        else:
            meetings, changes = [], [
                MeetingChange(c.meeting, kind,
                              old_slot=c.before.slot if kind == MOVED else None,
                              old_table=c.before.place if kind == MOVED else None)
                for kind in (KEPT, MOVED, NEW, CANCELLED) for c in company.by_kind[kind]]
        queue_schedule_notice(enterprise=company.enterprise, conference=conference,
                              meetings=meetings, changes=changes, run=diff.run)
