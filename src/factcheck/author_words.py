"""English words for the Chinese words of metrics: for ids that say what a fact is
(jiangsu-new-5g-base-stations-2020) and English keywords where the glossary has none.

The glossary (facts/glossary.yaml) is asked first; this word list covers the
rest of what economic and industrial sources measure. A phrase is read
greedily, longest word first; words it does not know are skipped, and a
drafted keyword made this way is marked for review.
"""

from __future__ import annotations

import hashlib
import re

from .glossary import Glossary

WORDS: dict[str, str] = {
    # --- firms, bodies, people
    "规模以上工业企业": "above-scale industrial enterprises", "中小工业企业": "small and medium industrial enterprises",
    "中小企业": "smes", "小微企业": "small businesses", "龙头企业": "leading enterprises", "外资企业": "foreign-funded enterprises",
    "企业": "enterprises", "公司": "companies", "药企": "pharmaceutical companies", "银行机构": "banks", "银行": "banks",
    "金融机构": "financial institutions", "机构": "institutions", "医疗机构": "medical institutions", "医院": "hospitals",
    "员工": "employees", "职工": "workers", "人员": "staff", "施工人员": "construction workers", "工人": "workers",
    "人才": "talent", "就业": "jobs", "岗位": "jobs", "农民工": "migrant workers", "劳动力": "workers",
    "市场主体": "market entities", "个体工商户": "self-employed businesses", "高校毕业生": "graduates",
    # --- industry and output
    "工业": "industrial", "制造业": "manufacturing", "先进制造业": "advanced manufacturing", "制造": "manufacturing",
    "产业": "industry", "产业链": "industrial chains", "供应链": "supply chains", "集群": "clusters",
    "产值": "output value", "产量": "output", "日产量": "daily output", "产能": "capacity", "增加值": "value added",
    "营业收入": "operating revenue", "收入": "revenue", "利润": "profits", "利润总额": "total profits",
    "税收": "tax revenue", "出口": "exports", "进口": "imports", "外贸": "foreign trade", "进出口": "foreign trade",
    "消费": "consumption", "零售额": "retail sales", "社会消费品零售总额": "retail sales of consumer goods",
    "用电量": "electricity consumption", "工业用电": "industrial electricity", "货运量": "freight volume",
    "装备": "equipment", "装备制造": "equipment manufacturing", "医药": "pharmaceutical", "药品": "medicines",
    "互联网": "internet", "数字经济": "digital economy", "电子信息": "electronic information", "软件": "software",
    "新能源汽车": "new energy vehicles", "汽车": "vehicles", "集成电路": "integrated circuits", "芯片": "chips",
    "生产线": "production lines", "口罩": "masks", "防护服": "protective suits", "物资": "supplies",
    # --- investment, money, finance
    "投资": "investment", "总投资": "total investment", "固定资产投资": "fixed-asset investment", "资金": "funds",
    "专项资金": "special funds", "贷款": "loans", "融资": "financing", "金额": "amount", "余额": "balance",
    "捐赠": "donations", "补贴": "subsidies", "减税降费": "tax and fee cuts", "减税": "tax cuts", "降费": "fee cuts",
    "退税": "tax refunds", "担保": "guarantees", "保险": "insurance", "投保": "insured", "本金": "principal",
    "利息": "interest", "延期": "deferred", "授信": "credit lines", "债券": "bonds", "基金": "funds",
    # --- projects, plans, work
    "项目": "projects", "重大项目": "major projects", "重点项目": "key projects", "工程": "projects",
    "签约": "signed", "引进": "introduced", "开工": "started", "复工": "resumed work", "复产": "resumed production",
    "竣工": "completed", "建成": "completed", "投产": "in production", "在建": "under construction",
    "策划": "planned", "计划": "plan", "行动计划": "action plan", "方案": "plans", "措施": "measures",
    "政策": "policies", "任务": "tasks", "目标": "targets", "名单": "lists", "批次": "batches", "阶段": "stages",
    "方面": "areas", "领域": "fields", "行业": "industries", "园区": "parks", "基地": "bases",
    "示范": "demonstration", "试点": "pilot", "平台": "platforms", "中心": "centers", "数据中心": "data centers",
    "服务": "services", "事项": "matters", "网上办": "handled online", "审批": "approvals",
    "上市": "listing", "主板上市": "main board listing", "过会": "approved for listing",
    # --- networks and technology
    "5G": "5g", "基站": "base stations", "5G基站": "5g base stations", "网络": "networks", "光纤": "fiber",
    "宽带": "broadband", "覆盖": "coverage", "覆盖率": "coverage rate", "用户": "users", "应用": "applications",
    "场景": "scenarios", "创新": "innovation", "研发": "research and development", "专利": "patents",
    "技术": "technology", "攻关": "research", "人工智能": "artificial intelligence", "大数据": "big data",
    "工业互联网": "industrial internet", "物联网": "internet of things", "车联网": "connected vehicles",
    "充电桩": "charging piles", "布局规划": "layout plans", "导则": "guidelines", "站址": "sites", "能级": "service levels",
    # --- rates and changes
    "率": "rate", "比重": "share", "占比": "share", "比例": "proportion", "利用率": "utilization",
    "复工率": "work resumption rate", "复工面": "work resumption rate", "复产率": "production resumption rate",
    "返岗率": "return rate", "到岗率": "attendance rate", "恢复": "recovery", "增长": "growth", "增速": "growth",
    "同比增长": "growth", "同比下降": "decline", "下降": "decline", "降幅": "decline", "增幅": "growth",
    "倍": "times", "时间": "time", "天数": "days", "数量": "number", "总数": "total", "新建": "new", "新增": "new",
    "新设": "new", "累计": "cumulative", "重点": "key", "全部": "all", "省级": "provincial", "高端": "high-end",
    # --- verbs of plans and work
    "打造": "build", "标志性": "flagship", "示范性": "demonstration", "协议": "agreement", "合作": "cooperation",
    "编制": "drawing up", "梳理": "identified", "发布": "published", "征集": "collected", "调配": "allocated",
    "调拨": "transferred", "支援": "support", "施工": "construction", "返回": "returned", "工地": "sites",
    "生产": "production", "调查": "survey", "医疗": "medical", "帮扶": "assistance", "难题": "difficulties",
    "跟踪": "tracked", "招商": "investment promotion", "增产": "output increase", "纲领性文件": "guiding document",
    "文件": "documents", "发展": "development", "全覆盖": "full coverage", "局面": "situation",
    "新闻发布会": "press conference", "发布会": "press conference", "微型计算机": "microcomputers", "计算机": "computers", "手机": "mobile phones", "钢材": "steel",
    "粗钢": "crude steel", "水泥": "cement", "发电量": "power generation",
    "核心": "core", "智慧": "smart", "工作要点": "key points", "要点": "key points", "艰苦努力": "hard work", "努力": "efforts", "外资": "foreign-funded enterprises", "年数": "years", "期限": "period", "名": "people", "工作": "work", "链条": "chains",
}
_ORDER = sorted(WORDS, key=len, reverse=True)
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_WORDS = 5


def english_words(phrase: str, glossary: Glossary) -> list[str]:
    """The English of the words of a Chinese phrase that the word list or the glossary know,
    the longest word first at each place (the word list's shorter English on a tie)."""
    found: list[str] = []
    index = 0
    zh = sorted((w for w in glossary.english_of if not w.isascii()), key=len, reverse=True)
    while index < len(phrase):
        ours = next((w for w in _ORDER if phrase.startswith(w, index)), "")
        theirs = next((w for w in zh if phrase.startswith(w, index)), "")
        if not ours and not theirs:
            index += 1
            continue
        word, english = (ours, WORDS[ours]) if len(ours) >= len(theirs) else (theirs, glossary.english_of[theirs])
        if english not in found:
            found.append(english)
        index += len(word)
    return found


def slug(words: list[str], fallback: str) -> str:
    """An id part from English words (5g-base-stations), else a short stable hash of `fallback`."""
    text = _SLUG.sub("-", " ".join(words).lower()).strip("-")
    parts = list(dict.fromkeys(p for p in text.split("-") if p))
    if len(parts) > MAX_SLUG_WORDS:  # the last word says growth or decline: keep it
        parts = parts[:MAX_SLUG_WORDS - 1] + parts[-1:]
    return "-".join(parts) if parts else "m" + short_hash(fallback)


def short_hash(text: str) -> str:
    return hashlib.blake2s(text.encode("utf-8"), digest_size=3).hexdigest()
