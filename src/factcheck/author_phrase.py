"""Small readings of Chinese phrases for the fact drafter: trimming the words around a metric
to its noun phrase, finding what a count counts, and whether a phrase names anything."""

from __future__ import annotations

import re

from .gazetteer import ANAPHORA
from .glossary import Glossary
from .model import Mention
from .vocabulary import GENERIC, GENERIC_NOUNS

MAX_NOUN = 12  # characters of a counted noun after its count
MAX_PHRASE = 24
CLAUSE_MARKS = "，,：:；;。！？!?\n|(（"
_STRIP = re.compile(r"[\s*|“”\"'‘’「」]+")
_BRACKETS = re.compile(r"^[)）]+|[(（]+$")
# Words that say when, how sure or how much, not what: cut from the front of a metric.
_LEADING = re.compile(
    "^(?:的|当月|当年|当季|据统计|据介绍|近日|日前|目前|当前|截至目前|截至|截止|其中|同时|此外|另外|另据|此前|期间|年内|今年以来|今年|全年|"
    "本年度|已经|已|正在|还将|将|也|还|并|均|都|共|总共|累计|力争|计划|预计|争取|确保|拟|为|在|对|由|从|促进|推动|"
    "帮助|按照|通过|实现了|实现|完成了|完成|达到|比如|例如|全部|基本|仅|约|共计|合计|总计|全省|全市|全国|决定|省内|市内|本省|"
    "本市|我省|我市|该省|该市|全区)+")
# Words that link a metric to its figure: cut from the end.
_TRAILING = re.compile(
    "(?:已经|已|均|普遍|持续|保持|稳定|基本|达到了|达到|达|为|是|在|至|到|了|还有|有|还|共|共有|拥有|等|提升|提高|增长|上升|增加|"
    "下降|减少|回升|降低|下滑|回落|扩大|同比|环比|比上年|比去年|较上年|较去年|中|由|从|去年同期|上年同期|去年|上年|同期|相当于|"
    "的|和|及|与|、|近|超过|超|逾|突破|不到|不足|不低于|不少于|不超过|最高|最多|至少|大约|接近|左右|以上)+$")
# Where a counted noun ends: a verb, particle or list mark after it.
_NOUN_END = re.compile(
    "和|及|、|全部|已|正在|通过|获得|从|向|在|于|开展|投保|完成|实现|建成|复工|复产|入驻|落地|增加|增长|同比|参与|分别|共|"
    "达|为|是|等|进行|实施|取得|提供|覆盖|上线|签约|投产|涉及|办理|发展|\\(|（")
_CHANGE = re.compile("(同比|环比|比上年|比去年|较上年|较去年)?(增长|增加|提高|提升|上升|下降|减少|降低|下滑|回落|降幅|增幅|增速)")
_ADVERBS = re.compile("已经|已|完全|基本|均|都|全部|正在")
RATE_END = re.compile("(率|面|比重|占比)$")


def clean(text: str) -> str:
    """The words without markup, quotes, spaces and a bracket left open at an end."""
    return _BRACKETS.sub("", _STRIP.sub("", text))


def trimmed(words: str) -> str:
    """A phrase without the adverbs in front and the linking words behind.

    >>> trimmed("目前全省规模以上工业企业复工面已经提升至")
    '规模以上工业企业复工面'
    """
    before = None
    while before != words:
        before = words
        words = _BRACKETS.sub("", _TRAILING.sub("", _LEADING.sub("", words)))
    return words


def counted(right: str, glossary: Glossary, next_follows: bool, next_is_same: bool = False) -> tuple[str, str]:
    """What a count counts (the noun after it) and what is said of it (全部复工, 办理延期还本).

    >>> counted("企业办理延期偿还贷款本金", Glossary(), False)
    ('企业', '办理延期偿还贷款本金')
    """
    if next_follows and glossary.starts is not None:
        # An infographic: the next figure's label follows without a break (11万余家企业复工面近90%).
        later = [m.start() for m in glossary.starts.finditer(right) if m.start() > 0 and RATE_END.search(m.group(1))]
        if later:
            right = right[:later[0]]
    stop = _NOUN_END.search(right)
    noun = (right[:stop.start()] if stop else right)[:MAX_NOUN]
    # 404家企业复工398家: 复工 names the next count; 2.17万户企业办理延期还本680.91亿元: both figures'
    said = "" if next_is_same else predicate(right[len(noun):])[:MAX_NOUN]
    return noun.strip("的"), said


def predicate(words: str) -> str:
    """What is said of a thing, without adverbs and what a list adds: 已完全实现全程网上办 -> 实现全程网上办."""
    words = re.split("[、和及]", words)[0] if words[:1] not in "、和及" else ""
    return trimmed(_ADVERBS.sub("", words))


def with_change(noun: str, clause: str, mention: Mention) -> str:
    """The metric: the noun phrase, with the change it states for a change (工业投资同比增长)."""
    noun = noun[:MAX_PHRASE]
    if mention.direction is None or mention.kind == "multiple" or mention.phrase == "至":
        return noun
    changes = list(_CHANGE.finditer(clean(clause)))
    if not changes:
        return noun
    word = changes[-1].group()
    return noun if noun.endswith(word) else noun + word


def names_something(words: str) -> bool:
    """Does a phrase name a measure, beyond the words every metric has?

    >>> names_something("同比增长"), names_something("新增企业")
    (False, True)
    """
    rest = words
    for generic in (*GENERIC, *GENERIC_NOUNS, *ANAPHORA):
        rest = rest.replace(generic, "")
    return len(re.sub(r"[\W\d_]", "", rest)) >= 2


def glossary_words(glossary: Glossary, text: str) -> list[str]:
    """The glossary's Chinese words inside the phrases: each brings its synonyms and English."""
    if glossary.starts is None:
        return []
    found = [m.group(1) for m in glossary.starts.finditer(text.lower()) if not m.group(1).isascii()]
    return [word for word in found if word in text]


def last_mark(text: str, floor: int, at: int) -> int:
    """Where the clause holding `at` starts (not before `floor`)."""
    index = at - 1
    while index >= floor and text[index] not in CLAUSE_MARKS:
        index -= 1
    return index + 1


def next_mark(text: str, at: int, ceiling: int, brackets: bool = True) -> int:
    """Where the clause holding `at` ends (not after `ceiling`); an opening bracket ends it
    unless `brackets` is False."""
    marks = CLAUSE_MARKS if brackets else CLAUSE_MARKS.rstrip("(（")
    index = at
    while index < ceiling and text[index] not in marks:
        index += 1
    return index
