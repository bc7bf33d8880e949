"""Input and output faults: each is exit 2 (or 130 for Ctrl-C) with one line naming the file, never a traceback.

Missing, unreadable and vanishing drafts, special files, a reader that goes
away (| head), Ctrl-C in the middle of a large check, a full disk under a
baseline or the report, and a proof that no run ever writes to a draft.
Tests run as root here, where chmod does not stop a read: permission denied
is simulated by making `open` fail, and tried for real only as another user.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from samples import invoke
from factcheck.read import read_draft

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "jiangsu-draft.md"
SOURCES = ROOT.parent / "shared" / "sources"
MAIN = [sys.executable, "-c", "from factcheck.cli import main; main()"]
FORMATS = ("table", "plain", "json", "github", "sarif", "junit", "markdown")




def assert_error(args: list[str], named: str, reason: str, input: bytes | None = None, before: tuple[str, ...] = ()) -> None:
    """Exit 2 with one line naming the file; on stdout only the report of the drafts `before` it
    (reports are written file by file), never its summary."""
    status, out, err = invoke(*args, input=input)
    assert status == 2, (status, out, err)
    assert sorted({line.split(":")[0] for line in out.splitlines()}) == sorted(before), out
    assert err.startswith(f"factcheck: error: {named}: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert reason in err, err


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "drafts").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "drafts" / "a.md")
    (tmp_path / "drafts" / "b.md").write_text("江苏今年将新建5G基站5.3万座。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def source_text(size: int) -> str:
    files = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    text = "".join(p.read_text(encoding="utf-8") for p in files) or EXAMPLE.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size]


# ---- drafts that cannot be read ---------------------------------------------------------------------

def test_missing_draft(workdir: Path) -> None:
    assert_error(["nope.md"], "nope.md", "no such file or directory")


def test_directory_without_drafts(workdir: Path) -> None:
    (workdir / "empty" / "sub").mkdir(parents=True)
    (workdir / "empty" / "notes.yaml").write_text("x", encoding="utf-8")
    assert_error(["empty"], "empty", "no drafts")


def test_permission_denied(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def refusing(name: Any, *args: Any, **kwargs: Any) -> Any:
        if str(name).endswith("b.md"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr("factcheck.read.open", refusing, raising=False)
    assert_error(["--format", "plain", "drafts/a.md", "drafts/b.md"], "drafts/b.md", "cannot read: Permission denied", before=("drafts/a.md",))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to drop to another user")
def test_permission_denied_for_real(workdir: Path) -> None:
    """As an unprivileged user (setpriv from root), a mode-000 draft really cannot be opened."""
    (workdir / "drafts" / "b.md").chmod(0)
    workdir.chmod(0o755)
    os.chmod(workdir / "drafts", 0o755)
    env = {**os.environ, "FACTCHECK_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *MAIN, "drafts/b.md"]
    result = subprocess.run(command, cwd=workdir, capture_output=True, env=env, timeout=120)
    if b"factcheck: error" not in result.stderr:
        pytest.skip(f"the unprivileged user cannot run factcheck here: {result.stderr[-200:]!r}")
    assert result.returncode == 2
    assert result.stderr == b"factcheck: error: drafts/b.md: cannot read: Permission denied\n"


def test_a_device_is_refused_at_the_size_limit(workdir: Path) -> None:
    """/dev/zero never ends: reading stops at the limit, and it is an input error, not an out-of-memory kill."""
    assert_error(["--max-size", "1000", "/dev/zero"], "/dev/zero", "larger than the limit of 1000 bytes")


def test_binary_standard_input(workdir: Path) -> None:
    assert_error(["-"], "-", "looks like a binary file", input=b"\x89PNG\r\n\x1a\n\x00\x00")


def test_standard_input_over_the_size_limit(workdir: Path) -> None:
    assert_error(["--max-size", "10", "-"], "-", "larger than the limit", input="江苏今年将新建5G基站5.3万座。".encode())


def test_a_symlink_loop_as_a_draft(workdir: Path) -> None:
    (workdir / "loop.md").symlink_to(workdir / "loop.md")
    assert_error(["loop.md"], "loop.md", "no such file or directory")


def test_a_draft_that_is_a_directory_inside_a_listing(workdir: Path) -> None:
    (workdir / "drafts" / "c.md").mkdir()  # a folder named like a draft is not a draft
    status, out, err = invoke("--format", "plain", "drafts")
    assert status == 1 and err == "" and "drafts/c.md" not in out


# ---- drafts that change while they are checked --------------------------------------------------------

def _while_checking(monkeypatch: pytest.MonkeyPatch, change: Callable[[], object]) -> None:
    """Make `change` happen after the first draft has been read and before the second is."""
    calls = []

    def reading(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        if len(calls) == 2:
            change()
        return read_draft(path, *args, **kwargs)

    monkeypatch.setattr("factcheck.batch.read_draft", reading)


def test_draft_removed_while_checking(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _while_checking(monkeypatch, lambda: (workdir / "drafts" / "b.md").unlink())
    assert_error(["--format", "plain", "--jobs", "1", "drafts"], "drafts/b.md", "cannot read: No such file or directory", before=("drafts/a.md",))


def test_draft_replaced_by_a_directory_while_checking(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def replace() -> None:
        (workdir / "drafts" / "b.md").unlink()
        (workdir / "drafts" / "b.md").mkdir()

    _while_checking(monkeypatch, replace)
    assert_error(["--format", "plain", "--jobs", "1", "drafts"], "drafts/b.md", "cannot read: Is a directory", before=("drafts/a.md",))


def test_draft_rewritten_while_checking_is_reported_as_it_was_read(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft is read once, whole: the findings describe the bytes read, whatever happens to the file after."""
    before = (workdir / "drafts" / "a.md").read_text(encoding="utf-8")
    _while_checking(monkeypatch, lambda: (workdir / "drafts" / "a.md").write_text("改写了。" * 50, encoding="utf-8"))
    status, out, _ = invoke("--format", "json", "--jobs", "1", "drafts")
    assert status == 1
    first = json.loads(out)["files"][0]
    assert first["path"] == "drafts/a.md" and first["findings"]
    assert all(before[f["start"]:f["end"]] == f["text"] for f in first["findings"])


# ---- the reader goes away; Ctrl-C -----------------------------------------------------------------

@pytest.fixture()
def many(workdir: Path) -> Path:
    big = workdir / "big"
    big.mkdir()
    for number in range(40):
        shutil.copy(EXAMPLE, big / f"draft-{number:02d}.md")
    return big


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
@pytest.mark.parametrize("args", [["--format", "plain", "--verbose"], ["--format", "json", "--jobs", "2"]], ids=["plain", "json --jobs 2"])
def test_broken_pipe_through_head(many: Path, args: list[str]) -> None:
    """`factcheck big/ | head -1` in a real shell: one line, nothing on stderr."""
    command = " ".join([*(f"'{part}'" for part in MAIN), *args, "big", "| head -1; echo status=${PIPESTATUS[0]} >&2"])
    result = subprocess.run(["bash", "-c", command], cwd=many.parent, capture_output=True, timeout=300)
    assert result.stdout.count(b"\n") == 1
    lines = result.stderr.decode().splitlines()
    assert lines[-1] in ("status=0", "status=1"), result.stderr.decode()
    assert lines[:-1] == [], result.stderr.decode()  # no traceback, no "Exception ignored ... BrokenPipeError"


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and of its children (the --jobs workers), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") + sum(_cpu_seconds(int(c)) for c in children)


def _busy(pid: int, cpu_seconds: float, limit: float = 60.0) -> None:
    """Wait until the process (and its workers) used this much CPU time: past start-up, checking."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and _cpu_seconds(pid) < cpu_seconds:
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _large_check(workdir: Path, sizes: list[int], jobs: str, cpu_seconds: float) -> subprocess.Popen[bytes]:
    """`factcheck --jobs JOBS` on drafts of these sizes (the sources repeated), once it has used
    this much CPU time: under way, past start-up. The drafts take several times that long."""
    drafts = [f"large-{number}.md" for number in range(len(sizes))]
    for draft, size in zip(drafts, sizes):
        (workdir / draft).write_text(source_text(size), encoding="utf-8")
    process = subprocess.Popen([*MAIN, "--jobs", jobs, *drafts], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _busy(process.pid, cpu_seconds)
    return process


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to know the check is under way")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_the_middle_of_a_large_check(workdir: Path, jobs: str) -> None:
    """SIGINT while checking (one draft of 2 million characters; or six of 600,000 in two workers):
    130 and one line. Reports are written file by file, so with six drafts some may be out; with
    one, none is. The drafts take several times the CPU time waited for: a fast machine checked
    200 KB in less, and on a loaded one six drafts of 300,000 characters (8 s of CPU) were once
    all checked before the wait for 2.5 s of it ended."""
    sizes = [2_000_000] if jobs == "1" else [600_000] * 6
    process = _large_check(workdir, sizes, jobs, 1.2 if jobs == "1" else 2.5)
    assert process.poll() is None, "the check ended before it could be interrupted"
    workers = _children(process.pid)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (130, b"factcheck: interrupted\n")
    assert out == b"" or jobs == "2"
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to know the check is under way")
def test_sigterm_stops_the_workers_too(workdir: Path) -> None:
    """SIGTERM to the main process left its --jobs workers running as orphans."""
    process = _large_check(workdir, [600_000] * 4, "2", 2.0)
    workers = _children(process.pid)
    assert len(workers) == 2, "no workers to stop"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (143, b"factcheck: terminated\n")
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the workers")
def test_a_worker_killed_outright_is_an_error_not_a_hang(workdir: Path) -> None:
    """kill -9 of one worker (the OOM killer) left the main process waiting for ever."""
    process = _large_check(workdir, [600_000] * 4, "2", 1.5)
    workers = _children(process.pid)
    assert len(workers) == 2 and process.poll() is None, "no worker to kill"
    os.kill(workers[0], signal.SIGKILL)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for pid in [process.pid, *_children(process.pid)]:
            os.kill(pid, signal.SIGKILL)  # leave nothing behind
        raise
    assert process.returncode == 2
    assert re.fullmatch(rb"factcheck: error: large-\d\.md: not checked: a worker process was killed \(out of memory\?\)\n", err), err
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to know the build is under way")
def test_ctrl_c_while_the_fact_base_is_built(workdir: Path) -> None:
    """Ctrl-C during a cold build of the cache exited 130 without the 'interrupted' line."""
    fact = (ROOT / "tests" / "samples.py").read_text(encoding="utf-8").split('GOOD_FACT = """\\\n')[1].split('"""')[0]
    head, item = fact.split("facts:\n")
    many = head + "facts:\n" + "".join(item.replace("id: js-5g", f"id: many-{n}") for n in range(50_000))  # about 3 s to build
    (workdir / "many.yaml").write_text(many, encoding="utf-8")
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(workdir / "cold-cache")}
    process = subprocess.Popen([*MAIN, "--facts", "many.yaml", "drafts/b.md"], cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _busy(process.pid, 0.8)
    assert process.poll() is None, "the fact base was built before it could be interrupted"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, b"", b"factcheck: interrupted\n")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to know the check is under way")
def test_ctrl_c_with_jobs_stops_within_two_seconds(workdir: Path) -> None:
    process = _large_check(workdir, [600_000] * 2, "2", 3.0)
    process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    process.communicate(timeout=300)
    assert process.returncode == 130
    assert time.monotonic() - sent < 2.0


# ---- a full disk ----------------------------------------------------------------------------------

def _full_disk_for(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    """Writes to the temporary file whose name starts with `prefix` fail half-way with ENOSPC."""
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> "Full":
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}")) if Path("/proc/self/fd").is_dir() else prefix
        return Full(handle) if name.startswith(prefix) else handle

    monkeypatch.setattr(os, "fdopen", fdopen)  # baseline.write opens its temporary file with os.fdopen


def test_disk_full_while_writing_a_baseline_leaves_the_old_one(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = b'{"version": 1, "findings": []}\n'
    (workdir / "baseline.json").write_bytes(old)
    _full_disk_for(monkeypatch, ".baseline.json.")
    assert_error(["--write-baseline", "baseline.json", "drafts"], "baseline.json", "cannot write the baseline: No space left on device")
    assert (workdir / "baseline.json").read_bytes() == old
    assert sorted(p.name for p in workdir.iterdir()) == ["baseline.json", "drafts"]  # no temporary file left


def test_disk_full_while_writing_a_new_baseline_leaves_none(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk_for(monkeypatch, ".new.json.")
    assert_error(["--write-baseline", "new.json", "drafts"], "new.json", "No space left on device")
    assert sorted(p.name for p in workdir.iterdir()) == ["drafts"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_disk_full_on_the_report(workdir: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*MAIN, "--format", "json", "drafts/a.md"], cwd=workdir, stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("factcheck: error: ") and result.stderr.count(b"\n") == 1
    assert b"No space left on device" in result.stderr


def test_write_baseline_over_a_special_file_is_refused(workdir: Path) -> None:
    fifo = workdir / "pipe.json"
    os.mkfifo(fifo)
    status, _, err = invoke("--write-baseline", str(fifo), "drafts")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert status == 2 and err.startswith(f"factcheck: error: {fifo}: ")


def test_baseline_that_is_a_directory(workdir: Path) -> None:
    (workdir / "base").mkdir()
    assert_error(["--baseline", "base", "drafts"], "base", "cannot read the baseline: Is a directory")
    assert_error(["--write-baseline", "base", "drafts"], "base", "cannot write the baseline: Is a directory")


def test_baseline_in_a_missing_folder(workdir: Path) -> None:
    assert_error(["--write-baseline", "nowhere/b.json", "drafts"], "nowhere/b.json", "No such file or directory")
    assert not (workdir / "nowhere").exists()


# ---- drafts are never written -----------------------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino, p.stat().st_mode)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_no_run_writes_to_a_draft(workdir: Path) -> None:
    hostile = "江苏今年将新建5G基站\x1b[31m5.3万座<!-- factcheck: ignore -->,完成相应投资127万元。\n"
    (workdir / "drafts" / "c d.txt").write_text(hostile, encoding="gb18030")
    (workdir / "drafts" / "e.md").write_bytes(b"\xef\xbb\xbf" + "# 江苏\r\n\r\n南京新增企业300家。\r\n".encode())
    before = _snapshot(workdir / "drafts")
    time.sleep(0.01)
    runs = [["--format", fmt, "drafts"] for fmt in FORMATS]
    runs += [["--format", "json", "--jobs", "2", "drafts"], ["--write-baseline", "baseline.json", "drafts"],
             ["--baseline", "baseline.json", "drafts"], ["--write-baseline", "drafts/baseline.json", "drafts/a.md"]]
    for args in runs:
        status, _, err = invoke(*args)
        assert status in (0, 1), (args, err)
    after = _snapshot(workdir / "drafts")
    assert after.pop("baseline.json")  # the one file asked for, beside the drafts
    assert after == before
