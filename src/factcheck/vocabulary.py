"""The words extraction knows, one table each: extend a table, not the code.

Hedges and unit words live in `units`, shared with the fact loader.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .lazy import later
from .model import Bound, Direction, MentionKind
from .numeral_grammar import SPACES
from .units import QUALIFIERS_AFTER, UNIT_WORDS

HEDGE_LINKS = ("达到", "可达", "达", "了", "为")
# A bare magnitude after these: 上万名 (at least 10000), 数万 (some tens of thousands).
BARE_MAGNITUDE_QUALIFIERS: dict[str, Bound] = {"上": "ge", "数": "gt"}
# Words that end like a hedge but are not one: 经过两个多月, 签约了18个, 最近.
NOT_QUALIFIERS = ("经过", "通过", "不过", "度过", "越过", "跨过", "错过", "签约", "节约", "制约", "合约",
                  "预约", "履约", "条约", "公约", "特约", "最近", "附近", "临近", "靠近", "邻近", "就近", "高超")
EN_QUALIFIERS: dict[str, Bound] = {
    "more than": "gt", "over": "gt", "above": "gt", "exceeding": "gt", "exceed": "gt", "exceeds": "gt",
    "exceeded": "gt", "surpass": "gt", "surpassed": "gt", "in excess of": "gt", "upwards of": "gt",
    "at least": "ge", "no less than": "ge", "fewer than": "lt",
    "nearly": "lt", "almost": "lt", "close to": "lt", "less than": "lt", "under": "lt", "below": "lt",
    "up to": "le", "no more than": "le", "at most": "le",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
}
CHANGE_WORDS: dict[str, Direction] = {
    "增长": "up", "增加": "up", "提高": "up", "上升": "up", "上涨": "up", "提升": "up", "增幅": "up",
    "涨幅": "up", "增速": "up", "攀升": "up", "回升": "up", "扩大": "up", "增": "up", "涨": "up",
    "下降": "down", "减少": "down", "下滑": "down", "回落": "down", "降低": "down", "下跌": "down",
    "降幅": "down", "跌幅": "down", "减幅": "down", "收窄": "down", "缩减": "down", "下调": "down",
    "萎缩": "down", "降": "down", "减": "down", "跌": "down",
}
NOT_CHANGE_WORDS = ("新增", "递增", "递减")
EN_CHANGE_WORDS: dict[str, Direction] = {
    "up": "up", "rose": "up", "rise of": "up", "increased": "up", "increase of": "up", "grew": "up",
    "growth of": "up", "gained": "up", "jumped": "up", "climbed": "up", "surged": "up",
    "down": "down", "fell": "down", "fall of": "down", "decreased": "down", "decrease of": "down",
    "dropped": "down", "drop of": "down", "declined": "down", "decline of": "down", "slid": "down",
}
# English verbs by which a level is reached: rose from 75.6 percent to 94 percent.
EN_REACHED_WORDS: dict[str, Direction] = {
    "rose": "up", "risen": "up", "rising": "up", "increased": "up", "grew": "up", "grown": "up", "climbed": "up",
    "jumped": "up", "improved": "up", "recovered": "up", "picked up": "up", "went up": "up", "raised": "up",
    "fell": "down", "fallen": "down", "falling": "down", "dropped": "down", "declined": "down",
    "decreased": "down", "slid": "down", "slipped": "down", "went down": "down", "narrowed": "down",
}
TIME_AFTER_GE = ("月", "小时", "星期", "工作日", "季度")  # 两个多月: 个 + 多 + 月
EN_MAGNITUDES = {"trillion": 12, "billion": 9, "million": 6, "thousand": 3, "bn": 9, "mn": 6}
EN_UNITS: dict[str, str] = {
    "percentage points": "百分点", "percentage point": "百分点", "per cent": "%", "percent": "%",
    "pct": "%", "-fold": "倍", "fold": "倍", "times": "倍", "yuan": "元", "rmb": "元", "us dollars": "美元",
    "dollars": "美元", "tonnes": "吨", "tons": "吨", "days": "天", "months": "月", "years": "年", "hours": "小时",
}
# Figures inside these are names, not quantities.
NAMES = ("六稳", "六保", "四高", "双城", "三医联动", "十百千万", "一张网", "一天当三天用", "三个一批",
         "一带一路", "千方百计", "百日百万", "十四五", "十三五", "五位一体", "四个全面", "四个意识",
         "四个自信", "两个维护", "两个一百年", "3·15", "1+16+X")
RELATIVE_YEARS = {"去年同期": -1, "上年同期": -1, "今年": 0, "本年度": 0, "全年": 0, "明年": 1, "去年": -1, "上年度": -1,
                  "前年": -2, "this year": 0, "This year": 0, "last year": -1, "Last year": -1,
                  "next year": 1, "Next year": 1}
# Characters before a relative word that make it part of another word: 过去年均, 除去年末.
NOT_RELATIVE_AFTER = frozenset("过除失回日")
HALVES = {"上半年": 1, "下半年": 2}
# Words right after a date that make it the date of an event or report (15日召开的发布会,
# 在4月15日的新闻发布会上表示), not the date its sentence's figures hold for.
EVENT_WORDS = ("召开", "举行", "举办", "发布会", "会上", "表示", "介绍", "获悉", "透露", "公布", "发布", "通报",
               "电", "讯", "消息")
DATE_BEFORE = ("截至", "截止到", "截止", "直到", "到", "至", "自", "从")
DATE_AFTER = ("以来", "同期", "年底", "年末", "年初", "中旬", "上旬", "下旬", "末", "底", "初", "前")
CURRENCY_BEFORE = {"US$": "美元", "$": "美元", "¥": "元", "￥": "元", "RMB": "元"}
ORDINAL_AFTER = ("阶段", "届", "期", "轮", "章", "节")
PERCENT_SIGNS = {"%": Decimal(1), "％": Decimal(1), "‰": Decimal("0.1")}
RANGE_SEPS = ("~", "～", "-", "－", "—", "–", "至", "到", "to ")
LINK_LAST = frozenset(w[-1] for w in HEDGE_LINKS)
RANGE_FIRST = frozenset(sep[0] for sep in RANGE_SEPS)
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
KINDS: dict[str | None, MentionKind] = {"%": "percent", "百分点": "points", "倍": "multiple"}
PUNCT = frozenset("，。；：！？,.;:!?、\n\r\t “”\"（(）)《》【】")
MAX_GAP = 4
# A numeral can start a mention only if one of these follows it (or 第 / 之 / an English word precedes it).
LIVE_AFTER = frozenset(
    "".join(w[0] for w in (*UNIT_WORDS, *QUALIFIERS_AFTER, *PERCENT_SIGNS, *RANGE_SEPS, *DATE_AFTER))
    + "倍成年月日号季是個百"
)
LIVE_BEFORE = frozenset("第之$¥￥")
GAP = SPACES | {"*"}  # markup a draft may still hold around a figure (**95%以上**)
LABEL_BEFORE = frozenset("，。；：,;:、\n\r\t “\"（(》】") | SPACES
URL = re.compile(r"(?:https?://|www\.)[^\s\u3000，。；]*")
# The look-ahead on first letters lets the search skip most positions without trying the look-behind.
EN_PERIOD = re.compile(
    r"(?=[QHFST])(?<![A-Za-z0-9])(?:Q([1-4])|H([12])|(first|second|third|fourth) (quarter|half))(?![A-Za-z0-9])",
    re.IGNORECASE,
)
EN_YEAR_BEFORE = ("during", "since", "until", "early", "from", "year", "late", "end", "in", "by", "of", "to")
# Numbers English writes in words (four areas, twenty-three chains, tenfold); "one" is left out as 一 is.
EN_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                   "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                   "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                   "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_ONES = {"one": 1, **{w: v for w, v in EN_NUMBER_WORDS.items() if v < 10}}
EN_NUMBER = later(
    r"(?<![A-Za-z-])(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?P<ones>"
    + "|".join(EN_ONES) + r"))?(?![A-Za-z])|(?<![A-Za-z-])(?P<word>" + "|".join(sorted(EN_NUMBER_WORDS, key=len, reverse=True))
    + r")(?=fold\b|-fold\b|(?![A-Za-z-]))", re.IGNORECASE)
# Verbs that state a multiple: output doubled is twice the level.
EN_MULTIPLIED = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}
EN_MONTHS = {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
             "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3,
             "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
# Words before an English date, and what they make of it: a point things accumulated to
# (by the end of March, as of April 14) or the start of a span (since February).
EN_DATE_LEADS = {"by the end of": "by", "at the end of": "by", "the end of": "by", "end of": "by", "by end-": "by",
                 "end-": "by", "as of": "as of", "by": "by", "through": "by", "until": "by", "since": "以来",
                 "from": "from", "in": "in", "on": "on", "mid-": "in", "early": "in", "late": "in"}
# A date is capitalised (May, not may); the look-behind keeps it from the middle of a word.
EN_DATE = later(
    r"(?<![A-Za-z])(?:(?P<lead>(?i:" + "|".join(sorted(map(re.escape, EN_DATE_LEADS), key=len, reverse=True))
    + r"))\s*)?(?:(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>"
    + "|".join(sorted(EN_MONTHS, key=len, reverse=True))
    + r")\.?(?![A-Za-z])(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\d,]\d))?(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
)
# A hedge after a figure is not one when these follow it: 上下游, 前后端, 5亿元余额.
NOT_AFTER_HEDGE = {"上下": "游级班文", "前后": "端", "余": "额款量粮热", "多": "元样种"}
NOT_PERCENT_CHENG = frozenset("为员本果功交立熟效都渝长绩型品分就语全不")

# ---- frames: what a figure claims beyond its number (see frame.py) --------------------
# English words of the same tables, matched as whole words, case aside.
EN_PLAN_WORDS = ("plans to", "plan to", "planned to", "plans for", "aims to", "aim to", "aims for", "will", "would",
                 "is expected to", "are expected to", "expects", "target", "targets", "targeted", "goal", "set to",
                 "strives to", "strive to", "intends to", "is to", "are to", "pledged to", "vowed to")
EN_ACHIEVED_WORDS = ("has built", "have built", "had built", "has completed", "have completed", "had completed",
                     "has reached", "have reached", "had reached", "has opened", "had opened", "has been", "have been",
                     "had been", "so far", "as of", "by the end of", "cumulatively", "in total", "reached", "completed",
                     "built", "opened", "now has", "now have", "adds", "added")
# English scope words, read as the Chinese ones they name, so a draft and a fact compare in one language.
EN_SCOPE_WORDS = {
    "industrial chain": "产业链", "industrial chains": "产业链", "industry chain": "产业链", "industry chains": "产业链",
    "chain": "产业链", "chains": "产业链", "supply chain": "供应链", "supply chains": "供应链", "emerging": "新兴",
    "sector": "行业", "sectors": "行业", "park": "园区", "parks": "园区", "demonstration base": "示范基地",
    "demonstration bases": "示范基地", "leading": "龙头", "small and medium": "中小", "small and medium-sized": "中小",
    "smes": "中小", "sme": "中小", "micro": "小微", "foreign-funded": "外资", "foreign": "外资", "private": "民营",
    "state-owned": "国有", "listed": "上市", "cities": "城市", "city": "城市", "county": "县", "counties": "县",
    "key": "重点", "pilot": "试点", "among them": "其中", "of which": "其中", "additional": "追加",
    "all industries": "各行业", "across industries": "各行业",
    # base stations counted as sites or as cells: 7,000 physical and 10,000 logical ones
    "physical": "物理站", "logical": "逻辑站",
}
# What a Chinese counter counts, in English: a count of 7,005 companies is one a fact in 家 states.
EN_COUNTER_NOUNS = {
    "家": ("companies", "firms", "enterprises", "businesses"), "户": ("companies", "firms", "enterprises", "households"),
    "人": ("people", "persons", "workers", "employees", "staff", "residents"), "名": ("people", "workers", "employees", "staff"),
    "座": ("stations",), "项": ("projects", "items", "tasks"),
}
EN_STOCK_WORDS = ("in total", "in all", "total", "cumulative", "cumulatively", "accumulated", "existing")
EN_FLOW_WORDS = ("new", "newly", "added")
# A plan or goal; 将 only before a verb of doing (将新建, 将在), not as in 将疫情影响降到最低.
PLAN_WORDS = ("计划", "力争", "争取", "目标", "预计", "确保", "拟", "有望", "预期", "打算", "将")
PLAN_JIANG_NEXT = frozenset("在于新建加进实达完投推继重全积大持形突超力争聚培支组启出制增提扩覆迎成有开举打着以陆逐分再上")
# An achievement reported to date; 完成 / 建成 / 实现 alone are not, plans use them too.
ACHIEVED_WORDS = ("已", "累计", "截至", "截止", "以来", "完成了", "建成了", "实现了", "达到了", "签约了",
                  "引进了", "新增了", "开通了")
# Words that narrow what is counted to a part: a figure of one chain is not the figure of all firms.
SCOPE_WORDS = ("产业链", "供应链", "产业", "新兴", "行业", "园区", "开发区", "示范基地", "龙头", "中小", "小微",
               "外资", "民营", "国有", "上市", "设区市", "城市", "县", "重点", "试点", "其中", "追加", "各行业", "全行业",
               "物理站", "逻辑站")
# Scope words that narrow as another does: English says "key" for both 重点 and 关键; 链条 are chains.
SCOPE_SAME = {"关键": "重点", "链条": "产业链"}
# Words holding a scope word that narrow nothing: 银行业 is banks, 各行业 is all of them.
NOT_SCOPE_WORDS = ("银行业", "重点是", "重点在", "其中的", "关键是", "关键在")
# A stock (what exists, summed up) or a flow (what was added in a period).
STOCK_WORDS = ("累计", "总数", "总量", "共有", "存量", "总计", "合计", "保有量", "现有")
FLOW_WORDS = ("新建", "新增", "新开通", "新上", "新设", "新签", "新开工")
# Words every metric shares: they say nothing about which fact is meant.
GENERIC = ("同比", "增长", "下降", "增幅", "降幅", "增速", "达到", "实现", "累计", "全省", "全市", "全国", "全年", "今年", "目前",
           "其中", "去年同期", "上年同期")
# Words that name no particular thing: a count of 方面 or 项目 alone says nothing of which fact it is.
GENERIC_NOUNS = ("方面", "工作", "任务", "措施", "举措", "项目", "产业链", "企业", "领域", "行业", "政策", "环节",
                 "问题", "事项", "重点", "数量", "个数", "总数", "阶段", "批次", "areas", "aspects", "tasks",
                 "measures", "projects", "chains", "items", "fields", "batches", "categories", "points", "steps",
                 "priorities", "sectors", "companies", "enterprises", "firms", "number of", "of the", "the ",
                 "industrial chains", "industry chains", "industrial chain", "chain")
