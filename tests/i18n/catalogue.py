"""A small reader for the project's gettext catalogue, so the tests need no polib."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

PO_PATH = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')
_CONTINUATION = re.compile(r'^"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[k] for k in sorted(self.msgstr)]


def parse_po(path: Path = PO_PATH) -> list[Entry]:
    """Entries of a .po file, header included (msgid ""), obsolete ones left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                entries.append(current)
                current = None
            if line.startswith("#,"):
                current = current or Entry(line=number)
                current.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if match := _KEYWORD.match(line):
            keyword, index, text = match.groups()
            if keyword in ("msgctxt", "msgid") and current is not None and current.msgstr:
                entries.append(current)
                current = None
            current = current or Entry(line=number)
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index) if index else 0)
                current.msgstr[target[1]] = _unquote(text)
            else:
                target = (keyword, None)
                setattr(current, keyword, _unquote(text))
            continue
        if (match := _CONTINUATION.match(line)) and current is not None and target:
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(match.group(1))
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(match.group(1)))
            continue
        raise ValueError(f"{path}:{number}: cannot parse {raw!r}")
    if current is not None:
        entries.append(current)
    return entries


PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*\d*(?:\.\d+)?(?P<kind>[sdifrx%])")


def placeholders(text: str) -> tuple[frozenset[str], int]:
    """Named placeholders (with their conversion) and the number of positional ones."""
    named, positional = set(), 0
    for match in PLACEHOLDER.finditer(text):
        if match.group("kind") == "%":
            continue
        if match.group("name"):
            named.add(f"%({match.group('name')}){match.group('kind')}")
        else:
            positional += 1
    return frozenset(named), positional
