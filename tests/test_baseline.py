"""Baselines: written from a run, they silence exactly its failing findings, wherever the lines move."""

from __future__ import annotations

import errno
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from samples import invoke
from factcheck.baseline import Baseline
from factcheck.check import FileResult
from factcheck.model import Finding

from bounds import LINEAR, doubling_ratio, within

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "jiangsu-draft.md").read_text(encoding="utf-8")
NEW_DISCREPANCY = "\n江苏今年将新建5G基站5.4万座。\n"


@pytest.fixture()
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path




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


# ---- adversarial baselines (issue 17, points 3, 7 and 10) -------------------------------------------

def _findings_and_entries(n: int) -> tuple[list[FileResult], Baseline]:
    """n unverified findings in one file and n baseline entries for other sentences: none matches."""
    findings = tuple(
        Finding("a.md", i + 1, 1, 0, 2, f"{i}%", f"第{i}句增长{i}%。", "unverified", None, str(i), "%")
        for i in range(n)
    )
    entries = Counter(("a.md", "unverified", "", "", f"{i}%", f"另一句{i}增长{i}%") for i in range(n, 2 * n))
    return [FileResult("a.md", findings)], Baseline(Path("baseline.json"), entries)


def test_matching_a_large_baseline_is_quick() -> None:
    """10,000 findings against 10,000 entries took 17 s: every finding was compared with every entry."""
    results, baseline = _findings_and_entries(10_000)
    with within(5):
        kept, silenced = baseline.filter(results)
    assert len(kept[0].findings) == 10_000 and silenced == {}


def test_same_figure_many_times_is_compared_with_a_bounded_number_of_entries() -> None:
    """All findings alike but their sentences: the near pass stops after NEAR_LIMIT entries."""
    findings = tuple(Finding("a.md", i + 1, 1, 0, 2, "5%", f"句{i}增长5%", "unverified", None, "5", "%") for i in range(10_000))
    entries = Counter(("a.md", "unverified", "", "", "5%", f"别的{i}增长5%") for i in range(10_000))
    with within(5):
        kept, _ = Baseline(Path("baseline.json"), entries).filter([FileResult("a.md", findings)])
    assert len(kept[0].findings) == 10_000


def test_near_matches_still_silence() -> None:
    finding = Finding("a.md", 1, 1, 0, 2, "5%", "江苏增长5%", "unverified", None, "5", "%")
    entries = Counter([("a.md", "unverified", "", "", "5%", "今年江苏增长5%,好"), ("a.md", "unverified", "", "", "5%", "江苏增长5%")])
    kept, silenced = Baseline(Path("baseline.json"), entries).filter([FileResult("a.md", (finding, finding, finding))])
    assert len(kept[0].findings) == 1 and silenced == {"a.md": 2}  # one exact, one containing; each entry used once


@pytest.mark.slow
def test_matching_a_baseline_is_linear() -> None:
    assert doubling_ratio(_findings_and_entries, lambda made: made[1].filter(made[0]), 40_000) < LINEAR


def test_write_baseline_refuses_a_symbolic_link(news: Path) -> None:
    """--write-baseline wrote through a link: a committed link could aim it at any file."""
    (news / "notes.md").write_text("keep\n", encoding="utf-8")
    (news / "baseline.json").symlink_to(news / "notes.md")
    (news / "dangling.json").symlink_to(news / "created-by-a-link.md")
    for name in ("baseline.json", "dangling.json"):
        status, out, err = invoke("--write-baseline", name, "drafts/a.md")
        assert (status, out) == (2, "")
        assert err == f"factcheck: error: {name}: cannot write the baseline: a symbolic link (not followed: write to the file it points to)\n"
    assert (news / "notes.md").read_text(encoding="utf-8") == "keep\n"
    assert not (news / "created-by-a-link.md").exists()


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_baseline_that_is_not_a_regular_file_is_refused_unread(news: Path, special: str) -> None:
    """A link to /dev/zero was read without end; a FIFO waited for ever."""
    if special == "fifo":
        os.mkfifo(news / "baseline.json")
    else:
        (news / "baseline.json").symlink_to(special)
    with within(10):
        status, out, err = invoke("--baseline", "baseline.json", "drafts/a.md")
    assert (status, out) == (2, "")
    assert err == "factcheck: error: baseline.json: cannot read the baseline: not a regular file (a FIFO, device or socket)\n"


def test_a_baseline_nested_too_deeply(news: Path) -> None:
    (news / "baseline.json").write_text("[" * 100_000, encoding="utf-8")
    status, _, err = invoke("--baseline", "baseline.json", "drafts/a.md")
    assert status == 2 and err == "factcheck: error: baseline.json: not a factcheck baseline: nested too deeply\n"
