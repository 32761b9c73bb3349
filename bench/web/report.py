"""The printed table and its Markdown twin."""

import math

from bench.web.stats import Summary, Verdict, ratio


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def _ratio(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.2f}"


HEADER = ["endpoint", "app", "ops/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors",
          "product/bare req/s", "p95 product/bare"]


def rows(product: list[Summary], bare: list[Summary]) -> list[list[str]]:
    out = []
    for mine, theirs in zip(product, bare, strict=True):
        for app, row in (("product", mine), ("bare", theirs)):
            is_product = app == "product"
            out.append([
                row.endpoint if is_product else "", app, f"{row.ops_per_second:.1f}",
                f"{row.requests_per_second:.1f}", _ms(row.p50_ms), _ms(row.p95_ms),
                _ms(row.p99_ms), str(row.errors),
                _ratio(ratio(mine.requests_per_second, theirs.requests_per_second))
                if is_product else "",
                _ratio(ratio(mine.p95_ms, theirs.p95_ms)) if is_product else "",
            ])
    return out


def text_table(table: list[list[str]], header=HEADER) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *table,
                                                                        strict=True)]
    lines = ["  ".join(cell.ljust(width) if i < 2 else cell.rjust(width)
                       for i, (cell, width) in enumerate(zip(line, widths, strict=True)))
             for line in [header, *table]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown_table(table: list[list[str]], header=HEADER) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(" --- " if i < 2 else " ---: " for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(line) + " |" for line in table]
    return "\n".join(lines)


def verdict_lines(verdicts: list[Verdict]) -> list[str]:
    return [f"{v.word}  {v.target}: {v.measured}" for v in verdicts]


def markdown(*, context: list[str], table: list[list[str]], verdicts: list[Verdict],
             rounds: list[str], errors: list[str]) -> str:
    parts = ["## Web load: product against the bare app", "",
             *[f"- {line}" for line in context], "",
             markdown_table(table), "",
             "| target | measured | verdict |", "| --- | --- | --- |",
             *[f"| {v.target} | {v.measured} | {v.word} |" for v in verdicts], "",
             "Rounds (A/B interleaved, whole mix):", "",
             *[f"- {line}" for line in rounds]]
    if errors:
        parts += ["", "First errors:", "", *[f"- `{line}`" for line in errors]]
    return "\n".join(parts) + "\n"
