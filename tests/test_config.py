"""Configuration: discovery from the current folder up, precedence (defaults < file < flags), errors with file:line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config_files import ConfigError, find_config, read_config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "jiangsu-draft.md").read_text(encoding="utf-8")  # 4 discrepancies, 1 unverified
AGREES = "江苏今年将新建5G基站5.2万座。\n"
NANJING = "南京今年还将新增跨境电商企业300家。\n"  # unverified with the shipped facts
NANJING_FACT = """\
source: nanjing-test.txt
base_year: 2020
facts:
  - id: nj-test-cross-border-firms-2020
    subject: 南京
    metric: 新增跨境电商企业
    keywords: [跨境电商企业, 新增跨境电商企业]
    period: "2020"
    kind: count
    value: "300"
    unit: 家
    as_written: 300家
    target: true
    quote: 南京今年将新增跨境电商企业300家。
"""


@pytest.fixture()
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder: drafts/a.md (discrepancies), drafts/wire/b.md (agrees), sub/ to run from."""
    (tmp_path / "drafts" / "wire").mkdir(parents=True)
    (tmp_path / "drafts" / "a.md").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "drafts" / "wire" / "b.md").write_text(AGREES, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def setting(output: str, key: str) -> str:
    """The `key: value  [origin]` line of `factcheck config`."""
    return next(line for line in output.splitlines() if line.startswith(f"{key}: "))


# Discovery ----------------------------------------------------------------------------------------

def test_no_config_means_defaults(news: Path) -> None:
    status, out, _ = invoke("config")
    assert status == 0
    assert out.splitlines()[0] == "config file: (none found)"
    assert setting(out, "fail-on") == "fail-on: discrepancy  [default]"


def test_config_in_a_parent_folder_is_found(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(news / ".factcheck.yaml", "fail-on: never\n")
    monkeypatch.chdir(news / "sub")
    status, out, _ = invoke("config")
    assert status == 0
    assert out.splitlines()[0] == f"config file: {config.resolve()}"
    assert setting(out, "fail-on") == f"fail-on: never  [{config.resolve()}:1]"
    assert invoke("../drafts/a.md")[0] == 0  # fail-on: never applies


def test_pyproject_table_is_found(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(news / "pyproject.toml", """\
        [project]
        name = "newsroom"

        [tool.factcheck]
        fail-on = "never"
        show = ["discrepancy"]
        """)
    monkeypatch.chdir(news / "sub")
    _, out, _ = invoke("config")
    assert setting(out, "fail-on") == f"fail-on: never  [{config.resolve()}:5]"
    assert setting(out, "show") == f"show: discrepancy  [{config.resolve()}:6]"


def test_pyproject_without_the_table_is_passed_over(news: Path) -> None:
    config = write(news / ".factcheck.yaml", "jobs: 2\n")
    write(news / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(news / "sub") == config.resolve()


@pytest.mark.parametrize("text, has_table", [
    ('[project.scripts]\nfactcheck = "factcheck.cli:main"\n', False),  # an entry point
    ('[tool.poetry.dependencies]\nfactcheck = "^1.0"\n', False),  # a dependency
    ('[tool]\nfactcheck = { jobs = 3 }\n', True),
    ('[tool]\nfactcheck.jobs = 3\n', True),
    ('tool.factcheck.jobs = 3\n', True),
    ('[ tool . factcheck ]\njobs = 3\n', True),
])
def test_only_a_tool_factcheck_table_makes_pyproject_the_config(news: Path, text: str, has_table: bool) -> None:
    above = write(news / ".factcheck.yaml", "jobs: 2\n")
    pyproject = write(news / "sub" / "pyproject.toml", text)
    assert find_config(news / "sub") == (pyproject if has_table else above).resolve()


def test_first_found_wins_and_yaml_before_pyproject(news: Path) -> None:
    write(news / ".factcheck.yaml", "jobs: 2\n")
    nearer = write(news / "sub" / "pyproject.toml", "[tool.factcheck]\njobs = 3\n")
    assert find_config(news / "sub") == nearer.resolve()
    nearest = write(news / "sub" / ".factcheck.yaml", "jobs: 4\n")
    assert find_config(news / "sub") == nearest.resolve()


def test_explicit_config_file(news: Path) -> None:
    write(news / ".factcheck.yaml", "fail-on: discrepancy\n")
    other = write(news / "ci.yaml", "fail-on: never\n")
    assert invoke("--config", str(other), "drafts/a.md")[0] == 0
    status, _, err = invoke("--config", "missing.yaml", "drafts/a.md")
    assert status == 2 and err == "factcheck: error: missing.yaml: no such configuration file\n"
    status, _, err = invoke("--config", "drafts", "drafts/a.md")
    assert status == 2 and err == "factcheck: error: drafts: is a directory, not a configuration file\n"


# Precedence ---------------------------------------------------------------------------------------

def test_flag_beats_config(news: Path) -> None:
    write(news / ".factcheck.yaml", "fail-on: never\nformat: json\n")
    status, out, _ = invoke("drafts/a.md")
    assert status == 0 and json.loads(out)["version"] == 1
    status, out, _ = invoke("--fail-on", "discrepancy", "--format", "plain", "drafts/a.md")
    assert status == 1 and out.startswith("drafts/a.md:")
    _, out, _ = invoke("config", "--fail-on", "unverified")
    assert setting(out, "fail-on") == "fail-on: unverified  [command line]"
    assert setting(out, "format").endswith(f"[{(news / '.factcheck.yaml').resolve()}:2]")


def test_facts_are_relative_to_the_config_file(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(news / "facts" / "nanjing.yaml", NANJING_FACT)
    write(news / "drafts" / "nj.md", NANJING)
    write(news / ".factcheck.yaml", "facts: [facts]\nformat: json\n")
    monkeypatch.chdir(news / "sub")
    _, out, _ = invoke("../drafts/nj.md")
    finding = json.loads(out)["files"][0]["findings"][0]
    assert (finding["verdict"], finding["fact"]["id"]) == ("agree", "nj-test-cross-border-firms-2020")


def test_explain_and_facts_list_use_the_configured_facts(news: Path) -> None:
    write(news / "facts" / "nanjing.yaml", NANJING_FACT)
    assert invoke("explain", "nj-test-cross-border-firms-2020")[0] == 2
    write(news / ".factcheck.yaml", "facts: [facts]\n")
    status, out, _ = invoke("explain", "nj-test-cross-border-firms-2020")
    assert status == 0 and "南京今年将新增跨境电商企业300家" in out
    assert "nj-test-cross-border-firms-2020" in invoke("facts", "list", "--grep", "跨境电商")[1]


def test_include_and_exclude_apply_to_folders_only(news: Path) -> None:
    write(news / "drafts" / "notes.txt", NANJING)
    write(news / "drafts" / ".archive" / "old.md", NANJING)  # hidden folders are never searched
    write(news / ".factcheck.yaml", "exclude: [wire]\ninclude: ['*.md']\nformat: json\n")
    _, out, _ = invoke("drafts")
    assert [f["path"] for f in json.loads(out)["files"]] == ["drafts/a.md"]
    _, out, _ = invoke("drafts", "drafts/wire/b.md")  # a file named on the command line is always checked
    assert [f["path"] for f in json.loads(out)["files"]] == ["drafts/a.md", "drafts/wire/b.md"]


def test_overrides_per_path(news: Path) -> None:
    write(news / "drafts" / "wire" / "c.md", EXAMPLE)
    write(news / ".factcheck.yaml", """\
        format: plain
        overrides:
          - paths: ["drafts/wire/**"]
            fail-on: never
            show: [agree]
        """)
    status, out, _ = invoke("drafts/wire")
    assert status == 0  # discrepancies in wire/c.md do not fail
    assert "discrepancy [" not in out and "agree" in out
    assert invoke("drafts")[0] == 1  # a.md still fails
    assert invoke("--fail-on", "discrepancy", "drafts/wire")[0] == 1  # the flag beats the override


def test_max_size_and_baseline_from_config(news: Path) -> None:
    write(news / ".factcheck.yaml", "max-size: 10\n")
    status, _, err = invoke("drafts/a.md")
    assert status == 2 and "larger than the limit of 10 bytes" in err
    write(news / ".factcheck.yaml", "baseline: known.json\n")
    status, _, err = invoke("drafts/a.md")
    assert status == 2 and "known.json: no such baseline file" in err


# Errors with file:line, exit 2 --------------------------------------------------------------------

YAML_ERRORS = {
    "unknown key": ("fail-on: never\ncolour: red\n", 2, "unknown key 'colour'"),
    "near miss": ("failon: never\n", 1, "unknown key 'failon' (did you mean 'fail-on'?)"),
    "unknown override key": ("overrides:\n  - paths: [a]\n    fail_on: never\n", 3, "overrides: unknown key 'fail_on'"),
    "override without paths": ("overrides:\n  - show: agree\n", 2, "without 'paths'"),
    "bad fail-on": ("fail-on: sometimes\n", 1, "fail-on: 'sometimes' is not one of discrepancy, unverified, never"),
    "bad show": ("jobs: 2\nshow: [agree, bogus]\n", 2, "bogus is not a verdict"),
    "bad format": ("format: pdf\n", 1, "format: 'pdf' is not one of"),
    "negative jobs": ("jobs: -1\n", 1, "jobs: expected a whole number of at least 0"),
    "boolean size": ("max-size: true\n", 1, "max-size: expected a whole number of at least 1"),
    "not a mapping": ("- fail-on\n", 1, "must be a mapping"),
    "syntax": ("fail-on: [never\n", 2, "YAML syntax error"),
    "duplicate key": ("jobs: 1\njobs: 2\n", 2, "duplicate key 'jobs'"),
}


@pytest.mark.parametrize("text,line,message", YAML_ERRORS.values(), ids=YAML_ERRORS.keys())
def test_yaml_errors_name_file_and_line(news: Path, text: str, line: int, message: str) -> None:
    config = write(news / ".factcheck.yaml", text)
    status, out, err = invoke("drafts/a.md")
    assert status == 2 and out == ""
    assert err.startswith(f"factcheck: error: invalid configuration: {config.resolve()}:{line}: ")
    assert message in err and err.count("\n") == 1
    assert invoke("config")[0] == 2


TOML_ERRORS = {
    "unknown key": ('[tool.factcheck]\nfail-on = "never"\n\ncolour = "red"\n', 4, "unknown key 'colour'"),
    "after other tables": ('[project]\nname = "x"\n\n[tool.factcheck]\njobs = 2\nbogus = 1\n', 6, "unknown key 'bogus'"),
    "quoted key": ('[tool.factcheck]\n"fail_on" = "never"\n', 2, "did you mean 'fail-on'?"),
    "override table": (
        '[tool.factcheck]\njobs = 1\n\n[[tool.factcheck.overrides]]\npaths = ["a"]\n\n[[tool.factcheck.overrides]]\npaths = ["b"]\nhide = "agree"\n',
        9, "overrides: unknown key 'hide'",
    ),
    "inline override": ('[tool.factcheck]\noverrides = [\n  {paths = ["a"], shw = "agree"},\n]\n', 3, "unknown key 'shw'"),
    "bad value": ('[tool.factcheck]\n\nfail-on = "always"\n', 3, "'always' is not one of"),
    "syntax": ('[tool.factcheck]\nfail-on = never\n', 2, "TOML syntax error"),
}


@pytest.mark.parametrize("text,line,message", TOML_ERRORS.values(), ids=TOML_ERRORS.keys())
def test_toml_errors_name_file_and_line(news: Path, text: str, line: int, message: str) -> None:
    config = write(news / "pyproject.toml", text)
    status, _, err = invoke("drafts/a.md")
    assert status == 2
    assert err.startswith(f"factcheck: error: invalid configuration: {config.resolve()}:{line}: "), err
    assert message in err


def test_config_error_is_one_exception_type(tmp_path: Path) -> None:
    config = write(tmp_path / ".factcheck.yaml", "a: [\n")
    with pytest.raises(ConfigError) as caught:
        read_config(config)
    assert caught.value.line == 2 and str(caught.value).startswith(f"{config}:2: ")


def test_config_command_lists_every_setting_with_its_origin(news: Path) -> None:
    config = write(news / ".factcheck.yaml", """\
        fail-on: unverified
        overrides:
          - paths: [drafts/wire/**]
            fail-on: never
        """).resolve()
    status, out, _ = invoke("config", "--jobs", "2")
    assert status == 0
    assert out == textwrap.dedent(f"""\
        config file: {config}
        facts: (none)  [default]
        default-facts: true  [default]
        include: *.md, *.markdown, *.txt  [default]
        exclude: (none)  [default]
        fail-on: unverified  [{config}:1]
        format: table on a terminal, else plain  [default]
        show: agree,discrepancy,unverified  [default]
        jobs: 2  [command line]
        max-size: 10000000  [default]
        baseline: (none)  [default]
        overrides: 1  [{config}:2]
          - paths=drafts/wire/** fail-on=never  [{config}:3]
        """)
