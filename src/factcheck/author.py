"""`factcheck facts draft`: a fact file drafted from a source document, for review.

The source is read by the checker's own stages (`author_read`); each figure
that states a claim becomes a fact (`author_build`, `author_metric`); a
figure repeated in a headline, lead or infographic becomes one fact that
notes the other places; ids are made from subject, metric and period, stable
and unique; specs are derived and kept only when the checker agrees with
them (`author_specs`); the file is written as YAML text with `# check:`
comments (`author_yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from .author_build import Builder, Drafted, Proposal
from .author_dates import stated_dates
from .author_leftout import left_out
from .author_metric import Phrase, PhraseReader, list_items
from .author_table import cell_phrase, table_cells
from .author_phrase import clean
from .author_read import PREFERENCE, Source, SourceFigure, read_source
from .author_words import short_hash, slug
from .facts import FactBase
from .gazetteer import Gazetteer
from .glossary import Glossary
from .units import COUNTERS

SAME_METRIC = 85  # partial_ratio of two metrics' words from which repeats of a figure are one fact


@dataclass(frozen=True)
class Options:
    publisher: str | None = None
    published: date | None = None
    prefix: str | None = None


@dataclass(frozen=True)
class Authored:
    """A drafted fact file: the facts with their ids, and what the header says."""

    source: Source
    facts: tuple[tuple[str, Drafted], ...]  # (id, fact), in the order of the source
    proposals: tuple[Proposal, ...]
    left_out: tuple[tuple[str, str], ...]  # (what, why)
    title: str | None
    publisher: str | None
    published: str | None
    base_year: int | None
    year_doubt: str | None
    broken: tuple[str, ...] = ()  # specs of the fact base these facts make fail


def author(path: Path | str, base: FactBase, options: Options, taken: frozenset[str] = frozenset()) -> Authored:
    """Draft the facts of one source document; `taken` are ids already in use."""
    gazetteer, glossary = Gazetteer(base.entities), Glossary(base.glossary)
    source = read_source(path, gazetteer)
    published = options.published or _own_date(source)
    base_year, year_doubt = _base_year(source, published)
    builder = Builder(source, gazetteer, glossary, base_year, year_doubt)
    drafted = _figures(source, builder, gazetteer, glossary) + stated_dates(source, builder, glossary)
    undated = [d.as_written for d in drafted if not d.value]  # a date of no known year: no fact can hold it
    facts = _merged(sorted((d for d in drafted if d.value), key=lambda d: d.start), glossary, source)
    named = _ids(facts, options.prefix, builder.main, base, taken | {f.id for f in base.facts})
    proposals = tuple({p.id: p for _, d in named if (p := d.proposal) is not None}.values())
    used = [span for _, d in named for span in d.spans]
    unresolved = ((", ".join(dict.fromkeys(undated)), "dates of no known year (give --published)"),) if undated else ()
    return Authored(
        source, tuple(named), proposals, left_out(source, used) + unresolved, source.title(), options.publisher,
        published.isoformat() if published else None, base_year, year_doubt,
    )


def _own_date(source: Source) -> date | None:
    """The source's own date: its date of report, when the lead gives it whole (2021年4月20日电)."""
    report = source.report.date if source.report is not None else None
    if report is None or report.year is None or report.month is None or report.day is None:
        return None
    try:
        return date(report.year, report.month, report.day)
    except ValueError:
        return None


def _base_year(source: Source, published: date | None) -> tuple[int | None, str | None]:
    """What 今年 means: the year of --published, else the year the source names most."""
    if published is not None:
        return published.year, None
    years = source.years().most_common()
    if not years:
        return None, None
    year = years[0][0]
    return year, f"the year is a guess ({year}, the year the source names most): give --published"


def _figures(source: Source, builder: Builder, gazetteer: Gazetteer, glossary: Glossary) -> list[Drafted]:
    """A drafted fact for every figure (not dates: see author_dates)."""
    prose = source.draft.prose
    reader = PhraseReader(prose, gazetteer, glossary, list(source.mentions))
    figures = [f for f in source.figures if f.mention.is_figure and f.mention.value is not None]
    listed = _listed(prose, figures)
    cells = table_cells(prose, list(source.mentions))
    drafted = []
    for index, figure in enumerate(figures):
        mention = figure.mention
        cell = cells.get(mention.start)
        if cell is not None:
            metric, keywords = cell_phrase(cell)
            reader.previous = None
            drafted.append(builder.fact(figure, Phrase(metric, keywords, None, metric), cell))
            continue
        is_count = mention.kind == "quantity" and (mention.unit is None or mention.unit in COUNTERS)
        following = figures[index + 1].mention if index + 1 < len(figures) else None
        phrase = reader.read(figure.claim, is_count, listed.get(mention.start), figure.line.where == "infographic",
                             following)
        drafted += [builder.fact(figure, part) for part in reader.split(phrase)]
    return drafted


def _listed(prose: str, figures: list[SourceFigure]) -> dict[int, tuple[str, str]]:
    """Figures listed one after another (251万件、1.1万吨、166万只) and the items of a list
    before them they stand for in turn (普通隔离服、消毒液、红外体温计): start -> (item, shared words)."""
    groups: list[list[int]] = []
    for index, figure in enumerate(figures):
        last = figures[groups[-1][-1]] if groups else None
        if last is not None and clean(prose[last.mention.end:figure.mention.start]) == "、":
            groups[-1].append(index)
        else:
            groups.append([index])
    found: dict[int, tuple[str, str]] = {}
    for group in groups:
        if len(group) < 2:
            continue
        first = figures[group[0]]
        floor = max(0, first.claim.sentence[0] - 80)
        if group[0] > 0:
            floor = max(floor, figures[group[0] - 1].mention.end)
        before = re.sub(r"[*\s]+", lambda m: "\n" if "\n" in m.group() else "", prose[floor:first.mention.start])
        shared = re.split(r"[\n，,。；;：:]", before)[-1]
        items = list_items(before[:len(before) - len(shared)], len(group))
        if items is None:
            continue
        items = [item.split("分别")[0] for item in items]
        found.update((figures[i].mention.start, (item, shared)) for i, item in zip(group, items))
    return found


def _merged(drafted: list[Drafted], glossary: Glossary, source: Source) -> list[Drafted]:
    """Repeats of one figure (headline, lead, infographic, body) become one fact: the
    occurrence best to quote leads, the others are noted."""
    groups: list[list[Drafted]] = []
    for fact in drafted:
        group = next((g for g in groups if _same(g[0], fact, glossary)), None)
        if group is None:
            groups.append([fact])
        else:
            group.append(fact)
    return sorted((_one(group, source) for group in groups), key=lambda d: d.start)


def _same(first: Drafted, second: Drafted, glossary: Glossary) -> bool:
    if (first.kind, first.value, first.unit, first.direction, first.subject) != (
            second.kind, second.value, second.unit, second.direction, second.subject):
        return False
    if first.start == second.start or first.quote == second.quote and first.as_written == second.as_written:
        return first.metric == second.metric
    if first.period and second.period and first.period != second.period and first.dated and second.dated:
        return False  # a date of report or of the paragraph is weaker than the sentence's own
    if {first.status, second.status} == {"plan", "achieved"}:
        return False
    words = [[glossary.canonical(w) for w in d.keywords if len(w) >= 3] for d in (first, second)]
    return any(fuzz.partial_ratio(a, b) >= SAME_METRIC for a in words[0] for b in words[1])


def _one(group: list[Drafted], source: Source) -> Drafted:
    where = {id(d): source.line_at(d.start).where for d in group}
    lead = min(group, key=lambda d: (PREFERENCE.index(where[id(d)]), d.start))
    others = [d for d in group if d is not lead]
    if not others:
        return lead
    keywords = tuple(dict.fromkeys((*lead.keywords, *(w for d in others for w in d.keywords))))
    also = tuple(f"line {source.line_at(d.start).number} ({where[id(d)]}): {_line_text(source, d.start)}" for d in others)
    dated = next((d for d in group if d.dated), None)
    period = dated.period if dated else lead.period or next((d.period for d in others if d.period), None)
    if dated is not None and dated is not lead:
        lead = replace(lead, doubts={k: v for k, v in lead.doubts.items() if k != "period"})
    return replace(lead, keywords=keywords, also=also, period=period, target=any(d.target for d in group),
                   spans=tuple(s for d in sorted(group, key=lambda d: d.start) for s in d.spans))


def _line_text(source: Source, offset: int) -> str:
    line = source.line_at(offset)
    text = " ".join(source.draft.text[line.start:line.end].split())
    return text if len(text) <= 40 else text[:39] + "…"


def _ids(facts: list[Drafted], prefix: str | None, main: str | None, base: FactBase,
         taken: frozenset[str]) -> list[tuple[str, Drafted]]:
    """Ids from subject, metric and period (jiangsu-new-5g-base-stations-2020); a short hash
    of the fact's words tells apart two that would share one."""
    used = set(taken)
    named = []
    for fact in facts:
        parts = [prefix] if prefix else []
        if not prefix or fact.subject != main:
            english = base.entities[fact.subject].english if fact.subject in base.entities else ""
            parts.append(slug([english], fact.subject))
        parts.append(slug(list(fact.english), fact.metric))
        if fact.period:
            parts.append(fact.period.replace("/", "-").replace("-Q", "q").replace("-H", "h").lower())
        fact_id = "-".join(parts)
        if fact_id in used:
            fact_id += "-" + short_hash(f"{fact.metric}|{fact.value}|{fact.unit}|{fact.as_written}")
        unique, number = fact_id, 2
        while unique in used:
            unique, number = f"{fact_id}-{number}", number + 1
        used.add(unique)
        fact_id = unique
        named.append((fact_id, fact))
    return named
