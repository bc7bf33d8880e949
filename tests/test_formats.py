"""Every output format on the example drafts, checked for its structure, and against hostile draft text.

The drafts are copied into a temporary folder and checked by relative path,
as CI does; the folder has no configuration file, so only defaults apply.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
DRAFT_SOURCES = sorted(ROOT.glob("examples/*.md")) + sorted(p for p in (ROOT / "tests" / "drafts").iterdir() if p.suffix in (".md", ".txt"))
# The OASIS SARIF 2.1.0 schema, whole: see tests/test_ci_formats.py for its source and licence.
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FORMATS = ("table", "plain", "json", "github", "sarif", "junit", "markdown")
MACHINE_FORMATS = ("json", "github", "sarif", "junit")

# The JSON contract (`--format json`, version 1): every key, with its type.
_TEXT_OR_NULL = {"type": ["string", "null"]}
JSON_CONTRACT: dict[str, Any] = {
    "type": "object",
    "required": ["version", "files", "summary"],
    "properties": {
        "version": {"const": 1},
        "files": {"type": "array", "items": {
            "type": "object", "required": ["path", "findings"], "properties": {
                "path": {"type": "string"},
                "findings": {"type": "array", "items": {"$ref": "#/definitions/finding"}},
            },
        }},
        "summary": {
            "type": "object", "required": ["agree", "discrepancy", "unverified"],
            "properties": {v: {"type": "integer", "minimum": 0} for v in ("agree", "discrepancy", "unverified")},
        },
    },
    "definitions": {"finding": {
        "type": "object",
        "required": ["line", "column", "start", "end", "text", "claim", "subject", "verdict", "reason", "value", "unit", "expected", "fact", "score"],
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text": {"type": "string", "minLength": 1},
            "claim": {"type": "string"},
            "subject": _TEXT_OR_NULL,
            "verdict": {"enum": ["agree", "discrepancy", "unverified"]},
            "reason": {"enum": ["value", "unit", "direction", "period", "subject", "qualifier", None]},
            "value": _TEXT_OR_NULL,
            "unit": _TEXT_OR_NULL,
            "expected": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["text", "value", "unit", "subject"],
                "properties": {"text": {"type": "string"}, "value": _TEXT_OR_NULL, "unit": _TEXT_OR_NULL, "subject": _TEXT_OR_NULL},
            }]},
            "fact": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["id", "source", "quote"],
                "properties": {"id": {"type": "string"}, "source": {"type": "string"}, "quote": {"type": "string"}},
            }]},
            "score": {"type": "number", "minimum": 0, "maximum": 1},
        },
    }},
}


@pytest.fixture()
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The example and labelled drafts, copied to ./drafts of a clean working folder."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for source in DRAFT_SOURCES:
        shutil.copy(source, folder / source.name)
    monkeypatch.chdir(tmp_path)
    return [f"drafts/{p.name}" for p in DRAFT_SOURCES]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def findings_of(paths: list[str]) -> list[dict[str, Any]]:
    _, out = run("--format", "json", *paths)
    return [f for file in json.loads(out)["files"] for f in file["findings"]]


def test_json_keeps_the_contract(drafts: list[str]) -> None:
    _, out = run("--format", "json", *drafts)
    data = json.loads(out)
    jsonschema.validate(data, JSON_CONTRACT)
    assert [f["path"] for f in data["files"]] == drafts
    for file in data["files"]:
        text = Path(file["path"]).read_text(encoding="utf-8")
        for finding in file["findings"]:
            assert text[finding["start"]:finding["end"]] == finding["text"]
            assert (finding["expected"] is None) == (finding["verdict"] != "discrepancy")
    verdicts = [f["verdict"] for file in data["files"] for f in file["findings"]]
    assert data["summary"] == {v: verdicts.count(v) for v in ("agree", "discrepancy", "unverified")}


def test_sarif_is_what_code_scanning_accepts(drafts: list[str]) -> None:
    _, out = run("--format", "sarif", *drafts)
    data = json.loads(out)
    jsonschema.validate(data, SARIF_SCHEMA)
    run_ = data["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rules == [f"discrepancy/{r}" for r in ("value", "unit", "direction", "period", "subject", "qualifier")] + ["unverified"]
    assert run_["columnKind"] == "unicodeCodePoints"
    expected = [f for f in findings_of(drafts) if f["verdict"] != "agree"]
    assert len(run_["results"]) == len(expected)
    for result, finding in zip(run_["results"], expected):
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert region["endColumn"] - region["startColumn"] == len(finding["text"])
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("drafts/") and not uri.startswith("/")


def test_junit_counts(drafts: list[str]) -> None:
    _, out = run("--format", "junit", *drafts)
    root = ET.fromstring(out.encode("utf-8"))
    findings = findings_of(drafts)
    assert root.tag == "testsuites"
    assert int(root.get("tests", -1)) == len(findings)
    assert int(root.get("failures", -1)) == sum(f["verdict"] == "discrepancy" for f in findings)
    suites = root.findall("testsuite")
    assert sum(int(s.get("skipped", -1)) for s in suites) == sum(f["verdict"] == "unverified" for f in findings)
    assert [s.get("name") for s in suites] == drafts
    assert sum(len(s.findall("testcase")) for s in suites) == len(findings)
    assert len(root.findall(".//failure")) == int(root.get("failures", -1))


def test_github_lines_are_all_workflow_commands(drafts: list[str]) -> None:
    _, out = run("--format", "github", *drafts)
    lines = out.splitlines()
    findings = findings_of(drafts)
    assert all(line.startswith("::") for line in lines)
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels.count("::error") == sum(f["verdict"] == "discrepancy" for f in findings)
    assert levels[:-1].count("::notice") == sum(f["verdict"] == "unverified" for f in findings)
    assert lines[-1].startswith("::notice title=factcheck::")


def test_markdown_has_a_row_per_finding(drafts: list[str]) -> None:
    _, out = run("--format", "markdown", *drafts)
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| where") and not line.startswith("| ---")]
    assert len(rows) == len(findings_of(drafts))
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in rows)


def test_plain_lists_one_line_per_finding_and_counts_per_file(drafts: list[str]) -> None:
    _, out = run("--format", "plain", *drafts)
    lines = out.splitlines()
    findings = findings_of(drafts)
    assert len([line for line in lines if re.match(r"^drafts/[^:]+:\d+:\d+: ", line)]) == len(findings)
    assert [line.split(":")[0] for line in lines[len(findings):-1]] == drafts
    assert re.fullmatch(r"\d+ discrepancies, \d+ unverified, \d+ agree in \d+ files", lines[-1])


def test_table_counts_per_file(drafts: list[str]) -> None:
    _, out = run("--format", "table", *drafts[:2])
    assert f"{drafts[0]}: " in out and f"{drafts[1]}: " in out
    assert out.rstrip().endswith("in 2 files")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_exit_status_of_the_findings(drafts: list[str], fmt: str) -> None:
    status, _ = run("--format", fmt, "drafts/jiangsu-draft.md")
    assert status == 1  # the example draft has discrepancies
    status, _ = run("--format", fmt, "--fail-on", "never", "drafts/jiangsu-draft.md")
    assert status == 0


@pytest.mark.parametrize("fmt", ("table", "plain", "markdown"))
def test_show_chooses_what_people_see(drafts: list[str], fmt: str) -> None:
    _, everything = run("--format", fmt, "drafts/jiangsu-draft.md")
    _, some = run("--format", fmt, "--show", "discrepancy", "drafts/jiangsu-draft.md")
    assert "unverified" in everything.replace("0 unverified", "").replace("1 unverified", "")
    assert "300家" in everything and "300家" not in some
    assert "5.3万座" in some


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_ignore_show(drafts: list[str], fmt: str) -> None:
    assert run("--format", fmt, "drafts/jiangsu-draft.md") == run("--format", fmt, "--show", "agree", "drafts/jiangsu-draft.md")


# Draft text that tries to break out of each format, next to figures that are flagged.
HOSTILE_NAME = "a b\n::x.md"
HOSTILE_TEXT = (
    "# 江苏\n\n"
    "江苏今年将%0A::warning::pwned [bold red]红[/bold red] <script>alert(1)</script> | x | \x1b[31m红\x1b[0m "
    "`code` ]]> & 新建5G基站[bold red]5.3万座[/bold red] \x1b]8;;http://evil.example/\x1b\\链接\x1b]8;;\x1b\\,完成相应投资127万元。\n"
    "::error file=x::y\n\n"
    "江苏新建5G基站数量是 [link](http://evil.example) @bob #12 <!-- x --> \x07\u202e 去年同期的10倍。\n\n"
    "南京今年还将新增跨境电商企业300家。\n"
)
DRAFT_ESCAPES = ("\x1b[31m", "\x1b]8", "\x1b", "\x07", "\u202e")


@pytest.fixture()
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = findings_of([HOSTILE_NAME])
    claims = " ".join(f["claim"] for f in findings)
    assert {"discrepancy", "unverified"} <= {f["verdict"] for f in findings}
    for attack in ("\x1b[31m", "\x1b]8", "[bold red]", "<script>", "::warning::pwned", "|", "@bob", "\x07"):
        assert attack in claims  # the attack reaches the reporters
    return HOSTILE_NAME


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_terminal_escape_from_the_draft_in_any_format(hostile: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fmt == "table":
        monkeypatch.setattr("factcheck.cli._is_terminal", lambda: True)  # colour on: rich emits its own escapes
        monkeypatch.delenv("NO_COLOR", raising=False)
    _, out = run("--format", fmt, hostile)
    for sequence in DRAFT_ESCAPES[:2]:
        assert sequence not in out
    if fmt != "table":
        assert not any(s in out for s in DRAFT_ESCAPES[2:])


def test_github_no_injected_command(hostile: str) -> None:
    _, out = run("--format", "github", hostile)
    for line in out.split("\n")[:-1]:
        match = re.fullmatch(r"::(error|warning|notice) ([^:\r\n]*)::([^\r\n]*)", line)
        assert match, line
        assert "::" not in match.group(2)
    assert out.count("\n") == 1 + len([f for f in findings_of([hostile]) if f["verdict"] != "agree"])
    assert "file=a b%0A%3A%3Ax.md," in out
    assert "%250A::warning::pwned" in out  # shown as text, inside a message


def test_table_shows_markup_as_text(hostile: str) -> None:
    _, out = run("--format", "table", hostile)
    assert "[bold red]5.3万座[/bold red]" in out and "<!-- x -->" in out and "\\x1b]8;" in out


def test_plain_keeps_one_line_per_finding(hostile: str) -> None:
    _, out = run("--format", "plain", hostile)
    lines = out.splitlines()
    assert len(lines) == len(findings_of([hostile])) + 1
    assert all(line.startswith("a b ::x.md:") for line in lines[:-1])


def test_junit_escapes_and_round_trips(hostile: str) -> None:
    _, out = run("--format", "junit", hostile)
    assert "<script>" not in out
    root = ET.fromstring(out.encode("utf-8"))
    texts = " ".join(e.text or "" for e in root.iter())
    assert "<script>alert(1)</script>" in texts and "::warning::pwned" in texts
    assert root.find("testsuite").get("name") == HOSTILE_NAME  # type: ignore[union-attr]


def test_markdown_cannot_break_the_table_or_inject_html(hostile: str) -> None:
    _, out = run("--format", "markdown", hostile)
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith(("| where", "| ---"))]
    assert len(rows) == len(findings_of([hostile]))
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 7 for row in rows)
    assert re.findall(r"<[^>]*>", out) == []  # one file: no <details>, and no tag from the draft
    code = re.findall(r"(`+)(.+?)\1", out.replace("\\`", ""))
    assert [text for _, text in code] == ["http://evil.example)"]  # the URL as code, never a live link
    prose = re.sub(r"(`+).+?\1", "", out.replace("\\`", ""))
    assert "`" not in prose and "](" not in prose.replace("\\]\\(", "")
    assert "@bob" not in out and "#12" not in out


URLS = {
    "https": ("见https://evil.example/a 页", "`https://evil.example/a`"),
    "upper case": ("见HTTP://EVIL.EXAMPLE 页", "`HTTP://EVIL.EXAMPLE`"),
    "www": ("见www.evil.cn/x 页", "`www.evil.cn/x`"),
    "a pipe inside": ("见https://e.example/a|b 页", "`https://e.example/a\\|b`"),
    "backticks inside": ("见https://e.example/`x`` 页", "``` https://e.example/`x`` ```"),
}


@pytest.mark.parametrize("text,shown", URLS.values(), ids=URLS.keys())
def test_markdown_shows_urls_as_code(text: str, shown: str) -> None:
    """GitHub links a bare URL even in a table cell: a draft's URLs were live links in the PR comment."""
    from factcheck.report.markdown import cell

    assert shown in cell(text)


def test_sarif_and_json_survive_the_name(hostile: str) -> None:
    _, out = run("--format", "sarif", hostile)
    data = json.loads(out)
    jsonschema.validate(data, SARIF_SCHEMA)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]}
    assert uris == {"a%20b%0A%3A%3Ax.md"}
    _, out = run("--format", "json", hostile)
    assert json.loads(out)["files"][0]["path"] == HOSTILE_NAME


def test_json_layout_doctest() -> None:
    """The layout documented in json_format.dumps (one finding per line) is the one printed."""
    import doctest

    from factcheck.report import json_format

    result = doctest.testmod(json_format)
    assert result.failed == 0 and result.attempted > 0


# ---- reports written file by file (issue 17, point 4) -------------------------------------------------

def _two_results() -> list[Any]:
    from factcheck.check import FileResult
    from factcheck.model import Expected, Finding

    finding = Finding("a.md", 1, 12, 11, 16, "5.3万座", "江苏今年将新建5G基站5.3万座。", "discrepancy", "value", "53000", "座",
                      Expected("5.2万座", "52000", "座"), "js-5g", "s.txt", "全年新建5G基站5.2万座。", 1.0)
    return [FileResult("a.md", (finding,)), FileResult("b.md", ())]


@pytest.mark.parametrize("fmt", ("table", "plain", "json", "github", "sarif"))
def test_a_file_is_reported_before_the_next_is_checked(fmt: str) -> None:
    """The report of the first draft is out before the second draft is asked for (only junit
    and markdown, whose totals come first, wait for the last)."""
    from factcheck.report import Options, Tally, streamer

    made: list[str] = []
    first, second = _two_results()

    def results() -> Any:
        yield first
        assert "5.3" in "".join(made), "the second draft was asked for before the first was reported"
        yield second

    made.extend(chunk for chunk in streamer(fmt)(results(), Options(), Tally()))
    assert "5.3" in "".join(made)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_streamed_report_is_the_rendered_one(fmt: str) -> None:
    from factcheck.report import Options, Tally, formatter, streamer

    results = _two_results()
    assert "".join(streamer(fmt)(iter(results), Options(), Tally(3))) == formatter(fmt)(results, Options(suppressed=3))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_format_yields_after_each_file_it_takes(fmt: str) -> None:
    """reporting.Tee feeds the --report-file formats one file at a time: each format yields a
    piece after it takes a file and before it asks for the next, files with nothing to report too."""
    from factcheck.check import FileResult
    from factcheck.report import Options, Tally, streamer

    yielded = 0
    taken_after: list[int] = []

    def results() -> Any:
        for result in [*_two_results(), FileResult("c.md", ()), FileResult("d.md", ())]:
            taken_after.append(yielded)
            yield result

    for _ in streamer(fmt)(results(), Options(), Tally()):
        yielded += 1
    assert all(a < b for a, b in zip(taken_after, taken_after[1:])), taken_after


@pytest.mark.parametrize("fmt", ("table", "plain", "markdown"))
def test_streamed_statistics_and_quiet_are_the_rendered_ones(fmt: str) -> None:
    """--statistics and the per-file lines come from the Tally's counts, gathered as files go by."""
    from factcheck.report import Options, Tally, formatter, streamer

    results = _two_results()
    for options in (Options(statistics=True), Options(statistics=True, quiet=True)):
        streamed = "".join(streamer(fmt)(iter(results), options, Tally()))
        assert streamed == formatter(fmt)(results, options)
        assert "js-5g" in streamed and ("a.md" in streamed) != options.quiet


def test_junit_is_laid_out_as_indent_lays_it_out() -> None:
    """Each <testsuite> is indented on its own: the whole equals ET.indent over the whole tree."""
    from factcheck.report import Options, formatter

    out = formatter("junit")(_two_results(), Options())
    root = ET.fromstring(out.encode("utf-8"))
    ET.indent(root)
    assert out == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def test_markdown_without_rows_ends_after_the_summary() -> None:
    from factcheck.check import FileResult
    from factcheck.report import Options, formatter

    assert formatter("markdown")([FileResult("a.md", ())], Options()) == "### factcheck\n\n0 discrepancies, 0 unverified, 0 agree in 1 file\n"
