"""What a user meets first on the command line: one-line errors, plural forms, help that says enough."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples import invoke


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "one.md").write_text("江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path




# Point 5: errors that name the real problem, and counts in the singular --------------------------------

FACT_BASE_ERRORS = {
    "no default facts and none added": (["--no-default-facts", "one.md"], "factcheck: error: no fact base: --no-default-facts (or default-facts: false) needs --facts DIR (or facts: in the configuration)\n"),
    "a missing fact directory": (["--facts", "nope", "one.md"], "factcheck: error: no such fact directory or file: nope\n"),
    "facts list without a base": (["facts", "list", "--no-default-facts"], "factcheck: error: no fact base: --no-default-facts (or default-facts: false) needs --facts DIR (or facts: in the configuration)\n"),
}


@pytest.mark.parametrize("args,error", FACT_BASE_ERRORS.values(), ids=FACT_BASE_ERRORS.keys())
def test_fact_base_errors_say_what_is_wrong(workdir: Path, args: list[str], error: str) -> None:
    assert invoke(*args) == (2, "", error)


def test_default_facts_false_in_the_configuration_without_facts_is_a_usage_error(workdir: Path) -> None:
    (workdir / ".factcheck.yaml").write_text("default-facts: false\n", encoding="utf-8")
    status, out, err = invoke("one.md")
    assert (status, out) == (2, "") and err.startswith("factcheck: error: no fact base:")


def test_one_discrepancy_is_singular(workdir: Path) -> None:
    status, out, _ = invoke("--format", "plain", "one.md")
    assert status == 1 and out.splitlines()[-1] == "1 discrepancy, 0 unverified, 0 agree in 1 file"


# Point 6: usage errors are one line, and the help says what a user needs ---------------------------------

USAGE_ERRORS = {
    "a wrong choice": (["--fail-on", "foo", "one.md"], "factcheck: error: --fail-on: 'foo' is not one of discrepancy, unverified, never\n"),
    "a wrong format": (["--format", "pdf", "one.md"], "factcheck: error: --format: 'pdf' is not one of table, plain, json, github, sarif, junit, markdown\n"),
    "no draft": (["check"], "factcheck: error: missing argument DRAFTS...\n"),
    "an unknown option": (["--bogus", "one.md"], "factcheck: error: no such option: --bogus\n"),
    "a value out of range": (["--jobs", "-1", "one.md"], "factcheck: error: --jobs: -1 is not in the range x>=0\n"),
    "an option without its value": (["one.md", "--fail-on"], "factcheck: error: option '--fail-on' requires an argument\n"),
    "a subcommand's option": (["facts", "list", "--bogus"], "factcheck: error: no such option: --bogus\n"),
    "--config with --no-config": (["--config", "x.yaml", "--no-config", "one.md"], "factcheck: error: --config and --no-config: give one or the other\n"),
}


@pytest.mark.parametrize("args,error", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_are_one_line(workdir: Path, args: list[str], error: str) -> None:
    assert invoke(*args) == (2, "", error)


def _helps() -> list[tuple[str, ...]]:
    return [(), ("check",), ("config",), ("explain",), ("facts",), ("facts", "validate"), ("facts", "list")]


@pytest.mark.parametrize("command", _helps(), ids=lambda c: " ".join(c) or "factcheck")
def test_no_help_reads_like_a_type_name(command: tuple[str, ...]) -> None:
    _, out, _ = invoke(*command, "--help")
    for bad in ("<str>", "<path>", "<int", "{paths}", "{", "<"):
        assert bad not in out, (bad, out)


def test_help_shows_choices_the_default_command_and_the_environment() -> None:
    _, main, _ = invoke("--help")
    assert "'check' is the default command" in main
    _, check, _ = invoke("check", "--help")
    assert "--format [table|plain|json|github|sarif|junit|markdown]" in check
    assert "--fail-on [discrepancy|unverified|never]" in check
    assert "--color [auto|always|never]" in check
    for out in (main, check):
        for variable in ("NO_COLOR", "FORCE_COLOR", "FACTCHECK_CACHE_DIR", "FACTCHECK_NO_CACHE"):
            assert variable in out


def test_the_format_choices_are_the_formats() -> None:
    from factcheck.cli import Format
    from factcheck.report import FORMATS

    assert [f.value for f in Format] == list(FORMATS)


# Point 4: --quiet, --statistics, --color, --stdin-filename, --no-config ----------------------------------

@pytest.fixture()
def example(workdir: Path) -> Path:
    root = Path(__file__).resolve().parents[1]
    (workdir / "drafts").mkdir()
    for name in ("jiangsu-draft.md",):
        (workdir / "drafts" / name).write_bytes((root / "examples" / name).read_bytes())
    return workdir


@pytest.mark.parametrize("fmt", ["plain", "table", "markdown"])
def test_quiet_prints_only_the_summary(example: Path, fmt: str) -> None:
    status, out, _ = invoke("--format", fmt, "--quiet", "drafts/jiangsu-draft.md", "one.md")
    assert status == 1
    lines = [line for line in out.splitlines() if line.strip() and not line.startswith(("###", "| ", "<", "- "))]
    assert lines == ["5 discrepancies, 1 unverified, 7 agree in 2 files"]


def test_quiet_leaves_the_machine_formats_whole(example: Path) -> None:
    assert invoke("--format", "json", "--quiet", "one.md") == invoke("--format", "json", "one.md")


def test_statistics_count_by_verdict_reason_and_fact(example: Path) -> None:
    status, out, _ = invoke("--format", "plain", "--statistics", "--quiet", "drafts/jiangsu-draft.md", "one.md")
    assert status == 1
    assert out == (
        "by verdict and reason:\n"
        "  discrepancy (value)    3\n"
        "  discrepancy (unit)     1\n"
        "  discrepancy (subject)  1\n"
        "  unverified             1\n"
        "  agree                  7\n"
        "by fact:\n"
        "  js-5g-new-stations-2020                2 discrepancy\n"
        "  hn-5g-new-stations-multiple            1 discrepancy\n"
        "  js-5g-investment-2020                  1 discrepancy\n"
        "  js-above-scale-resumption-rate         1 agree\n"
        "  js-digital-economy-2020                1 agree\n"
        "  js-green-channel-borrowers-2020-04-14  1 agree\n"
        "  js-green-channel-financing-2020-04-14  1 discrepancy\n"
        "  js-principal-deferral-amount-2020-03   1 agree\n"
        "  js-principal-deferral-firms-2020-03    1 agree\n"
        "  js-sme-resumption-rate                 1 agree\n"
        "  js-staff-return-rate                   1 agree\n"
        "5 discrepancies, 1 unverified, 7 agree in 2 files\n"
    )
    _, table, _ = invoke("--format", "table", "--statistics", "drafts/jiangsu-draft.md")
    _, markdown, _ = invoke("--format", "markdown", "--statistics", "drafts/jiangsu-draft.md")
    assert "discrepancy (subject)  1" in table and "| discrepancy \\(subject\\) | 1 |" in markdown


def test_stdin_is_reported_under_its_name(workdir: Path) -> None:
    text = "江苏今年将新建5G基站5.3万座。\n"
    status, out, _ = invoke("--format", "plain", "--stdin-filename", "drafts/today.md", "-", input=text)
    assert status == 1 and out.startswith("drafts/today.md:1:12: discrepancy [value] 5.3万座 -> 5.2万座 ")
    _, sarif, _ = invoke("--format", "sarif", "--stdin-filename", "drafts/today.md", "-", input=text)
    assert '"uri": "drafts/today.md"' in sarif


def test_stdin_filename_chooses_how_it_is_read(workdir: Path) -> None:
    """A fenced block is code in Markdown and prose in a .txt draft."""
    fenced = "```\n江苏今年将新建5G基站5.3万座。\n```\n"
    assert invoke("--format", "plain", "--stdin-filename", "a.md", "-", input=fenced)[0] == 0
    assert invoke("--format", "plain", "--stdin-filename", "a.txt", "-", input=fenced)[0] == 1


def test_stdin_filename_picks_the_overrides_of_its_name(workdir: Path) -> None:
    (workdir / ".factcheck.yaml").write_text("overrides:\n  - paths: ['wire/**']\n    fail-on: never\n", encoding="utf-8")
    text = "江苏今年将新建5G基站5.3万座。\n"
    assert invoke("--stdin-filename", "wire/a.md", "-", input=text)[0] == 0
    assert invoke("--stdin-filename", "desk/a.md", "-", input=text)[0] == 1


def test_no_config_ignores_the_configuration(workdir: Path) -> None:
    (workdir / ".factcheck.yaml").write_text("fail-on: never\nformat: json\n", encoding="utf-8")
    assert invoke("one.md")[0] == 0
    status, out, _ = invoke("--no-config", "one.md")
    assert status == 1 and out.startswith("one.md:1:12: discrepancy")
    _, described, _ = invoke("config", "--no-config")
    assert described.startswith("config file: (none found)\n") and "fail-on: discrepancy  [default]" in described


# Point 3: what the draft says beside what the source says; whose figure, for a subject discrepancy ------

def test_a_subject_discrepancy_names_both_places(example: Path) -> None:
    import json

    _, out, _ = invoke("--format", "json", "drafts/jiangsu-draft.md")
    tenfold = next(f for f in json.loads(out)["files"][0]["findings"] if f["text"] == "10倍")
    assert (tenfold["reason"], tenfold["subject"], tenfold["expected"]["subject"]) == ("subject", "江苏", "海南")
    _, plain, _ = invoke("--format", "plain", "drafts/jiangsu-draft.md")
    assert "drafts/jiangsu-draft.md:16:17: discrepancy [subject] 10倍 is 海南's figure, not 江苏's (000_b22a021ea68b9b12.txt: hn-5g-new-stations-multiple)" in plain
    _, table, _ = invoke("--format", "table", "drafts/jiangsu-draft.md")
    assert "10倍 → 10倍 (海南)" in table and "note      10倍 is 海南's figure, not 江苏's" in table
    assert "“新建5G基站数量是去年同期的10倍”" in table  # the source's words, beside the draft's


def test_every_discrepancy_shows_the_draft_beside_the_source(example: Path) -> None:
    _, table, _ = invoke("--format", "table", "drafts/jiangsu-draft.md")
    for pair in ("5.3万座 → 5.2万座", "127万元 → 127亿元", "252.7亿元 → 225.7亿元"):
        assert pair in table
    _, markdown, _ = invoke("--format", "markdown", "drafts/jiangsu-draft.md")
    assert "| 10倍 | ❌ discrepancy \\(subject\\) | 10倍 \\(海南\\) |" in markdown
