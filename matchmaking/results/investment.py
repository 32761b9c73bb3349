"""The rule that turns the two sides' answers into one meeting's intended investment.

Per meeting (every live meeting of the conference):

1. An organizer's confirmation, when there is one, is the value (and says whether an
   agreement was signed); it overrides both answers.
2. An answer *counts* when its result is "cooperation likely" or "agreement signed" and it
   gives a value above zero.
3. No answer counts: the meeting adds nothing.
4. Every answer given counts (one side answered, or both): the meeting adds the **larger**
   of the values. It is a signed agreement when every answer given says "signed".
5. One side's answer counts and the other's does not ("did not take place", "no fit",
   "informative"): the answers disagree, the meeting is **disputed** and adds nothing
   until an organizer confirms a value.

The conference's intentional cooperation investment is the sum over its meetings;
signed agreements are counted apart (their number and value) and are part of the sum.
A follow-up answer at 3 or 6 months replaces that side's earlier answer, so the sum
follows the latest word of each side.

Pure Python: the selectors feed it plain values, the tests hand-computed cases.
"""

from dataclasses import dataclass

COUNTING = ("likely", "signed")


class Status:
    NONE = "none"
    COUNTED = "counted"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


@dataclass(frozen=True)
class Answer:
    result: str
    value: int | None = None
    field_id: int | None = None

    @property
    def counts(self) -> bool:
        return self.result in COUNTING and bool(self.value)


@dataclass(frozen=True)
class Confirmation:
    value: int
    signed: bool = False
    field_id: int | None = None


@dataclass(frozen=True)
class MeetingValue:
    value: int
    status: str
    signed: bool = False
    field_id: int | None = None
    # What the counting answers claim, shown for a disputed meeting.
    claimed: int = 0

    @property
    def counted(self) -> bool:
        return self.status in (Status.COUNTED, Status.CONFIRMED)


def reconcile(answers: list[Answer], confirmation: Confirmation | None = None) -> MeetingValue:
    """One meeting's value under the rule above."""
    fields = [a.field_id for a in sorted(answers, key=lambda a: -(a.value or 0)) if a.field_id]
    field_id = fields[0] if fields else None
    if confirmation is not None:
        return MeetingValue(int(confirmation.value), Status.CONFIRMED, confirmation.signed,
                            confirmation.field_id or field_id)
    counting = [a for a in answers if a.counts]
    if not counting:
        return MeetingValue(0, Status.NONE, field_id=field_id)
    largest = max(int(a.value) for a in counting)
    if len(counting) < len(answers):
        return MeetingValue(0, Status.DISPUTED, field_id=field_id, claimed=largest)
    signed = all(a.result == "signed" for a in counting)
    return MeetingValue(largest, Status.COUNTED, signed, field_id, claimed=largest)
