"""The reading layer: traditional characters and full-width forms read as simplified and
half-width, every offset kept (or mapped back when a conversion changes a length)."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import offsets, reading
from factcheck.check import Checker
from factcheck.offsets import OffsetMap
from factcheck.read import make_draft
from factcheck.reading import fold_width, read_prose, read_words

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import traditional_chars  # noqa: E402  (tests/traditional_chars.py, the module's maker)

FOLDED = {
    "digits and percent": ("增长３３．５％", "增长33.5%"),
    "a comma between full-width digits groups thousands": ("１，２００家", "1,200家"),
    "a comma after half-width digits is a list": ("5，200家", "5，200家"),
    "signs": ("＋５％，－３", "+5%，-3"),
    "letters": ("５Ｇ基站，ＧＤＰ", "5G基站，GDP"),
    "range": ("５～１０个", "5~10个"),
    "Chinese punctuation stays": ("，：；！？（）", "，：；！？（）"),
    "the ideographic space stays": ("５　Ｇ", "5\u3000G"),
}

READINGS = {
    "traditional": ("江蘇規模以上工業企業復工面99.7%", "江苏规模以上工业企业复工面99.7%"),
    "numerals and counters": ("兩萬餘家、1200萬隻、5.2萬座、70多項、29條、2.17萬戶、８億元、百分之三十三點五",
                              "两万余家、1200万只、5.2万座、70多项、29条、2.17万户、8亿元、百分之三十三点五"),
    "a Taiwan variant": ("他們看著", "他们看着"),
    "a Hong Kong variant": ("保衞國家", "保卫国家"),
    "a phrase in its context": ("乾燥的國土，乾隆時期的國土", "干燥的国土，乾隆时期的国土"),
    "mixed: a simplified clause stays as written": ("江蘇增長顯著，江苏增长显著", "江苏增长显著，江苏增长显著"),
    "characters both scripts write": ("江苏以后，後来显著", "江苏以后，後来显著"),
    "place names": ("臺灣、台灣、澳門", "台湾、台湾、澳门"),
    "what OpenCC cannot take is read around": ("萬\x00億\ud800萬", "万\ufffd亿\ufffd万"),
}


@pytest.mark.parametrize("text,folded", FOLDED.values(), ids=FOLDED.keys())
def test_full_width_forms_are_read_as_ascii(text: str, folded: str) -> None:
    assert fold_width(text) == folded


def test_every_full_width_form_but_chinese_punctuation_is_folded() -> None:
    forms = "".join(map(chr, range(0xFF01, 0xFF5F)))
    assert fold_width(forms) == "".join(c if c in "，：；！？（）" else chr(ord(c) - 0xFEE0) for c in forms)


@pytest.mark.parametrize("text,read", READINGS.values(), ids=READINGS.keys())
def test_traditional_text_is_read_as_simplified_of_the_same_length(text: str, read: str) -> None:
    assert read_prose(text) == (read, None)


def test_words_of_facts_and_names_are_read_the_same_way() -> None:
    assert read_words("規上工業企業復工面") == "规上工业企业复工面"
    assert read_words("５Ｇ基站") == "5G基站"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(("江蘇", "萬", "１，２", "\n", "，", "顯著", "\x00", "網際網路"))))
       .map("".join))
def test_any_text_is_read_at_its_own_length(text: str) -> None:
    read, mapped = read_prose(text)
    assert mapped is None and len(read) == len(text)


def test_a_simplified_draft_never_loads_opencc() -> None:
    program = (
        "import sys\n"
        "from factcheck.check import Checker\n"
        "from factcheck.facts import embedded_facts_dir, load_fact_base\n"
        "checker = Checker(load_fact_base([embedded_facts_dir()]))\n"
        "checker.check_text(sys.argv[1])\n"
        "print('opencc' in sys.modules)\n"
    )
    for text, loaded in (("江苏今年将新建5G基站５．２万座，以后显著增长。", "False"), ("江蘇今年將新建5G基站5.2萬座。", "True")):
        done = subprocess.run([sys.executable, "-c", program, text], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == loaded, text


def test_the_traditional_characters_are_what_opencc_makes() -> None:
    written = (ROOT / "src" / "factcheck" / "traditional.py").read_text(encoding="utf-8")
    assert written == traditional_chars.module_text(), "run: python tests/traditional_chars.py"


def test_opencc_tables_used_keep_every_length(tmp_path: Path) -> None:
    """Why a reading needs no offset map: every entry of the tables tw2s and hk2s chain maps
    a text to one of its own length (the regional phrase tables of tw2sp do not)."""
    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC wheel has no opencc_dict")
    tables = ("CJK_Compatibility_Ideographs", "TWVariantsRevPhrases", "TWVariantsRev", "HKVariantsRevPhrases",
              "HKVariantsRev", "TSPhrases", "TSCharactersExt", "TSCharacters")
    for table in tables:
        out = tmp_path / f"{table}.txt"
        subprocess.run([str(tool), "-i", str(clib / "share" / "opencc" / f"{table}.ocd2"), "-o", str(out),
                        "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            assert all(len(value) == len(key) for value in values.split(" ")), (table, line)


# ---- a conversion that changes lengths: an offset map -------------------------------------------
def taiwan_phrases() -> reading.Converter:
    """OpenCC with Taiwan's phrases (網際網路 -> 互联网): lengths change."""
    converter = opencc.OpenCC("tw2sp.json")
    return lambda text: str(converter.convert(text))


def test_a_conversion_that_changes_lengths_keeps_an_offset_map() -> None:
    text = "江蘇工業網際網路平台1200萬隻，資訊安全５．２萬座\n網際網路網際網路３％"
    read, mapped = read_prose(text, taiwan_phrases())
    assert read == "江苏工业互联网平台1200万只，信息安全5.2万座\n互联网互联网3%"
    assert mapped is not None
    for figure, written in (("1200万只", "1200萬隻"), ("5.2万座", "５．２萬座"), ("3%", "３％")):
        start = read.index(figure)
        begin, end = mapped.span(start, start + len(figure))
        assert text[begin:end] == written
    assert mapped.to_text(0) == 0 and mapped.to_text(len(read), end=True) == len(text)


def test_findings_of_a_draft_read_with_changed_lengths_point_into_its_text(checker: Checker) -> None:
    text = "# 江蘇網際網路\n\n江蘇發展網際網路，今年將新建5G基站5.3萬座，完成相應投資127億元。"
    draft = make_draft("d.md", text, markdown=True, convert=taiwan_phrases())
    assert draft.offsets is not None and len(draft.reading) < len(text)
    findings = checker.check(draft).findings
    assert [(f.text, f.verdict, f.reason) for f in findings] == [
        ("5.3萬座", "discrepancy", "value"), ("127億元", "agree", None)]
    for finding in findings:
        assert text[finding.start:finding.end] == finding.text
        assert finding.claim[finding.claim_offset:].startswith(finding.text)
        assert finding.claim.startswith("江蘇發展網際網路")


def test_offset_map_is_monotonic() -> None:
    mapped = OffsetMap(((2, 5, 2, 6), (8, 8, 9, 12), (10, 13, 14, 15)))
    points = [mapped.to_text(i) for i in range(20)] + [mapped.to_text(i, end=True) for i in range(20)]
    assert points[:20] == sorted(points[:20]) and points[20:] == sorted(points[20:])
    assert [mapped.to_text(i) for i in (0, 7, 8, 9, 13, 19)] == [0, 8, 12, 13, 15, 21]


@pytest.mark.parametrize("module", [reading, offsets], ids=["reading", "offsets"])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]
