"""Time and memory of the whole check on adversarial drafts, against ordinary text of the same size.

    python benchmarks/bench_adversarial.py             # the sizes of docs/reliability.md (a few minutes)
    python benchmarks/bench_adversarial.py --scale 0.1 # everything ten times smaller
    python benchmarks/bench_adversarial.py --only digits,wan

Each case is measured in its own process (read -> check -> JSON report, as
`factcheck --format json` does, with the shipped fact base built beforehand),
at its full size and at a quarter of it: the time and peak memory (maxrss) at
full size, the ratio to ordinary text of the same size (the sources
repeated), and the growth exponent from the quarter size (1.0 is linear, 2.0
quadratic). A case is flagged when its exponent passes 1.3.
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


def markdown_traps(size: int) -> str:
    """Lines that made the Markdown masking backtrack: link and image openers, dashes, backticks."""
    return "\n".join(_repeat(unit, size // 5) for unit in ("](", "![", "-", "x`", "> "))


@dataclass(frozen=True)
class Case:
    name: str
    size: int  # characters at full size (--scale multiplies)
    make: Callable[[int], str]
    markdown: bool = True
    aliases: int = 0  # a fact base with one entity of this many aliases (common prefix) beside the shipped one


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
)


def alias_base(folder: Path, count: int) -> Path:
    """A fact directory: one entity with `count` aliases sharing a long prefix (the regex's worst case)."""
    folder.mkdir(parents=True, exist_ok=True)
    aliases = ", ".join(f"江苏江苏江苏{i:05d}" for i in range(count))
    (folder / "entities.yaml").write_text(
        f"entities:\n  - id: 测试省\n    kind: province\n    aliases: [{aliases}]\n    english: Testland\n", encoding="utf-8")
    return folder


def measure(name: str, size: int) -> dict[str, float]:
    """In this process: build the checker, then time read -> check -> json for one case."""
    from factcheck.check import Checker
    from factcheck.facts import embedded_facts_dir, load_fact_base
    from factcheck.read import make_draft
    from factcheck.report import Options, formatters

    case = next(c for c in CASES if c.name == name)
    dirs = [embedded_facts_dir()]
    started = time.perf_counter()
    if case.aliases:
        dirs.append(alias_base(Path(os.environ.get("TMPDIR", "/tmp")) / f"factcheck-aliases-{case.aliases}", case.aliases))
    checker = Checker(load_fact_base(dirs))
    checker.check_text("江苏今年将新建5G基站5.2万座。")  # builds the gazetteer and the index
    build = time.perf_counter() - started
    text = case.make(size)
    started = time.perf_counter()
    draft = make_draft("draft.md" if case.markdown else "draft.txt", text, case.markdown)
    result = checker.check(draft)
    report = formatters()["json"]([result], Options())
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux counts kB)
    return {"chars": len(text), "seconds": seconds, "build": build, "findings": len(result.findings), "peak_mb": peak, "report_mb": len(report) / 1e6}


def in_process(name: str, size: int) -> dict[str, float]:
    output = subprocess.run([sys.executable, __file__, "--worker", name, str(size)], capture_output=True, text=True, check=True)
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
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker[0], int(args.worker[1]))))
        return
    chosen = [c for c in CASES if not args.only or c.name in args.only.split(",")]
    print(f"{'case':<20}{'chars':>10}{'seconds':>9}{'x news':>8}{'growth':>8}{'findings':>10}{'peak MB':>9}{'report MB':>10}")
    news_seconds: dict[int, float] = {}
    for case in chosen:
        size = max(1000, int(case.size * args.scale))
        small, large = in_process(case.name, size // 4), in_process(case.name, size)
        if size not in news_seconds:
            news_seconds[size] = large["seconds"] if case.name == "news" else in_process("news", size)["seconds"]
        ratio = large["seconds"] / max(news_seconds[size], 1e-9)
        growth = exponent(small, large)
        flag = "  super-linear" if growth > SUPER_LINEAR else ""
        print(f"{case.name:<20}{int(large['chars']):>10}{large['seconds']:>9.2f}{ratio:>8.2f}{growth:>8.2f}"
              f"{int(large['findings']):>10}{large['peak_mb']:>9.0f}{large['report_mb']:>10.1f}{flag}", flush=True)


if __name__ == "__main__":
    main()
