"""Checks of the fact base beyond its schema: quotes against sources, and specs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from .check import Checker
from .facts import FactBase, Problem, is_file_name
from .inputs import ReadError, read_bytes
from .model import Fact, Spec


MAX_SOURCE_BYTES = 50_000_000


def check_quotes(facts: Iterable[Fact], sources_dir: Path) -> list[Problem]:
    """Every quote verbatim in its source file; every figure as written inside its quote."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for fact in facts:
        if fact.as_written not in fact.quote:
            problems.append(Problem(fact.path, fact.line, f"{fact.id}: as_written {fact.as_written!r} is not in its quote"))
        if fact.source not in texts:
            texts[fact.source] = _read_source(sources_dir, fact.source)
        text = texts[fact.source]
        if text is None:
            problems.append(Problem(fact.path, fact.line, f"{fact.id}: source file {fact.source!r} not found in {sources_dir}"))
        elif fact.quote not in text:
            problems.append(Problem(fact.path, fact.line, f"{fact.id}: quote is not a verbatim substring of {fact.source}"))
    return problems


def added_facts(base: FactBase, embedded: Path) -> list[Fact]:
    """The facts that do not come from the embedded fact base (the user's own)."""
    return [f for f in base.facts if not Path(f.path).resolve().is_relative_to(embedded.resolve())]


def _read_source(folder: Path, name: str) -> str | None:
    """A source document: a file directly in `folder`, never reached through a path or a
    link out of it (telling which quotes a file contains would reveal that file)."""
    path = folder / name
    real = os.path.realpath(path)
    if not is_file_name(name) or os.path.dirname(real) != os.path.realpath(folder):
        return None
    try:
        return read_bytes(real, MAX_SOURCE_BYTES).decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError):
        return None


def check_english(checker: Checker) -> list[Problem]:
    """Every fact reachable from an English draft: an English keyword, or a glossary entry
    its metric words use."""
    index = checker.index
    return [
        Problem(fact.path, fact.line, f"{fact.id}: no English wording reaches this fact: give it an English "
                                      "keyword, or add its metric to a glossary entry")
        for fact, terms in zip(index.facts, index.terms) if not any(term.isascii() for term in terms)
    ]


def run_specs(base: FactBase, checker: Checker | None = None) -> list[Problem]:
    """Run every spec sentence through the checker; each must come out as it says."""
    checker = checker or Checker(base)
    problems: list[Problem] = []
    for fact in base.facts:
        for spec in fact.specs:
            failure = spec_failure(checker, fact, spec)
            if failure:
                problems.append(Problem(fact.path, spec.line, f"{fact.id}: spec {spec.text!r}: {failure}"))
    return problems


def spec_failure(checker: Checker, fact: Fact, spec: Spec) -> str | None:
    """Why a spec fails, or None when the checker judges it as the spec says."""
    findings = checker.check_text(spec.text).findings
    about = [f for f in findings if f.fact_id == fact.id]
    if spec.verdict == "agree":
        if not any(f.verdict == "agree" for f in about):
            return f"expected agree with this fact, got {_summary(findings)}"
        wrong = [f for f in findings if f.verdict == "discrepancy"]
        return f"expected no discrepancy, got {_summary(wrong)}" if wrong else None
    if spec.verdict == "unverified":
        if any(f.verdict == "unverified" and spec.why in (None, f.why) for f in about) and not any(
                f.verdict != "unverified" for f in findings):
            return None
        return f"expected unverified{' (' + spec.why + ')' if spec.why else ''} near this fact, got {_summary(findings)}"
    if any(f.verdict == "discrepancy" and f.reason == spec.reason for f in about):
        return None
    return f"expected discrepancy ({spec.reason}) against this fact, got {_summary(findings)}"


def _summary(findings: object) -> str:
    items = [
        f"{f.text} {f.verdict}{'/' + (f.reason or f.why or '') if f.reason or f.why else ''}"
        f"{' ' + f.fact_id if f.fact_id else ''}"
        for f in findings  # type: ignore[attr-defined]
    ]
    return "; ".join(items) or "no finding"
