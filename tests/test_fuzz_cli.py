"""Fuzzing the command line with what a pull request controls: file names, folders, configuration
files (YAML and TOML), baselines and drafts, all generated together (issue 17).

Whatever they hold, a run exits 0, 1 or 2 without a traceback; stderr is lines of
`factcheck: ...`, each inert (no control character, no undecodable byte, no line a
CI runner would take for a workflow command), one `error` line when the exit is 2;
stdout is inert and parses as its format; no draft is written to.

    python -m pytest -m slow tests/test_fuzz_cli.py                       # FUZZ_EXAMPLES=1000 by default
    FUZZ_EXAMPLES=3000 python -m pytest -m slow tests/test_fuzz_cli.py    # the campaign of docs/reliability.md
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from test_fuzz_pipeline import ATTACKS, FIGURES, MARKUP, PLACES, WORDS, source_fragment
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config import KEYS

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]
CI = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=_HEALTH, database=None, phases=_PHASES)
LONG = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")), deadline=None, suppress_health_check=_HEALTH,
                database=None, phases=_PHASES)
FORMATS = ("table", "plain", "json", "github", "sarif", "junit", "markdown")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
COMMAND = re.compile(r"::(error|warning|notice) [^:\r\n]*::[^\r\n]*")

# ---- what a pull request puts in names, settings and baselines ------------------------------------------

NAME_PIECES = ("a", "草稿", " ", "-", "--", "--write-baseline=x", "-h", "::error::x", "::", "%0A", "\n", "\r", "\t", "\x1b[31m",
               "\x1b]0;t\x07", "\u202e", "\u2028", "@", "#1", "*", "?", "[", "]", "{", "}", "`", "|", "<", ">", "&", "'", "\"",
               "\\", "~", "$HOME", ":", ",", ".", "..", "\udce9", "\udcff\udc80", "\x7f", "\x85", "\ufeff")
GLOB_PIECES = ("*", "**", "**/", "?", "[", "]", "[!", "[^", "z-a", "[z-a]", "[^]", "/", "./", "..", "\\", "a", "drafts", ".md", "{", "}",
               "\n", "\x00", "\u202e", " ", "!")


def _name_text(pieces: list[str]) -> str:
    return "".join(pieces)[:80] or "d"


names = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=8).map(_name_text).filter(
    lambda n: "/" not in n and "\x00" not in n and n not in (".", "..") and not n.startswith("."))
globs = st.lists(st.sampled_from(GLOB_PIECES), max_size=8).map("".join)
scalars = st.one_of(
    st.text(max_size=20), st.sampled_from(["discrepancy", "unverified", "never", "agree", "json", "plain", "sarif", "table"]),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70), st.booleans(), st.none(), globs, st.sampled_from(ATTACKS),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
overrides = st.lists(st.fixed_dictionaries({"paths": st.lists(globs, max_size=3)}, optional={
    "fail-on": st.sampled_from(["discrepancy", "unverified", "never", "sometimes"]),
    "show": st.one_of(st.sampled_from(["agree", "discrepancy,unverified", "bogus"]), st.lists(st.sampled_from(["agree", "unverified"]))),
}), max_size=4)
settings_maps = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(max_size=10)),
    st.one_of(values, overrides, st.lists(globs, max_size=4)), max_size=6)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string is close enough: what it cannot read is a syntax error
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return '""'


# Settings of the right kinds (so that a run gets past them), with hostile globs and values.
good_settings = st.fixed_dictionaries({}, optional={
    "exclude": st.lists(globs, max_size=4), "include": st.lists(st.sampled_from(["*.md", "*.txt", "**", "[!.]*"]), min_size=1, max_size=3),
    "fail-on": st.sampled_from(["discrepancy", "unverified", "never"]), "show": st.sampled_from(["agree", "discrepancy,unverified"]),
    "overrides": st.lists(st.fixed_dictionaries({"paths": st.lists(globs, min_size=1, max_size=3)}, optional={
        "fail-on": st.sampled_from(["discrepancy", "unverified", "never"]), "show": st.sampled_from(["agree", "unverified"])}), max_size=4),
    "max-size": st.integers(1, 10 ** 7), "jobs": st.integers(0, 3), "default-facts": st.just(True),
})


@st.composite
def configurations(draw: st.DrawFn) -> tuple[str, str] | None:
    """A configuration file (name, text): YAML or pyproject.toml, well formed or not, or none."""
    kind = draw(st.sampled_from(["none", "good yaml", "good toml", "good yaml", "good toml", "yaml", "toml", "raw yaml", "raw toml", "deep toml"]))
    data = draw(good_settings if kind.startswith("good") else settings_maps)
    kind = kind.removeprefix("good ")
    if kind == "none":
        return None
    if kind == "yaml":
        return ".factcheck.yaml", yaml.safe_dump(data, allow_unicode=True)
    if kind == "toml":
        return "pyproject.toml", "[tool.factcheck]\n" + "".join(f"{json.dumps(str(k))} = {_toml_value(v)}\n" for k, v in data.items())
    if kind == "deep toml":
        depth = draw(st.integers(min_value=50, max_value=3000))
        return "pyproject.toml", "\n" * draw(st.integers(0, 5000)) + "[tool.factcheck]\njobs = " + "[" * depth + "]" * depth + "\n"
    raw = draw(st.lists(st.one_of(WORDS, st.sampled_from(["\n", ": ", "- ", "[", "]", "=", "{", "}", "&a", "*a", "!!python/object ", "\t"])), max_size=30))
    head = "[tool.factcheck]\n" if kind == "raw toml" else ""
    return (".factcheck.yaml" if kind == "raw yaml" else "pyproject.toml"), head + "".join(raw)


@st.composite
def baselines(draw: st.DrawFn) -> str | None:
    kind = draw(st.sampled_from(["none", "valid", "raw", "deep"]))
    if kind == "none":
        return None
    if kind == "deep":
        return "[" * draw(st.integers(100, 50_000))
    if kind == "raw":
        return draw(st.text(max_size=60))
    fields = ("path", "verdict", "reason", "fact", "text", "claim")
    entry = st.fixed_dictionaries({k: st.one_of(st.text(max_size=12), st.sampled_from(FIGURES + PLACES)) for k in fields})
    return json.dumps({"version": draw(st.sampled_from([1, 1, 2])), "findings": draw(st.lists(entry, max_size=6))}, ensure_ascii=False)


pieces = st.lists(st.one_of(WORDS, st.sampled_from(MARKUP + ATTACKS + ("<!-- factcheck: ignore -->", "<!-- factcheck: off", "\r"))),
                  max_size=60).map("".join)
drafts_text = st.one_of(pieces, source_fragment(), pieces.map(lambda text: "江苏今年将新建5G基站5.3万座,见https://x.example/a|b。\n" + text))


# ---- one run ----------------------------------------------------------------------------------------------

def _assert_inert_lines(text: str, commands: bool = False) -> None:
    assert not RAW.search(text.replace("\t", "").replace("\n", "").replace("\r", "")), text[-300:]
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::") or (commands and COMMAND.fullmatch(line)), line


def _assert_parses(fmt: str, out: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(out)
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))


def run_once(folder: Path, name: str, text: str, config: tuple[str, str] | None, baseline: str | None, args: list[str]) -> None:
    drafts = folder / "drafts"
    drafts.mkdir()
    draft = drafts / (name + (".txt" if name.endswith("t") else ".md"))
    draft.write_bytes(text.encode("utf-8"))
    before = draft.read_bytes()
    if config is not None:
        (folder / config[0]).write_text(config[1], encoding="utf-8", errors="surrogateescape")
    if baseline is not None:
        (folder / "baseline.json").write_text(baseline, encoding="utf-8", errors="surrogateescape")
        args = [*args, "--baseline", "baseline.json"]
    target = str(draft.relative_to(folder)) if "--draft" in args else "drafts"
    args = [a for a in args if a != "--draft"]
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, [*args, "--", target])
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("".join(traceback.format_exception(*result.exc_info)))  # type: ignore[misc]
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr[-500:])
    event(f"exit {result.exit_code}" + (" (a configuration error)" if "invalid configuration" in result.stderr else ""))
    err_lines = result.stderr.split("\n")
    assert err_lines[-1] == "" and all(line.startswith("factcheck: ") for line in err_lines[:-1]), result.stderr[-500:]
    _assert_inert_lines(result.stderr)
    fmt = args[args.index("--format") + 1]
    if result.exit_code == 2:
        assert err_lines[-2].startswith("factcheck: error: "), result.stderr[-500:]
        assert sum(line.startswith("factcheck: error: ") for line in err_lines) == 1
    else:
        assert "factcheck: error" not in result.stderr
        _assert_parses(fmt, result.stdout)
    _assert_inert_lines(result.stdout, commands=fmt == "github")
    assert draft.read_bytes() == before


@st.composite
def cli_args(draw: st.DrawFn) -> list[str]:
    args = ["--format", draw(st.sampled_from(FORMATS))]
    if draw(st.booleans()):
        args += ["--fail-on", draw(st.sampled_from(["discrepancy", "unverified", "never"]))]
    if draw(st.booleans()):
        args += ["--show", draw(st.sampled_from(["agree", "discrepancy,unverified", "unverified"]))]
    if draw(st.integers(0, 19)) == 0:
        args += ["--jobs", "2"]
    if draw(st.booleans()):
        args.append("--draft")  # the draft by name, not its folder
    return args


def _fuzz(name: str, text: str, config: tuple[str, str] | None, baseline: str | None, args: list[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-cli-"))
    try:
        run_once(folder, name, text, config, baseline, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@CI
@given(name=names, text=drafts_text, config=configurations(), baseline=baselines(), args=cli_args())
def test_cli_on_generated_names_settings_and_baselines(name: str, text: str, config: tuple[str, str] | None, baseline: str | None, args: list[str]) -> None:
    _fuzz(name, text, config, baseline, args)


@pytest.mark.slow
@LONG
@given(name=names, text=drafts_text, config=configurations(), baseline=baselines(), args=cli_args())
def test_long_campaign_cli(name: str, text: str, config: tuple[str, str] | None, baseline: str | None, args: list[str]) -> None:
    _fuzz(name, text, config, baseline, args)
