"""The fact base loader: the shipped base is clean; broken and hostile files are refused with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import ENTITIES, GOOD_FACT

from factcheck.facts import FactBaseError, collect, embedded_facts_dir, load_fact_base


def write_base(tmp_path: Path, facts: str, entities: str = ENTITIES) -> Path:
    (tmp_path / "entities.yaml").write_text(entities, encoding="utf-8")
    (tmp_path / "f.yaml").write_text(facts, encoding="utf-8")
    return tmp_path


def problems_of(tmp_path: Path, facts: str, entities: str = ENTITIES) -> list[str]:
    _, problems = collect([write_base(tmp_path, facts, entities)])
    return [str(p) for p in problems]


def test_shipped_fact_base_loads_clean(base) -> None:  # type: ignore[no-untyped-def]
    assert len(base.facts) >= 100
    assert base.entities


def test_a_good_fact_loads(tmp_path: Path) -> None:
    base = load_fact_base([write_base(tmp_path, GOOD_FACT)])
    (fact,) = base.facts
    assert (fact.id, str(fact.value), fact.unit, fact.line) == ("js-5g", "52000", "座", 3)


BROKEN = {
    "missing field": (GOOD_FACT.replace("    metric: 新建5G基站\n", ""), 3, "missing required key 'metric'"),
    "wrong type": (GOOD_FACT.replace("value: \"52000\"", "value: [1]"), 7, "'value' must be a quoted exact decimal"),
    "float value": (GOOD_FACT.replace("value: \"52000\"", "value: 5.2"), 7, "'value' must be a quoted exact decimal"),
    "unknown key": (GOOD_FACT.replace("    unit: 座\n", "    unit: 座\n    units: 座\n"), 9, "unknown key 'units'"),
    "unknown entity": (GOOD_FACT.replace("subject: 江苏", "subject: 火星"), 4, "unknown entity '火星'"),
    "unknown unit": (GOOD_FACT.replace("unit: 座", "unit: furlong"), 8, "unknown unit 'furlong'"),
    "bad id": (GOOD_FACT.replace("id: js-5g", "id: JS 5G"), 3, "must match"),
    "non-string id": (GOOD_FACT.replace("id: js-5g", "id: 12"), 3, "'id' must be a non-empty string"),
    "duplicate key": (GOOD_FACT.replace("    unit: 座\n", "    unit: 座\n    unit: 个\n"), 9, "duplicate key 'unit'"),
    "yaml syntax": (GOOD_FACT.replace("metric: 新建5G基站", "metric: [新建5G基站"), 0, "YAML syntax error"),
    "object tag": (GOOD_FACT.replace('value: "52000"', "value: !!python/object/apply:os.system [echo pwned]"), 7, "not allowed"),
    "alias bomb": (GOOD_FACT + "x: &a [1, 1]\ny: [*a, *a]\n", 12, "anchors"),
    "huge number": (GOOD_FACT.replace('value: "52000"', 'value: "1e10000"'), 7, "not a finite decimal"),
    "nan": (GOOD_FACT.replace('value: "52000"', 'value: "NaN"'), 7, "not a finite decimal"),
    "infinity": (GOOD_FACT.replace('value: "52000"', "value: .inf"), 7, "must be a quoted exact decimal"),
    "change without direction": (GOOD_FACT.replace("kind: count", "kind: change"), 3, "needs a 'direction'"),
    "bad qualifier": (GOOD_FACT.replace("    unit: 座\n", "    unit: 座\n    qualifier: 大约有\n"), 9, "unknown qualifier"),
    "bad spec": (GOOD_FACT + "    specs:\n      - flag: x\n", 13, "needs a text and a reason"),
}


@pytest.mark.parametrize("facts,line,message", BROKEN.values(), ids=BROKEN.keys())
def test_broken_fact_files_name_file_and_line(tmp_path: Path, facts: str, line: int, message: str) -> None:
    problems = problems_of(tmp_path, facts)
    assert problems, "the broken file was accepted"
    path = str(tmp_path / "f.yaml")
    assert any(p.startswith(f"{path}:") and message in p for p in problems), problems
    if line:
        assert any(p.startswith(f"{path}:{line}:") for p in problems), problems


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write_base(tmp_path, GOOD_FACT)
    (tmp_path / "g.yaml").write_text(GOOD_FACT, encoding="utf-8")
    _, problems = collect([tmp_path])
    assert any("duplicate id 'js-5g'" in str(p) and "g.yaml:3" in str(p) for p in problems)


HOSTILE_ENTITIES = {
    "parent loop": ENTITIES.replace("    english: Jiangsu\n", "    english: Jiangsu\n    parent: 江苏\n"),
    "unknown parent": ENTITIES.replace("    english: Jiangsu\n", "    english: Jiangsu\n    parent: 大陆\n"),
    "one-character alias": ENTITIES.replace("[江苏省]", "[苏]"),
}


@pytest.mark.parametrize("entities", HOSTILE_ENTITIES.values(), ids=HOSTILE_ENTITIES.keys())
def test_broken_gazetteer(tmp_path: Path, entities: str) -> None:
    problems = problems_of(tmp_path, GOOD_FACT, entities)
    assert any("entities.yaml:" in p for p in problems), problems


def test_fact_base_error_message_is_first_problem(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError) as caught:
        load_fact_base([write_base(tmp_path, GOOD_FACT.replace("subject: 江苏", "subject: 火星"))])
    assert str(caught.value).startswith(str(tmp_path / "f.yaml") + ":4:")


def test_missing_directory_is_a_problem(tmp_path: Path) -> None:
    _, problems = collect([tmp_path / "nowhere"])
    assert problems and "no such fact file or directory" in problems[0].message


def test_embedded_dir_holds_the_gazetteer() -> None:
    assert (embedded_facts_dir() / "entities.yaml").is_file()
