"""Recommendation reasons in the reader's language.

Reasons are stored as codes with parameters ([{"code": "fields", "params": {...}}]) so
that each reader sees them in their own language and from their own side: with
`reader_id`, "you need X, which they offer"; without, the companies are named.
"""

import re
from collections.abc import Iterable

from django.utils.text import get_text_list
from django.utils.translation import get_language, get_language_info, pgettext
from django.utils.translation import gettext as _

from matchmaking.display import formatting

_CJK = re.compile(r"[\u3400-\u9fff]")
# Delegates write "zh"; Django knows the script variants only.
_LANGUAGE_ALIASES = {"zh": "zh-hans"}


def describe_reason(reason: dict, *, reader_id: int | None = None) -> str:
    """One reason as a sentence fragment, e.g. "both in pharmaceutical R&D"."""
    params = reason.get("params") or {}
    render = _RENDERERS.get(reason.get("code", ""))
    if render is None:
        # A code from a newer version of the scorer: say something rather than nothing.
        return str(reason.get("code") or _("other reason"))
    return render(params, reader_id)


def describe_reasons(reasons: Iterable[dict], *, reader_id: int | None = None) -> list[str]:
    return [describe_reason(reason, reader_id=reader_id) for reason in reasons]


def _and_list(items: Iterable[str]) -> str:
    return str(get_text_list(list(items), _("and")))


def _fields(params: dict, reader_id: int | None) -> str:
    chinese = (get_language() or "").startswith("zh")
    names = [
        (label.get("name_zh") if chinese else "") or label.get("name", "")
        for label in params.get("fields", [])
    ]
    # Field names may contain "and" ("Cartoon and animation"): a plain list reads better.
    separator = pgettext("separator of a list of industry fields", ", ")
    return _("both in %(fields)s") % {"fields": separator.join(names)}


def _readable(words: list[str]) -> list[str]:
    """Only the words written in the reader's script: a Chinese sentence never carries
    English service names, nor an English one Chinese (the profile has no translation of
    them, so the sentence says it without the items)."""
    chinese = (get_language() or "").startswith("zh")
    return [word for word in words if bool(_CJK.search(word)) == chinese]


def _needs_offers(params: dict, reader_id: int | None) -> str:
    phrases = _readable(params.get("phrases") or [])
    terms = _readable(params.get("terms") or [])
    if not phrases and not terms:
        return _needs_offers_without_items(params, reader_id)
    values = {
        "items": _and_list(phrases) if phrases else ", ".join(terms),
        "needer": params.get("needer_name", ""), "offerer": params.get("offerer_name", ""),
    }
    if reader_id is not None and reader_id == params.get("needer"):
        text = (_("you need %(items)s, which they offer") if phrases else
                _("what they offer is close to what you need (%(items)s)"))
    elif reader_id is not None and reader_id == params.get("offerer"):
        text = (_("they need %(items)s, which you offer") if phrases else
                _("what you offer is close to what they need (%(items)s)"))
    else:
        text = (_("%(needer)s needs %(items)s, which %(offerer)s offers") if phrases else
                _("what %(offerer)s offers is close to what %(needer)s needs (%(items)s)"))
    return text % values


def _needs_offers_without_items(params: dict, reader_id: int | None) -> str:
    if reader_id is not None and reader_id == params.get("needer"):
        return _("what they offer matches what you need")
    if reader_id is not None and reader_id == params.get("offerer"):
        return _("what you offer matches what they need")
    return _("what %(offerer)s offers matches what %(needer)s needs") % {
        "needer": params.get("needer_name", ""), "offerer": params.get("offerer_name", "")}


def _size(params: dict, reader_id: int | None) -> str:
    values = {
        "value": formatting.money(params.get("contract_value_usd", 0)),
        "employees": formatting.number(params.get("employees", 0)),
    }
    fit = params.get("fit")
    if fit == "good":
        return _("a %(value)s contract suits a supplier of %(employees)s employees") % values
    if fit == "stretch":
        return _("a %(value)s contract stretches a supplier of %(employees)s employees"
                 ) % values
    return _("a %(value)s contract is large for a supplier of %(employees)s employees"
             ) % values


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(_LANGUAGE_ALIASES.get(code, code))["name_translated"])
    except KeyError:
        return code


def _languages(params: dict, reader_id: int | None) -> str:
    names = [_language_name(code) for code in params.get("languages", [])]
    return _("the delegates share %(languages)s") % {"languages": _and_list(names)}


def _interest(params: dict, reader_id: int | None) -> str:
    sources = params.get("from") or []
    if len(sources) > 1:
        return _("both sides asked to meet")
    if reader_id is not None:
        return (_("you showed interest in them") if reader_id in sources
                else _("they showed interest in you"))
    names = params.get("names") or []
    return _("%(name)s showed interest") % {"name": names[0] if names else ""}


_RENDERERS = {
    "fields": _fields,
    "needs_offers": _needs_offers,
    "size": _size,
    "languages": _languages,
    "interest": _interest,
}
