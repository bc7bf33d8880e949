"""The GitHub Action and the workflow docs/ci.md shows: checked against each other, and the
action's own steps run as a runner runs them (bash, $RUNNER_TEMP, $GITHUB_OUTPUT ...).

Running the steps installs factcheck from a copy of this repository into a fresh virtual
environment, so it needs the package index (or a local mirror): skipped when it is not there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from samples import copy_project
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
PROJECT_FILES = ["pyproject.toml", "README.md", "LICENSE", "action.yml", "src", "facts"]
OFFLINE_SIGNS = ("Could not find a version", "No matching distribution", "Failed to establish", "Temporary failure in name resolution", "Network is unreachable", "ReadTimeoutError")
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def workflow() -> dict[str, Any]:
    """The complete workflow in docs/ci.md (the YAML block that has `jobs:`)."""
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOC, re.S)
    found = [yaml.safe_load(b) for b in blocks if "\njobs:" in b]
    assert len(found) == 1, "docs/ci.md shows one complete workflow"
    return found[0]


def test_the_action_has_outputs_and_leaves_python_alone() -> None:
    outputs = ACTION["outputs"]
    assert set(outputs) == {"agree", "discrepancy", "unverified", "sarif-file"}
    assert all(o["value"] == f"${{{{ steps.check.outputs.{name} }}}}" for name, o in outputs.items())
    for step in ACTION["runs"]["steps"]:
        if "setup-python" in step.get("uses", ""):
            assert step["with"]["update-environment"] is False  # later steps keep their Python
        assert "GITHUB_PATH" not in step.get("run", "") and "GITHUB_ENV" not in step.get("run", "")


def test_the_documented_workflow_runs_factcheck_once_and_uses_what_the_action_offers() -> None:
    steps = workflow()["jobs"]["figures"]["steps"]
    ours = [s for s in steps if s.get("uses", "").startswith("newsroom/factcheck@")]
    assert len(ours) == 1 and not any("factcheck" in s.get("run", "").split("echo")[0] for s in steps)
    step_id = ours[0]["id"]
    assert set(ours[0]["with"]) <= set(ACTION["inputs"])
    text = yaml.safe_dump(steps)
    used = set(re.findall(rf"steps\.{step_id}\.outputs\.([\w-]+)", text))
    assert used and used <= set(ACTION["outputs"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == f"${{{{ steps.{step_id}.outputs.sarif-file }}}}"


def test_documented_references_exist() -> None:
    """`rev: vX` and `@vX` must name a tag of this repository; there is none yet, so none is documented."""
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / ".pre-commit-hooks.yaml"]:
        text = doc.read_text(encoding="utf-8")
        for ref in re.findall(r"(?:rev:\s*|newsroom/factcheck@)(v[\w.]+)", text):
            assert ref in tags, f"{doc.name} references {ref}, which is not a tag"


def _evaluate(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    """The ${{ }} expressions a composite action's run steps use: inputs.X and steps.ID.outputs.X."""
    def value(match: re.Match[str]) -> str:
        parts = match.group(1).split(".")
        if parts[0] == "inputs":
            return inputs.get(parts[1], "")
        if parts[0] == "steps" and parts[2] == "outputs":
            return outputs.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"unexpected expression {match.group(0)}")
    return EXPRESSION.sub(value, text)


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def run_action(tmp_path: Path, inputs: dict[str, str]) -> tuple[list[subprocess.CompletedProcess[str]], dict[str, str], Path]:
    """The action's steps, as a runner runs them; the outputs of its `check` step."""
    action = tmp_path / "action"
    action.mkdir()
    copy_project(action, PROJECT_FILES)
    workspace, runner = tmp_path / "workspace", tmp_path / "runner"
    (workspace / "drafts").mkdir(parents=True)
    runner.mkdir()
    shutil.copy(ROOT / "examples" / "jiangsu-draft.md", workspace / "drafts")
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs = {**defaults, **inputs}
    files = {name: runner / name.lower() for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV")}
    for file in files.values():
        file.write_text("", encoding="utf-8")
    outputs: dict[str, dict[str, str]] = {}
    done = []
    for step in ACTION["runs"]["steps"]:
        if "uses" in step:
            assert step["if"] == "inputs.python-version != ''" and not inputs["python-version"]  # skipped, as here
            continue
        files["GITHUB_OUTPUT"].write_text("", encoding="utf-8")
        env = {k: _evaluate(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}
        env = {**os.environ, **env, "GITHUB_ACTION_PATH": str(action), "RUNNER_TEMP": str(runner), **{k: str(v) for k, v in files.items()}}
        env.pop("VIRTUAL_ENV", None)
        script = _evaluate(step["run"], inputs, outputs)
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workspace, env=env,
                                capture_output=True, text=True, timeout=900)
        done.append(result)
        outputs[step.get("id", "")] = _outputs(files["GITHUB_OUTPUT"])
        if result.returncode != 0:
            break
    assert files["GITHUB_PATH"].read_text() == "" and files["GITHUB_ENV"].read_text() == ""  # no change to later steps
    return done, outputs.get("check", {}), files["GITHUB_STEP_SUMMARY"]


def test_the_action_annotates_writes_sarif_and_sets_its_outputs(tmp_path: Path) -> None:
    done, outputs, summary = run_action(tmp_path, {"paths": "drafts", "args": "--fail-on discrepancy"})
    install = done[0]
    if install.returncode != 0 and any(sign in install.stdout + install.stderr for sign in OFFLINE_SIGNS):
        pytest.skip("the action could not install factcheck: the package index is not reachable")
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip() == "factcheck 0.1.0"
    check = done[1]
    assert check.returncode == 1  # a discrepancy fails the step, as factcheck's exit status says
    annotations = check.stdout.splitlines()
    assert annotations[0].startswith("::error file=drafts/jiangsu-draft.md,line=14,")
    assert outputs["agree"] == "7" and outputs["discrepancy"] == "4" and outputs["unverified"] == "1"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 5
    assert "| drafts/jiangsu-draft.md:14:12 | 5.3万座 |" in summary.read_text(encoding="utf-8")
