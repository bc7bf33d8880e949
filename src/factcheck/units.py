"""What the tool knows about units and hedges: one table each, shared by every stage."""

from __future__ import annotations

from .model import Bound

# Hedges written before a figure (超过85%) and after it (95%以上, 11万余家).
QUALIFIERS_BEFORE: dict[str, Bound] = {
    "不低于": "ge", "不少于": "ge", "至少": "ge", "起码": "ge",
    "超过": "gt", "逾": "gt", "超": "gt", "过": "gt", "突破": "gt", "高于": "gt", "多于": "gt", "大于": "gt",
    "近": "lt", "将近": "lt", "接近": "lt", "不到": "lt", "不足": "lt", "低于": "lt", "少于": "lt", "小于": "lt",
    "不超过": "le", "最高": "le", "最多": "le", "至多": "le", "不高于": "le", "不多于": "le",
    "约": "approx", "大约": "approx", "大概": "approx", "大致": "approx", "约为": "approx",
}
QUALIFIERS_AFTER: dict[str, Bound] = {
    "以上": "ge", "及以上": "ge", "以下": "le", "以内": "le", "之内": "le",
    "左右": "approx", "上下": "approx", "前后": "approx", "余": "gt", "餘": "gt", "多": "gt", "有余": "gt",
}
# Hedges that bound a figure above as well: 1400多 is 1400 to 1500, 11万余 is 11万 to 12万.
BOUNDED_ABOVE = frozenset({"多", "余", "餘", "有余", "逾", "几", "幾"})
# Words that may stand between a hedge and its figure: 最高达13万件, 超过了85%.
# A fact's qualifier may be any hedge, written before or after its figure.
QUALIFIER_BOUNDS: dict[str, Bound] = {**QUALIFIERS_BEFORE, **QUALIFIERS_AFTER}

# Counter or unit as written -> unit without magnitude (None: a count with no counter).
UNIT_WORDS: dict[str, str | None] = {
    "元": "元", "元人民币": "元", "人民币": "元", "美元": "美元", "港元": "港元", "欧元": "欧元", "日元": "日元",
    "个月": "月", "个小时": "小时", "小时": "小时", "个工作日": "工作日", "工作日": "工作日", "天": "天",
    "周": "周", "个星期": "周", "星期": "周", "年": "年", "分钟": "分钟", "个季度": "季度", "岁": "岁",
    "吨": "吨", "千克": "千克", "公斤": "公斤", "千瓦时": "千瓦时", "千瓦": "千瓦", "兆瓦": "兆瓦",
    "平方米": "平方米", "平方公里": "平方公里", "公顷": "公顷", "亩": "亩", "公里": "公里", "千米": "千米",
    "米": "米", "立方米": "立方米", "升": "升", "标准箱": "标准箱", "人次": "人次", "架次": "架次",
    "大": None,
} | {c: c for c in "个家座只件辆项条人名户支台套次所批张部位架艘栋间场类种款份例起处笔轮"} | {
    # Traditional forms read as their Simplified unit.
    "個": "个", "個月": "月", "個小時": "小时", "小時": "小时", "項": "项", "條": "条", "輛": "辆", "張": "张",
    "間": "间", "場": "场", "種": "种", "筆": "笔", "輪": "轮", "噸": "吨", "臺": "台", "戶": "户", "隻": "只",
    "棟": "栋",
}

# The dimension of each unit: figures of different dimensions never match.
_DIMENSIONS: dict[str, str] = {
    "%": "percent", "百分点": "points", "倍": "multiple", "date": "date",
    "元": "money", "美元": "money:usd", "欧元": "money:eur",
    "吨": "mass", "千克": "mass", "公斤": "mass",
    "天": "time", "日": "time", "个月": "time", "月": "time", "年": "time", "小时": "time",
    "周": "time", "工作日": "time", "个工作日": "time",
    "千瓦时": "energy", "度": "energy", "平方米": "area", "公里": "length", "千米": "length",
    "港元": "money:hkd", "日元": "money:jpy", "分钟": "time", "季度": "time", "岁": "age",
    "千瓦": "power", "兆瓦": "power", "平方公里": "area", "公顷": "area", "亩": "area", "米": "length",
    "立方米": "volume", "升": "volume",
}
# Counters: a count of things. Which thing is the fact's business (see Fact.counters).
COUNTERS = frozenset(
    {unit for unit in UNIT_WORDS.values() if unit is not None and unit not in _DIMENSIONS}
    | {"阶段", "方面", "大", "届", "期"}
)


def is_known_unit(unit: str) -> bool:
    return unit in _DIMENSIONS or unit in COUNTERS


def dimension(unit: str | None) -> str:
    """The dimension of a unit: 'count' for counters and bare numbers.

    >>> dimension("座"), dimension("亿元"), dimension("%"), dimension(None)
    ('count', 'money', 'percent', 'count')
    """
    if unit is None or unit in COUNTERS:
        return "count"
    if unit in _DIMENSIONS:
        return _DIMENSIONS[unit]
    for prefix in ("万亿", "亿", "万", "千", "百"):
        if unit.startswith(prefix) and unit[len(prefix):] in _DIMENSIONS:
            return _DIMENSIONS[unit[len(prefix):]]
    return "other:" + unit
