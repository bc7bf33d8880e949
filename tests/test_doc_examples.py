"""Every example output in the README and docs/ is what the command beside it prints today
(point 15 of issue 16: the JSON example had drifted). Regenerate with `python tests/doc_examples.py`."""

from __future__ import annotations

import re

import pytest
from doc_examples import ROOT, examples, run

EXAMPLES = examples()


def test_the_readme_and_docs_have_generated_examples() -> None:
    shown = {(e.doc.name, e.command.split(" --format ")[-1].split()[0] if " --format " in e.command else "") for e in EXAMPLES}
    assert ("README.md", "plain") in shown and ("README.md", "json") in shown and ("README.md", "table") in shown


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.doc.name}: {e.command}" for e in EXAMPLES])
def test_example_is_what_the_command_prints(example) -> None:  # type: ignore[no-untyped-def]
    assert run(example.command) == example.shown, f"run: python tests/doc_examples.py ({example.doc.name})"


def test_config_docs_say_which_flags_it_takes() -> None:
    """`factcheck config` takes check's setting flags, not drafts: the docs say so and list them."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    text = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    said = re.search(r"`factcheck config` prints .*?\n\n", text, re.S)
    assert said and "not drafts" in said.group(0)
    help_text = CliRunner().invoke(app, ["config", "--help"]).stdout
    taken, _, refused = said.group(0).partition("not drafts")
    assert all(f in help_text for f in re.findall(r"`(--[\w-]+)`", taken))
    assert not any(f in help_text for f in re.findall(r"`(--[\w-]+)`", refused))
    assert CliRunner().invoke(app, ["config", "examples/jiangsu-draft.md"]).exit_code == 2


def test_license_is_the_one_pyproject_declares() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT"' in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_install_instructions_name_the_distribution() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    name = re.search(r'^name = "([^"]+)"', pyproject, re.M)
    assert name and name.group(1) == "factcheck-figures"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "factcheck-figures" in readme and "pip install factcheck`" in readme  # and why not that
