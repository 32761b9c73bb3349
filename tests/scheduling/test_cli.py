"""The command line: results to files or stdout, one-line errors with exit status 2."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .builders import make_instance, make_slots, random_bipartite

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduling", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def write(tmp_path: Path, data, name: str = "instance.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_cli_writes_the_result_file(tmp_path, spec_example):
    out = tmp_path / "result.json"

    done = run_cli("solve", write(tmp_path, spec_example), "-o", str(out), "--time-limit", "2")

    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["meetings"] == [{"request": "r-17", "slot": "D1-0930", "table": 1}]


def test_cli_writes_to_stdout_without_output_option(tmp_path, spec_example):
    done = run_cli("solve", write(tmp_path, spec_example), "--time-limit", "2")

    assert done.returncode == 0
    assert json.loads(done.stdout)["objective"]["weight"] == 3


def _broken(spec: dict, how: str) -> dict:
    bad = copy.deepcopy(spec)
    if how == "unknown company":
        bad["requests"][0]["b"] = "nobody"
    elif how == "duplicate company":
        bad["companies"].append({"id": "acme-us"})
    elif how == "self meeting":
        bad["requests"][0]["b"] = "acme-us"
    elif how == "zero weight":
        bad["requests"][0]["weight"] = 0
    elif how == "negative tables":
        bad["slots"][0]["tables"] = -1
    elif how == "overlapping slots":
        bad["slots"][1]["start"] = "2026-06-19T09:15:00+08:00"
    elif how == "naive datetime":
        bad["slots"][0]["start"] = "2026-06-19T09:00:00"
    elif how == "fixed outside availability":
        bad["companies"][0]["available"] = ["D1-0900"]
    elif how == "wrong format":
        bad["format"] = "matchmaking-schedule/9"
    elif how == "unknown previous slot":
        bad["requests"][0]["previous"] = "D9-0900"
    elif how == "pair fixed twice in one slot":
        bad["companies"][0]["seats"] = 2
        bad["companies"][1]["seats"] = 2
        bad["requests"].append({"id": "r-18", "a": "jiangsu-soft", "b": "acme-us"})
        bad["fixed"].append({"request": "r-18", "slot": "D1-0930"})
    return bad


@pytest.mark.parametrize(
    "how",
    [
        "unknown company",
        "duplicate company",
        "self meeting",
        "zero weight",
        "negative tables",
        "overlapping slots",
        "naive datetime",
        "fixed outside availability",
        "wrong format",
        "unknown previous slot",
        "pair fixed twice in one slot",
    ],
)
def test_cli_rejects_invalid_instance_with_one_line(tmp_path, spec_example, how):
    done = run_cli("solve", write(tmp_path, _broken(spec_example, how)))

    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("problem", ["bad json", "missing file", "bad option"])
def test_cli_reports_unusable_input_with_one_line(tmp_path, problem):
    if problem == "bad json":
        args = ["solve", write(tmp_path, "{not json")]
    elif problem == "missing file":
        args = ["solve", str(tmp_path / "absent.json")]
    else:
        args = ["solve", write(tmp_path, "{}"), "--time-limit", "soon"]

    done = run_cli(*args)

    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_result_does_not_depend_on_hash_seed(tmp_path):
    instance = random_bipartite(11, side=8, n_slots=5, density=0.5, tables=3)
    instance["companies"][0]["available"] = [s["id"] for s in instance["slots"][:3]]
    instance["requests"][0]["weight"] = 4
    path = write(tmp_path, instance)

    outputs = []
    for hash_seed in ("1", "2", "12345"):
        done = run_cli("solve", path, "--time-limit", "5", "--seed", "4", hash_seed=hash_seed)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        result.pop("seconds")
        outputs.append(result)

    assert outputs[0] == outputs[1] == outputs[2]


def test_cli_accepts_an_instance_without_requests(tmp_path):
    instance = make_instance(make_slots(2, tables=1), ["a"], [])

    done = run_cli("solve", write(tmp_path, instance))

    assert done.returncode == 0
    assert json.loads(done.stdout)["meetings"] == []
