"""Benchmark factcheck: start-up, throughput, memory, fact base loading, --jobs.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--quick] [--out benchmarks/out]

Generates (or reuses) synthetic fact bases and drafts under --out (see
synth.py), then prints side by side:

- start-up: `factcheck draft.md` on a 3 KB draft against the shipped fact
  base, whole process, median of runs, against `python -c "import factcheck"`;
  and on the same draft in traditional characters (OpenCC's s2t), which loads
  OpenCC to read it;
- per fact base size: load time cold (YAML) and warm (cache), index build,
  throughput in MB/s of draft text (`Checker.check` as the CLI calls it
  without --verbose, listing no candidates) and µs per figure, the
  bare `re.finditer(r"\\d+")` floor over the same text, peak memory (maxrss of
  the measuring process), and how the verdicts compare with the ones the
  draft was built to get;
- `--jobs 2` against `--jobs 1` on a folder of small drafts.

Every measurement that loads a fact base runs in its own process
(`run.py --worker ...`), so peak memory and cold loads are not disturbed by
earlier ones. The cache goes to OUT/cache, never the user's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEFAULT_SIZES = (1000, 10000, 100000)
_FIGURE_FLOOR = re.compile(r"\d+")


# -- measurements inside one process ---------------------------------------


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def peak_mb() -> float:
    """Peak resident memory of this process, in MB.

    Linux's VmHWM belongs to the process image, so it starts afresh at exec;
    ru_maxrss would also count the parent's size at fork (Linux carries it
    over exec), which made every worker look as big as the benchmark itself.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def floor_mb_s(text: str, repeat: int = 3) -> float:
    """The bare floor: every run of digits found by one regex, in MB/s of UTF-8 text."""
    size = len(text.encode("utf-8"))
    best = min(timed(lambda: sum(1 for _ in _FIGURE_FLOOR.finditer(text)))[0] for _ in range(repeat))
    return size / 1e6 / max(best, 1e-9)


def prefixes(text: str, sizes: list[int]) -> list[str]:
    """The draft cut at a section boundary near each size (in UTF-8 bytes), smallest first."""
    cuts, data = [], text.encode("utf-8")
    for size in sorted(sizes):
        if size >= len(data):
            cuts.append(text)
            break
        head = data[:size].decode("utf-8", "ignore")
        at = head.rfind("\n## ")
        cuts.append(head[:at] if at > 0 else head)
    return cuts


def throughput(checker: Any, text: str, budget: float, steps: list[int], manifest: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Check growing prefixes of `text` as one draft each, until the next would pass `budget` seconds.

    Linear extrapolation decides whether the next step fits, so a check that
    grows faster than the text (a quadratic step) shows as a falling MB/s.
    """
    from factcheck.read import make_draft

    runs: list[dict[str, Any]] = []
    result, last_text = None, ""
    for part in prefixes(text, steps):
        size = len(part.encode("utf-8"))
        if runs and runs[-1]["seconds"] * size / runs[-1]["bytes"] > budget:
            break
        draft = make_draft("bench.md", part, markdown=True)
        seconds, result = timed(lambda draft=draft: checker.check(draft, candidates=False))  # type: ignore[misc]
        figures = len(result.findings)
        runs.append({"bytes": size, "seconds": seconds, "findings": figures,
                     "mb_s": size / 1e6 / seconds, "us_per_finding": 1e6 * seconds / max(figures, 1)})
        last_text = part
    out: dict[str, Any] = {"runs": runs}
    if result is not None:
        verdicts: dict[str, int] = {}
        for finding in result.findings:
            verdicts[finding.verdict] = verdicts.get(finding.verdict, 0) + 1
        out["verdicts"] = verdicts
        if manifest is not None:
            out["labels"] = agreement(result.findings, manifest, len(last_text))
    return out


def agreement(findings: Any, manifest: list[dict[str, Any]], length: int) -> dict[str, Any]:
    """How often the checker's verdict is the one each figure was built to get (per built verdict)."""
    by_start: dict[int, Any] = {}
    for finding in findings:
        by_start.setdefault(finding.start, finding)
    table: dict[str, list[int]] = {}
    for label in manifest:
        if label["end"] > length:
            continue
        found = next((by_start[s] for s in range(label["start"] - 6, label["end"]) if s in by_start), None)
        hit = found is not None and found.verdict == label["verdict"]
        counts = table.setdefault(str(label["verdict"]), [0, 0])
        counts[0] += hit
        counts[1] += 1
    return {verdict: f"{ok}/{total}" for verdict, (ok, total) in sorted(table.items())}


# -- workers: one measurement per process ----------------------------------


def work(task: dict[str, Any]) -> dict[str, Any]:
    from factcheck.facts import embedded_facts_dir

    dirs = [embedded_facts_dir(), *(Path(p) for p in task.get("facts", ()))]
    kind = task["kind"]
    if kind == "cold":
        from factcheck.check import Checker
        from factcheck.facts import load_fact_base

        seconds, base = timed(lambda: load_fact_base(dirs))
        checker = Checker(base)
        gazetteer, _ = timed(lambda: checker.gazetteer)
        index, _ = timed(lambda: checker.index)
        return {"facts": len(base.facts), "entities": len(base.entities), "load_cold": seconds,
                "gazetteer_build": gazetteer, "index_build": index, "peak_mb": peak_mb()}
    if kind == "prime":
        from factcheck.cache import load_checker_cached

        seconds, _ = timed(lambda: load_checker_cached(dirs).index)
        return {"prime": seconds}
    if kind == "warm_base":
        from factcheck.cache import load_fact_base_cached

        seconds, base = timed(lambda: load_fact_base_cached(dirs))
        return {"load_warm": seconds, "facts": len(base.facts), "peak_mb": peak_mb()}
    if kind == "check":
        import factcheck.check  # noqa: F401  (imports are start-up, not loading)
        from factcheck.cache import load_checker_cached

        seconds, checker = timed(lambda: load_checker_cached(dirs))
        gazetteer, _ = timed(lambda: checker.gazetteer)
        text = Path(task["draft"]).read_text(encoding="utf-8")
        manifest_path = Path(task["draft"]).with_suffix(".manifest.json")
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None
        out = throughput(checker, text, task["budget"], task["steps"], manifest)
        out.update({"load_warm_checker": seconds, "gazetteer_build": gazetteer,
                    "floor_mb_s": floor_mb_s(text), "peak_mb": peak_mb()})
        return out
    if kind == "startup":
        return startup_phases(Path(task["draft"]))
    raise ValueError(f"unknown task {kind!r}")


def startup_phases(draft: Path) -> dict[str, Any]:
    """Where the start-up time of one check goes, in one fresh process."""
    phases: dict[str, float] = {}
    phases["import factcheck.cli"], _ = timed(lambda: __import__("factcheck.cli"))
    phases["import factcheck.check"], _ = timed(lambda: __import__("factcheck.check"))
    from factcheck.cache import load_checker_cached
    from factcheck.check import Checker
    from factcheck.facts import embedded_facts_dir, load_fact_base
    from factcheck.read import read_draft

    dirs = [embedded_facts_dir()]
    phases["load shipped base (YAML)"], base = timed(lambda: load_fact_base(dirs))
    checker = Checker(base)
    phases["build gazetteer + index"], _ = timed(lambda: (checker.gazetteer, checker.index))
    load_checker_cached(dirs)  # fills the cache if it is empty
    phases["load shipped base + index (cache)"], _ = timed(lambda: load_checker_cached(dirs).index)
    phases["check the 3 KB draft"], _ = timed(lambda: checker.check(read_draft(draft), candidates=False))
    hant = traditional_copy(draft)
    phases["check it in traditional characters"], _ = timed(lambda: checker.check(read_draft(hant), candidates=False))
    phases["check it in traditional, again"], _ = timed(lambda: checker.check(read_draft(hant), candidates=False))
    return phases


def in_worker(task: dict[str, Any], env: dict[str, str], timeout: float | None = None) -> dict[str, Any]:
    """Run one task in a fresh process; its JSON answer, or {'error': ...}."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(task)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


# -- whole processes -------------------------------------------------------


def median_seconds(command: list[str], env: dict[str, str], repeat: int, warmup: bool = True) -> float:
    """Median wall time of a command (one untimed run first: disk cache, bytecode, fact cache)."""
    return statistics.median(wall_times(command, env, repeat, warmup))


def wall_times(command: list[str], env: dict[str, str], repeat: int, warmup: bool = True) -> list[float]:
    if warmup:
        subprocess.run(command, capture_output=True, env=env, check=False)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return times


def cpu_seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system, children included) time of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def factcheck_command() -> list[str]:
    script = shutil.which("factcheck")
    return [script] if script else [sys.executable, "-c", "from factcheck.cli import main; main()"]


def startup(draft: Path, env: dict[str, str], repeat: int) -> dict[str, Any]:
    """Whole processes, interleaved run by run so that a busy spell hits them all alike."""
    python = [sys.executable]
    commands = {
        'python -c "pass"': python + ["-c", "pass"],
        'python -c "import factcheck"': python + ["-c", "import factcheck"],
        "factcheck --version": factcheck_command() + ["--version"],
        "factcheck draft-3k.md": factcheck_command() + [str(draft)],
        "factcheck draft-3k-hant.md": factcheck_command() + [str(traditional_copy(draft))],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, command in commands.items():
        wall_times(command, env, 0)  # warm-up: bytecode, disk cache, the fact cache
    for _ in range(repeat):
        for name, command in commands.items():
            times[name] += wall_times(command, env, 1, warmup=False)
    rows = {name: statistics.median(values) for name, values in times.items()}
    least = {name: min(values) for name, values in times.items()}
    return {"processes": rows, "least": least, "phases": in_worker({"kind": "startup", "draft": str(draft)}, env)}


def compile_package() -> None:
    """Write the package's bytecode, as pip does when it installs a wheel: a run from a
    source tree under PYTHONDONTWRITEBYTECODE would otherwise compile every module
    (~45 ms) on every start, which no installed copy does."""
    import compileall

    import factcheck

    compileall.compile_dir(str(Path(factcheck.__file__).parent), quiet=1)


def has_jobs_option(env: dict[str, str]) -> bool:
    done = subprocess.run(factcheck_command() + ["check", "--help"], capture_output=True, text=True, env=env, check=False)
    return "--jobs" in done.stdout


def jobs_scaling(folder: Path, facts: Path, env: dict[str, str], repeat: int) -> dict[str, Any]:
    """`--jobs 2` against `--jobs 1` over a folder of drafts (the CLI's own, else a process pool)."""
    if has_jobs_option(env):
        base = factcheck_command() + ["check", "--facts", str(facts), "--format", "json", "--fail-on", "never"]
        (one, one_cpu), (two, two_cpu) = (cpu_seconds(base + ["--jobs", str(n), str(folder)], env) for n in (1, 2))
        how = "factcheck check --jobs N"
    else:
        (one, one_cpu), (two, two_cpu) = (pool_seconds(folder, facts, n) for n in (1, 2))
        how = "ProcessPoolExecutor over Checker.check (no --jobs in the CLI)"
    drafts = len(list(folder.glob("*.md")))
    return {"how": how, "drafts": drafts, "jobs1": one, "jobs2": two, "speedup": one / two,
            "cpu1": one_cpu, "cpu2": two_cpu, "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}


def pool_seconds(folder: Path, facts: Path, workers: int) -> tuple[float, float]:
    """Wall and CPU time of checking every draft of `folder` with a pool of `workers` processes."""
    from concurrent.futures import ProcessPoolExecutor

    paths = sorted(str(p) for p in folder.glob("*.md"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, initializer=_pool_init, initargs=(str(facts),)) as pool:
        list(pool.map(_pool_check, paths, chunksize=4))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers have been joined
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


_POOL_CHECKER: Any = None


def _pool_init(facts: str) -> None:
    global _POOL_CHECKER
    from factcheck.cache import load_checker_cached
    from factcheck.facts import embedded_facts_dir

    _POOL_CHECKER = load_checker_cached([embedded_facts_dir(), Path(facts)])


def _pool_check(path: str) -> int:
    from factcheck.read import read_draft

    return len(_POOL_CHECKER.check(read_draft(path)).findings)


# -- the run ---------------------------------------------------------------


def prepare(out: Path, sizes: list[int], draft_bytes: int, batch: int) -> dict[int, dict[str, Any]]:
    """Generate each size's fact base and drafts unless the same ones are already there."""
    import synth

    worlds: dict[int, dict[str, Any]] = {}
    for n in sizes:
        folder = out / f"f{n}"
        wanted = {"n": n, "draft_bytes": draft_bytes, "batch": batch if n == min(sizes) else 0, "format": 1}
        stamp = folder / "stamp.json"
        if not (stamp.exists() and json.loads(stamp.read_text()) == wanted):
            print(f"generating {n} facts in {folder} ...", file=sys.stderr, flush=True)
            synth.generate(folder, n, {"3k": 3000, "big": draft_bytes}, batch=wanted["batch"])
            stamp.write_text(json.dumps(wanted))
        worlds[n] = json.loads((folder / "world.json").read_text())
    return worlds


def shipped_draft(out: Path) -> Path:
    import synth
    from factcheck.facts import embedded_facts_dir, load_fact_base

    path = out / "shipped-3k.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(synth.shipped_draft(load_fact_base([embedded_facts_dir()])), encoding="utf-8")
    return path


def traditional_copy(draft: Path) -> Path:
    """The draft in traditional characters (OpenCC's s2t, which keeps every offset), beside it."""
    import opencc

    path = draft.with_name(draft.stem + "-hant" + draft.suffix)
    if not path.exists():
        path.write_text(opencc.OpenCC("s2t.json").convert(draft.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def machine() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {"cpus": str(os.cpu_count()), "python": sys.version.split()[0], "cpu": model or "?",
            "platform": platform.platform()}


def measure_size(n: int, world: dict[str, Any], env: dict[str, str], budget: float, steps: list[int], repeat: int) -> dict[str, Any]:
    facts = [world["facts"]]
    row: dict[str, Any] = {"n": n}
    row.update(in_worker({"kind": "cold", "facts": facts}, env))
    row["peak_cold_mb"] = row.pop("peak_mb", None)
    in_worker({"kind": "prime", "facts": facts}, env)
    warm = [in_worker({"kind": "warm_base", "facts": facts}, env) for _ in range(repeat)]
    # The least of several runs: on a shared machine other work only ever adds time.
    row["load_warm"] = min((w["load_warm"] for w in warm if "load_warm" in w), default=None)
    check = in_worker({"kind": "check", "facts": facts, "draft": world["drafts"]["big"], "budget": budget, "steps": steps}, env)
    row.update(check)
    row["peak_check_mb"] = row.pop("peak_mb", None)
    return row


def report(results: dict[str, Any]) -> str:
    lines = [f"machine: {results['machine']['cpus']} CPUs, {results['machine']['cpu']}, Python {results['machine']['python']}"]
    start = results.get("startup")
    if start:
        base = start["processes"]['python -c "import factcheck"']
        lines += ["", "start-up (whole process, median):"]
        least_base = start["least"]['python -c "import factcheck"']
        for name, seconds in start["processes"].items():
            least = start["least"][name]
            lines.append(f"  {name:32s} {seconds * 1000:8.1f} ms  {seconds / base:5.2f}x import factcheck"
                         f"   (least {least * 1000:6.1f} ms, {least / least_base:5.2f}x)")
        lines.append("  in one process:")
        for name, seconds in start["phases"].items():
            lines.append(f"    {name:34s} {seconds * 1000:8.1f} ms" if isinstance(seconds, float) else f"    {name}: {seconds}")
    rows = results.get("sizes", [])
    if rows:
        lines += ["", "by fact base size:"]
        header = ("facts", "cold load", "warm load", "warm+index", "index build", "MB/s", "µs/finding", "floor MB/s",
                  "peak cold", "peak check")
        lines.append("  " + " | ".join(f"{h:>11s}" for h in header))
        for row in rows:
            last = row.get("runs", [{}])[-1] if row.get("runs") else {}
            cells = [
                f"{row['n']}", _s(row.get("load_cold")), _s(row.get("load_warm")), _s(row.get("load_warm_checker")),
                _s(row.get("index_build")), _f(last.get("mb_s"), 3), _f(last.get("us_per_finding"), 0),
                _f(row.get("floor_mb_s"), 0), _mb(row.get("peak_cold_mb")), _mb(row.get("peak_check_mb")),
            ]
            lines.append("  " + " | ".join(f"{c:>11s}" for c in cells))
        lines += ["", "throughput runs (growing prefixes of the big draft, each checked as one draft):"]
        for row in rows:
            if row.get("error"):
                lines.append(f"  {row['n']:>7} facts: error: {row['error']}")
            for run in row.get("runs", []):
                lines.append(f"  {row['n']:>7} facts: {run['bytes'] / 1e6:6.3f} MB in {run['seconds']:8.2f} s = "
                             f"{run['mb_s']:.3f} MB/s, {run['findings']} findings, {run['us_per_finding']:.0f} µs each")
            if row.get("verdicts"):
                lines.append(f"  {row['n']:>7} facts: verdicts {row['verdicts']}; as built (right/all): {row.get('labels')}")
    jobs = results.get("jobs")
    if jobs:
        lines += ["", f"--jobs ({jobs['how']}, {jobs['drafts']} drafts, {jobs.get('facts', '')} facts):",
                  f"  --jobs 1 {jobs['jobs1']:.2f} s, --jobs 2 {jobs['jobs2']:.2f} s: {jobs['speedup']:.2f}x "
                  f"(CPU {jobs['cpu1']:.1f} s and {jobs['cpu2']:.1f} s; load average {jobs.get('load_average') or 0:.1f})"]
    return "\n".join(lines)


def _s(value: Any) -> str:
    return "-" if value is None else f"{value:.3f} s"


def _f(value: Any, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _mb(value: Any) -> str:
    return "-" if value is None else f"{value:.0f} MB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="fact base sizes, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="1000,10000 facts, a 200 KB draft, 40 drafts for --jobs, fewer runs")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where generated data and the cache go")
    parser.add_argument("--budget", type=float, default=None, help="seconds one throughput step may take (default 60, quick 15)")
    parser.add_argument("--skip", default="", help="parts to leave out: startup,sizes,jobs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(work(json.loads(args.worker))))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([1000, 10000] if args.quick else list(DEFAULT_SIZES))
    draft_bytes = 200_000 if args.quick else 1_000_000
    budget = args.budget or (15.0 if args.quick else 60.0)
    repeat = 3 if args.quick else 9
    batch = 40 if args.quick else 200
    skip = set(args.skip.split(","))
    out = args.out.resolve()
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(out / "cache"))
    os.environ["FACTCHECK_CACHE_DIR"] = env["FACTCHECK_CACHE_DIR"]
    results: dict[str, Any] = {"machine": machine(), "sizes": []}
    worlds = prepare(out, sizes, draft_bytes, batch)
    if "startup" not in skip:
        compile_package()
        results["startup"] = startup(shipped_draft(out), env, repeat)
    if "sizes" not in skip:
        steps = [draft_bytes // 100, draft_bytes // 10, draft_bytes]
        for n in sizes:
            print(f"measuring {n} facts ...", file=sys.stderr, flush=True)
            results["sizes"].append(measure_size(n, worlds[n], env, budget, steps, max(1, repeat // 3)))
    if "jobs" not in skip:
        smallest = min(sizes)
        folder = Path(worlds[smallest]["batch"])
        results["jobs"] = jobs_scaling(folder, Path(worlds[smallest]["facts"]), env, 1)
        results["jobs"]["facts"] = worlds[smallest]["n_facts"]
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
