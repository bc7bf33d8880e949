"""The command line: help and examples, exit codes, --jobs, stdin; and what only a real process shows."""

from __future__ import annotations

import dataclasses
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer

from samples import invoke
from factcheck import __version__
from factcheck.check import Checker
from factcheck.cli import app
from factcheck.read import make_draft

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "jiangsu-draft.md"
DRAFTS = sorted(p for p in (ROOT / "tests" / "drafts").iterdir() if p.suffix in (".md", ".txt"))
MAIN = [sys.executable, "-c", "from factcheck.cli import main; main()"]


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean folder (no configuration above it) holding drafts/ with the example and labelled drafts."""
    (tmp_path / "drafts").mkdir()
    for source in [EXAMPLE, *DRAFTS]:
        shutil.copy(source, tmp_path / "drafts" / source.name)
    (tmp_path / "clean.md").write_text("江苏今年将新建5G基站5.2万座。\n", encoding="utf-8")
    (tmp_path / "unverified.md").write_text("南京今年还将新增跨境电商企业300家。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path




# Help: every command documents an example -----------------------------------------------------------

def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():  # a group (click's or typer's own)
        found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "factcheck" for p in COMMANDS])
def test_every_command_help_has_an_example(path: tuple[str, ...]) -> None:
    status, out, _ = invoke(*path, "--help")
    assert status == 0
    assert "Example:" in out
    assert re.search(r"Example: factcheck\b", out)


def test_the_walk_finds_the_commands() -> None:
    assert {("check",), ("config",), ("explain",), ("facts",), ("facts", "validate"), ("facts", "list")} <= set(COMMANDS)


def test_version() -> None:
    assert invoke("--version") == (0, f"factcheck {__version__}\n", "")


def test_check_help_lists_every_format_and_the_new_options() -> None:
    _, out, _ = invoke("check", "--help")
    for word in ("table", "plain", "json", "github", "sarif", "junit", "markdown", "--show", "--jobs", "--baseline", "--write-baseline", "--config"):
        assert word in out


# Exit codes -------------------------------------------------------------------------------------------

EXIT_CODES = {
    "clean draft": (["clean.md"], 0),
    "discrepancy": (["drafts/jiangsu-draft.md"], 1),
    "discrepancy, fail-on never": (["--fail-on", "never", "drafts/jiangsu-draft.md"], 0),
    "unverified only": (["unverified.md"], 0),
    "unverified, fail-on unverified": (["--fail-on", "unverified", "unverified.md"], 1),
    "missing file": (["nope.md"], 2),
    "empty folder": (["empty"], 2),
    "unknown format": (["--format", "pdf", "clean.md"], 2),
    "bad --show": (["--show", "agree,maybe", "clean.md"], 2),
    "bad --fail-on": (["--fail-on", "sometimes", "clean.md"], 2),
    "negative --jobs": (["--jobs", "-1", "clean.md"], 2),
    "missing fact dir": (["--facts", "nope", "clean.md"], 2),
}


@pytest.mark.parametrize("args,status", EXIT_CODES.values(), ids=EXIT_CODES.keys())
def test_exit_codes(workdir: Path, args: list[str], status: int) -> None:
    (workdir / "empty").mkdir()
    code, _, err = invoke("--format", "plain", *args)
    assert code == status
    if status == 2:
        assert "Traceback" not in err


INPUT_ERRORS = {
    "missing file": (["nope.md"], "factcheck: error: nope.md: no such file or directory\n"),
    "empty folder": (["empty"], "factcheck: error: empty: no drafts (*.md, *.markdown, *.txt) in this directory\n"),
    "unknown format": (["--format", "pdf", "clean.md"], "factcheck: error: --format: 'pdf' is not one of table, plain, json, github, sarif, junit, markdown\n"),
    "bad --show": (["--show", "maybe", "clean.md"], "factcheck: error: --show: maybe is not a verdict (choose from: agree, discrepancy, unverified, comma-separated)\n"),
}


@pytest.mark.parametrize("args,message", INPUT_ERRORS.values(), ids=INPUT_ERRORS.keys())
def test_input_errors_are_one_line(workdir: Path, args: list[str], message: str) -> None:
    (workdir / "empty").mkdir()
    assert invoke(*args) == (2, "", message)


def test_plain_output_exactly(workdir: Path) -> None:
    status, out, _ = invoke("--format", "plain", "clean.md", "unverified.md")
    assert status == 0
    assert out == (
        "clean.md:1:12: agree 5.2万座 (002_a0d4ed38e53a1507.txt: js-5g-new-stations-2020)\n"
        "unverified.md:1:15: unverified 300家\n"
        "clean.md: 0 discrepancies, 0 unverified, 1 agree\n"
        "unverified.md: 0 discrepancies, 1 unverified, 0 agree\n"
        "0 discrepancies, 1 unverified, 1 agree in 2 files\n"
    )


def test_show_filters_plain_but_counts_everything(workdir: Path) -> None:
    _, out, _ = invoke("--format", "plain", "--show", "unverified", "clean.md", "unverified.md")
    assert out.splitlines()[0] == "unverified.md:1:15: unverified 300家"
    assert out.splitlines()[-1] == "0 discrepancies, 1 unverified, 1 agree in 2 files"


def test_stdin(workdir: Path) -> None:
    status, out, _ = invoke("--format", "plain", "-", input="江苏今年将新建5G基站5.3万座。\n")
    assert status == 1
    assert out.startswith("-:1:12: discrepancy [value] 5.3万座 -> 5.2万座 ")


def test_verbose_table_shows_candidates(workdir: Path) -> None:
    _, out, _ = invoke("--format", "table", "--verbose", "clean.md")
    assert re.search(r"candidate +js-5g-new-stations-2020 \d\.\d\d \(", out)
    _, quiet, _ = invoke("--format", "table", "clean.md")
    assert "candidate " not in quiet


def test_candidates_are_left_out_unless_shown(checker: Checker) -> None:
    draft = make_draft("d.md", "江苏今年将新建5G基站5.2万座，海南新建5G基站5.3万座。", markdown=True)
    full, bare = checker.check(draft), checker.check(draft, candidates=False)
    assert all(f.candidates for f in full.findings) and not any(f.candidates for f in bare.findings)
    assert [dataclasses.replace(f, candidates=()) for f in full.findings] == list(bare.findings)


@pytest.mark.parametrize("verbose", [(), ("--verbose",)], ids=["quiet", "verbose"])
@pytest.mark.parametrize("fmt", ["plain", "json", "table", "sarif", "junit", "github", "markdown"])
def test_jobs_2_prints_what_jobs_1_prints(workdir: Path, fmt: str, verbose: tuple[str, ...]) -> None:
    one = invoke("--format", fmt, *verbose, "--jobs", "1", "drafts", "clean.md", "drafts/english.md")
    two = invoke("--format", fmt, *verbose, "--jobs", "2", "drafts", "clean.md", "drafts/english.md")
    assert one == two
    assert one[1].encode("utf-8") == two[1].encode("utf-8") and one[0] == 1


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_forked_workers_load_no_fact_base(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_loading(*_: object) -> None:
        raise AssertionError("a worker loaded the fact base")

    monkeypatch.setattr("factcheck.batch._checker", no_loading)  # what the forked workers would call
    one = invoke("--format", "json", "--jobs", "1", "drafts", "clean.md")
    assert invoke("--format", "json", "--jobs", "2", "drafts", "clean.md") == one


def test_jobs_stops_at_the_first_unreadable_draft_in_order(workdir: Path) -> None:
    """Reports are written file by file: the drafts before the unreadable one are reported, none after."""
    (workdir / "binary.md").write_bytes(b"\x00\x01\x02")
    clean = invoke("--format", "plain", "clean.md")[1].splitlines()[0] + "\n"
    for jobs in ("1", "2"):
        status, out, err = invoke("--format", "plain", "--jobs", jobs, "clean.md", "binary.md", "nope.md")
        assert (status, out) == (2, "") and err.startswith("factcheck: error: nope.md")  # paths are checked first
        status, out, err = invoke("--format", "plain", "--jobs", jobs, "clean.md", "binary.md", "unverified.md")
        assert (status, out) == (2, clean) and err.startswith("factcheck: error: binary.md: looks like a binary file")


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_jobs_when_no_process_can_be_started(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a process limit fork fails (BlockingIOError): a traceback; now the drafts are checked here."""
    one = invoke("--format", "json", "--jobs", "1", "drafts")

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    status, out, err = invoke("--format", "json", "--jobs", "2", "drafts")
    assert (status, out) == one[:2]
    assert err == "factcheck: warning: cannot start worker processes (Resource temporarily unavailable): checking one draft at a time\n"


# Through a real process --------------------------------------------------------------------------------

def run(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*MAIN, *args], input=input, capture_output=True, cwd=cwd, timeout=120)


def test_process_exit_codes_and_stdin(workdir: Path) -> None:
    assert run("clean.md", cwd=workdir).returncode == 0
    assert run("drafts/jiangsu-draft.md", cwd=workdir).returncode == 1
    missing = run("nope.md", cwd=workdir)
    assert (missing.returncode, missing.stderr) == (2, b"factcheck: error: nope.md: no such file or directory\n")
    piped = run("--format", "plain", "-", input="江苏今年将新建5G基站5.3万座。\n".encode("gb18030"), cwd=workdir)
    assert piped.returncode == 1 and piped.stdout.decode("utf-8").startswith("-:1:12: discrepancy")


def test_process_usage_error_has_no_traceback(workdir: Path) -> None:
    result = run("--format", cwd=workdir)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_broken_pipe_exits_quietly(workdir: Path) -> None:
    big = workdir / "big"
    big.mkdir()
    for number in range(60):  # with --verbose, ~400 kB of output: far more than a pipe holds
        shutil.copy(EXAMPLE, big / f"draft-{number:02d}.md")
    process = subprocess.Popen([*MAIN, "--format", "plain", "--verbose", "big"], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    err = process.stderr.read()
    status = process.wait(timeout=120)
    assert first.startswith(b"big/draft-00.md:")
    assert err == b"" and status == 0


def _blocked_on_stdin(pid: int, limit: float = 30.0) -> None:
    """Wait until the process sleeps reading its standard input (or give it a few seconds)."""
    wchan = Path(f"/proc/{pid}/wchan")
    deadline = time.monotonic() + limit
    if not wchan.exists():
        time.sleep(3)
        return
    while time.monotonic() < deadline:
        if "pipe" in wchan.read_text() or "wait_woken" in wchan.read_text():
            time.sleep(0.2)
            return
        time.sleep(0.1)


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_exits_130_without_traceback(workdir: Path) -> None:
    process = subprocess.Popen([*MAIN, "-"], cwd=workdir, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _blocked_on_stdin(process.pid)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in err and err == b"factcheck: interrupted\n"


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_stderr_only(workdir: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([*MAIN, "--format", "json", "drafts", "drafts", "--jobs", "1"], cwd=workdir,
                               stdout=subprocess.PIPE, stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    out, _ = process.communicate(timeout=120)
    screen = b""
    while select.select([leader], [], [], 0.5)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert process.returncode == 1
    assert b"checking" in screen  # 12 drafts: a progress bar on the terminal
    assert out.startswith(b"{") and b"\x1b" not in out  # and none in the output


# Start-up: a run imports only what it uses -------------------------------------------------------------

def imported(*args: str, cwd: Path) -> set[str]:
    """The modules (and their top-level packages) a real `factcheck ARGS` process has imported when it exits."""
    code = "import sys\nfrom factcheck.cli import main\ntry:\n    main()\nfinally:\n    print(' '.join(sys.modules), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd, timeout=120)
    modules = set(result.stderr.decode().splitlines()[-1].split())
    return modules | {name.split(".")[0] for name in modules}


def test_a_warm_plain_check_imports_no_yaml_rich_or_multiprocessing(workdir: Path) -> None:
    run("clean.md", cwd=workdir)  # fills the fact-base cache: later runs never parse YAML
    modules = imported("--format", "plain", "clean.md", cwd=workdir)
    assert "factcheck.check" in modules
    assert not {"yaml", "rich", "multiprocessing", "tomllib"} & modules  # (no configuration file here)


def test_a_chinese_draft_compiles_no_english_pattern(workdir: Path) -> None:
    """The patterns that read English in a draft are compiled when first used (lazy.later): a
    Chinese draft, 5G and all, never uses them."""
    (workdir / "zh.md").write_text("江苏省5G基站建成5.2万座，同比增长33%，4月13日前完成。\n", encoding="utf-8")
    code = ("from factcheck.cli import main\ntry:\n    main()\nfinally:\n"
            "    from factcheck import claims, extract, vocabulary\n"
            "    later = (vocabulary.EN_NUMBER, vocabulary.EN_DATE, extract._MULTIPLIED, extract._EN_REACHED,\n"
            "             claims._EN_EVENT_BEFORE)\n"
            "    print('compiled', sum(p.cache_info().currsize for p in later))")
    result = subprocess.run([sys.executable, "-c", code, "zh.md"], capture_output=True, cwd=workdir, timeout=120)
    assert result.stdout.decode().splitlines()[-1] == "compiled 0", result.stderr.decode()[-400:]


def test_version_and_config_do_not_import_the_pipeline(workdir: Path) -> None:
    for args in (["--version"], ["config"]):
        modules = imported(*args, cwd=workdir)
        assert not {"factcheck.check", "yaml", "rich", "rapidfuzz"} & modules, args
