"""Baselines: the findings a team has accepted, silenced until something changes.

`factcheck --write-baseline FILE DRAFTS` records the findings that fail;
`factcheck --baseline FILE DRAFTS` silences exactly those. An entry is
keyed on what a finding says, never on where it is: the draft's path
(relative to the baseline file's folder), the claim sentence (whitespace
ignored, so re-wrapping a paragraph keeps it; a sentence that a line break
cut, or joined to another, still matches), the figure as written, the
verdict, the reason and the fact id. Moving a paragraph keeps it silenced;
editing the sentence, the figure or the fact it matched brings it back.
The same sentence twice needs two entries: each entry silences one finding.

The file is JSON, sorted, one entry per finding, written atomically:

    {"version": 1, "findings": [{"path": "drafts/a.md", "verdict": "discrepancy",
      "reason": "value", "fact": "js-5g-new-stations-2020", "text": "5.3万座",
      "claim": "今年江苏将新建5G基站5.3万座,..."}]}
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections import Counter, OrderedDict
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .check import FileResult
from .globs import relative_to
from .inputs import ReadError, read_bytes
from .model import Finding

VERSION = 1
Key = tuple[str, str, str, str, str, str]
_FIELDS = ("path", "verdict", "reason", "fact", "text", "claim")


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message names the file."""


def _squeeze(text: str) -> str:
    return "".join(text.split())


def entry(finding: Finding, path: str) -> dict[str, str]:
    """The baseline record of a finding; `path` as it is to be stored."""
    return {
        "path": path,
        "verdict": finding.verdict,
        "reason": finding.reason or "",
        "fact": finding.fact_id or "",
        "text": finding.text,
        "claim": finding.claim,
    }


def key_of(record: dict[str, str]) -> Key:
    return (
        record["path"], record["verdict"], record["reason"], record["fact"],
        _squeeze(record["text"]), _squeeze(record["claim"]),
    )


def stored_path(draft: str, baseline_file: Path) -> str:
    """A draft's path as a baseline stores it: relative to the baseline's folder.

    >>> stored_path("/news/drafts/a.md", Path("/news/baseline.json"))
    'drafts/a.md'
    """
    return draft if draft == "-" else relative_to(draft, baseline_file.parent)


# A finding that matches no entry exactly is compared with at most this many entries
# left for the same path, verdict, reason, fact and figure: a bound on adversarial
# baselines (10,000 findings x 10,000 entries took 17 s) that can only show a finding,
# never hide one.
NEAR_LIMIT = 64
MAX_BASELINE_BYTES = 200_000_000


@dataclass(frozen=True)
class Baseline:
    file: Path
    keys: Counter[Key]

    def matcher(self) -> Matcher:
        return Matcher(self)

    def filter(self, results: Sequence[FileResult]) -> tuple[list[FileResult], dict[str, int]]:
        """The results without baselined findings, and how many were silenced in each file."""
        matcher = self.matcher()
        kept: list[FileResult] = []
        silenced: dict[str, int] = {}
        for result in results:
            left, count = matcher.take(result)
            kept.append(left)
            if count:
                silenced[result.path] = count
        return kept, silenced


class Matcher:
    """Uses up a baseline's entries, file after file (reports are written as files are checked).

    A finding matches an entry with the same claim (whitespace ignored); failing
    that, an entry whose claim contains its claim or is contained in it (a
    re-wrapped line can cut or join sentences), all else being equal. Entries are
    grouped by all else, so a finding is only ever compared with its own group.
    """

    def __init__(self, baseline: Baseline) -> None:
        self.file = baseline.file
        # (path, verdict, reason, fact, figure) -> squeezed claim -> entries left; insertion-ordered
        self.left: dict[tuple[str, ...], OrderedDict[str, int]] = {}
        for key, count in baseline.keys.items():
            self.left.setdefault(key[:5], OrderedDict())[key[5]] = count

    def take(self, result: FileResult) -> tuple[FileResult, int]:
        """The file's findings that no entry silences, and how many were silenced."""
        path = stored_path(result.path, self.file)
        keys = [key_of(entry(f, path)) for f in result.findings]
        matched = [self._use(key, key[5]) for key in keys]
        matched = [m or self._use_near(key) for m, key in zip(matched, keys)]
        if not any(matched):
            return result, 0
        return FileResult(result.path, tuple(f for f, m in zip(result.findings, matched) if not m)), sum(matched)

    def _use(self, key: Key, claim: str) -> bool:
        group = self.left.get(key[:5])
        if group is None or claim not in group:
            return False
        group[claim] -= 1
        if not group[claim]:
            del group[claim]
        return True

    def _use_near(self, key: Key) -> bool:
        claim, group = key[5], self.left.get(key[:5])
        if not claim or not group:
            return False
        near = next((c for c in islice(group, NEAR_LIMIT) if c and (c in claim or claim in c)), None)
        return near is not None and self._use(key, near)


def load(file: Path) -> Baseline:
    """Read a baseline; BaselineError (with file and line) if it is missing or not one."""
    try:
        text = read_bytes(file, MAX_BASELINE_BYTES).decode("utf-8")
    except ReadError as exc:
        if not os.path.lexists(file):
            raise BaselineError(f"{file}: no such baseline file (make one with --write-baseline {file})") from None
        raise BaselineError(f"{file}: cannot read the baseline: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{file}:{exc.lineno}: not a factcheck baseline: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{file}: not a factcheck baseline: nested too deeply") from None
    return Baseline(file, Counter(key_of(record) for record in _records(file, data)))


def _records(file: Path, data: Any) -> list[dict[str, str]]:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{file}: not a factcheck baseline (version {VERSION} with a list of findings)")
    records: list[dict[str, str]] = data["findings"]
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in _FIELDS):
            raise BaselineError(f"{file}: finding {number}: needs text fields {', '.join(_FIELDS)}")
    return records


def document(results: Iterable[FileResult], fails: Callable[[str, Finding], bool], file: Path) -> dict[str, Any]:
    """The baseline of the findings that fail, in a stable order."""
    records = [
        entry(finding, stored_path(result.path, file))
        for result in results for finding in result.findings if fails(result.path, finding)
    ]
    records.sort(key=lambda r: tuple(r[k] for k in _FIELDS))
    return {"version": VERSION, "findings": records}


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "Is a directory"
    if stat.S_ISLNK(mode):  # writing through it could put a baseline anywhere the link points
        return "a symbolic link (not followed: write to the file it points to)"
    return "not a regular file"


def write(file: Path, data: dict[str, Any]) -> None:
    """Write atomically: a temporary file in the same folder, then os.replace.

    A full disk or a crash leaves the old baseline (or none), never half a file.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        info: os.stat_result | None = os.lstat(file)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise BaselineError(f"{file}: cannot write the baseline: {_not_regular(info.st_mode)}")
    target, folder = file, file.parent
    try:
        mode = info.st_mode & 0o777 if info is not None else 0o644
        handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
