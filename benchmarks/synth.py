"""Synthetic but realistic fact bases and drafts for the benchmarks.

The shapes come from the real fact base (`facts/`): its metrics, keywords,
kinds, units, counters, hedges and directions, plus a catalogue of sector x
measure metrics; subjects are generated place names (added to a generated
gazetteer, loaded beside the shipped one), periods span ten years, values are
exact decimals written the Chinese way (52.11亿元, 2.17万户, 98.5%).

Drafts are built from the generated facts' quotes: a quote as it is (agree),
with its figure, year or direction changed (discrepancy), or a sentence on a
metric no fact holds (unverified). Each draft has a manifest of the figures
it contains and the verdict they were built to get.

    python benchmarks/synth.py --facts 10000 --out benchmarks/out/f10000
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from factcheck.facts import FactBase, embedded_facts_dir, load_fact_base
from factcheck.model import Fact

# Characters (with a romanization) for place names: rare in economic prose,
# so a generated name is not found inside an ordinary word.
_NAME_CHARS = (
    "临lin 泽ze 岚lan 汶wen 淇qi 涞lai 滦luan 溧li 沅yuan 澧feng 郴chen 邵shao 婺wu 衢qu 歙she 黟yi "
    "岷min 邛qiong 崃lai 涪fu 洮tao 岐qi 郯tan 邳pi 沭shu 睢sui 砀dang 亳bo 颍ying 霍huo 蕲qi 浠xi "
    "秭zi 郧yun 岫xiu 桓huan 榆yu 棣di 莒ju 沂yi 峄yi 芷zhi 溆xu 漯luo 柘zhe 淅xi 嵩song 洹huan 濮pu "
    "鄄juan 郓yun 琅lang 邗han 瓯ou"
).split()
_COMPANY_TRADES = ("新材料", "电子", "重工", "智造", "医药", "能源", "汽车", "纺织", "食品", "物流")

# Sector x measure: the bulk of a national fact base (the same metrics over many places and years).
SECTORS = (
    "工业", "制造业", "高技术制造业", "装备制造业", "数字经济", "软件和信息技术服务业", "电子信息制造业",
    "新能源汽车产业", "集成电路产业", "生物医药产业", "跨境电商", "服务业", "建筑业", "房地产开发",
    "农产品加工业", "纺织服装业", "石化产业", "钢铁产业", "光伏产业", "锂电池产业", "工业互联网",
    "人工智能产业", "大数据产业", "现代物流业", "海洋经济", "节能环保产业", "新材料产业", "航空航天产业",
    "船舶工业", "医疗器械产业", "食品工业", "文化产业", "民营经济", "外贸", "中小企业", "高新技术产业",
)


@dataclass(frozen=True)
class Measure:
    words: str  # appended to the sector: 工业 + 增加值
    kind: str
    unit: str
    counters: tuple[str, ...] = ()
    link: tuple[str, ...] = ("达到", "为", "达", "实现")


MEASURES = (
    Measure("增加值", "amount", "元"), Measure("营业收入", "amount", "元"), Measure("总产值", "amount", "元"),
    Measure("完成投资", "amount", "元", link=("", "合计", "累计")), Measure("利润总额", "amount", "元"),
    Measure("出口额", "amount", "元"), Measure("增加值增速", "change", "%", link=("同比增长",)),
    Measure("投资增速", "change", "%", link=("同比增长",)), Measure("营业收入增速", "change", "%", link=("同比增长",)),
    Measure("企业数量", "count", "家"), Measure("新增企业", "count", "家", link=("",)),
    Measure("重点项目", "count", "个", ("项",), link=("共有", "签约", "")),
    Measure("从业人员", "count", "人", ("名",)), Measure("占地区生产总值比重", "share", "%"),
    Measure("产能利用率", "share", "%"),
)
# Metrics no generated fact holds: the figures about them are unverified.
UNKNOWN_METRICS = (
    "接待国内游客", "旅游总收入", "粮食总产量", "城镇新增就业", "常住人口", "森林覆盖率", "居民人均可支配收入",
    "空气质量优良天数比例", "快递业务量", "公路货运量", "新建改建农村公路", "学前教育毛入园率",
)
UNKNOWN_UNITS = ("万人次", "亿元", "万吨", "万人", "万人", "%", "元", "%", "亿件", "亿吨公里", "公里", "%")
FILLER = (
    "{place}坚持稳中求进工作总基调，持续推动经济高质量发展。",
    "会上，有关负责人介绍了{place}推进产业链现代化的具体举措。",
    "{place}将进一步优化营商环境，加大对市场主体的帮扶力度。",
    "业内人士认为，{place}产业结构调整的成效正在逐步显现。",
    "下一步，{place}将围绕重点领域持续发力，稳住经济基本盘。",
)
_QUARTERS = "一二三四"


@dataclass(frozen=True)
class Shape:
    """What a fact measures, independent of where and when."""

    metric: str
    keywords: tuple[str, ...]
    kind: str
    unit: str
    counters: tuple[str, ...] = ()
    link: tuple[str, ...] = ("达到", "为")


@dataclass(frozen=True)
class Place:
    id: str
    alias: str  # how drafts name it: 临泽市
    english: str
    kind: str
    parent: str


@dataclass
class World:
    """The generated gazetteer and fact files, before they are written."""

    places: list[Place] = field(default_factory=list)
    companies: list[Place] = field(default_factory=list)
    files: list[dict[str, object]] = field(default_factory=list)
    facts: list[dict[str, str]] = field(default_factory=list)


def shapes_from(base: FactBase) -> list[Shape]:
    """The real facts' shapes (figures of a place) plus the sector x measure catalogue."""
    shapes = [
        Shape(f.metric, f.keywords, f.kind, f.unit or "", f.counters)
        for f in base.facts
        if f.kind in ("count", "amount", "share") and f.unit and f.value and f.value > 0
    ]
    for sector in SECTORS:
        for m in MEASURES:
            metric = sector + m.words
            keywords = (metric, sector + m.words.replace("增速", "增长"), sector + m.words.replace("总", ""))
            shapes.append(Shape(metric, tuple(dict.fromkeys(keywords)), m.kind, m.unit, m.counters, m.link))
    return shapes


def _names(rng: random.Random, taken: set[str]) -> Iterator[tuple[str, str]]:
    chars = [(item[0], item[1:]) for item in _NAME_CHARS]
    pairs = [(a + b, (pa + pb).capitalize()) for a, pa in chars for b, pb in chars if a != b]
    rng.shuffle(pairs)
    english_seen: set[str] = set()
    for name, english in pairs:
        if name in taken or any(name in t for t in taken):
            continue
        while english in english_seen:
            english += "x"
        english_seen.add(english)
        yield name, english


def make_places(rng: random.Random, n_facts: int, taken: set[str]) -> tuple[list[Place], list[Place]]:
    """Provinces, cities (about one per 150 facts, 20 to 600) and companies in them."""
    names = _names(rng, taken)
    n_provinces = 30 if n_facts >= 3000 else 8
    n_cities = max(20, min(600, n_facts // 150))
    provinces = [Place(n, n + "省", e, "province", "中国") for n, e in (next(names) for _ in range(n_provinces))]
    cities = []
    for i in range(n_cities):
        name, english = next(names)
        cities.append(Place(name, name + "市", english + " City", "city", provinces[i % n_provinces].id))
    companies = []
    for i in range(max(10, min(200, n_facts // 500))):
        city = cities[i % n_cities]
        trade = _COMPANY_TRADES[i % len(_COMPANY_TRADES)]
        name = f"{city.id}{trade}集团"
        companies.append(Place(name, name, f"{city.english} {i} Group", "company", city.id))
    return provinces + cities, companies


def figure(rng: random.Random, kind: str, unit: str) -> tuple[Decimal, str]:
    """An exact value and the way a source writes it: (Decimal('5211000000'), '52.11亿')."""
    if unit == "%":
        if kind == "share":
            mantissa, decimals = rng.randint(10, 999), 1
        else:
            mantissa, decimals = rng.randint(1, 600), 1
        return _written(mantissa, decimals, 0, "")
    if unit == "元":
        scale = rng.choices((8, 4, 12), (7, 2, 1))[0]
        mantissa = {8: rng.randint(100, 99999), 4: rng.randint(10, 9999), 12: rng.randint(10, 99)}[scale]
        return _written(mantissa, 2 if scale == 8 else 1 if scale == 12 else 0, scale, {8: "亿", 4: "万", 12: "万亿"}[scale])
    if rng.random() < 0.3:
        return _written(rng.randint(11, 999), 2, 4, "万")
    return _written(rng.randint(3, 9999), 0, 0, "")


def _written(mantissa: int, decimals: int, scale: int, word: str) -> tuple[Decimal, str]:
    number = Decimal(mantissa).scaleb(-decimals)
    text = format(number.normalize(), "f") if decimals else str(mantissa)
    if text == "0":
        return _written(mantissa + 1, decimals, scale, word)
    return (number.scaleb(scale) if scale else number).normalize(), text + word


def _period(rng: random.Random, year: int) -> tuple[str, str]:
    """A period and how the source writes it: ('2020-Q1', '2020年第一季度')."""
    pick = rng.random()
    if pick < 0.4:
        return str(year), rng.choice((f"{year}年", f"{year}年全年"))
    if pick < 0.7:
        q = rng.randint(1, 4)
        return f"{year}-Q{q}", f"{year}年第{_QUARTERS[q - 1]}季度"
    if pick < 0.85:
        return f"{year}-H1", f"{year}年上半年"
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}", f"{year}年{month}月"


def make_world(n_facts: int, seed: int = 7, base: FactBase | None = None) -> World:
    rng = random.Random(seed)
    base = base or load_fact_base([embedded_facts_dir()])
    taken = {n for e in base.entities.values() for n in (e.id, *e.aliases)}
    world = World()
    world.places, world.companies = make_places(rng, n_facts, taken)
    shapes = shapes_from(base)
    cities = [p for p in world.places if p.kind == "city"]
    by_city = {c.id: [co for co in world.companies if co.parent == c.id] for c in cities}
    used: set[tuple[str, str, str]] = set()
    file_no = 0
    while len(world.facts) < n_facts:
        place = rng.choice(world.places)
        year = rng.randint(2015, 2024)
        file_no += 1
        facts: list[dict[str, str]] = []
        for _ in range(min(rng.randint(20, 60), n_facts - len(world.facts))):
            shape = rng.choice(shapes)
            subject = place
            if place.kind == "city" and by_city[place.id] and rng.random() < 0.1:
                subject = rng.choice(by_city[place.id])
            period, period_text = _period(rng, year)
            if (subject.id, shape.metric, period) in used:
                continue
            used.add((subject.id, shape.metric, period))
            facts.append(_fact(rng, f"syn{file_no:05d}-{len(facts):03d}", subject, shape, period, period_text))
        world.files.append({"source": f"syn-{file_no:05d}.txt", "year": year, "place": place.id, "alias": place.alias, "facts": facts})
        world.facts.extend(facts)
    return world


def _fact(rng: random.Random, fact_id: str, subject: Place, shape: Shape, period: str, period_text: str) -> dict[str, str]:
    value, number = figure(rng, shape.kind, shape.unit)
    as_written = number + shape.unit
    fact = {
        "id": fact_id, "subject": subject.id, "metric": shape.metric, "kind": shape.kind,
        "value": format(value, "f"), "unit": shape.unit, "period": period, "number": number,
    }
    prefix = suffix = ""
    hedge = rng.random()
    if shape.kind != "change" and hedge < 0.06:
        fact["qualifier"], suffix = "以上", "以上"
    elif shape.kind != "change" and hedge < 0.1:
        fact["qualifier"], prefix = "超过", "超过"
    if shape.kind == "change":
        down = rng.random() < 0.2
        fact["direction"] = "down" if down else "up"
        link = "同比下降" if down else "同比增长"
    else:
        link = rng.choice(shape.link)
    fact["as_written"] = as_written + suffix
    fact["quote"] = f"{period_text}，{subject.alias}{shape.metric.removesuffix('增速')}{link}{prefix}{as_written}{suffix}。"
    fact["keywords"] = json.dumps(list(shape.keywords), ensure_ascii=False)
    if shape.counters:
        fact["counters"] = json.dumps(list(shape.counters), ensure_ascii=False)
    fact["period_text"], fact["alias"] = period_text, subject.alias
    return fact


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


FACT_KEYS = ("id", "subject", "metric", "keywords", "period", "kind", "value", "unit", "counters",
             "as_written", "qualifier", "direction", "quote")


def write_world(world: World, out: Path) -> Path:
    """Write entities.yaml and one fact file per source into out/facts; return that folder."""
    folder = out / "facts"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    lines = ["# Generated by benchmarks/synth.py: places and companies of the synthetic fact base.", "entities:"]
    for p in world.places + world.companies:
        aliases = f"[{_q(p.alias)}]" if p.alias != p.id else "[]"
        lines += [f"  - id: {_q(p.id)}", f"    kind: {p.kind}", f"    aliases: {aliases}",
                  f"    english: {_q(p.english)}", f"    parent: {_q(p.parent)}"]
    (folder / "entities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for item in world.files:
        lines = [f"source: {item['source']}", f"title: {_q(str(item['place']) + str(item['year']) + '年经济运行情况')}",
                 f"base_year: {item['year']}", "facts:"]
        for fact in item["facts"]:  # type: ignore[attr-defined]
            first = True
            for key in FACT_KEYS:
                if key not in fact:
                    continue
                raw = fact[key]
                text = raw if key in ("keywords", "counters") else _q(raw)
                lines.append(f"  {'- ' if first else '  '}{key}: {text}")
                first = False
        name = str(item["source"]).removesuffix(".txt") + ".yaml"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Sentence:
    text: str
    figure: tuple[int, int] | None  # span of the figure inside text
    verdict: str | None
    fact: str | None
    reason: str | None = None


def draft_sentence(rng: random.Random, fact: dict[str, str], mix: tuple[float, float]) -> Sentence:
    """A sentence from a fact's quote: kept (agree), changed (discrepancy) or off the base (unverified)."""
    quote, written = fact["quote"], fact["as_written"]
    pick = rng.random()
    if pick < mix[0]:
        return _with_figure(quote, written, "agree", fact["id"])
    if pick < mix[0] + mix[1]:
        change = rng.random()
        if change < 0.15 and fact.get("period", "")[:4].isdigit():
            year = fact["period"][:4]
            other = quote.replace(f"{year}年", f"{int(year) - rng.randint(1, 3)}年", 1)
            return _with_figure(other, written, "discrepancy", fact["id"], "period")
        if change < 0.3 and fact.get("direction") == "up":
            return _with_figure(quote.replace("同比增长", "同比下降", 1), written, "discrepancy", fact["id"], "direction")
        wrong = _changed(rng, fact)
        return _with_figure(quote.replace(written, wrong, 1), wrong, "discrepancy", fact["id"], "value")
    metric_no = rng.randrange(len(UNKNOWN_METRICS))
    unit = UNKNOWN_UNITS[metric_no]
    number = f"{rng.randint(11, 9999) / 10:g}"
    text = f"{fact['period_text']}，{fact['alias']}{UNKNOWN_METRICS[metric_no]}达到{number}{unit}。"
    return _with_figure(text, number + unit, "unverified", None)


def _with_figure(text: str, written: str, verdict: str, fact: str | None, reason: str | None = None) -> Sentence:
    start = text.rfind(written)
    return Sentence(text, (start, start + len(written)) if start >= 0 else None, verdict, fact, reason)


def _changed(rng: random.Random, fact: dict[str, str]) -> str:
    """The fact's figure made clearly wrong (10-40% off, in the direction its hedge cannot cover)."""
    number = fact["number"]
    digits = number.rstrip("万亿")
    word = number[len(digits):]
    value = Decimal(digits)
    exponent = value.as_tuple().exponent
    quantum = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    factor = Decimal(rng.randint(110, 140)) / 100
    if fact.get("qualifier") != "以上" and fact.get("qualifier") != "超过" and rng.random() < 0.5:
        factor = Decimal(rng.randint(60, 90)) / 100
    new = (value * factor).quantize(quantum)
    if new == value or new <= 0:
        new = value + quantum
    if fact["unit"] == "%" and fact["kind"] == "share" and new >= 100:
        new = (value * Decimal("0.8")).quantize(quantum)
    return format(new, "f") + word + fact["unit"] + ("以上" if fact.get("qualifier") == "以上" else "")


def make_draft(world: World, size_bytes: int, seed: int, mix: tuple[float, float] = (0.5, 0.3)) -> tuple[str, list[dict[str, object]]]:
    """A Markdown draft of about `size_bytes` (UTF-8) and its manifest of built-in verdicts.

    Sections of 4 to 12 sentences each speak of one source's place and year;
    about a fifth of the sentences carry no figure.
    """
    rng = random.Random(seed)
    files = [f for f in world.files if f["facts"]]
    place = world.places[0] if world.places else None
    parts = [f"# {place.alias if place else ''}经济运行情况\n\n"]
    size = len(parts[0].encode())
    offset = len(parts[0])
    manifest: list[dict[str, object]] = []
    while size < size_bytes:
        item = rng.choice(files)
        facts: list[dict[str, str]] = item["facts"]  # type: ignore[assignment]
        alias = str(item["alias"])
        heading = f"## {alias}{item['year']}年\n\n"
        parts.append(heading)
        offset += len(heading)
        size += len(heading.encode())
        for _ in range(rng.randint(4, 12)):
            if rng.random() < 0.2:
                sentence = Sentence(rng.choice(FILLER).format(place=alias), None, None, None)
            else:
                sentence = draft_sentence(rng, rng.choice(facts), mix)
            if sentence.figure is not None:
                manifest.append({
                    "start": offset + sentence.figure[0], "end": offset + sentence.figure[1],
                    "verdict": sentence.verdict, "reason": sentence.reason, "fact": sentence.fact,
                })
            parts.append(sentence.text)
            offset += len(sentence.text)
            size += len(sentence.text.encode())
        parts.append("\n\n")
        offset += 2
        size += 2
    return "".join(parts), manifest


def shipped_draft(base: FactBase, size_bytes: int = 3000, seed: int = 3) -> str:
    """A draft against the shipped fact base: its facts' quotes, some figures changed."""
    rng = random.Random(seed)
    facts = [f for f in base.facts if f.as_written in f.quote and any(c.isdigit() for c in f.as_written)]
    parts, size = ["# 各地制造业复工复产情况\n\n"], 0
    while size < size_bytes:
        fact = rng.choice(facts)
        quote = _shipped_sentence(rng, fact, base)
        parts.append(quote + "\n\n")
        size += len(parts[-1].encode())
    return "".join(parts)


def _shipped_sentence(rng: random.Random, fact: Fact, base: FactBase) -> str:
    entity = base.entities.get(fact.subject)
    name = entity.aliases[0] if entity and entity.aliases else fact.subject
    quote = fact.quote if fact.quote.startswith(fact.subject) else f"{name}{fact.quote.lstrip('，,')}"
    pick = rng.random()
    if pick < 0.3:
        digits = "".join(c for c in fact.as_written if c.isdigit())
        wrong = fact.as_written.replace(digits, str(int(digits) + rng.randint(1, 9)), 1)
        return quote.replace(fact.as_written, wrong, 1)
    if pick < 0.45:
        return f"{name}{rng.choice(UNKNOWN_METRICS)}达到{rng.randint(11, 999)}万人。"
    return quote


def generate(out: Path, n_facts: int, draft_sizes: dict[str, int], batch: int = 0, batch_bytes: int = 5000,
             seed: int = 7) -> dict[str, object]:
    """Write a fact base of n_facts, named drafts of the given sizes, and `batch` small drafts."""
    world = make_world(n_facts, seed)
    facts_dir = write_world(world, out)
    drafts = out / "drafts"
    drafts.mkdir(parents=True, exist_ok=True)
    written: dict[str, object] = {"facts": str(facts_dir), "n_facts": len(world.facts),
                                  "entities": len(world.places) + len(world.companies), "drafts": {}}
    for i, (name, size) in enumerate(sorted(draft_sizes.items())):
        text, manifest = make_draft(world, size, seed + 100 + i)
        path = drafts / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        written["drafts"][name] = str(path)  # type: ignore[index]
    if batch:
        folder = out / "batch"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(batch):
            text, _ = make_draft(world, batch_bytes, seed + 1000 + i)
            (folder / f"draft-{i:04d}.md").write_text(text, encoding="utf-8")
        written["batch"] = str(folder)
    (out / "world.json").write_text(json.dumps(written, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=1000, help="how many facts (e.g. 1000, 10000, 100000)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (benchmarks/out/ is git-ignored)")
    parser.add_argument("--drafts", default="3k=3000,1m=1000000", help="named draft sizes in bytes: 3k=3000,10m=10000000")
    parser.add_argument("--batch", type=int, default=0, help="also write this many ~5 KB drafts into OUT/batch")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = {name: int(size) for name, size in (item.split("=") for item in args.drafts.split(",") if item)}
    print(json.dumps(generate(args.out, args.facts, sizes, args.batch, seed=args.seed), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
