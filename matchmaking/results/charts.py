"""Horizontal bar charts drawn as SVG on the server: no script, no CDN, and the labels are
ordinary text in the reader's language."""

from dataclasses import dataclass

from matchmaking.display import formatting

ROW_HEIGHT = 24
LABEL_WIDTH = 190
BAR_WIDTH = 300
MAX_LABEL = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    display: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 4

    label_width = LABEL_WIDTH
    bar_x = LABEL_WIDTH + 6
    value_x_gap = 6
    total_width = LABEL_WIDTH + BAR_WIDTH + 120


def bar_chart(title: str, items: list[tuple[str, int]], *, money: bool = False,
              limit: int = 12, other_label: str = "", ordered: bool = False) -> Chart:
    """Largest first (or as given when `ordered`); beyond `limit` the rest are summed
    into one "other" bar."""
    if not ordered:
        items = sorted(items, key=lambda item: (-item[1], item[0]))
    if len(items) > limit:
        rest = sum(value for _label, value in items[limit - 1:])
        items = items[: limit - 1] + [(other_label, rest)]
    top = max((value for _label, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        shown = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        display = formatting.money(value) if money else formatting.number(value)
        width = max(1, round(BAR_WIDTH * value / top)) if value else 0
        bars.append(Bar(shown, value, display, index * ROW_HEIGHT, width))
    return Chart(title, bars)
