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
    chinese = _chinese()
    names = [
        (label.get("name_zh") if chinese else "") or label.get("name", "")
        for label in params.get("fields", [])
    ]
    # Field names may contain "and" ("Cartoon and animation"): a plain list reads better.
    separator = pgettext("separator of a list of industry fields", ", ")
    return _("both in %(fields)s") % {"fields": separator.join(names)}


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def _readable(words: list[str]) -> list[str]:
    """Only the words written in the reader's script: a Chinese sentence never carries
    English service names, nor an English one Chinese."""
    chinese = _chinese()
    return [word for word in words if bool(_CJK.search(word)) == chinese]


def _items(params: dict, name: str) -> list[str]:
    """The matched `name` ("phrases" or "terms") in the reader's language: from the
    profile texts in that language first, then any written in its script in the other
    texts (older reasons, or a Chinese word in the English field)."""
    mine, other = (f"{name}_zh", name) if _chinese() else (name, f"{name}_zh")
    found = _readable(params.get(mine) or [])
    return found + [word for word in _readable(params.get(other) or []) if word not in found]


def _name(params: dict, side: str) -> str:
    """A company's name in the reader's language where the reason carries one."""
    return (_chinese() and params.get(f"{side}_name_zh")) or params.get(f"{side}_name", "")


def _needs_offers(params: dict, reader_id: int | None) -> str:
    phrases = _items(params, "phrases")
    terms = [] if phrases else _items(params, "terms")
    if not phrases and not terms:
        return _needs_offers_without_items(params, reader_id)
    values = {
        "items": _and_list(phrases) if phrases else ", ".join(terms),
        "needer": _name(params, "needer"), "offerer": _name(params, "offerer"),
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
        "needer": _name(params, "needer"), "offerer": _name(params, "offerer")}


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
