"""Table-driven tests of `extract`: each example names one mention and every field that matters.

The span is exact: an example's mention must start where its `span` first
occurs in `text` (or at `at`) and end right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.extract import extract
from factcheck.model import Bound, DateValue, Direction, Mention, MentionKind

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


@dataclass(frozen=True)
class Ex:
    text: str
    span: str
    kind: MentionKind
    value: str | None = None
    unit: str | None = None
    high: str | None = None
    scale: int | None = None
    qualifier: str | None = None
    bound: Bound = "eq"
    direction: Direction | None = None
    phrase: str | None = None
    date: DateValue | None = None
    number_text: str | None = None
    at: int | None = None
    check: tuple[str, ...] = field(default=())  # extra fields compared even when None


ARABIC_EXAMPLES = {
    "plain-count": Ex("新增企业4975家", "4975家", "quantity", "4975", "家", scale=0, number_text="4975"),
    "thousands-separator": Ex("共1,200家企业", "1,200家", "quantity", "1200", "家"),
    "decimal": Ex("增加5.2座", "5.2座", "quantity", "5.2", "座"),
    "full-width-digits": Ex("新增１２家", "１２家", "quantity", "12", "家"),
    "arabic-one-with-counter": Ex("1个布局规划导则", "1个", "quantity", "1", "个"),
}
MAGNITUDE_EXAMPLES = {
    "wan": Ex("新建5.2万座5G基站", "5.2万座", "quantity", "52000", "座", scale=4, number_text="5.2万"),
    "yi-yuan": Ex("完成工业投资52.11亿元", "52.11亿元", "quantity", "5211000000", "元", scale=8),
    "wan-hu": Ex("为2.17万户企业", "2.17万户", "quantity", "21700", "户", scale=4),
    "wanyi": Ex("规模超过4万亿元", "超过4万亿元", "quantity", "4000000000000", "元", scale=12,
                qualifier="超过", bound="gt", number_text="4万亿"),
    "half-yi": Ex("投资0.5亿元", "0.5亿元", "quantity", "50000000", "元", scale=8),
    "exact-decimal-yi": Ex("贷款本金680.91亿元", "680.91亿元", "quantity", "68091000000", "元", scale=8),
    "wan-dun": Ex("累计生产1.1万吨", "1.1万吨", "quantity", "11000", "吨", scale=4),
    "yi-kwh": Ex("发电5亿千瓦时", "5亿千瓦时", "quantity", "500000000", "千瓦时", scale=8),
    "wan-yuan": Ex("捐赠7274万元", "7274万元", "quantity", "72740000", "元", scale=4),
    "bai-yi": Ex("投资过百亿元", "过百亿元", "quantity", "10000000000", "元", qualifier="过", bound="gt"),
    "magnitude-no-counter": Ex("产值突破2万亿", "突破2万亿", "quantity", "2000000000000", None, scale=12,
                               qualifier="突破", bound="gt"),
}
CHINESE_EXAMPLES = {
    "shi-er": Ex("十二个", "十二个", "quantity", "12", "个"),
    "yi-shi-er": Ex("一十二项", "一十二项", "quantity", "12", "项"),
    "qian-ling-wu": Ex("三千零五家", "三千零五家", "quantity", "3005", "家"),
    "liang-wan": Ex("两万家", "两万家", "quantity", "20000", "家", scale=4),
    "er-wan": Ex("二万家", "二万家", "quantity", "20000", "家", scale=4),
    "wu-dian-er-wan": Ex("五点二万座", "五点二万座", "quantity", "52000", "座", number_text="五点二万"),
    "range-san-si": Ex("分三四个阶段", "三四个", "quantity", "3", "个", high="4"),
    "shi-ji": Ex("十几家企业", "十几家", "quantity", "10", "家", qualifier="几", bound="gt"),
    "traditional": Ex("兩萬餘家", "兩萬餘家", "quantity", "20000", "家", qualifier="餘", bound="gt"),
    "four-stages": Ex("分四个阶段科学推进", "四个", "quantity", "4", "个"),
    "four-aspects": Ex("四个方面开展合作", "四个", "quantity", "4", "个"),
    "san-da": Ex("三大核心任务", "三大", "quantity", "3", None),
    "liang-pi": Ex("已发布两批150家", "两批", "quantity", "2", "批"),
    "shang-wan": Ex("上万名员工投保成功", "上万名", "quantity", "10000", "名", qualifier="上", bound="ge"),
    "liang-wan-yu": Ex("两万余家企业", "两万余家", "quantity", "20000", "家", qualifier="余", bound="gt"),
}
PERCENT_EXAMPLES = {
    "percent-sign": Ex("复工率98.5%", "98.5%", "percent", "33" if False else "98.5", "%"),
    "full-width-percent": Ex("增长３３％", "３３％", "percent", "33", "%", direction="up"),
    "bai-fen-zhi": Ex("占百分之三十三", "百分之三十三", "percent", "33", "%", number_text="三十三"),
    "negative": Ex("3月降幅(-7.7%)", "-7.7%", "percent", "-7.7", "%", direction="down"),
    "signed-plus": Ex("利润+5%", "+5%", "percent", "5", "%", direction="up"),
    "cheng": Ex("九成企业复工", "九成", "percent", "90", "%"),
    "permille": Ex("千分之五", "千分之五", "percent", "0.5", "%"),
    "range-percent": Ex("增长3%至5%", "3%至5%", "percent", "3", "%", high="5", direction="up"),
    "range-percent-dash": Ex("复工面在80%-85%之间", "80%-85%", "percent", "80", "%", high="85"),  # not 80% and -85%
    "range-percent-fullwidth-dash": Ex("增长30%－35%", "30%－35%", "percent", "30", "%", high="35", direction="up"),
    "range-bare-low": Ex("3至5%", "3至5%", "percent", "3", "%", high="5"),
}
POINTS_EXAMPLES = {
    "ge-bai-fen-dian": Ex("提高5个百分点", "5个百分点", "points", "5", "百分点", direction="up"),
    "bai-fen-dian": Ex("下降0.5百分点", "0.5百分点", "points", "0.5", "百分点", direction="down"),
    "english-points": Ex("up 2 percentage points", "2 percentage points", "points", "2", "百分点", direction="up"),
}
MULTIPLE_EXAMPLES = {
    "ratio": Ex("新建5G基站数量是去年同期的10倍", "10倍", "multiple", "10", "倍", phrase="是…的",
                check=("direction",)),
    "increase": Ex("日产量增加了20倍", "20倍", "multiple", "20", "倍", phrase="增加了", direction="up"),
    "growth": Ex("增长10倍", "10倍", "multiple", "10", "倍", phrase="增长", direction="up"),
    "english-fold": Ex("a 10-fold rise", "10-fold", "multiple", "10", "倍"),
    "english-times": Ex("10 times the level", "10 times", "multiple", "10", "倍"),
}
QUALIFIER_EXAMPLES = {
    "chaoguo": Ex("利用率普遍超过85%", "超过85%", "percent", "85", "%", qualifier="超过", bound="gt"),
    "jin": Ex("复工面近90%", "近90%", "percent", "90", "%", qualifier="近", bound="lt"),
    "yue": Ex("约52亿元", "约52亿元", "quantity", "5200000000", "元", qualifier="约", bound="approx"),
    "yishang": Ex("均在95%以上", "95%以上", "percent", "95", "%", qualifier="以上", bound="ge"),
    "zuoyou": Ex("产能利用率180%左右", "180%左右", "percent", "180", "%", qualifier="左右", bound="approx"),
    "yu-before-counter": Ex("11万余家企业", "11万余家", "quantity", "110000", "家", qualifier="余", bound="gt"),
    "duo-before-counter": Ex("70多项关键核心技术", "70多项", "quantity", "70", "项", qualifier="多", bound="gt"),
    "zuoyou-after-counter": Ex("打造50条左右集群", "50条左右", "quantity", "50", "条", qualifier="左右",
                               bound="approx"),
    "budiyu": Ex("利用率不低于80%", "不低于80%", "percent", "80", "%", qualifier="不低于", bound="ge"),
    "zhishao": Ex("至少3家", "至少3家", "quantity", "3", "家", qualifier="至少", bound="ge"),
    "bushaoyu": Ex("不少于5家", "不少于5家", "quantity", "5", "家", qualifier="不少于", bound="ge"),
    "yu": Ex("逾300家", "逾300家", "quantity", "300", "家", qualifier="逾", bound="gt"),
    "budao": Ex("不到5个工作日", "不到5个工作日", "quantity", "5", "工作日", qualifier="不到", bound="lt"),
    "buzu": Ex("不足10%", "不足10%", "percent", "10", "%", qualifier="不足", bound="lt"),
    "jiangjin": Ex("将近200人", "将近200人", "quantity", "200", "人", qualifier="将近", bound="lt"),
    "zuigao": Ex("日产量最高13万件", "最高13万件", "quantity", "130000", "件", qualifier="最高", bound="le"),
    "buchaoguo": Ex("不超过3天", "不超过3天", "quantity", "3", "天", qualifier="不超过", bound="le"),
    "yinei": Ex("控制在5%以内", "5%以内", "percent", "5", "%", qualifier="以内", bound="le"),
    "daguo": Ex("大约300人", "大约300人", "quantity", "300", "人", qualifier="大约", bound="approx"),
    "shangxia": Ex("50家上下", "50家上下", "quantity", "50", "家", qualifier="上下", bound="approx"),
    "duo-after-ge": Ex("经过两个多月的艰苦努力", "两个多月", "quantity", "2", "月", qualifier="多", bound="gt"),
    "ge-yishang": Ex("力争建成2万个以上5G基站", "2万个以上", "quantity", "20000", "个", qualifier="以上",
                     bound="ge"),
    "hedge-then-da": Ex("日产量最高达13万件", "最高达13万件", "quantity", "130000", "件", qualifier="最高",
                        bound="le"),
    "hedge-then-le": Ex("超过了85%", "超过了85%", "percent", "85", "%", qualifier="超过", bound="gt"),
    "qianyue-is-not-yue": Ex("签约了18个重大项目", "18个", "quantity", "18", "个", check=("qualifier",)),
    "jingguo-is-not-guo": Ex("经过两个多月", "两个多月", "quantity", "2", "月", qualifier="多", bound="gt"),
}
DIRECTION_EXAMPLES = {
    "tongbi-zengzhang": Ex("同比增长33%", "33%", "percent", "33", "%", direction="up"),
    "zengzhang": Ex("互联网产业增长38%", "38%", "percent", "38", "%", direction="up"),
    "xiajiang": Ex("同比下降9.7%", "9.7%", "percent", "9.7", "%", direction="down"),
    "jiangfu-paren": Ex("3月降幅(-7.7%)已显现", "-7.7%", "percent", "-7.7", "%", direction="down"),
    "jianshao": Ex("减少了12家", "12家", "quantity", "12", "家", direction="down"),
    "huiluo": Ex("回落2个百分点", "2个百分点", "points", "2", "百分点", direction="down"),
    "qualifier-between": Ex("增长超过30%", "超过30%", "percent", "30", "%", qualifier="超过", bound="gt",
                            direction="up"),
    # A level reached by a rise or a fall: the direction it moved, marked 至, not a change of 99.7%.
    "level-tishengzhi": Ex("复工面已经提升至99.7%", "99.7%", "percent", "99.7", "%", direction="up", phrase="至"),
    "level-from": Ex("人员返岗率由75.6%提升至94%", "75.6%", "percent", "75.6", "%", check=("direction",)),
    "level-to": Ex("人员返岗率由75.6%提升至94%", "94%", "percent", "94", "%", direction="up", phrase="至"),
    "level-jiangzhi": Ex("降幅收窄至7.7%", "7.7%", "percent", "7.7", "%", direction="down", phrase="至"),
    "level-shengdao": Ex("返岗率从75.6%升到94%", "94%", "percent", "94", "%", direction="up", phrase="至"),
    "level-daoda": Ex("复工率达到99%", "99%", "percent", "99", "%", check=("direction", "phrase")),
    "level-zengzhangdao": Ex("增长到1200万只", "1200万只", "quantity", "12000000", "只", direction="up", phrase="至"),
    "level-dadao": Ex("基站数量达到1768个", "1768个", "quantity", "1768", "个", check=("direction",)),
    "xinzeng-is-not-change": Ex("新增46个", "46个", "quantity", "46", "个", check=("direction",)),
    "english-down": Ex("exports were down 9.7%", "9.7%", "percent", "9.7", "%", direction="down"),
    "english-rose-by": Ex("output rose by 33%", "33%", "percent", "33", "%", direction="up"),
    "english-rose-to": Ex("output rose to 94%", "94%", "percent", "94", "%", direction="up", phrase="至"),
    "english-rose-from-to": Ex("the rate rose from 75.6 percent to 94 percent", "94 percent", "percent", "94", "%",
                               direction="up", phrase="至"),
    "english-from-is-no-range": Ex("the rate rose from 75.6 percent to 94 percent", "75.6 percent", "percent", "75.6",
                                   "%", check=("direction", "high")),
    "english-slipped-to": Ex("capacity had slipped to 94.0 percent", "94.0 percent", "percent", "94", "%",
                             direction="down", phrase="至"),
    "cong-dao-is-no-range": Ex("从3%提高到5%", "3%", "percent", "3", "%", check=("high",)),
    "sign-beats-word": Ex("同比增长-5%", "-5%", "percent", "-5", "%", direction="down"),
}
RANGE_EXAMPLES = {
    "tilde": Ex("5~10个", "5~10个", "quantity", "5", "个", high="10", number_text="5~10"),
    "hyphen": Ex("建成5-10座", "5-10座", "quantity", "5", "座", high="10"),
    "wan-on-high-end": Ex("3至5万吨", "3至5万吨", "quantity", "30000", "吨", high="50000"),
    "english": Ex("5-10 percent", "5-10 percent", "percent", "5", "%", high="10"),
    "not-a-range-when-falling": Ex("陵水17-2气田项目有3个", "3个", "quantity", "3", "个"),
}
DURATION_EXAMPLES = {
    "days": Ex("仅用8天时间", "8天", "quantity", "8", "天"),
    "months": Ex("用了3个月", "3个月", "quantity", "3", "月"),
    "years": Ex("打破海南省4年无主板上市的局面", "4年", "quantity", "4", "年"),
    "hours": Ex("24小时在线", "24小时", "quantity", "24", "小时"),
}
DATE_EXAMPLES = {
    "year": Ex("2020年数字福建", "2020年", "date", date=DateValue(year=2020)),
    "month-day": Ex("4月15日,江苏省政府", "4月15日", "date", date=DateValue(month=4, day=15)),
    "full": Ex("2020年4月15日", "2020年4月15日", "date", date=DateValue(year=2020, month=4, day=15)),
    "quarter-di": Ex("第一季度全省完成", "第一季度", "date", date=DateValue(quarter=1)),
    "quarter-bare": Ex("一季度工业投资", "一季度", "date", date=DateValue(quarter=1)),
    "quarter-digit": Ex("1季度", "1季度", "date", date=DateValue(quarter=1)),
    "quarter-q": Ex("Q1增长", "Q1", "date", date=DateValue(quarter=1)),
    "half": Ex("上半年", "上半年", "date", date=DateValue(half=1)),
    "this-year-half": Ex("今年上半年", "今年上半年", "date", date=DateValue(relative_year=0, half=1)),
    "month-end-mo": Ex("3月末", "3月末", "date", qualifier="末", date=DateValue(month=3)),
    "month-end-di": Ex("3月底", "3月底", "date", qualifier="底", date=DateValue(month=3)),
    "as-of": Ex("截至4月14日,已组织", "截至4月14日", "date", qualifier="截至", date=DateValue(month=4, day=14)),
    "year-range-dash": Ex("工作方案(2020—2022年)", "2020—2022年", "date", date=DateValue(year=2020, year_end=2022)),
    "year-range-hyphen": Ex("2020-2022年", "2020-2022年", "date", date=DateValue(year=2020, year_end=2022)),
    "next-year-before": Ex("明年4月13日前基本实现", "明年4月13日前", "date", qualifier="前",
                           date=DateValue(relative_year=1, month=4, day=13)),
    "by-year": Ex("力争到2025年", "到2025年", "date", qualifier="到", date=DateValue(year=2025)),
    "this-year": Ex("今年政府工作报告", "今年", "date", date=DateValue(relative_year=0)),
    "this-fiscal-year": Ex("本年度可增加投资", "本年度", "date", date=DateValue(relative_year=0)),
    "next-year": Ex("明年", "明年", "date", date=DateValue(relative_year=1)),
    "last-year": Ex("去年", "去年", "date", date=DateValue(relative_year=-1)),
    "same-period-last-year": Ex("是去年同期的10倍", "去年同期", "date", qualifier="同期",
                                date=DateValue(relative_year=-1)),
    "since": Ex("2月以来的下滑", "2月以来", "date", qualifier="以来", date=DateValue(month=2)),
    "english-year": Ex("in 2020 output", "2020", "date", date=DateValue(year=2020)),
    "english-month-day": Ex("On April 14, 7,005 firms", "On April 14", "date", date=DateValue(month=4, day=14)),
    "english-day-month-year": Ex("on 14 April 2020 it", "on 14 April 2020", "date",
                                 date=DateValue(year=2020, month=4, day=14)),
    "english-end-of-month": Ex("By the end of March, banks", "By the end of March", "date", date=DateValue(month=3),
                               qualifier="by"),
    "english-as-of": Ex("as of March 5, 99 percent", "as of March 5", "date", date=DateValue(month=3, day=5),
                        qualifier="as of"),
    "english-may-is-a-verb": Ex("output May rise 5%", "5%", "percent", "5", "%"),
    "english-number-word": Ex("38 tasks in nine areas", "nine", "quantity", "9"),
    "english-compound-number": Ex("twenty-three industrial chains", "twenty-three", "quantity", "23"),
    "english-tenfold": Ex("a tenfold increase", "tenfold", "multiple", "10", "倍"),
    "english-ten-times": Ex("ten times the number a year earlier", "ten times", "multiple", "10", "倍"),
    "english-doubled": Ex("output doubled", "doubled", "multiple", "2", "倍", phrase="是…的"),
    "english-q1-year": Ex("Q1 2020 output", "Q1 2020", "date", date=DateValue(year=2020, quarter=1)),
    "english-first-quarter": Ex("the first quarter of 2020", "first quarter of 2020", "date",
                                date=DateValue(year=2020, quarter=1)),
    "chinese-digit-year": Ex("二〇二〇年", "二〇二〇年", "date", date=DateValue(year=2020)),
    "english-this-year": Ex("52,000 stations this year", "this year", "date", date=DateValue(relative_year=0)),
    "english-last-year": Ex("Last year output rose", "Last year", "date", date=DateValue(relative_year=-1)),
}
ORDINAL_EXAMPLES = {
    "di-san-jie": Ex("第三届数字中国建设峰会", "第三届", "ordinal", "3"),
    "di-yi-jieduan": Ex("第一阶段,保医护物资供应", "第一阶段", "ordinal", "1"),
    "yi-shi": Ex("一是联防联控", "一是", "ordinal", "1"),
    "er-shi": Ex("。二是合力攻坚", "二是", "ordinal", "2"),
}
ENGLISH_EXAMPLES = {
    "grouped": Ex("52,000", "52,000", "quantity", "52000", None),
    "billion-yuan": Ex("5.2 billion yuan", "5.2 billion yuan", "quantity", "5200000000", "元", scale=9,
                       number_text="5.2 billion"),
    "percent": Ex("33 percent", "33 percent", "percent", "33", "%"),
    "per-cent": Ex("33 per cent", "33 per cent", "percent", "33", "%"),
    "more-than": Ex("more than 20,000 firms", "more than 20,000", "quantity", "20000", None,
                    qualifier="more than", bound="gt"),
    "about": Ex("about 52 billion yuan", "about 52 billion yuan", "quantity", "52000000000", "元",
                qualifier="about", bound="approx"),
    "counterless-count": Ex("built 52,000 5G base stations", "52,000", "quantity", "52000", None),
    "dollar-sign": Ex("about $5 billion", "about $5 billion", "quantity", "5000000000", "美元", scale=9,
                      qualifier="about", bound="approx"),
    "rmb-code": Ex("RMB 5 billion", "RMB 5 billion", "quantity", "5000000000", "元"),
}
MARKUP_EXAMPLES = {
    "emphasis-after": Ex("均在  95%以上  企业", "95%以上", "percent", "95", "%", qualifier="以上", bound="ge"),
    "emphasis-between-qualifier": Ex("普遍超过  85%  ", "超过  85%", "percent", "85", "%", qualifier="超过",
                                     bound="gt"),
    "emphasis-near": Ex("复工面近  90%  ", "近  90%", "percent", "90", "%", qualifier="近", bound="lt"),
    "emphasis-multiple": Ex("日产量增加了  20倍  ", "20倍", "multiple", "20", "倍", phrase="增加了", direction="up"),
    "raw-asterisks": Ex("日产量增加了**20倍**", "20倍", "multiple", "20", "倍", phrase="增加了", direction="up"),
}
ALL_EXAMPLES = {
    f"{group}:{name}": example
    for group, table in (
        ("arabic", ARABIC_EXAMPLES), ("magnitude", MAGNITUDE_EXAMPLES), ("chinese", CHINESE_EXAMPLES),
        ("percent", PERCENT_EXAMPLES), ("points", POINTS_EXAMPLES), ("multiple", MULTIPLE_EXAMPLES),
        ("qualifier", QUALIFIER_EXAMPLES), ("direction", DIRECTION_EXAMPLES), ("range", RANGE_EXAMPLES),
        ("duration", DURATION_EXAMPLES), ("date", DATE_EXAMPLES), ("ordinal", ORDINAL_EXAMPLES),
        ("english", ENGLISH_EXAMPLES), ("markup", MARKUP_EXAMPLES),
    )
    for name, example in table.items()
}

# Text -> every mention's text, in order: nothing more, nothing less.
ALL_MENTIONS_EXAMPLES = {
    "emphasised-list": ("  251万件、1.1万吨、166万只、436辆  ", ["251万件", "1.1万吨", "166万只", "436辆"]),
    "level-pair": ("人员返岗率由75.6%提升至94%", ["75.6%", "94%"]),
    "plan-name-and-counts": ("“1个布局规划导则、16个区级布局规划、X个区域布局规划”的“1+16+X”5G基站",
                             ["1个", "16个"]),
    "idiom-days": ("以“一天当三天用”的干劲", []),
    "names": ("做好“六稳”落实“六保”,以“四高”为发力点,双城经济圈,三医联动,十百千万工程", []),
    "one-as-article": ("发动一批企业,一系列指示,统一部署,一名省领导,一条产业链,一张网", []),
    "name-digits": ("新建5G基站,4G网络,N95口罩,IPv6活跃用户,陵水17-2气田,3·15晚会,A级、B级", []),
    "phone-number": ("咨询电话0898-65342011", []),
    "url": ("见 https://example.com/a?q=30%25&p=20% 页面", []),
    "labels": ("一是联防联控。二是合力攻坚。", ["一是", "二是"]),
    "idiom-cheng": ("一成不变", []),
    "year-end": ("今年年底前", ["今年年底"]),
}


def _find(mentions: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in mentions if m.start == start and m.end == end), None)


@pytest.mark.parametrize("example", ALL_EXAMPLES.values(), ids=ALL_EXAMPLES.keys())
def test_example(example: Ex) -> None:
    mentions = extract(example.text)
    start = example.at if example.at is not None else example.text.index(example.span)
    mention = _find(mentions, start, start + len(example.span))
    assert mention is not None, [(m.start, m.end, m.text, m.kind) for m in mentions]
    assert mention.text == example.span
    assert mention.kind == example.kind
    assert mention.value == (None if example.value is None else Decimal(example.value))
    if example.kind != "date" or example.value is not None:
        assert mention.unit == example.unit
    assert mention.bound == example.bound
    for name in ("high", "scale", "qualifier", "direction", "phrase", "date", "number_text"):
        expected = getattr(example, name)
        if expected is not None or name in example.check:
            got = getattr(mention, name)
            want = Decimal(expected) if name == "high" and expected is not None else expected
            assert got == want, name


@pytest.mark.parametrize("text, texts", ALL_MENTIONS_EXAMPLES.values(), ids=ALL_MENTIONS_EXAMPLES.keys())
def test_all_mentions(text: str, texts: list[str]) -> None:
    assert [m.text for m in extract(text)] == texts


def test_two_thousand_twenty_is_never_a_quantity() -> None:
    for text in ("2020年", "在2020年", "《2020年数字福建建设工作要点》", "2020年4月", "in 2020"):
        assert all(m.kind == "date" for m in extract(text) if "2020" in m.text), text


def test_values_are_decimals_and_spans_hold() -> None:
    text = "第一季度全省完成工业投资52.11亿元,同比增长33%;两个多月;增加了  20倍  "
    for mention in extract(text):
        assert text[mention.start:mention.end] == mention.text
        assert mention.value is None or isinstance(mention.value, Decimal)


# ---- the two real sources ---------------------------------------------------------------
def _source(prefix: str) -> str:
    if not SOURCES.is_dir():
        pytest.skip(f"sources absent: {SOURCES}")
    path = next(SOURCES.glob(f"{prefix}*.txt"), None)
    if path is None:
        pytest.skip(f"source {prefix} absent")
    return path.read_text(encoding="utf-8").replace("**", "  ")  # as the reader blanks markup


def _by_text(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not among {[m.text for m in mentions]}"
    return found[0]


SOURCE_FIGURES = {
    "000": [
        ("52.11亿元", "quantity", "5211000000", "元", "eq", None),
        ("33%", "percent", "33", "%", "eq", "up"),
        ("98.5%", "percent", "98.5", "%", "eq", None),
        ("9.7%", "percent", "9.7", "%", "eq", "down"),
        ("-7.7%", "percent", "-7.7", "%", "eq", "down"),
        ("10倍", "multiple", "10", "倍", "eq", None),
        ("两个多月", "quantity", "2", "月", "gt", None),
        ("上万名", "quantity", "10000", "名", "ge", None),
        ("96%以上", "percent", "96", "%", "ge", None),
        ("8天", "quantity", "8", "天", "eq", None),
        ("66.58亿元", "quantity", "6658000000", "元", "eq", None),
        ("不低于80%", "percent", "80", "%", "ge", None),
        ("2万个以上", "quantity", "20000", "个", "ge", None),
        ("突破2万亿元", "quantity", "2000000000000", "元", "gt", None),
        ("16个", "quantity", "16", "个", "eq", None),
    ],
    "002": [
        ("11万余家", "quantity", "110000", "家", "gt", None),
        ("近  90%", "percent", "90", "%", "lt", None),
        ("180%左右", "percent", "180", "%", "approx", None),
        ("20倍", "multiple", "20", "倍", "eq", "up"),
        ("5.2万座", "quantity", "52000", "座", "eq", None),
        ("680.91亿元", "quantity", "68091000000", "元", "eq", None),
        ("94%", "percent", "94", "%", "eq", "up"),  # 由75.6%提升至94%: reached by a rise
        ("超过  85%", "percent", "85", "%", "gt", None),
        ("最高  13万件", "quantity", "130000", "件", "le", None),
        ("不到5个工作日", "quantity", "5", "工作日", "lt", None),
        ("超过4万亿元", "quantity", "4000000000000", "元", "gt", None),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SOURCE_FIGURES))
def test_source_figures(prefix: str) -> None:
    text = _source(prefix)
    mentions = extract(text)
    for span, kind, value, unit, bound, direction in SOURCE_FIGURES[prefix]:
        mention = _by_text(mentions, span)
        assert (mention.kind, mention.value, mention.unit, mention.bound, mention.direction) == (
            kind, Decimal(value), unit, bound, direction), span
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_source_000_details() -> None:
    mentions = extract(_source("000"))
    ratio = _by_text(mentions, "10倍")
    assert ratio.phrase == "是…的"
    assert _by_text(mentions, "复工率98.5%" [3:]).value == Decimal("98.5")
    dates = {m.text: m.date for m in mentions if m.kind == "date"}
    assert dates["2020—2022年"] == DateValue(year=2020, year_end=2022)
    assert dates["第一季度"] == DateValue(quarter=1)
    assert dates["明年4月13日前"] == DateValue(relative_year=1, month=4, day=13)
    assert dates["到2025年"] == DateValue(year=2025)
    assert all(m.kind == "ordinal" for m in mentions if m.text in ("一是", "二是", "第一阶段", "第三届"))


def test_source_002_details() -> None:
    text = _source("002")
    mentions = extract(text)
    assert _by_text(mentions, "4月15日").date == DateValue(month=4, day=15)
    assert _by_text(mentions, "20倍").phrase == "增加了"
    listed = [m.text for m in mentions if m.start >= text.index("累计生产")][:4]
    assert listed == ["251万件", "1.1万吨", "166万只", "436辆"]
    assert _by_text(mentions, "截至4月14日").date == DateValue(month=4, day=14)


@pytest.mark.parametrize("name", ["5G", "N95", "17-2", "IPv6", "1+16+X", "六稳", "十百千万", "三医联动"])
def test_names_in_sources_are_not_quantities(name: str) -> None:
    for prefix in SOURCE_FIGURES:
        text = _source(prefix)
        mentions = extract(text)
        for match in re.finditer(re.escape(name), text):
            inside = [m for m in mentions if m.start < match.end() and match.start() < m.end and m.is_figure]
            assert not inside, (name, inside)


def test_doctests() -> None:
    import doctest

    from factcheck import extract as module

    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
