"""Baselines: written from a run, they silence exactly its failing findings, wherever the lines move."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "jiangsu-draft.md").read_text(encoding="utf-8")
NEW_DISCREPANCY = "\n江苏今年将新建5G基站5.4万座。\n"


@pytest.fixture()
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def findings(*args: str) -> tuple[int, list[dict[str, object]], int]:
    status, out, _ = invoke("--format", "json", *args)
    data = json.loads(out)
    return status, [f for file in data["files"] for f in file["findings"]], data["suppressed"]


def test_write_baseline_records_the_failing_findings(news: Path) -> None:
    status, out, err = invoke("--write-baseline", "baseline.json", "drafts/a.md")
    assert status == 0 and out == ""
    assert err == "factcheck: wrote 4 findings to the baseline baseline.json\n"
    data = json.loads((news / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {(r["text"], r["verdict"], r["reason"]) for r in data["findings"]} == {
        ("5.3万座", "discrepancy", "value"), ("127万元", "discrepancy", "unit"),
        ("10倍", "discrepancy", "subject"), ("252.7亿元", "discrepancy", "value"),
    }
    assert all(r["path"] == "drafts/a.md" and r["claim"] and r["fact"] for r in data["findings"])
    assert all("line" not in r for r in data["findings"])  # keyed on content, not position


def test_baseline_silences_exactly_its_findings(news: Path) -> None:
    _, before, _ = findings("drafts/a.md")
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    status, after, suppressed = findings("--baseline", "baseline.json", "drafts/a.md")
    assert status == 0 and suppressed == 4
    assert after == [f for f in before if f["verdict"] != "discrepancy"]


def test_a_new_discrepancy_still_fails(news: Path) -> None:
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    with open(news / "drafts" / "a.md", "a", encoding="utf-8") as draft:
        draft.write(NEW_DISCREPANCY)
    status, after, suppressed = findings("--baseline", "baseline.json", "drafts/a.md")
    assert status == 1 and suppressed == 4
    assert [f["text"] for f in after if f["verdict"] == "discrepancy"] == ["5.4万座"]


def test_entries_survive_moved_and_rewrapped_lines(news: Path) -> None:
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    moved = EXAMPLE.replace("# 江苏制造业复工复产再提速\n", "# 江苏制造业复工复产再提速\n\n编者按:一段新的导语。\n\n另一段。\n")
    moved = moved.replace("今年江苏将新建5G基站5.3万座,", "今年江苏将新建5G基站5.3万座,\n")  # re-wrapped
    (news / "drafts" / "a.md").write_text(moved, encoding="utf-8")
    status, after, suppressed = findings("--baseline", "baseline.json", "drafts/a.md")
    assert status == 0 and suppressed == 4


def test_editing_the_figure_brings_it_back(news: Path) -> None:
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    (news / "drafts" / "a.md").write_text(EXAMPLE.replace("252.7亿元", "252.8亿元"), encoding="utf-8")
    status, after, suppressed = findings("--baseline", "baseline.json", "drafts/a.md")
    assert status == 1 and suppressed == 3
    assert [f["text"] for f in after if f["verdict"] == "discrepancy"] == ["252.8亿元"]


def test_each_entry_silences_one_occurrence(news: Path) -> None:
    (news / "drafts" / "b.md").write_text("江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    invoke("--write-baseline", "baseline.json", "drafts/b.md")
    (news / "drafts" / "b.md").write_text("江苏今年将新建5G基站5.3万座。\n\n江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    status, after, suppressed = findings("--baseline", "baseline.json", "drafts/b.md")
    assert status == 1 and suppressed == 1 and [f["line"] for f in after] == [3]


def test_fail_on_decides_what_is_recorded(news: Path) -> None:
    invoke("--write-baseline", "baseline.json", "--fail-on", "unverified", "drafts/a.md")
    data = json.loads((news / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(r["verdict"] for r in data["findings"]) == ["discrepancy"] * 4 + ["unverified"]
    assert findings("--baseline", "baseline.json", "--fail-on", "unverified", "drafts/a.md")[0] == 0


def test_paths_are_relative_to_the_baseline_file(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    monkeypatch.chdir(news / "drafts")
    assert findings("--baseline", "../baseline.json", "a.md")[2] == 4


def test_baseline_in_config_is_relative_to_it(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("--write-baseline", "baseline.json", "drafts/a.md")
    (news / ".factcheck.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    monkeypatch.chdir(news / "drafts")
    assert findings("a.md")[0] == 0


def test_writing_is_deterministic(news: Path) -> None:
    invoke("--write-baseline", "one.json", "drafts/a.md")
    invoke("--write-baseline", "two.json", "drafts/a.md")
    assert (news / "one.json").read_bytes() == (news / "two.json").read_bytes()


@pytest.mark.parametrize("broken", ["os.replace", "os.fsync"])
def test_a_failed_write_leaves_the_old_baseline_whole(news: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    (news / "baseline.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(broken, disk_full)
    status, _, err = invoke("--write-baseline", "baseline.json", "drafts/a.md")
    assert status == 2
    assert err == f"factcheck: error: baseline.json: cannot write the baseline: {os.strerror(errno.ENOSPC)}\n"
    assert (news / "baseline.json").read_text(encoding="utf-8") == '{"version": 1, "findings": []}\n'
    assert sorted(p.name for p in news.iterdir()) == ["baseline.json", "drafts"]  # no temporary file left


BROKEN_BASELINES = {
    "not JSON": ('{"version": 1,\n  "findings": [\n', "baseline.json:3: not a factcheck baseline"),
    "another version": ('{"version": 2, "findings": []}', "not a factcheck baseline (version 1"),
    "entry without fields": ('{"version": 1, "findings": [{"path": "a"}]}', "finding 1: needs text fields"),
}


@pytest.mark.parametrize("text,message", BROKEN_BASELINES.values(), ids=BROKEN_BASELINES.keys())
def test_a_broken_baseline_is_an_input_error(news: Path, text: str, message: str) -> None:
    (news / "baseline.json").write_text(text, encoding="utf-8")
    status, out, err = invoke("--baseline", "baseline.json", "drafts/a.md")
    assert status == 2 and out == "" and message in err and err.startswith("factcheck: error: ")


def test_a_missing_baseline_says_how_to_make_one(news: Path) -> None:
    status, _, err = invoke("--baseline", "nope.json", "drafts/a.md")
    assert status == 2
    assert err == "factcheck: error: nope.json: no such baseline file (make one with --write-baseline nope.json)\n"
