"""The fields of a drafted fact that follow from its figure: kind, value, unit, counters,
qualifier, direction and period, in the schema of docs/fact-schema.md."""

from __future__ import annotations

from decimal import Decimal

from .facts import PERIOD_PATTERN
from .model import Bound, DateValue, Mention
from .units import COUNTERS, QUALIFIER_BOUNDS

# Counters that name the same things as a figure's own: a draft may count 5G基站 in 个 or 座.
OTHER_COUNTERS: dict[str, tuple[str, ...]] = {
    "座": ("个",), "家": ("户", "个"), "户": ("家", "个"), "只": ("个",), "支": ("只", "个"),
    "项": ("个",), "条": ("项", "个"), "件": ("套",), "套": ("件",), "辆": ("台",),
    "名": ("人",), "人": ("名",), "所": ("个", "家"), "批": ("个",), "款": ("个", "种"), "种": ("个", "款"),
}
# What a 个 counts decides its other counters: firms are also 家, projects also 项.
_GE_BY_NOUN = (("企业", ("家", "户")), ("公司", ("家",)), ("机构", ("家",)), ("项目", ("项",)), ("工程", ("项",)),
               ("任务", ("项",)), ("措施", ("项", "条")), ("事项", ("项",)), ("基站", ("座",)), ("产业链", ("条",)),
               ("车", ("辆",)))
TIME_UNITS = frozenset({"天", "日", "月", "年", "小时", "周", "工作日", "分钟", "季度"})
# A hedge the schema does not list, by its bound.
_QUALIFIER_OF_BOUND: dict[Bound, str] = {"gt": "超过", "ge": "以上", "lt": "不到", "le": "不超过", "approx": "约"}


def kind_of(mention: Mention, change: bool) -> str:
    """count, amount, share, change, multiple, date or duration."""
    if mention.kind == "date":
        return "date"
    if mention.kind == "multiple":
        return "multiple"
    if mention.kind in ("percent", "points"):
        return "change" if change or mention.kind == "points" else "share"
    if change:
        return "change"
    if mention.unit in TIME_UNITS:
        return "duration"
    return "count" if mention.unit is None or mention.unit in COUNTERS else "amount"


def unit_of(mention: Mention) -> tuple[str, bool]:
    """The fact's unit, and whether it was guessed (a count written with no counter: 三大任务)."""
    if mention.kind == "date":
        return "date", False
    if mention.unit is None:
        return "个", True
    return mention.unit, False


def counters_of(unit: str, noun: str) -> tuple[str, ...]:
    """Other counters a draft may count the same things in."""
    found = list(OTHER_COUNTERS.get(unit, ()))
    if unit in ("个", "台"):
        found += next((more for word, more in _GE_BY_NOUN if word in noun), ())
    return tuple(dict.fromkeys(c for c in found if c != unit))


def qualifier_of(mention: Mention) -> str | None:
    """The source's hedge, as the schema names it (上万名 is 以上, "more than" 超过); a range
    (3%至5%) holds at least its low end."""
    if mention.high is not None:
        return "不低于"
    if mention.bound == "eq":
        return None
    if mention.qualifier in QUALIFIER_BOUNDS and QUALIFIER_BOUNDS[mention.qualifier] == mention.bound:
        return mention.qualifier
    return _QUALIFIER_OF_BOUND[mention.bound]


def value_text(value: Decimal) -> str:
    """An exact decimal as the schema writes it: "52000", "99.7" (never 5.2E+4)."""
    text = format(abs(value).normalize(), "f")
    return text


def period_of(date: DateValue | None, base_year: int | None) -> str | None:
    """An ISO-like period (2020, 2020-Q1, 2020-04-15, 2020/2022), or None when no year is known."""
    if date is None:
        return None
    text = date.iso(base_year)
    if text.startswith("-") and base_year is not None:
        text = f"{base_year}{text}"
    return text if PERIOD_PATTERN.match(text) else None


def date_value(date: DateValue | None, base_year: int | None) -> str | None:
    """A date fact's value: an ISO date or a period the loader accepts."""
    return period_of(date, base_year)


def period_words(period: str) -> str:
    """How a sentence states a period: 2020-Q1 -> 2020年第一季度, 2020-04-15 -> 截至2020年4月15日.

    >>> period_words("2020-Q1"), period_words("2020-04-15"), period_words("2020/2022")
    ('2020年第一季度', '截至2020年4月15日', '2020—2022年')
    """
    head, _, rest = period.partition("-")
    if "/" in head:
        first, last = head.split("/")
        return f"{first}—{last}年"
    if not rest:
        return f"{head}年"
    if rest[0] == "Q":
        return f"{head}年第{'一二三四'[int(rest[1]) - 1]}季度"
    if rest[0] == "H":
        return f"{head}年{'上下'[int(rest[1]) - 1]}半年"
    parts = [int(p) for p in rest.split("-")]
    if len(parts) == 1:
        return f"{head}年{parts[0]}月"
    return f"截至{head}年{parts[0]}月{parts[1]}日"
