"""Time and memory of the whole check on adversarial input, against ordinary text of the same size.

    python benchmarks/bench_adversarial.py             # the sizes of docs/reliability.md (a few minutes)
    python benchmarks/bench_adversarial.py --scale 0.1 # everything ten times smaller
    python benchmarks/bench_adversarial.py --only digits,wan
    python benchmarks/bench_adversarial.py --peak 10000000 --only news,digits   # peak memory at 10 MB of UTF-8

Each case is measured in its own process, at its full size and at a quarter of
it: the time and peak memory (maxrss) at full size, the ratio to ordinary text of
the same size (the sources repeated), the growth exponent from the quarter size
(1.0 is linear, 2.0 quadratic) and the doubling ratio it implies (2.0 linear,
4.0 quadratic; issue 17 asks for at most 2.3). A case is flagged when its
exponent passes 1.3.

A draft case runs read -> check -> the draft's own suppressions -> the JSON
report, as `factcheck --format json` does (`batch.check_job`, the report streamed
to a counter, not kept), with the shipped fact base built beforehand. The
other cases time one stage on input a pull request controls: finding the
configuration, reading overrides, matching globs, matching a baseline.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
PARAGRAPH = (
    "第一季度全省完成工业投资52.11亿元,同比增长33%;新增企业4975家,同比增长84%。"
    "目前全省规模以上工业企业复工面已经提升至99.7%,11万余家企业复工面近90%。\n"
)
SUPER_LINEAR = 1.3


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def news(size: int) -> str:
    """Ordinary text: the source documents repeated (or a paragraph like them when they are absent)."""
    files = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    return _repeat("".join(p.read_text(encoding="utf-8") for p in files) or PARAGRAPH, size)


def short_lines(size: int) -> str:
    """`size` characters of short lines, every other one with a figure (200,000 lines at 700,000)."""
    return _repeat("增长5%\n江苏\n", size)


def one_line(size: int) -> str:
    """Ordinary text with every line break taken out: one line of `size` characters."""
    return news(size).replace("\n", " ")


def figures_paragraph(size: int) -> str:
    """One paragraph of figures and no full stop: 12,000 figures at 60,000 characters."""
    return _repeat("增长5%,", size)


def no_punctuation(size: int) -> str:
    """Ordinary text with 。，；： and line breaks taken out: one sentence of `size` characters."""
    return news(size * 2).translate({ord(c): None for c in "。，；：,;:\n"})[:size]


def markdown_traps(size: int) -> str:
    """Lines that made the Markdown masking backtrack: link and image openers, dashes, backticks."""
    return "\n".join(_repeat(unit, size // 5) for unit in ("](", "![", "-", "x`", "> "))


@dataclass(frozen=True)
class Case:
    name: str
    size: int  # characters at full size (--scale multiplies); for a stage, what it counts
    make: Callable[[int], str]
    markdown: bool = True
    aliases: int = 0  # a fact base with one entity of this many aliases (common prefix) beside the shipped one
    quote: int = 0  # a fact whose quote is `size` characters long, matched by every figure of the draft
    stage: str = ""  # a stage other than the whole check: config, overrides, globs, baseline
    point: str = ""  # the point of issue 17 the case is about


def _figures_quoting(size: int) -> str:
    return "江苏今年将新建5G基站5.3万座。\n" * 100


CASES = (
    Case("news", 1_000_000, news),
    Case("digits", 1_000_000, lambda n: _repeat("7", n)),
    Case("wan", 1_000_000, lambda n: _repeat("万", n)),
    Case("digits-and-wan", 1_000_000, lambda n: _repeat("1234567890万亿", n)),
    Case("short-lines", 700_000, short_lines),
    Case("one-line-5mb", 5_000_000, one_line),
    Case("figures-paragraph", 60_000, figures_paragraph),
    Case("markdown-traps", 1_000_000, markdown_traps),
    Case("titles-and-figures", 120_000, lambda n: _repeat("《a》5%", n)),
    Case("aliases-10000", 200_000, news, aliases=10_000),
    # issue 17: suppressions (point 1), claims (point 2, being rewritten), memory (point 4)
    # (4 MB: at 1 MB they take a tenth of a second, too little to time against the noise)
    Case("suppress-unclosed", 4_000_000, lambda n: "<!-- factcheck: x" + " " * n, point="1"),
    Case("suppress-ignore-lines", 4_000_000, lambda n: _repeat("<!-- factcheck: ignore -->\n", n), point="1"),
    Case("suppress-one-line", 4_000_000, lambda n: _repeat("<!--factcheck:ignore-->", n), point="1"),
    Case("claims-months", 40_000, lambda n: _repeat("3月", n), point="2"),
    Case("claims-place-figure", 50_000, lambda n: _repeat("江苏增长5% ", n), point="2"),
    Case("claims-no-punctuation", 200_000, no_punctuation, point="2"),
    # 180,000 figures: a draft of more than limits.MAX_ITEMS (200,000) numbers is refused
    Case("dense-figures", 540_000, lambda n: _repeat("5%,", n), point="4"),
    Case("place-names", 540_000, lambda n: _repeat("江苏，", n), point="4"),
    Case("years", 540_000, lambda n: _repeat("今年，", n), point="4"),
    Case("long-quote", 5_000_000, _figures_quoting, quote=1, point="4"),
    # issue 17, point 3: one stage each, on configuration and baselines
    Case("config-blank-lines", 900_000, lambda n: "\n" * n + "[tool.factcheck]\nfail-on = 'never'\n", stage="config", point="3"),
    Case("toml-overrides", 12_000, lambda n: "[tool.factcheck]\n" + "".join(
        f"[[tool.factcheck.overrides]]\npaths = ['a{i}']\nfail-on = 'never'\n" for i in range(n)), stage="overrides", point="3"),
    Case("glob-double-stars", 4_000, lambda n: "/".join("d" for _ in range(n)) + "/x.md", stage="globs", point="3"),
    Case("baseline-entries", 20_000, lambda n: str(n), stage="baseline", point="3"),
)


def alias_base(folder: Path, count: int) -> Path:
    """A fact directory: one entity with `count` aliases sharing a long prefix (the regex's worst case)."""
    folder.mkdir(parents=True, exist_ok=True)
    aliases = ", ".join(f"江苏江苏江苏{i:05d}" for i in range(count))
    (folder / "entities.yaml").write_text(
        f"entities:\n  - id: 测试省\n    kind: province\n    aliases: [{aliases}]\n    english: Testland\n", encoding="utf-8")
    return folder


def quote_base(folder: Path, size: int) -> Path:
    """A fact directory: one fact (about 江苏) whose quote is `size` characters long."""
    folder.mkdir(parents=True, exist_ok=True)
    quote = "前" * (size // 2) + "全年新建5G基站5.2万座。" + "后" * (size // 2)
    (folder / "long.yaml").write_text(
        "source: long.txt\nfacts:\n  - id: long-quote\n    subject: 江苏\n    metric: 新建5G基站\n    kind: count\n"
        f"    value: \"52000\"\n    unit: 座\n    as_written: 5.2万座\n    quote: {quote}\n", encoding="utf-8")
    return folder


def measure(name: str, size: int, in_bytes: bool = False) -> dict[str, float]:
    """In this process: build what the case needs, then time it. `in_bytes`: the draft cut
    to `size` bytes of UTF-8 (what --max-size counts), not characters."""
    case = next(c for c in CASES if c.name == name)
    if case.stage:
        return _stage(case, size)
    from factcheck.batch import Job, check_job
    from factcheck.check import Checker
    from factcheck.facts import embedded_facts_dir, load_fact_base
    from factcheck.read import make_draft
    from factcheck.report import Options, Tally, streamer

    dirs = [embedded_facts_dir()]
    started = time.perf_counter()
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    if case.aliases:
        dirs.append(alias_base(scratch / f"factcheck-aliases-{case.aliases}", case.aliases))
    if case.quote:
        dirs.append(quote_base(scratch / f"factcheck-quote-{size}", size))
    checker = Checker(load_fact_base(dirs))
    checker.check_text("江苏今年将新建5G基站5.2万座。")  # builds the gazetteer and the index
    build = time.perf_counter() - started
    text = case.make(size)
    if in_bytes:
        text = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    started = time.perf_counter()
    draft = make_draft("draft.md" if case.markdown else "draft.txt", text, case.markdown)
    outcome = check_job(Job(draft.path, 0, draft=draft, candidates=False), checker)
    del draft
    report = sum(len(chunk.encode("utf-8")) for chunk in streamer("json")(iter([outcome.result]), Options(), Tally()))
    seconds = time.perf_counter() - started
    chars = size if case.quote else len(text)  # what grows: the quote, or the draft
    return {"chars": chars, "seconds": seconds, "build": build, "findings": len(outcome.result.findings), "peak_mb": _peak(),
            "report_mb": report / 1e6, "refused": outcome.error}


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux counts kB)


def _stage(case: Case, size: int) -> dict[str, float]:
    """One stage on input of `size`: the configuration found, overrides read, a glob matched, a baseline matched."""
    import tempfile
    from collections import Counter

    from factcheck.baseline import Baseline
    from factcheck.check import FileResult
    from factcheck.config import resolve
    from factcheck.config_files import find_config, read_config
    from factcheck.globs import matches
    from factcheck.model import Finding

    folder = Path(tempfile.mkdtemp())
    work: Callable[[], object]
    if case.stage in ("config", "overrides"):
        (folder / "pyproject.toml").write_text(case.make(size), encoding="utf-8")
        work = (lambda: find_config(folder)) if case.stage == "config" else (
            lambda: resolve(read_config(folder / "pyproject.toml"), {}, ["plain"], folder))
    elif case.stage == "globs":
        path = case.make(size)
        work = lambda: [matches("**/d*/" * 20 + "zz", path) for _ in range(20)]  # noqa: E731
    else:
        findings = tuple(Finding("a.md", i + 1, 1, 0, 2, "5%", f"第{i}句增长5%。", "unverified", None, "5", "%") for i in range(size))
        entries = Counter(("a.md", "unverified", "", "", "5%", f"另一句{i}增长5%") for i in range(size))
        work = lambda: Baseline(Path("b.json"), entries).filter([FileResult("a.md", findings)])  # noqa: E731
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    return {"chars": size, "seconds": seconds, "build": 0.0, "findings": 0, "peak_mb": _peak(), "report_mb": 0.0}


def in_process(name: str, size: int, in_bytes: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", name, str(size)] + (["--bytes"] if in_bytes else [])
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    measured: dict[str, float] = json.loads(output.stdout)
    return measured


def exponent(small: dict[str, float], large: dict[str, float]) -> float:
    if small["seconds"] < 0.02:  # too fast to tell: nothing grows here
        return 1.0
    return math.log(max(large["seconds"], 1e-9) / small["seconds"]) / math.log(large["chars"] / small["chars"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--peak", type=int, default=0, help="only the peak memory of each draft case at this many bytes of UTF-8")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--bytes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker[0], int(args.worker[1]), args.bytes)))
        return
    chosen = [c for c in CASES if not args.only or c.name in args.only.split(",")]
    if args.peak:
        for case in (c for c in chosen if not c.stage and not c.quote):
            measured = in_process(case.name, args.peak, in_bytes=True)
            outcome = f"refused: {measured['refused']}" if measured["refused"] else f"{int(measured['findings']):,} findings"
            print(f"{case.name:<24}{int(measured['chars']):>10} chars {measured['seconds']:>8.1f} s {measured['peak_mb']:>7.0f} MB peak  {outcome}", flush=True)
        return
    print(f"{'case':<24}{'chars':>10}{'seconds':>9}{'x news':>8}{'growth':>8}{'x2n':>6}{'findings':>10}{'peak MB':>9}{'report MB':>10}")
    news_seconds: dict[int, float] = {}
    for case in chosen:
        size = max(1000, int(case.size * args.scale))
        small, large = in_process(case.name, size // 4), in_process(case.name, size)
        ratio = "-"
        if not case.stage and not case.quote:
            if size not in news_seconds:
                news_seconds[size] = large["seconds"] if case.name == "news" else in_process("news", size)["seconds"]
            ratio = f"{large['seconds'] / max(news_seconds[size], 1e-9):.2f}"
        growth = exponent(small, large)
        flag = "  super-linear" if growth > SUPER_LINEAR else ""
        print(f"{case.name:<24}{int(large['chars']):>10}{large['seconds']:>9.2f}{ratio:>8}{growth:>8.2f}{2 ** growth:>6.2f}"
              f"{int(large['findings']):>10}{large['peak_mb']:>9.0f}{large['report_mb']:>10.1f}{flag}", flush=True)


if __name__ == "__main__":
    main()
