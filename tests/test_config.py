"""Configuration: discovery from the current folder up, precedence (defaults < file < flags), errors with file:line."""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from samples import invoke
from factcheck.config import MAX_SIZE_LIMIT, Settings, cpus, resolve
from factcheck.config_files import ConfigError, find_config, read_config
from factcheck.globs import matches

from bounds import LINEAR, doubling_ratio, within

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
    "negative jobs": ("jobs: -1\n", 1, "jobs: expected a whole number from 0 to 1000000"),
    "boolean size": ("max-size: true\n", 1, "max-size: expected a whole number from 1 to 1000000000"),
    "size too large to allocate": ("max-size: 100000000000\n", 1, "max-size: expected a whole number from 1 to 1000000000, not 100000000000"),
    "size past 64 bits": (f"max-size: {2 ** 64}\n", 1, "max-size: expected a whole number from 1 to 1000000000"),
    "a huge value is cut short": ("fail-on: " + "x" * 100_000 + "\n", 1, "fail-on: '" + "x" * 37 + "..." + "x" * 38 + "' is not one of"),
    "not a mapping": ("- fail-on\n", 1, "must be a mapping"),
    "baseline an empty list (found by the fuzz campaign: IndexError)": ("baseline: []\n", 1, "baseline: expected the name of a file, not []"),
    "baseline a list": ("baseline: [a.json, b.json]\n", 1, "baseline: expected the name of a file, not ['a.json', 'b.json']"),
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
    "nested too deeply": ('[tool.factcheck]\njobs = ' + "[" * 2000 + "]" * 2000 + "\n", 0, "values nested too deeply"),
    "nested, shown short": ('[tool.factcheck]\njobs = ' + "[" * 300 + "]" * 300 + "\n", 2, "not [[[[[[[...]]]]]]]\n"),
}


@pytest.mark.parametrize("text,line,message", TOML_ERRORS.values(), ids=TOML_ERRORS.keys())
def test_toml_errors_name_file_and_line(news: Path, text: str, line: int, message: str) -> None:
    config = write(news / "pyproject.toml", text)
    status, _, err = invoke("drafts/a.md")
    assert status == 2
    where = f"{config.resolve()}:{line}" if line else str(config.resolve())
    assert err.startswith(f"factcheck: error: invalid configuration: {where}: "), err
    assert message in err and err.count("\n") == 1


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


# Linear time and bounded values, whatever the file says (issue 17, points 3 and 6) -------------------

def _blank_lines_then_table(n: int) -> Path:
    folder = Path(tempfile.mkdtemp())
    (folder / "pyproject.toml").write_text("\n" * n + "[tool.factcheck]\nfail-on = 'never'\n", encoding="utf-8")
    return folder


def _override_tables(n: int) -> str:
    return "[tool.factcheck]\n" + "".join(f"[[tool.factcheck.overrides]]\npaths = ['a{i}']\nfail-on = 'never'\n" for i in range(n))


def _inline_overrides(n: int) -> str:
    """Comments first: each override's line was looked for from the top of the section."""
    return "[tool.factcheck]\n" + "#\n" * 100_000 + "overrides = [\n" + "".join(f"  {{paths = ['a{i}']}},\n" for i in range(n)) + "]\n"


def _settings_of(text: str) -> Settings:
    folder = Path(tempfile.mkdtemp())
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    return resolve(read_config(folder / "pyproject.toml"), {}, ["plain"], folder)


def test_a_pyproject_of_blank_lines_is_read_quickly() -> None:
    """100,000 blank lines before the table took 37 s, on every run below that folder."""
    folder = _blank_lines_then_table(100_000)
    with within(5):
        assert find_config(folder) == folder / "pyproject.toml"


@pytest.mark.parametrize("make", [_override_tables, _inline_overrides], ids=["override tables", "inline overrides"])
def test_thousands_of_overrides_are_read_quickly(make: Callable[[int], str]) -> None:
    """5,000 [[tool.factcheck.overrides]] took 56 s: each override's line was found by reading every section again."""
    with within(10):
        assert len(_settings_of(make(5_000)).overrides) == 5_000


@pytest.mark.slow
def test_finding_the_configuration_is_linear() -> None:
    assert doubling_ratio(_blank_lines_then_table, find_config, 400_000) < LINEAR


@pytest.mark.slow
@pytest.mark.parametrize("make", [_override_tables, _inline_overrides], ids=["override tables", "inline overrides"])
def test_reading_overrides_is_linear(make: Callable[[int], str]) -> None:
    assert doubling_ratio(make, _settings_of, 6_000) < LINEAR  # 12,000 overrides: under the 1 MB limit


def _deep_path(depth: int) -> str:
    return "/".join(f"d{i}" for i in range(depth)) + "/x.md"


def test_a_glob_of_many_double_stars_does_not_backtrack() -> None:
    """`**/` twelve times against a draft 25 folders deep took 144 s (x3 per extra `**/`)."""
    with within(5):
        assert not matches("**/" * 12 + "zz", _deep_path(25))
        assert not matches("**/d*/" * 40 + "zz", _deep_path(1000))
        assert matches("**/d3/**/d7/*/d9/**", _deep_path(25))


@pytest.mark.slow
def test_matching_a_glob_is_linear_in_the_depth() -> None:
    pattern = "**/d*/" * 20 + "zz"
    assert doubling_ratio(_deep_path, lambda path: [matches(pattern, path) for _ in range(20)], 2_000) < LINEAR


GLOBS = {
    "double star in the middle": ("drafts/**/*.md", "drafts/a/b/c.md", True),
    "double star matches no folder": ("drafts/**/*.md", "drafts/c.md", True),
    "double stars in a row": ("a/**/**/b", "a/b", True),
    "a folder matches what is in it": ("wire", "drafts/wire/x.md", True),
    "star stays in its part": ("drafts/*.md", "drafts/old/a.md", False),
    "double star at the end": ("drafts/**", "drafts/old/a.md", True),
    "set": ("[ab].md", "b.md", True),
    "complement": ("[!ab].md", "b.md", False),
    "reversed range matches nothing": ("[z-a].md", "m.md", False),
    "caret set is literal": ("[^]x", "^x", True),
    "unclosed set is literal": ("[ab", "[ab", True),
    "backslash is literal": ("a\\b", "a\\b", True),
}


@pytest.mark.parametrize("pattern,path,expected", GLOBS.values(), ids=GLOBS.keys())
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected


@pytest.mark.parametrize("glob", ["[z-a]", "[^]", "[", "]", "\\", "(", "**/[!]"])
def test_a_malformed_glob_is_no_error(news: Path, glob: str) -> None:
    """`[z-a]` and `[^]` in exclude or overrides were a re.error traceback."""
    write(news / ".factcheck.yaml", f"exclude: [{json.dumps(glob)}]\noverrides:\n  - paths: [{json.dumps(glob)}]\n    fail-on: never\n")
    status, _, err = invoke("--format", "plain", "drafts")
    assert status == 1 and err == ""


def test_max_size_flag_has_a_ceiling(news: Path) -> None:
    """10^11 was a MemoryError and 2^63-1 an OverflowError: the read buffer is allocated at the limit."""
    for size in ("100000000000", str(2 ** 63 - 1)):
        status, out, err = invoke("--max-size", size, "drafts/a.md")
        assert status == 2 and out == "" and "is not in the range 1<=x<=1000000000" in err
    assert str(MAX_SIZE_LIMIT) in err  # the flag's ceiling is the configuration's


def test_jobs_never_start_more_workers_than_cpus(news: Path) -> None:
    assert Settings(jobs=100_000).workers() == cpus()
    assert Settings(jobs=1).workers() == 1
    write(news / ".factcheck.yaml", "jobs: 100000\n")
    assert setting(invoke("config")[1], "jobs").startswith("jobs: 100000  [")
    status, out, err = invoke("--format", "plain", "drafts")
    assert status == 1 and err == ""


def test_running_from_a_removed_folder_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in (["x.md"], ["config"], ["facts", "list"]):
        status, out, err = invoke(*args)
        assert (status, out) == (2, "")
        assert err == "factcheck: error: cannot use the current directory: No such file or directory\n"


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_a_configuration_that_is_not_a_regular_file(news: Path, special: str) -> None:
    """A FIFO waited for ever and a link to /dev/zero was read without end; neither is a configuration."""
    for name in (".factcheck.yaml", "pyproject.toml", "given.yaml"):
        path = news / name
        if special == "fifo":
            os.mkfifo(path)
        elif special == "folder":
            path.mkdir()
        else:
            path.symlink_to(special)
    with within(10):
        status, out, err = invoke("--format", "plain", "drafts/a.md")  # found from here up: passed over
        assert (status, err) == (1, "")
        status, out, err = invoke("--config", "given.yaml", "drafts/a.md")
    assert (status, out) == (2, "")
    if special == "folder":  # named as --config says it (test_explicit_config_file)
        assert err == "factcheck: error: given.yaml: is a directory, not a configuration file\n"
    else:
        assert err == "factcheck: error: invalid configuration: given.yaml: cannot read: not a regular file (a FIFO, device or socket)\n"
