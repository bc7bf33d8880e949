"""What the tool knows about units and hedges: one table each, shared by every stage."""

from __future__ import annotations

from .model import Bound

# A hedge turns a point into a bound: 超过5万 means "more than 50000".
QUALIFIER_BOUNDS: dict[str, Bound] = {
    "以上": "ge", "不低于": "ge", "至少": "ge", "不少于": "ge", "上": "ge",
    "超过": "gt", "逾": "gt", "多": "gt", "余": "gt", "过": "gt", "超": "gt", "突破": "gt",
    "近": "lt", "将近": "lt", "接近": "lt", "不到": "lt", "不足": "lt",
    "以内": "le", "不超过": "le", "最高": "le", "最多": "le", "以下": "le",
    "约": "approx", "大约": "approx", "左右": "approx", "上下": "approx", "大概": "approx",
    "前后": "approx",
}

# The dimension of each unit: figures of different dimensions never match.
_DIMENSIONS: dict[str, str] = {
    "%": "percent", "百分点": "points", "倍": "multiple", "date": "date",
    "元": "money", "美元": "money:usd", "欧元": "money:eur",
    "吨": "mass", "千克": "mass", "公斤": "mass",
    "天": "time", "日": "time", "个月": "time", "月": "time", "年": "time", "小时": "time",
    "周": "time", "工作日": "time", "个工作日": "time",
    "千瓦时": "energy", "度": "energy", "平方米": "area", "公里": "length", "千米": "length",
}
# Counters: a count of things. Which thing is the fact's business (see Fact.counters).
COUNTERS = frozenset(
    "个 家 座 只 件 辆 项 条 人 名 户 支 台 套 次 所 批 张 部 位 架 艘 栋 场 届 期 类 种 款 份 例 起 处 片 "
    "间 层 块 根 头 匹 双 对 箱 盒 瓶 包 袋 本 册 篇 章 节 首 幅 枚 颗 粒 座 笔 轮 次 阶段 方面 大".split()
)
_TIME_WORDS = {"个月": "月", "日": "天"}


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


def canonical_time(unit: str) -> str:
    return _TIME_WORDS.get(unit, unit)
