"""Specs for drafted facts: the quote made a sentence of its own, a paraphrase derived from
the fact's fields, and the paraphrase with a digit changed, to be flagged. Each is run
through the checker with the drafted file loaded by the normal loader, beside the fact base
it will join; only those the checker judges as they say are kept, so the file passes
`factcheck facts validate` as drafted."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

from .author import Authored
from .author_build import Drafted
from .author_fields import period_words
from .author_yaml import render
from .check import Checker
from .facts import FactBaseError, collect
from .model import Fact, Spec
from .units import QUALIFIER_BOUNDS, QUALIFIERS_AFTER
from .validate import spec_failure

_CHINESE_NEXT = dict(zip("一二两三四五六七八九", "二三三四五六七八九八"))
_LINKED = re.compile("(为|达|是|增长|下降|提高|提升|增加|减少|降幅|增幅|增速)$")
_DATED = re.compile(r"\d{4}年|[0-9一二三四五六七八九十]+月|季度|上半年|下半年|今年|全年|本年度|截至|目前")


def with_specs(authored: Authored, dirs: list[Path]) -> Authored:
    """The drafted facts with the specs the checker confirms; a doubt where none agrees."""
    proposed = [(fact_id, replace(fact, specs=tuple(candidates(fact)))) for fact_id, fact in authored.facts]
    trial = replace(authored, facts=tuple(proposed))
    checker, loaded = _checker(trial, dirs)
    facts = []
    for fact_id, fact in proposed:
        loaded_fact = loaded.get(fact_id)
        kept = tuple(spec for spec in fact.specs
                     if loaded_fact is not None and spec_failure(checker, loaded_fact, _spec(spec)) is None)
        fact = replace(fact, specs=_one_of_each(kept))
        if not any(verdict == "agree" for verdict, _, _ in kept):
            fact = fact.with_doubt("specs", "the checker did not match this fact to its own sentence: "
                                   "look at its metric, keywords and subject, then add specs")
        facts.append((fact_id, fact))
    return replace(authored, facts=tuple(facts), broken=_broken(checker, set(loaded)))


def _broken(checker: Checker, drafted: set[str]) -> tuple[str, ...]:
    """The specs of the fact base that fail once the drafted facts join it, because of them: a
    reviewer must settle which fact a sentence speaks of (validate lists them too)."""
    found = []
    for fact in checker.base.facts:
        if fact.id in drafted:
            continue
        for spec in fact.specs:
            failure = spec_failure(checker, fact, spec)
            if failure and any(fact_id in failure for fact_id in drafted):
                found.append(f"{Path(fact.path).name}:{spec.line}: {fact.id}: {spec.text!r}: {failure}")
    return tuple(found)


def candidates(fact: Drafted) -> list[tuple[str, str, str | None]]:
    """Specs to try: the quote as a sentence, a paraphrase, and a changed digit to flag."""
    quoted = _sentence(fact, fact.quote) if "|" not in fact.quote else ""  # a table's row is no sentence
    paraphrase = _sentence(fact, _paraphrase(fact))
    found: list[tuple[str, str, str | None]] = [("agree", quoted, None)] if quoted else []
    if paraphrase != quoted:
        found.append(("agree", paraphrase, None))
    up = {"gt": True, "ge": True, "lt": False, "le": False}.get(QUALIFIER_BOUNDS.get(fact.qualifier or "", "eq"))
    for text in (paraphrase, quoted) if quoted else (paraphrase,):
        changed = changed_digit(text, fact.as_written, up)
        if changed is not None:
            found.append(("flag", changed, "value"))
    return found


def _one_of_each(specs: tuple[tuple[str, str, str | None], ...]) -> tuple[tuple[str, str, str | None], ...]:
    """At most two agree specs and one flag: enough to show the fact is reached and judged."""
    agree = [s for s in specs if s[0] == "agree"][:2]
    flag = [s for s in specs if s[0] == "flag"][:1]
    return (*agree, *flag)


def _sentence(fact: Drafted, words: str) -> str:
    """Words made a sentence a check can place: the subject first, the period when the words
    give none, and a full stop."""
    words = words.strip().rstrip("，,；;：:")
    head = "" if words.startswith(fact.subject) else fact.subject
    if fact.period and fact.kind != "date" and not _DATED.search(words):
        head += period_words(fact.period) + ("," if fact.period.count("-") == 2 else "")
    text = head + words
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _paraphrase(fact: Drafted) -> str:
    """What the fact says, in the fewest words: 江苏将新建5G基站5.2万座."""
    if fact.kind == "date":
        return fact.quote
    plan = "将" if fact.target else ""
    metric = fact.metric
    if fact.kind == "multiple":
        link = "是去年同期的" if "同期的" in fact.quote else ("增加了" if "增加了" in fact.quote else "为")
    elif fact.kind in ("share", "amount", "duration") and not _LINKED.search(metric):
        link = "为"
    else:
        link = ""
    written = _hedged(fact)
    if fact.kind == "change" and _LINKED.search(metric):
        written = written.lstrip("-+－＋")  # 同比下降2.1%, not 同比下降-2.1%
    return f"{plan}{metric}{link}{written}"


def _hedged(fact: Drafted) -> str:
    """The figure with the source's hedge, which the bold of an infographic may have left out of
    as_written (超过**85%**)."""
    written, hedge = fact.as_written, fact.qualifier
    if not hedge or hedge in written or fact.kind == "date":
        return written
    return written + hedge if hedge in QUALIFIERS_AFTER else hedge + written


def changed_digit(text: str, written: str, up: bool | None = None) -> str | None:
    """`text` with a digit of the figure as written changed, so that its value is another:
    up for a figure the source bounds below (超过85% -> 超过95%), down for one it bounds
    above, either way else (5.2万座 -> 6.2万座).

    >>> changed_digit("新建5.2万座", "5.2万座"), changed_digit("超过95%", "95%", up=True)
    ('新建6.2万座', '超过96%')
    """
    at = text.rfind(written)
    if at < 0:
        return None
    digits = [i for i, c in enumerate(written) if (c.isdigit() and c.isascii()) or c in _CHINESE_NEXT]
    for index in digits:
        char = written[index]
        if char in _CHINESE_NEXT:
            new = _CHINESE_NEXT[char]
        elif up is False or (up is None and char == "9"):
            new = str(int(char) - 1) if char != "0" and not (char == "1" and index == digits[0]) else ""
        else:
            new = str(int(char) + 1) if char != "9" else ""
        if new:
            return text[:at + index] + new + text[at + index + 1:]
    return None


def _spec(spec: tuple[str, str, str | None]) -> Spec:
    verdict, text, reason = spec
    if verdict == "agree":
        return Spec(text=text, verdict="agree")
    return Spec(text=text, verdict="discrepancy", reason=reason)  # type: ignore[arg-type]


def _checker(authored: Authored, dirs: list[Path]) -> tuple[Checker, dict[str, Fact]]:
    """A checker over the fact base and the drafted file, loaded as `facts validate` loads it."""
    with tempfile.TemporaryDirectory(prefix="factcheck-draft-") as folder:
        path = Path(folder) / "drafted.yaml"
        path.write_text(render(authored), encoding="utf-8")
        base, problems = collect([*dirs, path])
    own = [p for p in problems if p.path == str(path)]
    if own:
        raise FactBaseError(own)  # a drafted file the loader refuses is a bug of the drafter
    drafted = {f.id: f for f in base.facts if f.path == str(path)}
    return Checker(base), drafted
