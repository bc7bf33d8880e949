"""The ways real reporting differs from drafts written beside the checker, one table row each.

Each class was seen in a real article (tests/reporting): the same metric at another date,
progress against a plan, another scope, a generic count, an open-ended hedge, rounding to
100%, 全省 after a passing mention of another province, a numeral inside a word.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from factcheck.model import Finding


class Case(NamedTuple):
    draft: str
    figure: str
    verdict: str  # agree | discrepancy | unverified | none (no finding at all)
    detail: str | None = None  # the reason of a discrepancy, the why of an unverified figure


CASES = {
    # 1. Another date: a figure of the same metric at another date is a true figure of that date.
    "date-undated-fact": Case("截至2月25日,湖南全省规模以上工业企业开复工率93.5%。", "93.5%", "unverified",
                              "undated-source"),
    "date-same-number": Case("截至3月18日,江苏规模以上工业企业复工面99.7%。", "99.7%", "unverified", "another-date"),
    "date-other-year": Case("2019年江苏数字经济规模超过4万亿元。", "超过4万亿元", "unverified", "another-date"),
    "date-of-the-lead": Case("# 江苏规上工业企业复工面达99.7%\n\n省工信厅19日发布的数据显示,截至3月18日,"
                             "江苏规模以上工业企业复工面99.7%。", "99.7%", "unverified", "another-date"),
    "date-of-report": Case("江苏融资绿色通道已于2月20日正式上线。\n\n目前,首批入驻的有12家银行机构。", "12家",
                           "unverified", "another-date"),
    "date-across-semicolon": Case("截至3月末,全省银行业金融机构累计为2.17万户企业办理延期偿还贷款本金;"
                                  "江苏新增贷款企业4660户。", "4660户", "unverified"),
    # 2. Progress against a plan is no contradiction of the plan.
    "progress-by-july": Case("截至7月底,今年江苏全省新建5G基站3.5万个。", "3.5万个", "unverified", "progress"),
    "progress-by-september": Case("截至9月底,江苏新建并开通5G基站6.3万个,累计投入108亿元。", "108亿元",
                                  "unverified"),
    "progress-first-half": Case("1至6月江苏全省新开通5G基站2.84万个。", "2.84万个", "unverified", "another-date"),
    "earlier-plan": Case("年初江苏定的目标是全年新建5G基站4万座,后来提高到新建5.2万座。", "4万座", "unverified",
                         "another-date"),
    # 3. Another scope: a part of the place, a chain, a set of firms, a stock for a flow.
    "scope-two-cities": Case("怀化、衡阳开复工率超过99%。", "超过99%", "unverified", "another-scope"),
    "scope-one-city": Case("海口规上工业企业复工复产率达99%。", "99%", "unverified", "another-scope"),
    "scope-one-chain": Case("江苏重点产业链中,汽车产业链的规模以上零部件企业已经100%复工。", "100%", "unverified"),
    "scope-supply-chain": Case("今年以来,江苏累计推动供应链上1400多家企业复工复产。", "1400多家", "unverified"),
    "scope-stock": Case("江苏累计建成5G基站7.1万座。", "7.1万座", "unverified"),
    # 4. Generic counts say nothing about which fact they are.
    "generic-aspects": Case("江苏着重抓了五个方面的工作。", "五个", "unverified", "generic-count"),
    "generic-other-place": Case("湖南从保、增、减、新四个方面发力。", "四个", "unverified"),
    "generic-chains": Case("江苏梳理了23条产业链的复工情况。", "23条", "unverified"),
    # 5. 多 and 余 are bounded above: 1400多 is 1400 to 1500.
    "duo-bounded": Case("江苏全省中小工业企业1400多家。", "1400多家", "discrepancy", "value"),
    "yu-agrees": Case("江苏100家省级小微企业双创示范基地有11万多家企业。", "11万多家", "agree"),
    # 6. 100% claims completeness: no rounding reaches it.
    "hundred-percent": Case("江苏规模以上工业企业复工面达到100%。", "100%", "discrepancy", "value"),
    "near-hundred": Case("江苏规模以上工业企业复工面约为99.7%。", "99.7%", "agree"),
    # 7. 全省 is the place the draft is about, not the last one named in passing.
    "quan-sheng": Case("# 江苏多措并举助企业复工\n\n江苏规上工业企业复工面已达99.7%。\n\n"
                       "海南新建5G基站数量是去年同期的10倍。\n\n"
                       "截至4月14日,全省已有7005家企业通过绿色通道获得贷款,累计融资金额达225.7亿元。",
                       "7005家", "agree"),
    "quan-sheng-amount": Case("# 江苏多措并举助企业复工\n\n江苏规上工业企业复工面已达99.7%。\n\n"
                              "海南新建5G基站数量是去年同期的10倍。\n\n"
                              "截至4月14日,全省已有7005家企业通过绿色通道获得贷款,累计融资金额达225.7亿元。",
                              "225.7亿元", "agree"),
    # 8. A numeral inside a word is no figure.
    "lingbujian": Case("江苏汽车零部件企业已全部复工。", "零部", "none"),
}


def finding(checker, case: Case) -> Finding | None:  # type: ignore[no-untyped-def]
    findings = checker.check_text(case.draft, markdown=True).findings
    return next((f for f in findings if f.text.endswith(case.figure) or case.figure in f.text), None)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_real_reporting_class(checker, case: Case) -> None:  # type: ignore[no-untyped-def]
    found = finding(checker, case)
    if case.verdict == "none":
        assert found is None
        return
    assert found is not None, case.draft
    assert found.verdict == case.verdict, (found.verdict, found.reason, found.why, found.fact_id)
    if case.detail is not None:
        assert (found.reason or found.why) == case.detail, (found.reason, found.why, found.fact_id)
