"""The pre-commit hook, installed by the `pre-commit` tool itself from a copy of this repository.

pre-commit clones the hook repository, builds a virtualenv and pip-installs
factcheck into it, so this test needs the `pre-commit` package, git, and the
package index: it is skipped (with the reason) when any is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import copy_project
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PROJECT_FILES = ["pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "src", "facts"]
DISCREPANCY = "# 江苏\n\n今年江苏将新建5G基站5.3万座，完成相应投资127亿元。南京今年还将新增跨境电商企业300家。\n"
FIXED = "# 江苏\n\n今年江苏将新建5G基站5.2万座，完成相应投资127亿元。\n"
OFFLINE_SIGNS = ("Could not find a version", "No matching distribution", "Failed to establish", "Temporary failure in name resolution", "Network is unreachable", "ConnectionError", "ReadTimeoutError")


def test_hook_definition() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["factcheck"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["args"]) == ("factcheck check --show discrepancy,unverified", "python", ["--format", "plain", "--"])
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """A git repository holding this project's working tree (uncommitted changes included)."""
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    copy_project(repo, PROJECT_FILES)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "factcheck")
    return repo, _git(repo, "rev-parse", "HEAD")


def _pre_commit(work: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=900)


def _skip_if_offline(result: subprocess.CompletedProcess[str], home: Path) -> None:
    log = home / "pre-commit.log"
    text = result.stdout + result.stderr + (log.read_text(encoding="utf-8", errors="replace") if log.exists() else "")
    if result.returncode == 3 and any(sign in text for sign in OFFLINE_SIGNS):
        pytest.skip("pre-commit could not install the hook: the package index is not reachable")


def _installed_in_hook_env(home: Path) -> set[str]:
    """The factcheck distributions in the virtualenv pre-commit built for the hook."""
    found = set()
    for python in home.glob("repo*/py_env-*/bin/python"):
        listed = subprocess.run([str(python), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True, timeout=120)
        found |= {p["name"].lower() for p in json.loads(listed.stdout) if p["name"].lower().startswith("factcheck")}
    return found


def test_pre_commit_runs_the_hook_and_fails_on_a_discrepancy(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="the pre-commit package is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo, rev = _hook_repository(tmp_path)
    work = tmp_path / "newsroom"
    work.mkdir()
    _git(work, "init", "-q")
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "factcheck"}]}]}
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (work / "draft.md").write_text(DISCREPANCY, encoding="utf-8")
    (work / "notes.yaml").write_text("figure: 5.3万座\n", encoding="utf-8")  # not a draft: not passed to the hook
    (work / "notes.md").write_text("keep\n", encoding="utf-8")
    (work / "--write-baseline=notes.md").write_text(FIXED, encoding="utf-8")  # a draft, not an option
    _git(work, "add", "-A")
    home = tmp_path / "pre-commit-home"

    failed = _pre_commit(work, home)
    _skip_if_offline(failed, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "draft.md:3:12: discrepancy [value] 5.3万座 -> 5.2万座" in failed.stdout
    assert "draft.md:3:44: unverified 300家" in failed.stdout  # needs a look
    assert ": agree " not in failed.stdout and "1 discrepancy, 1 unverified, 3 agree in 3 files" in failed.stdout  # counted, not listed
    assert "--write-baseline=notes.md: 0 discrepancies, 0 unverified, 2 agree" in failed.stdout  # checked as a draft
    assert "notes.yaml" not in failed.stdout
    assert _installed_in_hook_env(home) == {"factcheck-figures"}  # this repository, not PyPI's 'factcheck'
    assert (work / "notes.md").read_text(encoding="utf-8") == "keep\n"  # it was overwritten by a baseline

    (work / "draft.md").write_text(FIXED, encoding="utf-8")
    _git(work, "add", "-A")
    passed = _pre_commit(work, home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
