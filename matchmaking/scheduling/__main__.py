"""Command line: python -m matchmaking.scheduling solve INSTANCE.json [-o RESULT.json].

Exit 0 when a result was written, 2 with one line on stderr when the instance
or the command line is unusable (never a traceback for those).
"""

from __future__ import annotations

import argparse
import json
import sys

from .instance import InvalidInstance
from .solver import solve


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the whole usage block
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m matchmaking.scheduling")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("solve", help="schedule an instance file")
    run.add_argument("instance", help="instance JSON file")
    run.add_argument("-o", "--output", default="-", help="result file, '-' for stdout")
    run.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    run.add_argument("--seed", type=int, default=0)
    return parser


def _load(path: str):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _UsageError(f"{path} is not valid JSON: {exc}") from exc


def _write(path: str, result: dict) -> None:
    text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    if path == "-":
        sys.stdout.write(text)
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise _UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.time_limit <= 0:
            raise _UsageError("--time-limit must be > 0")
        result = solve(_load(args.instance), time_limit=args.time_limit, seed=args.seed)
        _write(args.output, result)
    except (_UsageError, InvalidInstance) as exc:
        message = " ".join(str(exc).split())  # one line whatever the cause says
        print(f"error: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
