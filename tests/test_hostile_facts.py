"""Hostile fact files given with --facts: each is refused with exit 2 and one line naming file and line.

tests/test_facts_load.py checks the loader's problems one by one; here the same
kinds of file (and more) go through the command line as a CI job would meet
them: `factcheck draft.md --facts BAD` exits 2 with `factcheck: error: broken
fact base: BAD:LINE: ...` and no traceback, nothing in the file is ever run,
and hostile text inside a valid fact file stays data in every format.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from bounds import within
from samples import ENTITIES, GOOD_FACT, invoke


DRAFT = "江苏今年将新建5G基站5.3万座。\n"
ERROR = re.compile(r"factcheck: error: broken fact base: (?P<path>.+):(?P<line>\d+): (?P<message>[^\n]+)\n")




@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def assert_refused(path: Path, line: int | None, message: str, *command: str) -> None:
    """`factcheck draft.md --facts PATH` (or another command) exits 2 with one line naming PATH:LINE."""
    status, out, err = invoke(*(command or ("draft.md", "--format", "plain")), "--facts", str(path))
    assert status == 2, (status, out, err)
    assert out == "" and "Traceback" not in err
    match = ERROR.fullmatch(err.split(" (and ")[0] + ("\n" if " (and " in err else ""))
    assert match, err
    assert match["path"] == str(path)
    if line is not None:
        assert int(match["line"]) == line, err
    assert message in match["message"], err


# Each: the file's text, the line the error must name, and words of the message.
def big_integer() -> str:
    return GOOD_FACT.replace('value: "52000"', "value: 1" + "0" * 10_000)


def laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return GOOD_FACT + "\n".join(lines) + "\n"


HOSTILE_FILES: dict[str, tuple[Callable[[], str], int, str]] = {
    "python/object/apply tag": (lambda: GOOD_FACT.replace('value: "52000"', 'value: !!python/object/apply:os.system ["touch {marker}"]'), 7, "not allowed"),
    "python/object/new tag": (lambda: GOOD_FACT.replace('value: "52000"', 'value: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]'), 7, "not allowed"),
    "python/name tag": (lambda: GOOD_FACT.replace("kind: count", "kind: !!python/name:os.system"), 6, "not allowed"),
    "tag on the whole document": (lambda: "!!python/object/apply:os.system ['touch {marker}']\n", 1, "not allowed"),
    "local tag": (lambda: GOOD_FACT.replace("metric: 新建5G基站", "metric: !shell 新建5G基站"), 5, "not allowed"),
    "set tag": (lambda: GOOD_FACT.replace("unit: 座", "unit: !!set {a, b}"), 8, "not allowed"),
    "billion laughs": (laughs, 12, "anchors"),
    "alias with no anchor": (lambda: GOOD_FACT.replace("unit: 座", "unit: *nothing"), 8, "aliases"),
    "duplicate key at the top": (lambda: GOOD_FACT + "source: t.txt\n", 12, "duplicate key 'source' (first on line 1)"),
    "duplicate key in a fact": (lambda: GOOD_FACT.replace("    unit: 座\n", "    unit: 座\n    unit: 个\n"), 9, "duplicate key 'unit'"),
    "integer of 10,000 digits": (big_integer, 7, "too large"),
    "10^10000 quoted": (lambda: GOOD_FACT.replace('value: "52000"', 'value: "1e10000"'), 7, "not a finite decimal"),
    "10^10000 as a float": (lambda: GOOD_FACT.replace('value: "52000"', "value: 1e10000"), 7, "must be a quoted exact decimal"),
    "NaN quoted": (lambda: GOOD_FACT.replace('value: "52000"', 'value: "NaN"'), 7, "not a finite decimal"),
    "sNaN quoted": (lambda: GOOD_FACT.replace('value: "52000"', 'value: "sNaN"'), 7, "not a finite decimal"),
    ".nan": (lambda: GOOD_FACT.replace('value: "52000"', "value: .nan"), 7, "must be a quoted exact decimal"),
    "Infinity quoted": (lambda: GOOD_FACT.replace('value: "52000"', 'value: "-Infinity"'), 7, "not a finite decimal"),
    "-.inf": (lambda: GOOD_FACT.replace('value: "52000"', "value: -.inf"), 7, "must be a quoted exact decimal"),
    "integer id": (lambda: GOOD_FACT.replace("id: js-5g", "id: 12"), 3, "'id' must be a non-empty string"),
    "list id": (lambda: GOOD_FACT.replace("id: js-5g", "id: [js, 5g]"), 3, "'id' must be a non-empty string"),
    "mapping id": (lambda: GOOD_FACT.replace("id: js-5g", "id: {a: b}"), 3, "'id' must be a non-empty string"),
    "boolean id": (lambda: GOOD_FACT.replace("id: js-5g", "id: true"), 3, "'id' must be a non-empty string"),
    "null id": (lambda: GOOD_FACT.replace("id: js-5g", "id: ~"), 3, "missing required key 'id'"),
    "integer key": (lambda: GOOD_FACT.replace("    unit: 座\n", "    unit: 座\n    12: x\n"), 9, "mapping key 12 is not a string"),
    "complex key": (lambda: "? [a, b]\n: c\n", 1, "is not a string"),
    "nesting 200 deep": (lambda: "source: " + "[" * 200 + "]" * 200 + "\n", 1, "nesting deeper than 64 levels"),
    "two documents": (lambda: GOOD_FACT + "---\nsource: t.txt\n", 12, "more than one YAML document"),
    "empty file": (lambda: "", 1, "empty"),
    "only a comment": (lambda: "# nothing here\n", 1, "empty"),
    "a scalar": (lambda: "just words\n", 0, "must be a mapping"),
    "a list": (lambda: "- a\n- b\n", 1, "must be a mapping"),
    "NUL byte": (lambda: GOOD_FACT.replace("s.txt", "s\x00.txt"), 1, "unacceptable character #x0000"),
    "C1 control": (lambda: GOOD_FACT.replace("quote: 全年", "quote: 全\x9b年"), 10, "unacceptable character #x009b"),
    "escaped lone surrogate": (lambda: GOOD_FACT.replace("quote: 全年新建5G基站5.2万座。", 'quote: "\\ud800"'), 10, "YAML syntax error"),
    "entity parent loop": (lambda: ENTITY_LOOP, 2, "parent chain loops"),
}
ENTITY_LOOP = """\
entities:
  - id: 甲地
    kind: province
    english: A
    parent: 乙地
  - id: 乙地
    kind: city
    english: B
    parent: 甲地
"""


@pytest.mark.parametrize("make,line,message", HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_hostile_fact_file_is_exit_2_naming_file_and_line(folder: Path, make: Callable[[], str], line: int, message: str) -> None:
    marker = folder / "PWNED"
    bad = folder / "bad facts.yaml"
    bad.write_text(make().replace("{marker}", str(marker)), encoding="utf-8")
    assert_refused(bad, line, message)
    assert not marker.exists(), "a tag in a fact file ran code"


@pytest.mark.parametrize("command", [("facts", "list"), ("explain", "js-5g")], ids=["facts list", "explain"])
def test_other_commands_refuse_and_run_nothing(folder: Path, command: tuple[str, ...]) -> None:
    marker = folder / "PWNED"
    bad = folder / "bad.yaml"
    bad.write_text(HOSTILE_FILES["python/object/new tag"][0]().replace("{marker}", str(marker)), encoding="utf-8")
    assert_refused(bad, 7, "not allowed", *command)
    assert not marker.exists()


def test_validate_lists_the_tag_and_runs_nothing(folder: Path) -> None:
    marker = folder / "PWNED"
    bad = folder / "bad.yaml"
    bad.write_text(HOSTILE_FILES["python/object/apply tag"][0]().replace("{marker}", str(marker)), encoding="utf-8")
    status, out, err = invoke("facts", "validate", str(bad))
    assert status == 1 and "Traceback" not in err
    assert out.startswith(f"{bad}:7: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed")
    assert not marker.exists()


def test_invalid_utf8_names_the_file(folder: Path) -> None:
    bad = folder / "latin1.yaml"
    bad.write_bytes(GOOD_FACT.encode("utf-8").replace("江苏".encode(), b"\xff\xfe") + b"\xed\xa0\x80")
    assert_refused(bad, 0, "cannot read")


# Paths that are not fact files.

def test_a_directory_with_no_fact_file(folder: Path) -> None:
    (folder / "facts.yaml").mkdir()
    assert_refused(folder / "facts.yaml", 0, "no fact files")


def test_a_symlink_loop(folder: Path) -> None:
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    assert_refused(folder / "a.yaml", 0, "loop of links")


def test_a_symlink_loop_inside_a_fact_directory_is_skipped(folder: Path) -> None:
    facts = folder / "facts"
    facts.mkdir()
    (facts / "f.yaml").write_text(GOOD_FACT, encoding="utf-8")
    (facts / "self").symlink_to(facts)  # a directory loop: rglob must not follow it for ever
    (facts / "x.yaml").symlink_to(facts / "x.yaml")
    status, out, err = invoke("draft.md", "--format", "plain", "--facts", str(facts))
    assert (status, err) == (1, "") and "js-5g" in out


def test_a_fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")
    assert_refused(folder / "pipe.yaml", 0, "not a regular file or directory")  # and it does not block on open


def test_a_missing_path(folder: Path) -> None:
    missing = folder / "nowhere.yaml"
    status, out, err = invoke("draft.md", "--facts", str(missing))
    assert (status, out, err) == (2, "", f"factcheck: error: no such fact directory or file: {missing}\n")


def test_a_file_over_the_size_limit_is_not_read(folder: Path) -> None:
    big = folder / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(25_000_000)  # sparse: 25 MB that cost nothing
    assert_refused(big, 0, "larger than")


def test_a_gazetteer_with_a_duplicate_key(folder: Path) -> None:
    bad = folder / "entities.yaml"
    bad.write_text(ENTITY_LOOP.replace("    english: A\n", "    english: A\n    english: B\n"), encoding="utf-8")
    assert_refused(bad, 5, "duplicate key 'english'")


# Hostile text in a valid fact file: data in every format.

FORMATS = ("table", "plain", "json", "github", "sarif", "junit", "markdown")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ATTACK = "\x1b[31m::error file=x::pwned%0A\r\n<script>alert(1)</script>]]>|`x`[l](u)@bob#1\u202e\x07\n::warning::x"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding any text (every non-printable character escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\u2028\u2029\ufeff" and ord(char) < 0xFFFE:
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def source_name(text: str) -> str:
    """Hostile text as a source's file name (a source is a file name: no path separator)."""
    return "s" + re.sub(r"[/\\:\x00]", "_", text) + ".txt"


def hostile_fact_file(text: str) -> str:
    return (
        GOOD_FACT.replace("source: s.txt", f"source: {yaml_quoted(source_name(text))}")
        .replace("as_written: 5.2万座", f"as_written: {yaml_quoted('5.2万座' + text)}")
        .replace("quote: 全年新建5G基站5.2万座。", f"quote: {yaml_quoted('全年' + text + '新建5G基站5.2万座。')}")
    )


def check_outputs(folder: Path, text: str) -> None:
    facts = folder / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (facts / "f.yaml").write_text(hostile_fact_file(text), encoding="utf-8")
    for fmt in FORMATS:
        status, out, err = invoke("draft.md", "--format", fmt, "--no-default-facts", "--facts", str(facts))
        assert status == 1, (fmt, status, err)
        assert not RAW_CONTROL.search(out), (fmt, out)
        if fmt != "github":  # (whose lines are its own commands, checked below)
            assert not any(line.lstrip().startswith("::") for line in out.split("\n")), (fmt, out)
        if fmt in ("json", "sarif"):
            data = json.loads(out)
            if fmt == "json":
                fact = data["files"][0]["findings"][0]["fact"]
                assert fact["quote"] == "全年" + text + "新建5G基站5.2万座。" and fact["source"] == source_name(text)
        elif fmt == "junit":
            root = ET.fromstring(out.encode("utf-8"))
            assert root.find(".//failure") is not None
        elif fmt == "github":
            lines = out.split("\n")
            assert lines[-1] == "" and len(lines) == 3
            assert all(re.fullmatch(r"::(error|warning|notice) [^:\r\n]*::[^\r\n]*", line) for line in lines[:-1]), out
        elif fmt == "markdown":
            rows = [line for line in out.split("\n") if line.startswith("| ") and not line.startswith(("| where", "| ---"))]
            assert len(rows) == 1 and len(re.findall(r"(?<!\\)\|", rows[0])) == 7, rows
            assert re.findall(r"<[^>]*>", out) == []
        elif fmt == "plain":
            assert len(out.split("\n")) == 3


def test_hostile_text_in_a_fact_file_stays_data(folder: Path) -> None:
    check_outputs(folder, ATTACK)


HOSTILE_CHARS = st.sampled_from(list(ATTACK) + ["\x00", "\x1b]8;;", "\x85", "\u2028", "\t", "::", "%", ",", ":", "&", "\ufffe"])


@settings(max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.lists(st.one_of(HOSTILE_CHARS, st.characters(exclude_categories=["Cs"])), max_size=30).map("".join))
def test_generated_hostile_fact_text_stays_data(folder: Path, text: str) -> None:
    check_outputs(folder, text)


# A source is a file name in the sources folder (issue 17, point 11) ----------------------------------

SOURCE_PATHS = ["../../secret.env", "/etc/passwd", "sub/s.txt", "..", "C:secret.txt", "a\\b.txt"]


@pytest.mark.parametrize("source", SOURCE_PATHS)
def test_a_source_that_is_a_path_is_refused(folder: Path, source: str) -> None:
    """`facts validate --sources` followed `source: ../../secret.env` and said which quotes it held."""
    bad = folder / "f.yaml"
    bad.write_text(GOOD_FACT.replace("source: s.txt", f"source: {yaml_quoted(source)}"), encoding="utf-8")
    assert_refused(bad, 1, "'source' must be the file name of a source document, not a path")


def test_validate_does_not_read_a_source_outside_the_sources_folder(folder: Path) -> None:
    """A link in the sources folder that leads out of it is not read: the quote is not found."""
    (folder / "secret.env").write_text("全年新建5G基站5.2万座。", encoding="utf-8")
    sources = folder / "sources"
    sources.mkdir()
    (sources / "s.txt").symlink_to(folder / "secret.env")
    facts = folder / "facts"
    facts.mkdir()
    (facts / "f.yaml").write_text(GOOD_FACT, encoding="utf-8")
    (facts / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    # --no-default-facts: validate adds the folder to the embedded base, whose entities it repeats
    status, out, _ = invoke("facts", "validate", str(facts), "--no-default-facts", "--sources", str(sources), "--no-specs")
    assert status == 1 and "source file 's.txt' not found in" in out
    (sources / "s.txt").unlink()
    (sources / "s.txt").write_text("全年新建5G基站5.2万座。", encoding="utf-8")
    assert invoke("facts", "validate", str(facts), "--no-default-facts", "--sources", str(sources), "--no-specs")[0] == 0


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_fact_file_that_is_a_special_file_is_refused_unread(folder: Path, special: str) -> None:
    """Given by name, a link to /dev/zero or a FIFO is refused at once (within an alarm)."""
    path = folder / "f.yaml"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(special)
    from factcheck.facts import _read_yaml

    problems: list[Any] = []
    with within(10):
        assert _read_yaml(path, problems) is None
    assert "not a regular file" in str(problems[0])
