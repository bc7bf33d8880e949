"""What CI systems read: formats that agree with the exit status, validated against the real schemas.

Schemas under tests/data, kept as published:

- `junit-10.xsd`: the JUnit schema of the Jenkins xUnit plugin (the common Jenkins/Ant one),
  from github.com/jenkinsci/xunit-plugin, src/main/resources/org/jenkinsci/plugins/xunit/
  types/model/xsd/junit-10.xsd (commit 031e285ef3b60dee7aaf36e9096d7dcd95ffae83).
  MIT License, Copyright (c) 2014 Gregory Boissinot: the notice is inside the file.
- `sarif-schema-2.1.0.json`: the full SARIF 2.1.0 JSON schema of the OASIS SARIF TC
  Committee Specification, from github.com/oasis-tcs/sarif-spec,
  Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json (commit
  3682e9ee648f2f3e11ba1fcd47fc390a0b8f9dab). Copyright OASIS Open; published under the
  OASIS IPR Policy, which lets the schema be copied and used as is.
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
DATA = ROOT / "tests" / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
DRAFTS = [ROOT / "examples" / "jiangsu-draft.md", *sorted(p for p in (ROOT / "tests" / "drafts").iterdir() if p.suffix in (".md", ".txt"))]


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts").mkdir()
    for draft in DRAFTS:
        shutil.copy(draft, tmp_path / "drafts" / draft.name)
    (tmp_path / "wire").mkdir()
    shutil.copy(ROOT / "examples" / "jiangsu-draft.md", tmp_path / "wire" / "agency.md")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


EXAMPLE = "drafts/jiangsu-draft.md"  # 4 discrepancies, 1 unverified, 7 agree


# Point 8: --fail-on agrees with every format ----------------------------------------------------------

# fail-on: (exit status, JUnit failures and skipped, GitHub error/warning/notice, SARIF error/warning/note)
AGREEMENT = {
    "discrepancy": (1, (4, 1), (4, 0, 1), (4, 0, 1)),
    "unverified": (1, (5, 0), (5, 0, 0), (5, 0, 0)),
    "never": (0, (0, 5), (0, 4, 1), (0, 4, 1)),
}


@pytest.mark.parametrize("fail_on", AGREEMENT, ids=AGREEMENT.keys())
def test_every_format_agrees_with_the_exit_status(workdir: Path, fail_on: str) -> None:
    status, junit_counts, github_counts, sarif_counts = AGREEMENT[fail_on]
    code, junit = invoke("--format", "junit", "--fail-on", fail_on, EXAMPLE)
    suite = ET.fromstring(junit.encode()).find("testsuite")
    assert suite is not None and code == status
    assert (int(suite.get("failures", -1)), int(suite.get("skipped", -1))) == junit_counts
    assert (len(suite.findall(".//failure")), len(suite.findall(".//skipped"))) == junit_counts
    code, github = invoke("--format", "github", "--fail-on", fail_on, EXAMPLE)
    levels = [line.split(" ", 1)[0] for line in github.splitlines()[:-1]]
    assert code == status and tuple(levels.count(f"::{k}") for k in ("error", "warning", "notice")) == github_counts
    code, sarif = invoke("--format", "sarif", "--fail-on", fail_on, EXAMPLE)
    results = json.loads(sarif)["runs"][0]["results"]
    assert code == status and tuple(sum(r["level"] == k for r in results) for k in ("error", "warning", "note")) == sarif_counts


def test_overrides_rank_each_file_by_its_own_fail_on(workdir: Path) -> None:
    (workdir / ".factcheck.yaml").write_text("overrides:\n  - paths: ['wire/**']\n    fail-on: never\n", encoding="utf-8")
    code, github = invoke("--format", "github", EXAMPLE, "wire/agency.md")
    assert code == 1
    errors = [line for line in github.splitlines() if line.startswith("::error ")]
    warnings = [line for line in github.splitlines() if line.startswith("::warning ")]
    assert len(errors) == 4 and all("file=drafts/" in line for line in errors)
    assert len(warnings) == 4 and all("file=wire/agency.md" in line for line in warnings)
    _, junit = invoke("--format", "junit", EXAMPLE, "wire/agency.md")
    suites = ET.fromstring(junit.encode()).findall("testsuite")
    assert [s.get("failures") for s in suites] == ["4", "0"]


# Point 9: JUnit valid under the Jenkins/Ant schema, tests named by file and figure -------------------

@pytest.fixture(scope="module")
def junit_schema() -> Any:
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is in the test extra: pip install '.[test]'")
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


@pytest.mark.parametrize("fail_on", ["discrepancy", "unverified", "never"])
def test_junit_is_valid_under_the_jenkins_schema(workdir: Path, junit_schema: Any, fail_on: str) -> None:
    _, out = invoke("--format", "junit", "--fail-on", fail_on, "drafts")
    junit_schema.validate(out)


def test_junit_names_a_test_by_file_and_figure_not_position(workdir: Path) -> None:
    _, out = invoke("--format", "junit", EXAMPLE)
    cases = ET.fromstring(out.encode()).findall(".//testcase")
    assert all(c.get("classname") == EXAMPLE for c in cases)
    names = [c.get("name", "") for c in cases]
    assert not any(re.search(r"\d+:\d+", name) for name in names)
    assert names[:4] == ["99.7%", "94%", "84%", "5.3万座"] and len(set(names)) == len(names)
    failure = cases[3].find("failure")
    assert failure is not None and failure.get("message") == "14:12: 5.3万座: the source says 5.2万座 (value)"


def test_junit_numbers_a_figure_that_recurs(workdir: Path) -> None:
    (workdir / "twice.md").write_text("江苏今年将新建5G基站5.3万座。\n\n江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    _, out = invoke("--format", "junit", "twice.md")
    assert [c.get("name") for c in ET.fromstring(out.encode()).iter("testcase")] == ["5.3万座", "5.3万座 (2)"]


# Point 10: SARIF valid under the full OASIS schema; absolute paths; rules that link their docs -------

def test_sarif_is_valid_under_the_full_oasis_schema(workdir: Path) -> None:
    for args in (["drafts"], ["--fail-on", "never", "drafts"], [str(workdir / EXAMPLE)]):
        _, out = invoke("--format", "sarif", *args)
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate(json.loads(out))


def test_sarif_absolute_paths_are_file_uris_without_a_base(workdir: Path) -> None:
    _, out = invoke("--format", "sarif", str(workdir / EXAMPLE), EXAMPLE)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in json.loads(out)["runs"][0]["results"]]
    absolute, relative = locations[:5], locations[5:]
    assert all(loc == {"uri": (workdir / EXAMPLE).as_uri()} for loc in absolute)  # SARIF §3.4.4: no uriBaseId
    assert all(loc == {"uri": EXAMPLE, "uriBaseId": "%SRCROOT%"} for loc in relative)


def test_sarif_rules_have_names_and_link_their_docs(workdir: Path) -> None:
    _, out = invoke("--format", "sarif", EXAMPLE)
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    anchors = {m.lower() for m in re.findall(r"^#+ (\w+)$", (ROOT / "docs" / "verdicts.md").read_text(encoding="utf-8"), re.M)}
    for rule in driver["rules"]:
        assert rule["name"].lower() != rule["id"].lower() and "/" not in rule["name"]
        page, _, anchor = rule["helpUri"].partition("#")
        assert page.endswith("/docs/verdicts.md") and anchor in anchors, rule["helpUri"]


# Point 11: GitHub annotations: end positions, failing ones first, a job summary ------------------------

def test_github_annotations_have_end_positions(workdir: Path) -> None:
    _, out = invoke("--format", "github", EXAMPLE)
    first = out.splitlines()[0]
    assert first.startswith("::error file=drafts/jiangsu-draft.md,line=14,endLine=14,col=12,endColumn=16,title=factcheck%3A discrepancy (value)::")


def test_github_prints_what_fails_first(workdir: Path) -> None:
    _, out = invoke("--format", "github", "--fail-on", "never", "drafts")
    levels = [line.split(" ", 1)[0] for line in out.splitlines()[:-1]]
    assert levels == sorted(levels, key=["::warning", "::notice"].index)
    _, out = invoke("--format", "github", "drafts")
    levels = [line.split(" ", 1)[0] for line in out.splitlines()[:-1]]
    assert levels == sorted(levels, key=["::error", "::notice"].index) and levels[0] == "::error"


def test_github_writes_the_full_table_to_the_job_summary(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = workdir / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, annotations = invoke("--format", "github", EXAMPLE)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### factcheck\n")  # appended, as each step does
    assert len([line for line in text.splitlines() if line.startswith("| drafts/")]) == 12  # every finding
    assert "### factcheck" not in annotations
    invoke("--format", "plain", EXAMPLE)
    assert summary.read_text(encoding="utf-8") == text  # only the github format writes it


def test_the_job_summary_stays_under_githubs_limit() -> None:
    from factcheck.check import FileResult
    from factcheck.model import Finding
    from factcheck.report import Options
    from factcheck.report.markdown import SUMMARY_LIMIT, step_summary

    finding = Finding("d.md", 1, 1, 0, 3, "300家", "南京今年还将新增跨境电商企业300家。" * 20, "unverified", None, "300", "家")
    text = step_summary([FileResult("d.md", (finding,) * 5000)], Options())
    assert len(text.encode()) <= SUMMARY_LIMIT and text.endswith("every finding is in the job log.\n")


def test_docs_say_what_github_shows() -> None:
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "10 annotations of each level" in ci and "GITHUB_STEP_SUMMARY" in ci


# --report-file: one run, several reports -------------------------------------------------------------------

def test_report_files_hold_what_their_format_prints(workdir: Path) -> None:
    code, github = invoke("--format", "github", "--report-file", "sarif=out.sarif", "--report-file", "json=out.json", EXAMPLE)
    assert code == 1 and github.startswith("::error ")
    assert (workdir / "out.sarif").read_text(encoding="utf-8") == invoke("--format", "sarif", EXAMPLE)[1]
    assert (workdir / "out.json").read_text(encoding="utf-8") == invoke("--format", "json", EXAMPLE)[1]


@pytest.mark.parametrize("fmt", ["table", "plain", "json", "github", "sarif", "junit", "markdown"])
def test_every_format_as_a_report_file_of_many_drafts(workdir: Path, fmt: str) -> None:
    """Made file by file beside the report on standard output (reporting.Tee), each report file
    holds what its format prints, totals, per-file lines and statistics included."""
    args = ("--statistics", "drafts", "wire")
    code, _ = invoke("--format", "plain", "--report-file", f"{fmt}=out.{fmt}", *args)
    assert code == 1
    assert (workdir / f"out.{fmt}").read_text(encoding="utf-8") == invoke("--format", fmt, *args)[1]


def test_a_run_stopped_by_an_unreadable_draft_writes_no_report_file(workdir: Path) -> None:
    (workdir / "wire" / "huge.md").write_text("江苏今年将新建5G基站5.3万座。" * 100, encoding="utf-8")
    result = CliRunner().invoke(app, ["--max-size", "1000", "--report-file", "json=out.json", "drafts/jiangsu-draft.md", "wire/huge.md"])
    assert result.exit_code == 2 and "wire/huge.md: larger than the limit of 1000 bytes" in result.stderr
    assert "drafts/jiangsu-draft.md:14:12: discrepancy" in result.stdout  # the report streams: the first draft's is out
    assert not (workdir / "out.json").exists()  # a report file is written whole or not at all


def test_a_malformed_report_file_is_a_usage_error(workdir: Path) -> None:
    result = CliRunner().invoke(app, ["--report-file", "pdf=x.pdf", EXAMPLE])
    assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: --report-file: 'pdf=x.pdf' is not FORMAT=FILE")
    result = CliRunner().invoke(app, ["--report-file", "json=nodir/x.json", EXAMPLE])
    assert result.exit_code == 2 and result.stderr == "factcheck: error: nodir/x.json: cannot write the report: No such file or directory\n"


def test_report_doctests() -> None:
    import doctest

    import factcheck.report as report
    from factcheck import reporting, terminal, usage
    from factcheck.report import fit, github, junit, markdown, sarif, statistics

    for module in (report, fit, github, junit, markdown, sarif, statistics, reporting, terminal, usage):
        assert doctest.testmod(module).failed == 0, module.__name__
