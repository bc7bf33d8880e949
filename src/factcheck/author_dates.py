"""Dates a source states as facts: when something was held or issued (4月15日召开发布会), a
deadline (明年4月13日前基本实现…), the span of a plan (工作方案(2020—2022年)). Every other
date is context: the period of the figures around it."""

from __future__ import annotations

import re

from .author_build import Builder, Drafted, quote_of
from .author_fields import date_value
from .author_phrase import clean, trimmed
from .author_read import Source, SourceFigure
from .author_words import english_words
from .claims import Claim
from .frame import frame
from .glossary import Glossary
from .model import Mention

_EVENT = re.compile(r"[的在于\s,，]*(?:上午|下午|晚间)?[^，,。；;\n0-9]{0,16}?(召开|举行|举办|开幕|签署|签订|印发|出台)")
_TASK = re.compile("任务|要求|实现|完成|建成|目标|力争|确保")
_CLAUSE = re.compile("[，,。；;！？!?\n”」]")
_TITLE = re.compile(r"《([^》\n]{1,120})》")
MAX_EVENT = 16


def stated_dates(source: Source, builder: Builder, glossary: Glossary) -> list[Drafted]:
    """A date fact for each date the source states as a claim."""
    found = []
    prose = source.draft.prose
    for figure in [*source.figures, *_title_spans(source, builder)]:
        mention = figure.mention
        if mention.kind != "date" or mention.date is None:
            continue
        what = _what(prose, figure)
        if what is None:
            continue
        kind, words = what
        found.append(_fact(source, builder, glossary, figure, kind, words))
    return found


def _what(prose: str, figure: SourceFigure) -> tuple[str, str] | None:
    """('span' | 'event' | 'deadline', the words naming what the date is of), or None for context."""
    mention = figure.mention
    date = mention.date
    assert date is not None
    if date.year_end is not None:
        title = _TITLE.search(prose, max(0, mention.start - 120), mention.end + 2)
        name = title.group(1)[:mention.start - title.start() - 1] if title and title.start() < mention.start else ""
        return ("span", _title_noun(name)) if name else None
    if date.day is not None:
        event = _EVENT.match(prose, mention.end)
        if event is not None:
            end = _CLAUSE.search(prose, event.end())
            held = clean(prose[event.end():end.start() if end else len(prose)])
            return "event", "|".join((held or event.group(1), clean(event.group()).lstrip(",，的在于"), event.group(1)))
    end = _CLAUSE.search(prose, mention.end)
    clause = prose[mention.end:end.start() if end else len(prose)]
    if mention.qualifier == "前" and date.month is not None:
        sentence = prose[figure.claim.sentence[0]:figure.claim.sentence[1]]
        if figure.frame.status == "plan" or _TASK.search(sentence):
            return "deadline", clean(clause)
    return None


def _title_noun(name: str) -> str:
    """What a document's title names: 工作方案 in 《…信息通信业发展的工作方案(2020—2022年)》."""
    name = re.sub(r"[(（]$", "", name)
    return name.rsplit("的", 1)[-1] if "的" in name else name


def _fact(source: Source, builder: Builder, glossary: Glossary, figure: SourceFigure, kind: str,
          words: str) -> Drafted:
    mention = figure.mention
    value = date_value(mention.date, builder.base_year) or ""
    subject, subject_doubt, proposal = builder.subject(figure)
    quote, as_written, quote_doubt = quote_of(source.draft.text, figure)
    words, *held = words.split("|")  # an event: what was held, who held it, the verb
    noun = _event_noun(words)
    verb = held[-1] if held else ""
    found = (noun, verb + noun, words, trimmed(words))
    keywords = tuple(dict.fromkeys(w for w in found if len(w) >= 2))
    drafted = Drafted(
        subject=subject, metric=noun or words[-MAX_EVENT:], keywords=keywords, period=value if kind == "span" else None, kind="date",
        value=value, unit="date", counters=(), qualifier=None, direction=None, target=kind != "event",
        as_written=as_written, quote=quote, start=mention.start, spans=((mention.start, mention.end),),
        status="plan" if kind != "event" else None, english=tuple(english_words(words, glossary)), proposal=proposal,
    )
    drafted, english_doubt = builder.english(drafted)
    doubts = {"subject": subject_doubt, "quote": quote_doubt, "keywords": english_doubt,
              "value": None if value else "no year is known for this date: give --published",
              "metric": f"the {kind} this date is of, read from the words after it"}
    if mention.date is not None and mention.date.year is None and builder.year_doubt:
        doubts["value"] = builder.year_doubt
    for name, doubt in doubts.items():
        if doubt:
            drafted = drafted.with_doubt(name, doubt)
    return drafted


def _event_noun(words: str) -> str:
    found = re.search("(新闻发布会|发布会|会议|大会|论坛|峰会|协议|方案|计划|意见|通知)$", words)
    return found.group(1) if found else ""


def _title_spans(source: Source, builder: Builder) -> list[SourceFigure]:
    """Spans of years inside a document's title (…工作方案(2020—2022年)》): the claims leave
    titles out, so these are framed here, in the sentence that names the document."""
    prose = source.draft.prose
    titled = [(m.start(), m.end()) for m in _TITLE.finditer(prose)]
    found = []
    for mention in source.mentions:
        if mention.kind != "date" or mention.date is None or mention.date.year_end is None:
            continue
        if not any(start < mention.start and mention.end < end for start, end in titled):
            continue
        found.append(_framed(source, builder, mention))
    return found


def _framed(source: Source, builder: Builder, mention: Mention) -> SourceFigure:
    prose = source.draft.prose
    line = source.line_at(mention.start)
    start = max(prose.rfind(mark, line.start, mention.start) for mark in "。；;！？\n") + 1
    start = max(start, line.start)
    end_match = re.compile("[。；;！？\n]").search(prose, mention.end)
    end = end_match.end() if end_match else len(prose)
    names = [n for n in builder.gazetteer.find(prose[start:end]) if n.entity]
    places = [p for n in names if (p := builder.gazetteer.place_of(n.entity)) is not None]
    claim = Claim(mention=mention, sentence=(start, end), window=prose[start:end], at=mention.start - start,
                  context=prose[start:end], subject=places[0] if places else builder.main, period=None,
                  named=bool(places))
    return SourceFigure(claim, frame(prose, claim), line)

