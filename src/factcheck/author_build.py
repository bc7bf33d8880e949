"""One drafted fact from one figure of a source: every field, and a doubt for each field a
reviewer should look at (`# check:`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .author_fields import counters_of, kind_of, period_of, qualifier_of, unit_of, value_text
from .author_metric import Phrase
from .author_phrase import trimmed
from .author_read import Source, SourceFigure
from .author_table import Cell
from .author_words import english_words, short_hash
from .gazetteer import Gazetteer
from .glossary import Glossary
from .model import DateValue, Mention

MAX_QUOTE = 90  # characters: a longer sentence is quoted from the clauses that hold the figure
_CLAUSE_END = re.compile("[，,；;：:]")
# A name standing where a figure's subject stands, of a place or body the gazetteer may lack.
_NAME = re.compile("([\u4e00-\u9fff]{2,10}?)(市|县|区|州|盟|镇|新区|开发区|高新区|集团|公司|银行|药业|厅|局)")
_NOT_NAMES = ("重点", "有关", "相关", "各", "全", "本", "该", "我", "地级", "设区", "所在", "城", "省", "市", "县", "区",
              "通过", "完成", "推动", "组织", "帮助", "协调", "支持", "引导", "按照", "根据", "其中", "目前", "已", "将",
              "占", "在", "对", "向", "从", "为", "比", "与", "和", "地区")
_KIND_OF_SUFFIX = {"省": "province", "市": "city", "县": "district", "区": "district", "州": "city", "盟": "city",
                   "镇": "district", "新区": "district", "开发区": "park", "高新区": "park", "集团": "company",
                   "公司": "company", "银行": "company", "药业": "company", "厅": "agency", "局": "agency"}


@dataclass(frozen=True)
class Proposal:
    """An entity the gazetteer lacks, proposed for review."""

    id: str
    kind: str
    parent: str | None
    seen: str  # the name as the source writes it


@dataclass(frozen=True)
class Drafted:
    """A fact as drafted from its figure (and the repeats of it), before its id is settled."""

    subject: str
    metric: str
    keywords: tuple[str, ...]
    period: str | None
    kind: str
    value: str
    unit: str
    counters: tuple[str, ...]
    qualifier: str | None
    direction: str | None
    target: bool
    as_written: str
    quote: str
    start: int  # where the figure is in the source
    spans: tuple[tuple[int, int], ...]  # every place the figure stands in the source
    status: str | None  # plan, achieved, or None when the source does not say
    dated: bool = False  # the period is the one the figure's own sentence gives
    english: tuple[str, ...] = ()  # English words for the id and, if no glossary word, a keyword
    also: tuple[str, ...] = ()  # the other places it is repeated
    doubts: dict[str, str] = field(default_factory=dict)  # field -> what to look at
    proposal: Proposal | None = None
    specs: tuple[tuple[str, str, str | None], ...] = ()  # (agree | flag, text, reason)

    def with_doubt(self, name: str, doubt: str) -> "Drafted":
        return replace(self, doubts={**self.doubts, name: doubt})


class Builder:
    """Turns a source's figures into drafted facts."""

    def __init__(self, source: Source, gazetteer: Gazetteer, glossary: Glossary, base_year: int | None,
                 year_doubt: str | None) -> None:
        self.source, self.gazetteer, self.glossary = source, gazetteer, glossary
        self.base_year, self.year_doubt = base_year, year_doubt
        self.main = _main_place(source, gazetteer)

    def fact(self, figure: SourceFigure, phrase: Phrase, cell: Cell | None = None) -> Drafted:
        """The fact of a figure named by `phrase` (or by the row and column of its table `cell`)."""
        mention, frame = figure.mention, figure.frame
        text = self.source.draft.text
        unit, unit_guessed = unit_of(mention)
        kind = kind_of(mention, frame.change or (cell is not None and cell.change is not None))
        subject, subject_doubt, proposal = self.subject(figure)
        period, period_doubt = self.period(figure, kind)
        if cell is not None and cell.date is not None:
            period, period_doubt = period_of(cell.date, self.base_year), "from the table's column header"
        quote, as_written, quote_doubt = quote_of(text, figure, kind == "count" and not phrase.labelled)
        drafted = Drafted(
            subject=subject, metric=phrase.metric, keywords=phrase.keywords, period=period, kind=kind,
            value=value_text(mention.value) if mention.value is not None else "", unit=unit,
            counters=counters_of(unit, phrase.metric) if kind == "count" else (),
            qualifier=qualifier_of(mention), direction=(cell.change if cell and cell.change else _direction(mention, kind)),
            target=frame.status == "plan", as_written=as_written, quote=quote, start=mention.start,
            spans=((mention.start, mention.end),), status=frame.status, dated=frame.time_from == "sentence",
            english=tuple(english_words(phrase.metric, self.glossary)), proposal=proposal,
        )
        drafted, english_doubt = self.english(drafted)
        doubts = {"subject": subject_doubt, "metric": phrase.doubt, "period": period_doubt, "quote": quote_doubt,
                  "keywords": english_doubt,
                  "unit": "a count written with no counter: 个 is a guess" if unit_guessed else None,
                  "value": _range_doubt(mention)}
        for name, doubt in doubts.items():
            if doubt:
                drafted = drafted.with_doubt(name, doubt.removeprefix(f"{name}: "))
        return drafted

    def english(self, drafted: Drafted) -> tuple[Drafted, str | None]:
        """An English keyword made word by word, when no glossary word brings English wordings along."""
        if any(term.isascii() for term in self.glossary.terms(drafted.metric, drafted.keywords)):
            return drafted, None
        words = list(dict.fromkeys(w for k in (drafted.metric, *drafted.keywords) for w in english_words(k, self.glossary)))[:6]
        if len(" ".join(words).split()) < 2:  # one word (enterprises, work) would fit any draft that uses it  # a placeholder no draft will match, so that the file validates; the comment asks for a real one
            placeholder = f"{self._english_name(drafted.subject)} figure {short_hash(drafted.metric)}"
            return (replace(drafted, keywords=(*drafted.keywords, placeholder)),
                    f"no English wording known: replace '{placeholder}' with one")
        keyword = " ".join(dict.fromkeys(words))
        return replace(drafted, keywords=(*drafted.keywords, keyword)), "the English keyword is made word by word: make it read as English"

    def _english_name(self, subject: str) -> str:
        entity = self.gazetteer.entities.get(subject)
        return entity.english.lower() if entity and entity.english else "source"

    def subject(self, figure: SourceFigure) -> tuple[str, str | None, Proposal | None]:
        """The place the figure is about, why it may be wrong, and a name the gazetteer lacks."""
        claim = figure.claim
        proposal = self.proposal(figure, claim.subject or self.main)
        subject, doubt = self._past_dateline(figure), None
        if subject is None and claim.places:
            subject = self._region(figure) or claim.places[0]
            doubt = f"several places are named together ({'、'.join(claim.places)}): which one, or the region?"
        if subject is None:
            subject, doubt = self.main, "the sentence names no place: the place the source is about is assumed"
        if proposal is not None and proposal.parent is not None and proposal.kind in ("agency", "company"):
            subject, doubt = proposal.parent, f"the figure is {proposal.seen}'s (proposed above): {proposal.parent} or it?"
        elif proposal is not None:
            doubt = f"the figure may be {proposal.seen}'s: add the proposed entity {proposal.id}, then make it the subject"
        return subject or "中国", doubt, proposal

    def _past_dateline(self, figure: SourceFigure) -> str | None:
        """The claim's subject, unless it is only the city of a dateline (新华社合肥4月20日电 安徽…):
        then the first place named after the dateline, before the figure."""
        claim, prose = figure.claim, self.source.draft.prose
        dateline = _DATELINE.match(prose, claim.sentence[0], claim.mention.start)
        if dateline is None or claim.subject is None:
            return claim.subject
        inside = {self.gazetteer.place_of(n.entity) for n in self.gazetteer.find(prose[claim.sentence[0]:dateline.end()])}
        after = [p for n in self.gazetteer.find(prose[dateline.end():claim.mention.start])
                 if (p := self.gazetteer.place_of(n.entity)) is not None]
        return after[0] if claim.subject in inside and after else claim.subject

    def _region(self, figure: SourceFigure) -> str | None:
        """A region named near several places (成渝地区 for 四川、重庆): in the line or the heading above."""
        lines = [line for line in self.source.lines if line.start <= figure.line.start]
        for line in [figure.line, *reversed([l for l in lines if l.where in ("heading", "headline")])]:
            for name in self.gazetteer.find(self.source.draft.prose[line.start:line.end]):
                if name.entity and self.gazetteer.kind(name.entity) == "region":
                    return name.entity
        return None

    def proposal(self, figure: SourceFigure, parent: str | None) -> Proposal | None:
        """A place or body named at the head of the figure's clause that the gazetteer lacks."""
        claim, prose = figure.claim, self.source.draft.prose
        start = max(claim.sentence[0], claim.mention.start - 30)
        head = re.split(r"[\s，,；;：:。、]", prose[start:claim.mention.start])[-1]  # after a dateline too
        found = _NAME.match(head) if not re.search("[0-9]", head) else None
        if found is None or found.group(1).startswith(_NOT_NAMES) or trimmed(found.group(1)) != found.group(1):
            return None
        name = found.group(0)
        if any(n.start == 0 and n.end >= len(found.group(1)) for n in self.gazetteer.find(name)):
            return None  # known, under this name or its short form
        kind = _KIND_OF_SUFFIX[found.group(2)]
        short = found.group(1) if kind in ("province", "city", "district") else name
        inside = [p for n in self.gazetteer.find(name) if (p := self.gazetteer.place_of(n.entity)) is not None]
        return Proposal(short, kind, inside[0] if inside else parent, name)  # 安徽省经济和信息化厅 is 安徽's

    def period(self, figure: SourceFigure, kind: str = "") -> tuple[str | None, str | None]:
        """The period, from the figure's sentence or what it carries from before (a date of report,
        a date an earlier clause gave), and a doubt when it is not the sentence's own."""
        frame, report = figure.frame, self.source.report
        if figure.mention.kind == "date":
            return None, None
        if frame.before:
            return None, "the level before a change (由75.6%提升至…): give the date it held, if the source says"
        time, origin = frame.time, str(frame.time_from or "")
        if (origin == "clause" and time is not None and _bare_year(time) and report is not None
                and frame.status != "plan" and report.date is not None):
            time, origin = report.date, "report"  # 本年度 named in passing earlier in the sentence
        if origin == "report":
            earlier = self._paragraph_date(figure)
            if earlier is not None:
                time, origin = earlier, "paragraph"
        period = period_of(time, self.base_year)
        if origin == "clause" and period and not (frame.as_of or kind == "change" or (frame.stock == "flow" and kind in ("count", "amount"))):
            # 第一季度…增长33%;23个省重点工项目全部复工: a quarter's date holds for its changes and flows
            return None, f"an earlier clause of the sentence is dated {period}: does that hold for this figure?"
        if time is not None and period is None:
            return None, f"the source dates it ({time.iso()}) but no year is known: give --published"
        if period is None and frame.status == "plan":
            year = self._heading_year(figure)
            if year is not None:  # 福建出台2020年数字福建建设工作要点 … 力争建成2万个以上5G基站
                return str(year), f"the year its section's heading names ({year}): is the plan for that year?"
        if period is None:
            return None, None
        doubts = {"clause": "from a date earlier in the sentence", "lead": "from the date its lead gives",
                  "paragraph": "from a date an earlier sentence of its paragraph gives",
                  "report": "the date of report (the first date of the lead): is the figure from that day?"}
        doubt = doubts.get(origin or "")
        if self.year_doubt and time is not None and time.year is None:
            doubt = "; ".join(d for d in (doubt, self.year_doubt) if d)
        return period, doubt


    def _heading_year(self, figure: SourceFigure) -> int | None:
        """The year the nearest heading above the figure names."""
        heading = next((line for line in reversed(self.source.lines)
                        if line.start <= figure.line.start and line.where in ("heading", "headline")), None)
        if heading is None:
            return None
        years = [m.date.year for m in self.source.mentions if m.kind == "date" and m.date is not None
                 and heading.start <= m.start < heading.end and m.date.year is not None]
        return years[0] if years else None

    def _paragraph_date(self, figure: SourceFigure) -> DateValue | None:
        """The last date an earlier sentence of the figure's paragraph gives (一季度全省完成…。全省新增…812家),
        unless the figure's own sentence speaks of now (目前)."""
        prose, claim = self.source.draft.prose, figure.claim
        if _NOW.search(prose, claim.sentence[0], claim.mention.start):
            return None
        dates = [m for m in self.source.mentions if m.kind == "date" and m.date is not None
                 and figure.line.start <= m.start < claim.sentence[0] and not _bare_year(m.date)
                 and not m.text.endswith("同期") and not _EVENT_AFTER.match(prose, m.end)]
        return dates[-1].date if dates else None


_DATELINE = re.compile(r"[^，。,；;\s]{2,24}?(?:讯|电)[\s\u3000]+")
_NOW = re.compile("目前|当前|现已|至今|截至目前")
_EVENT_AFTER = re.compile(r"[^，,。；;]{0,12}?(召开|举行|举办|电|讯)")


def _bare_year(date: DateValue) -> bool:
    return date.month is None and date.day is None and date.quarter is None and date.half is None


def quote_of(text: str, figure: SourceFigure, counted: bool = False) -> tuple[str, str, str | None]:
    """The figure's sentence, verbatim (the clauses that hold it when the sentence is long; in
    an infographic, its own label), and the figure as written in it."""
    claim, mention = figure.claim, figure.mention
    start, end = claim.sentence
    if figure.line.where == "infographic":
        start = max(start, claim.previous_end)
        end = claim.next_start if counted and claim.next_start >= 0 else _after_markup(text, mention.end, end)
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip(" *\u3000\n"))
    end = start + len(text[start:end].rstrip(" \u3000\n"))
    if end - start > MAX_QUOTE:
        start, end = _clauses(text, start, end, mention)
    as_written = _as_written(text, mention)
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None and dateline.end() <= mention.start:
        start = dateline.end()  # 本报杭州7月22日讯: who reports, not what
    quote, doubt = text[start:end], None
    if "\n" in quote:
        quote = next(part for part in quote.split("\n") if as_written in part) if as_written in quote else quote
        doubt = "the sentence runs across a line break (a page break?): quoted up to it"
    if as_written not in quote:
        quote, doubt = text[mention.start:mention.end], "the figure's sentence could not be quoted whole"
    return quote, as_written, doubt


def _after_markup(text: str, at: int, end: int) -> int:
    while at < end and text[at] in "*":
        at += 1
    return at


def _clauses(text: str, start: int, end: int, mention: Mention) -> tuple[int, int]:
    """From the clause before the figure's to the end of the figure's clause."""
    marks = [m.end() for m in _CLAUSE_END.finditer(text, start, mention.start)]
    first = marks[-2] if len(marks) >= 2 and mention.start - marks[-1] < 12 else (marks[-1] if marks else start)
    after = _CLAUSE_END.search(text, mention.end, end)
    return first, after.start() if after else end


def _as_written(text: str, mention: Mention) -> str:
    """The figure as the source writes it, without the bold markers around or inside it."""
    written = text[mention.start:mention.end]
    if "*" not in written:
        return written
    pieces = [p for p in re.split(r"\*+", written) if p.strip()]
    number = mention.number_text.strip("* ")
    return next((p.strip() for p in pieces if number and number in p), pieces[-1].strip() if pieces else written)


def _direction(mention: Mention, kind: str) -> str | None:
    return mention.direction if kind == "change" else None


def _range_doubt(mention: Mention) -> str | None:
    if mention.high is None:
        return None
    return f"a range: the fact holds its low end; the high end is {value_text(mention.high)}"


def _main_place(source: Source, gazetteer: Gazetteer) -> str | None:
    counts: dict[str, int] = {}
    for name in gazetteer.find(source.draft.prose):
        place = gazetteer.place_of(name.entity)
        if place is not None and gazetteer.kind(place) != "country":
            counts[place] = counts.get(place, 0) + 1
    return max(counts, key=lambda p: counts[p]) if counts else None
