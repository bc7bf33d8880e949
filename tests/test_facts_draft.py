"""`factcheck facts draft`: a fact file drafted from a source document, for review.

Run on a press release written for the purpose (tests/data/authoring/, another province,
with plans, achieved figures, dates, a range and a table): the drafted file is loaded back
through the normal loader, passes `facts validate` as drafted, is the same bytes on a second
run, and checks a draft of that press release as an editor would (labelled by hand).
"""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_drafts import labelled
from typer.testing import CliRunner

from factcheck import author_metric, author_phrase, author_specs, author_yaml
from factcheck.author_specs import changed_digit
from factcheck.author_yaml import scalar
from factcheck.cli import app
from factcheck.facts import load_fact_base
from factcheck.yamldata import load

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "authoring"
SOURCE = DATA / "anhui-industry-2021.txt"
DRAFT = DATA / "anhui-industry-2021-draft.md"
SHARED = ("entities.yaml", "places.yaml", "glossary.yaml")  # what a fact base needs besides facts


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def base_dir(folder: Path) -> Path:
    """A fact base of the gazetteer and the glossary alone (the shipped facts left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        shutil.copy(ROOT / "facts" / name, folder / name)
    return folder


def draft(folder: Path, *more: str):  # type: ignore[no-untyped-def]
    return run("facts", "draft", str(SOURCE), "--published", "2021-04-20", "--publisher", "新华社",
               "--no-default-facts", "--facts", str(folder), *more)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = base_dir(tmp_path_factory.mktemp("anhui"))
    result = draft(folder, "-o", str(folder / "anhui-industry-2021.yaml"))
    assert result.exit_code == 0, result.output
    return folder


# ---- the drafted file --------------------------------------------------------------------
def test_the_drafted_file_passes_validate_as_it_is(drafted: Path) -> None:
    result = run("facts", "validate", "--no-default-facts", str(drafted), "--sources", str(DATA))
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.stderr


def test_the_drafted_file_loads_with_every_figure_of_the_press_release(drafted: Path) -> None:
    base = load_fact_base([drafted])
    facts = {f.as_written: f for f in base.facts}
    assert len(base.facts) == len({f.id for f in base.facts}) == 24
    plan, achieved = facts["2.5万个"], facts["98.6%"]
    assert (plan.kind, plan.value, plan.unit, plan.target, plan.period) == ("count", 25000, "个", True, "2021")
    assert (achieved.kind, achieved.period, achieved.target) == ("share", "2021-03", None)
    assert facts["80亿元至100亿元"].qualifier == "不低于"  # a range holds its low end, marked for review
    assert facts["-2.1%"].direction == "down" and facts["-2.1%"].period == "2021-Q1"  # a table: row, column, header
    assert facts["4月20日"].kind == "date" and facts["6月30日前"].date == "2021-06-30"
    assert facts["5.2%"].metric == "工业投资同比增长" and facts["5.2%"].specs


def test_the_header_proposes_entities_and_lists_what_is_left_out(drafted: Path) -> None:
    text = (drafted / "anhui-industry-2021.yaml").read_text(encoding="utf-8")
    assert "#   - id: 肥西    # check: as the source writes it: 肥西县" in text
    assert "#   - id: 安徽省经济和信息化厅" in text
    assert "# - 5G: digits inside names;" in text
    assert "# - 《安徽省数字经济发展三年行动方案》: titles;" in text
    assert "# - 第一批: ordinals and section labels;" in text
    assert "# also in line 1 (headline):" in text  # the headline's 5.2% is the body's fact
    assert "value: \"8000000000\"  # check: a range" in text


def test_a_draft_of_the_press_release_is_checked_against_the_drafted_file(drafted: Path) -> None:
    wrong = [f"{label['text']}: want {label['verdict']}/{label.get('reason')}, got "
             f"{finding and finding['verdict']}/{finding and finding['reason']}"
             for label, finding in labelled(DRAFT, "--no-default-facts", "--facts", str(drafted))
             if finding is None or (label["verdict"], label.get("reason")) != (finding["verdict"], finding["reason"])]
    assert not wrong, "\n".join(wrong)


def test_a_second_run_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = base_dir(tmp_path)
    first, second = draft(folder), draft(folder)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout and first.stdout.startswith("# Drafted by `factcheck facts draft`")


def test_the_summary_counts_facts_doubts_and_entities(tmp_path: Path) -> None:
    result = draft(base_dir(tmp_path))
    assert result.stderr.startswith("factcheck: drafted 24 facts from anhui-industry-2021.txt: ")
    assert result.stderr.count("# check:") == 0 and " fields to check, 2 entities proposed, 3 items left out\n" in result.stderr
    fields = [line for line in result.stdout.splitlines() if "# check:" in line and not line.startswith("#")]
    assert int(result.stderr.split(": ")[2].split()[0]) == len(fields)  # the header's proposals aside


def test_ids_take_the_prefix(tmp_path: Path) -> None:
    result = draft(base_dir(tmp_path), "--prefix", "ah")
    ids = [line.split("- id: ")[1] for line in result.stdout.splitlines() if line.startswith("  - id: ")]
    assert ids and all(i.startswith("ah-") for i in ids) and "ah-hefei-new-above-scale-industrial-enterprises-2021q1" in ids


def test_a_source_dated_in_its_lead_needs_no_published_date(tmp_path: Path) -> None:
    source = tmp_path / "wire.txt"
    source.write_text("新华社合肥2021年4月20日电 安徽今年将新建5G基站2.5万个，截至3月底已建成1.2万个。\n", encoding="utf-8")
    result = run("facts", "draft", str(source), "--no-default-facts", "--facts", str(base_dir(tmp_path / "base")))
    assert result.exit_code == 0, result.output
    assert 'published: "2021-04-20"\nbase_year: 2021\n' in result.stdout and "# check" not in result.stdout.split("facts:")[1]
    assert result.stdout.count("subject: 安徽\n") == 2  # the dateline's 合肥 is where it was filed, not what it is about
    assert 'metric: 新建5G基站\n' in result.stdout and 'metric: 建成5G基站\n' in result.stdout
    assert 'period: "2021"\n' in result.stdout and 'period: "2021-03"\n' in result.stdout


# ---- where it writes --------------------------------------------------------------------
def test_output_is_never_written_over_without_force(tmp_path: Path) -> None:
    folder = base_dir(tmp_path / "base")
    out = tmp_path / "out.yaml"
    out.write_text("hand-written\n", encoding="utf-8")
    refused = draft(folder, "-o", str(out))
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "hand-written\n"
    assert refused.stderr == f"factcheck: error: {out}: already exists (give --force to replace it)\n"
    assert draft(folder, "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Drafted by")


def test_merge_adds_only_what_is_missing_and_keeps_hand_edits(tmp_path: Path) -> None:
    folder = base_dir(tmp_path / "base")
    target = tmp_path / "anhui.yaml"
    assert draft(folder, "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    # A reviewer's edits: a metric corrected, a comment of their own, a value changed, one fact deleted.
    edited = text.replace("metric: 员工到岗率", "metric: 规模以上工业企业员工到岗率  # reviewed")
    edited = edited.replace('value: "128000000000"', 'value: "128000000001"')  # still the figure at that place
    start = edited.index("  - id: anhui-new-5g-base-stations-2021")
    edited = edited[:start] + edited[edited.index("  - id: ", start + 1):]
    target.write_text(edited, encoding="utf-8")
    result = draft(folder, "--merge", str(target))
    assert result.exit_code == 0, result.output
    merged = target.read_text(encoding="utf-8")
    assert merged.startswith(edited) and merged.count("  - id: ") == text.count("  - id: ")
    assert "- id: anhui-new-5g-base-stations-2021\n" in merged[len(edited):]
    assert "already there" in result.stderr
    again = draft(folder, "--merge", str(target))
    assert again.exit_code == 0 and target.read_text(encoding="utf-8") == merged  # nothing more to add
    shutil.copy(target, folder / target.name)
    assert run("facts", "validate", "--no-default-facts", str(folder), "--sources", str(DATA)).exit_code == 0


def test_merge_needs_the_facts_list_last(tmp_path: Path) -> None:
    target = tmp_path / "odd.yaml"
    target.write_text("facts: []\nsource: anhui-industry-2021.txt\n", encoding="utf-8")
    result = draft(base_dir(tmp_path / "base"), "--merge", str(target))
    assert result.exit_code == 2 and "'facts:' must be the file's last key" in result.stderr


# ---- bad input: one line, exit 2 ----------------------------------------------------------
BAD_SOURCES = {
    "missing": (None, "cannot read"),
    "binary": (b"\x00\x01PK\x03\x04", "looks like a binary file"),
    "undecodable": (bytes(range(1, 9)) * 20, "not UTF-8, GB18030 or Big5 text"),
}


@pytest.mark.parametrize("content,message", BAD_SOURCES.values(), ids=BAD_SOURCES.keys())
def test_an_unreadable_source_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None, message: str) -> None:
    source = tmp_path / "source.txt"
    if content is not None:
        source.write_bytes(content)
    result = run("facts", "draft", str(source))
    assert result.exit_code == 2 and result.stderr.startswith(f"factcheck: error: {source}: ")
    assert message in result.stderr and result.stderr.count("\n") == 1 and not result.stdout


@pytest.mark.parametrize("flag,value,message", [
    ("--published", "2021-13-45", "--published: '2021-13-45' is not a date YYYY-MM-DD"),
    ("--prefix", "Anhui", "--prefix: 'Anhui' must match [a-z0-9][a-z0-9-]*"),
])
def test_bad_options_are_one_line_and_exit_2(flag: str, value: str, message: str) -> None:
    result = run("facts", "draft", str(SOURCE), flag, value)
    assert result.exit_code == 2 and result.stderr == f"factcheck: error: {message}\n"


# ---- the pieces ---------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_every_string_reads_back_as_written(text: str) -> None:
    assert load(f"a: {scalar(text)}\nb: [{scalar(text, flow=True)}, x]\n") == {"a": text, "b": [text, "x"]}


CHANGED = [
    ("江苏新建5.2万座", "5.2万座", None, "江苏新建6.2万座"),
    ("复工率99.7%", "99.7%", None, "复工率89.7%"),  # 9 goes down: 09.7% would not be read as 9.7%
    ("超过95%", "95%", True, "超过96%"),  # a lower bound goes up, or 85% would agree
    ("近90%", "90%", False, "近80%"),
    ("经过两个多月", "两个多月", None, "经过三个多月"),
    ("1个", "1个", False, None),  # nothing lower to write
]


@pytest.mark.parametrize("text,written,up,changed", CHANGED, ids=[c[0] for c in CHANGED])
def test_a_flag_spec_changes_one_digit(text: str, written: str, up: bool | None, changed: str | None) -> None:
    assert changed_digit(text, written, up) == changed


@pytest.mark.parametrize("module", [author_metric, author_phrase, author_specs, author_yaml])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# ---- any source: a file the loader accepts, never a traceback -------------------------------------
TOKENS = ["全省", "江苏", "海南", "肥西县", "新增", "企业", "5G基站", "复工率", "同比增长", "下降", "今年", "将", "力争",
          "一季度", "截至", "3月末", "4月15日", "召开", "发布会", "明年", "前", "2020年", "至", "以上", "超过", "近",
          "约", "、", "，", "。", "；", "\n", " ", "**", "|", "《", "》", "(", ")", "“", "”", "的", "其中", "由", "提升至",
          "52.11亿元", "33%", "-7.7%", "10倍", "4975家", "两个多月", "三大", "2万个", "80亿元至100亿元", "5个",
          "99%以上", "1+16+X", "N95", "第一", "一是", "分别", "占", "比重", "新华社合肥", "电 ", "2021年4月20日",
          "(先进)", "等", "为", "梳理出", "占全省", "的比重为", "\x85", "\u2028", "#", ": ", "'", '"']


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_any_source_drafts_a_file_the_loader_accepts(text: str) -> None:
    import tempfile

    from factcheck.author import Options, author
    from factcheck.author_specs import with_specs
    from factcheck.author_yaml import render
    from factcheck.facts import collect

    dirs = [ROOT / "facts" / name for name in SHARED]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.txt"
        source.write_text(text, encoding="utf-8")
        authored = with_specs(author(source, load_fact_base(dirs), Options()), dirs)
        drafted = Path(folder) / "drafted.yaml"
        drafted.write_text(render(authored), encoding="utf-8")
        base, problems = collect([*dirs, drafted])
    assert not problems, problems
    assert len([f for f in base.facts if f.path == str(drafted)]) == len(authored.facts)
