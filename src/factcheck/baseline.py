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
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from .check import FileResult
from .globs import relative_to
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


@dataclass(frozen=True)
class Baseline:
    file: Path
    keys: Counter[Key]

    def filter(self, results: Sequence[FileResult]) -> tuple[list[FileResult], dict[str, int]]:
        """The results without baselined findings, and how many were silenced in each file.

        A finding matches an entry with the same claim (whitespace ignored); failing
        that, an entry whose claim contains its claim or is contained in it (a
        re-wrapped line can cut or join sentences), all else being equal.
        """
        left = Counter(self.keys)
        kept: list[FileResult] = []
        silenced: dict[str, int] = {}
        for result in results:
            keys = [key_of(entry(f, stored_path(result.path, self.file))) for f in result.findings]
            matched = [_take(left, key, exact=True) for key in keys]
            matched = [m or _take(left, key, exact=False) for m, key in zip(matched, keys)]
            kept.append(FileResult(result.path, tuple(f for f, m in zip(result.findings, matched) if not m)))
            if any(matched):
                silenced[result.path] = sum(matched)
        return kept, silenced


def _take(left: Counter[Key], key: Key, exact: bool) -> bool:
    """Use up one entry matching `key`, if there is one left."""
    if exact:
        found = key if left[key] > 0 else None
    else:
        found = next((k for k, n in left.items() if n > 0 and k[:5] == key[:5] and k[5] and key[5] and (k[5] in key[5] or key[5] in k[5])), None)
    if found is None:
        return False
    left[found] -= 1
    return True


def load(file: Path) -> Baseline:
    """Read a baseline; BaselineError (with file and line) if it is missing or not one."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (make one with --write-baseline {file})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{file}:{exc.lineno}: not a factcheck baseline: {exc.msg}") from None
    return Baseline(file, Counter(key_of(record) for record in _records(file, data)))


def _records(file: Path, data: Any) -> list[dict[str, str]]:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{file}: not a factcheck baseline (version {VERSION} with a list of findings)")
    records: list[dict[str, str]] = data["findings"]
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in _FIELDS):
            raise BaselineError(f"{file}: finding {number}: needs text fields {', '.join(_FIELDS)}")
    return records


def document(results: Sequence[FileResult], fails: Callable[[str, Finding], bool], file: Path) -> dict[str, Any]:
    """The baseline of the findings that fail, in a stable order."""
    records = [
        entry(finding, stored_path(result.path, file))
        for result in results for finding in result.findings if fails(result.path, finding)
    ]
    records.sort(key=lambda r: tuple(r[k] for k in _FIELDS))
    return {"version": VERSION, "findings": records}


def write(file: Path, data: dict[str, Any]) -> None:
    """Write atomically: a temporary file in the same folder, then os.replace.

    A full disk or a crash leaves the old baseline (or none), never half a file.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    target = Path(os.path.realpath(file))  # write through a symlink, never over it
    if target.exists() and not target.is_file():
        what = "Is a directory" if target.is_dir() else "not a regular file"
        raise BaselineError(f"{file}: cannot write the baseline: {what}")
    folder = target.parent
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
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
