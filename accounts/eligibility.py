"""Machine-checked eligibility rules.

Results are stored as codes and numbers, not sentences, so each reader sees
the reason in their own language (`describe`).
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.models import Seniority
from matchmaking.display import formatting


@dataclass(frozen=True)
class RuleResult:
    code: str
    passed: bool
    applies: bool = True
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


RULE_LABELS = {
    "contract_value": gettext_lazy("Contract value of a foreign buyer"),
    "delegate_seniority": gettext_lazy("Delegate seniority"),
    "fields": gettext_lazy("Fields allowed"),
    "delegate_count": gettext_lazy("Delegates per enterprise"),
}


def evaluate(*, enterprise, conference, rules, delegates, field_ids) -> list[RuleResult]:
    """Every rule's result for one enterprise; delegates and field ids are passed in
    so a caller evaluating many registrations can prefetch them."""
    return [
        _contract_value(enterprise, conference, rules),
        _delegate_seniority(delegates, rules),
        _fields(field_ids, rules),
        _delegate_count(delegates, rules),
    ]


def _contract_value(enterprise, conference, rules) -> RuleResult:
    if not (enterprise.is_buyer and enterprise.is_foreign_for(conference)):
        return RuleResult("contract_value", passed=True, applies=False)
    value = enterprise.contract_value_usd
    minimum = rules.min_foreign_buyer_contract_usd
    return RuleResult(
        "contract_value",
        passed=value is not None and value >= minimum,
        params={"value": None if value is None else int(value), "minimum": int(minimum)},
    )


def _delegate_seniority(delegates, rules) -> RuleResult:
    below = [d.full_name for d in delegates if d.seniority < rules.min_delegate_seniority]
    return RuleResult(
        "delegate_seniority",
        passed=bool(delegates) and not below,
        params={"minimum": rules.min_delegate_seniority, "below": below},
    )


def _fields(field_ids, rules) -> RuleResult:
    allowed = sorted(f.pk for f in rules.allowed_fields.all())
    if not allowed:
        return RuleResult("fields", passed=True, applies=False)
    return RuleResult(
        "fields", passed=bool(set(field_ids) & set(allowed)), params={"allowed": allowed}
    )


def _delegate_count(delegates, rules) -> RuleResult:
    count = len(delegates)
    return RuleResult(
        "delegate_count",
        passed=rules.min_delegates <= count <= rules.max_delegates,
        params={"count": count, "min": rules.min_delegates, "max": rules.max_delegates},
    )


def describe(result: dict) -> str:
    """One sentence, in the active language, saying why a stored result passed or failed."""
    code, params = result["code"], result.get("params", {})
    if not result.get("applies", True):
        return _("Does not apply.")
    if code == "contract_value":
        if params.get("value") is None:
            return _("No contract value given; at least %(minimum)s is required.") % {
                "minimum": formatting.money(params["minimum"])
            }
        return _("Offers %(value)s; at least %(minimum)s is required.") % {
            "value": formatting.money(params["value"]),
            "minimum": formatting.money(params["minimum"]),
        }
    if code == "delegate_seniority":
        minimum = Seniority(params["minimum"]).label
        if params["below"]:
            return _("Below %(minimum)s: %(names)s.") % {
                "minimum": minimum,
                "names": ", ".join(params["below"]),
            }
        return _("Every delegate is %(minimum)s or more senior.") % {"minimum": minimum}
    if code == "fields":
        return _("Works in an allowed field.") if result["passed"] else _(
            "Works in none of the fields allowed."
        )
    if code == "delegate_count":
        return ngettext(
            "%(count)s delegate; between %(min)s and %(max)s allowed.",
            "%(count)s delegates; between %(min)s and %(max)s allowed.",
            params["count"],
        ) % params
    return code


def label(code: str) -> str:
    return str(RULE_LABELS.get(code, code))
