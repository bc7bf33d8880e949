"""Time `extract` on 1 MB of news text and on 1 MB of each adversarial text.

    python benchmarks/bench_extract.py            # 1 MB each
    python benchmarks/bench_extract.py 200000     # a smaller size, in characters
    python benchmarks/bench_extract.py 200000 5   # the best of 5 runs (default 3: the machine is shared)

Prints seconds (CPU time, the best run), MB/s of UTF-8 text, microseconds per
mention and the ratio to the news text. The adversarial texts should cost no
more than about 3x the news per character (short-lines, with a figure every
seven characters, costs more per character but not per mention): the reader
skips what cannot be a figure in one step instead of trying every position.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.extract import extract

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
SIZE = 1_000_000
PARAGRAPH = (
    "第一季度全省完成工业投资52.11亿元,同比增长33%;新增企业4975家,同比增长84%。"
    "目前全省规模以上工业企业复工面已经提升至99.7%,11万余家企业复工面近90%,"
    "医用口罩日产量增加了20倍,累计生产251万件、1.1万吨、166万只、436辆。\n"
)


@dataclass(frozen=True)
class Row:
    name: str
    chars: int
    seconds: float
    mentions: int
    ratio: float = 1.0
    megabytes: float = 0.0  # the text in UTF-8

    @property
    def speed(self) -> str:
        return f"{self.megabytes / self.seconds:.2f}" if self.seconds > 0 else "-"

    @property
    def per_mention(self) -> str:
        return f"{self.seconds / self.mentions * 1e6:.1f}" if self.mentions else "-"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def news(size: int = SIZE) -> str:
    """Ordinary text: the sources repeated (or a paragraph like them when they are absent)."""
    files = sorted(SOURCES.glob("*.txt")) if SOURCES.is_dir() else []
    text = "".join(path.read_text(encoding="utf-8") for path in files) or PARAGRAPH
    return _repeat(text, size)


def adversarial(size: int = SIZE) -> dict[str, str]:
    return {
        "digits": _repeat("7", size),
        "wan-wan": _repeat("万", size),
        "shi-shi": _repeat("十", size),
        "dotted": _repeat("1.1.", size),
        "short-lines": _repeat("增长5%\n", size),
        "yi-yi": _repeat("一", size),
        "digits-and-wan": _repeat("1234567890万亿", size),
    }


def _time(name: str, text: str, repeat: int) -> Row:
    best, mentions = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        mentions = len(extract(text))
        best = min(best, time.process_time() - start)
    return Row(name, len(text), best, mentions, megabytes=len(text.encode("utf-8")) / 1e6)


def run(size: int = SIZE, repeat: int = 3) -> list[Row]:
    base = _time("news", news(size), repeat)
    rows = [base]
    for name, text in adversarial(size).items():
        row = _time(name, text, repeat)
        rows.append(replace(row, ratio=row.seconds / max(base.seconds, 1e-9)))
    return rows


def report(rows: list[Row]) -> str:
    lines = [f"{'text':<16}{'chars':>10}{'seconds':>10}{'MB/s':>8}{'mentions':>10}{'us/mention':>12}{'x news':>8}"]
    lines += [f"{r.name:<16}{r.chars:>10}{r.seconds:>10.3f}{r.speed:>8}{r.mentions:>10}{r.per_mention:>12}{r.ratio:>8.2f}"
              for r in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    size = int(argv[1]) if len(argv) > 1 else SIZE
    repeat = int(argv[2]) if len(argv) > 2 else 3
    print(report(run(size, repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
