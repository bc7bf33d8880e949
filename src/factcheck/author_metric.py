"""What a source's figure measures: the noun phrase of its clause, and other ways to say it.

A figure's metric is read from the words of its clause, as the matcher reads
a draft's: the words before a rate or an amount name it (工业投资52.11亿元),
the words after a count name what is counted (23个省重点工项目). Names of
places, dates, adverbs (目前, 已经) and linking words (达到, 提升至) are
trimmed away. A figure whose own clause names nothing takes the words of the
figure before it (新增企业4975家,同比增长84%); figures listed one after another
take the items of a list before them in turn (隔离服、消毒液 … 251万件、1.1万吨).

Keywords are the phrase's parts and their shorter forms, and the glossary's
words inside them, which bring their synonyms and English wordings along.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .author_phrase import (
    MAX_NOUN, MAX_PHRASE, RATE_END, clean, counted, glossary_words, last_mark, names_something, next_mark,
    trimmed, with_change,
)
from .author_fields import TIME_UNITS
from .claims import Claim
from .gazetteer import PLACE_KINDS, Gazetteer
from .glossary import Glossary
from .model import Mention

# Words that end what comes before them in a clause: a reporter's verb (…表示,).
_SAID = re.compile("(?:表示|介绍|透露|指出|获悉|显示|称|说|提出|明确|强调)")
_MODIFIERS = re.compile("^(?:全省|全市|全国|省级|市级|省内|重点|主要|相关|规模以上|规上)")
_TITLE = re.compile(r"《([^》\n]{2,60})》")
_CHANGED_TO = re.compile("(?:由|从)?(?:提升|提高|增长|增加|上升|下降|减少|降低|回升|回落|扩大|恢复|升|降|增|减)了?(?:至|到|为)")
# A count's agent, not its metric: 金融机构为2.17万户企业办理… (for), 向, 对, 给.
_FOR = re.compile("(为|向|对|给|帮助|帮|等)$")  # and the end of a list of examples (杭萧钢构…等15个项目)
_COORDINATED = re.compile("和|及|与|、")
_SHARE_OF = re.compile("占(?:全省|全市|全国)?(.{2,16}?)(?:的)?(?:比重|比例)?(?:达到|达|为|超过)?$")
_ASIDE = re.compile(r"[(（][^()（）\n]{0,12}[)）]")  # 高端(先进)制造企业: an aside, not the end of a noun
_FLOW = re.compile("^(?:新建|新增|新设|新上|建成|累计建成|完成|累计)")
_TOPIC = re.compile("(?:在|从|对)?(.{2,8})方面")
_ACTORS = PLACE_KINDS | {"agency", "organization", "company", "media"}


@dataclass(frozen=True)
class Phrase:
    """What one figure measures, in the source's words."""

    metric: str
    keywords: tuple[str, ...]
    doubt: str | None = None  # why the metric needs a look, for a `# check:` comment
    noun: str = ""  # the noun phrase alone, shared with figures joined to this one
    labelled: bool = False  # named by the words before it, though a count (an infographic's label)


@dataclass(frozen=True)
class _Around:
    """The words around one figure."""

    clause_start: int
    left_start: int
    left: str  # the noun phrase before it, in its clause (after the figure before it)
    right: str  # the words after it, to its clause's end or the next figure
    next_follows: bool  # the next figure stands in the same clause
    own_clause: bool  # no figure stands before it in its clause
    next_is_same: bool = False  # that next figure counts in the same unit (404家企业复工398家)


class PhraseReader:
    """Reads the metric of each figure of a source, in order (a figure may take the words of
    the one before it)."""

    def __init__(self, prose: str, gazetteer: Gazetteer, glossary: Glossary, mentions: list[Mention]) -> None:
        self.prose, self.gazetteer, self.glossary = prose, gazetteer, glossary
        self.dates = [m for m in mentions if m.kind in ("date", "ordinal")]
        self.figures = [(m.start, m.end) for m in mentions if m.is_figure]
        self.previous: tuple[int, Phrase] | None = None  # the last figure's end and phrase

    def read(self, claim: Claim, is_count: bool, listed: tuple[str, str] | None = None, labelled: bool = False,
             following: Mention | None = None) -> Phrase:
        """The phrase of a figure: `is_count` for a count (what it counts follows it); `listed` the
        item of a list before it that it stands for, and the words the list shares; `labelled`
        for an infographic's figure, named by the label before it; `following` the next figure."""
        mention = claim.mention
        around = self._around(claim, following)
        left, doubt = self._left(claim, around, listed, labelled)
        if is_count:
            noun, keywords = self._count(around, left, labelled and names_something(left), mention, following)
        else:
            noun, keywords = self._level(claim, around, left)
        if not names_something(noun) and self._previous_in(claim):
            noun = self._previous_noun() + noun
            doubt = "its clause names nothing: taken from the figure before it"
        if not names_something(noun):
            doubt = "no words name what this figure measures"
        metric = with_change(noun, self.prose[around.clause_start:mention.start], mention) or mention.text
        keywords += [*self._titles(claim.sentence[0], mention.start), *self._subject_words(claim, metric),
                     *self._completed(claim, metric)]
        phrase = Phrase(metric, self._keywords(metric, noun, *keywords), doubt, noun,
                        is_count and labelled and names_something(left))
        self.previous = (mention.end, phrase)
        return phrase

    def split(self, phrase: Phrase) -> list[Phrase]:
        """One figure of two rates (复工复产率和员工到岗率99%以上): a phrase for each."""
        parts = [p for p in _COORDINATED.split(phrase.metric) if p]
        if len(parts) < 2 or not all(RATE_END.search(p) for p in parts):
            return [phrase]
        doubt = f"one figure stated for {len(parts)} measures ({'、'.join(parts)}): one fact each"
        return [Phrase(part, self._keywords(part), doubt, part) for part in parts]

    def _around(self, claim: Claim, following: Mention | None) -> _Around:
        mention, sentence, prose = claim.mention, claim.sentence, self.prose
        clause_start = max(sentence[0], last_mark(prose, sentence[0], mention.start))
        own_clause = claim.previous_end < clause_start
        left_start = clause_start if own_clause else claim.previous_end
        right_end = next_mark(prose, mention.end, sentence[1], brackets=False)
        next_follows = 0 <= claim.next_start < right_end
        right = clean(_ASIDE.sub("", prose[mention.end:claim.next_start if next_follows else right_end]))
        if prose[right_end:right_end + 1] == "\n" and not next_follows:
            right += _run_on(prose, right_end + 1)  # 梳理出21个重点 / (a page break) / 行业、76家…
        same = next_follows and following is not None and following.unit == mention.unit and following.kind == mention.kind
        return _Around(clause_start, left_start, self._left_noun(left_start, mention.start), right, next_follows,
                       own_clause, same)

    def _left(self, claim: Claim, around: _Around, listed: tuple[str, str] | None,
              labelled: bool = False) -> tuple[str, str | None]:
        """The words before the figure that name it: its own, the figure's it is joined to, or a list's item."""
        if listed:
            return trimmed(listed[0] + clean(listed[1])), "read from the list before the figures: is each item paired with its figure?"
        left = around.left
        if self._joined(claim.previous_end, claim.mention.start) and not names_something(left):
            return self._previous_noun(), None
        if len(left) <= 4 and around.clause_start > claim.sentence[0]:
            left = self._clause_before(claim.sentence[0], around.clause_start) + left  # 规模以上中小工业企业,复工总数43922个
        if labelled and 0 < len(left) <= 5 and self._previous_in(claim):
            left = _overlapped(self._previous_noun(), left)  # 双创示范基地**11万余家企业**复工面近**90%**
        return left, None

    def _count(self, around: _Around, left: str, labelled: bool, mention: Mention,
               following: Mention | None) -> tuple[str, list[str]]:
        """A count's phrase: what it counts, the verb before, what is said of it after."""
        noun, said = counted(around.right, self.glossary, around.next_follows, around.next_is_same)
        if labelled:
            return left + (noun if len(noun) <= 2 else ""), [left, noun]
        if not noun and following is not None and not clean(self.prose[mention.end:following.start]):
            after = clean(self.prose[following.end:next_mark(self.prose, following.end, len(self.prose))])
            noun, said = counted(after, self.glossary, False)  # 两批150家贷款需求重点企业名单
        if not noun and len(left) <= 2 and self.previous is not None and self.previous[0] >= around.clause_start - 40:
            noun = _FLOW.sub("", self.previous[1].noun)  # 新增812家,其中合肥市新增217家; 新建…,已建成1.2万个
            return (left + noun, [noun]) if left else (self.previous[1].noun, [])
        if not noun:
            return left, [left]
        if not said and not names_something(noun) and around.next_follows and following is not None:
            said = self._said_after(following)  # 220家企业的上万名员工投保成功
        if not around.own_clause or _FOR.search(clean(self.prose[around.left_start:mention.start])):
            left = ""  # an agent (金融机构为…), or the figure before it in the clause
        verb = _verb_of(left, noun)
        keywords = [noun, verb + noun, left + noun, noun + said, *noun.split("的"), *self._same_head(mention, noun)]
        if mention.unit in TIME_UNITS:
            keywords.append(clean(mention.text) + noun)  # 三年行动计划
        if len(noun) <= 2:
            keywords += [(mention.unit or "") + noun, self._topic(around) + noun]  # 4个能级, 公众服务能级
        return verb + noun + said, keywords

    def _level(self, claim: Claim, around: _Around, left: str) -> tuple[str, list[str]]:
        """A rate's or an amount's phrase: the words before it, else what its sentence counts."""
        share = _SHARE_OF.search(clean(self.prose[around.left_start:claim.mention.start]))
        if share is not None and claim.mention.kind == "percent":  # 增加值…,占全省生产总值的11.8%
            whole = trimmed(share.group(1)).removesuffix("比重").removesuffix("比例")
            before = self._previous_noun() if self._previous_in(claim) else ""
            return f"{before}占{whole}比重", [f"{whole}比重", f"占{whole}比重", f"占{whole}", f"{before}比重"]
        noun, said = counted(around.right, self.glossary, around.next_follows)
        if mention_unit_is_time(claim.mention) and names_something(noun):
            return noun + said, [noun, left + noun, noun + said]  # 编制三年行动计划; 4年无主板上市
        if names_something(left):
            return left, [left]
        before = self._previous_noun() if self._previous_in(claim) else ""
        if noun:  # 201个涉税缴费事项中,90%以上事项已实现全程网上办
            phrase = (before if not names_something(noun) else "") + (noun if names_something(noun) else "") + said
            return phrase, [phrase, noun + said, said]
        return before + left, [left]

    def _said_after(self, following: Mention) -> str:
        """What is said after the next figure of the clause (…上万名员工投保成功): 投保成功."""
        after = clean(self.prose[following.end:next_mark(self.prose, following.end, len(self.prose))])
        return counted(after, self.glossary, False)[1]

    def _same_head(self, mention: Mention, noun: str) -> list[str]:
        """For a count of something generic (36个项目), the longer names of it elsewhere in the
        sentence (建立5G应用项目库): 5G应用项目."""
        if names_something(noun) or len(noun) < 2:
            return []
        line_start = self.prose.rfind("\n", 0, mention.start) + 1
        line_end = next_mark(self.prose, mention.end, len(self.prose))
        text = "".join("|" if any(s <= i < e for s, e in self.figures) else c
                       for i, c in enumerate(self.prose[line_start:line_end], line_start))
        found = [m.group() for m in re.finditer(f"[\u4e00-\u9fffA-Za-z0-9]{{2,4}}{re.escape(noun)}", text)]
        return [word for word in found if re.search("[A-Za-z0-9]", word) or glossary_words(self.glossary, word[:-len(noun)])]

    def _previous_in(self, claim: Claim) -> bool:
        return self.previous is not None and self.previous[0] >= claim.sentence[0]

    def _previous_noun(self) -> str:
        return self.previous[1].noun if self.previous is not None else ""

    def _clause_before(self, floor: int, clause_start: int) -> str:
        """The noun of the clause before, when it holds no figure (an infographic's label)."""
        start = last_mark(self.prose, floor, clause_start - 1)
        words = self.prose[start:clause_start - 1]
        if any(start <= d.start < clause_start for d in self.dates) or re.search(r"[0-9]", words):
            return ""
        noun = self._left_noun(start, clause_start - 1)
        return noun if len(noun) <= MAX_NOUN else ""

    def _topic(self, around: _Around) -> str:
        """What the clause before says it is about: 公众服务 in 在公众服务方面,明确…4个能级."""
        floor = last_mark(self.prose, 0, around.clause_start - 1)
        topic = _TOPIC.fullmatch(clean(self.prose[floor:max(floor, around.clause_start - 1)]))
        return topic.group(1) if topic else ""

    def _subject_words(self, claim: Claim, metric: str) -> list[str]:
        """A short rate (复工率98.5%) with what its sentence counted before it (404家规模以上工业企业)."""
        if len(metric) > 4 or not RATE_END.search(metric):
            return []
        before = self.prose[claim.sentence[0]:claim.mention.start]
        found = [word + metric for word in glossary_words(self.glossary, before) if not RATE_END.search(word)]
        previous = self._previous_noun() if self._previous_in(claim) else ""
        at = previous.find(metric[:2])
        return found + ([previous[:at] + metric] if at > 0 else [])  # 医疗机构光纤覆盖情况调查(覆盖率96%以上)

    def _completed(self, claim: Claim, metric: str) -> list[str]:
        """A metric that starts with the end of a word the sentence named before it in full:
        5G基站 … 基站数量达到1768个 -> 5G基站数量."""
        before = self.prose[claim.sentence[0]:claim.mention.start]
        return [_overlapped(word, metric) for word in glossary_words(self.glossary, before)
                if word not in metric and any(metric.startswith(word[-n:]) for n in range(2, len(word)))]

    def _titles(self, start: int, end: int) -> list[str]:
        """The names of documents the sentence cites before the figure (智慧江苏工作要点): what its figures belong to."""
        return [re.sub(r"^[0-9]{4}年", "", t.group(1)) for t in _TITLE.finditer(self.prose, start, end)]

    def _joined(self, previous_end: int, start: int) -> bool:
        """Is this figure joined to the one before it (由75.6%提升至94%; 251万件、1.1万吨)?"""
        if previous_end < 0 or self.previous is None:
            return False
        gap = clean(self.prose[previous_end:start])
        return gap in ("、", "和", "及", "与", "/", "或") or _CHANGED_TO.fullmatch(gap) is not None

    def _left_noun(self, start: int, end: int) -> str:
        """The words before a figure, after the last place, actor, date or reporter's verb; a
        date that is a comparison's base (去年同期) is only left out."""
        cut, bases = start, []
        for name in self.gazetteer.find(self.prose[start:end]):
            subject_place = not trimmed(clean(self.prose[cut:start + name.start]))  # 向湖北、武汉捐赠: an object
            if name.entity is None or (self.gazetteer.kind(name.entity) in _ACTORS and subject_place):
                cut = max(cut, start + name.end)
        for date in self.dates:
            if start <= date.start < end:
                if date.text.endswith("同期"):  # 增速比去年同期提高: 比 goes with its base
                    lead = date.start - 1 if date.start > start and self.prose[date.start - 1] in "比较" else date.start
                    bases.append((lead, date.end))
                else:
                    cut = max(cut, min(date.end, end))
        words = "".join(c for i, c in enumerate(self.prose[cut:end], cut) if not any(s <= i < e for s, e in bases))
        said = list(_SAID.finditer(words))
        if said:
            words = words[said[-1].end():]
        return trimmed(clean(words))

    def _keywords(self, *words: str) -> tuple[str, ...]:
        found = [trimmed(w) for w in words]
        found += [_MODIFIERS.sub("", word) for word in found]
        found += glossary_words(self.glossary, " ".join(found))
        return tuple(dict.fromkeys(w for w in found if names_something(w) and len(w) <= MAX_PHRASE * 2))


def _run_on(prose: str, end: int) -> str:
    """The words a sentence cut by a page break runs on with: a long line that ends in the middle
    of a word (no punctuation), continued on the next line that is not blank."""
    line_start = prose.rfind("\n", 0, end - 1) + 1
    if end < 2 or prose[end - 1] != "\n" or not "\u4e00" <= prose[end - 2] <= "\u9fff" or end - line_start < 48:
        return ""
    rest = prose[end:].lstrip("\n \u3000")
    return clean(rest[:next_mark(rest, 0, min(len(rest), 24))])


def _verb_of(left: str, noun: str) -> str:
    """The verb before a count, kept as it says which things are counted (签约, 引进, 调配): a short
    left, or the end of a long one before a short or generic noun; not the end of a list."""
    if "、" in left:
        return ""
    if len(left) <= 4:
        return left
    if not names_something(noun):
        return left[-4:]
    return left[-2:] if len(noun) <= 3 else ""


def _overlapped(first: str, second: str) -> str:
    """Two phrases joined where the end of one is the start of the other: 基地企业 + 企业复工面."""
    for size in range(min(len(first), len(second)), 0, -1):
        if first.endswith(second[:size]):
            return first + second[size:]
    return first + second


def mention_unit_is_time(mention: Mention) -> bool:
    return mention.unit in TIME_UNITS


def list_items(text: str, count: int) -> list[str] | None:
    """The last list of exactly `count` items joined by 、 in `text` (普通隔离服、消毒液、…).

    >>> list_items("普通隔离服、消毒液、红外体温计\\n", 3)
    ['普通隔离服', '消毒液', '红外体温计']
    """
    if count < 2:
        return None
    item = r"[\u4e00-\u9fffA-Za-z()（）]{1,12}"
    found = list(re.finditer(f"({item}(?:、{item}){{{count - 1}}})(?![、\\w])", text))
    if not found:
        return None
    items = found[-1].group(1).split("、")
    return items if len(items) == count else None
