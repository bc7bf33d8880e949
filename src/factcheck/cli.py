"""The command line: only wiring. Exit 0 clean, 1 findings that fail, 2 usage or input errors."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, NoReturn, Optional

import click
import typer
from typer.core import TyperGroup

from . import __version__

if TYPE_CHECKING:
    from .check import Checker, FileResult
    from .facts import FactBase

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class DefaultCheck(TyperGroup):
    """`factcheck FILE` means `factcheck check FILE`: checking is the main job."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version") and not args[0].startswith("--install-completion") and not args[0].startswith("--show-completion"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultCheck, add_completion=True, no_args_is_help=True, rich_markup_mode=None,
    help="Check the figures in news drafts against a fact base of their sources.\n\n"
    "Example: factcheck examples/jiangsu-draft.md",
    context_settings={"help_option_names": ["-h", "--help"]},
)
facts_app = typer.Typer(help="Inspect and validate the fact base.\n\nExample: factcheck facts validate --sources ../shared/sources", no_args_is_help=True)
app.add_typer(facts_app, name="facts")


class FailOn(str, Enum):
    discrepancy = "discrepancy"
    unverified = "unverified"
    never = "never"


def fail(message: str) -> NoReturn:
    """A one-line error for something the user can fix: no traceback, exit 2."""
    typer.echo(f"factcheck: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Check the figures in news drafts against a fact base of their sources."""


FactsOption = typer.Option(None, "--facts", help="Another fact directory or file (repeatable), added to the embedded fact base.")
NoDefaultOption = typer.Option(False, "--no-default-facts", help="Do not load the embedded fact base.")


def load_base(extra: Optional[List[Path]], no_default: bool = False) -> "FactBase":
    from .facts import FactBaseError, embedded_facts_dir, load_fact_base

    dirs = ([] if no_default else [embedded_facts_dir()]) + list(extra or [])
    try:
        return load_fact_base(dirs)
    except FactBaseError as exc:
        more = len(exc.problems) - 1
        fail(f"broken fact base: {exc.problems[0]}" + (f" (and {more} more problems: run 'factcheck facts validate')" if more else ""))


def _formats() -> list[str]:
    from .report import formatters

    return list(formatters())


def _is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command("check")
def check_command(
    paths: List[str] = typer.Argument(..., help="Draft files or directories (*.md, *.txt); '-' reads standard input."),
    output_format: Optional[str] = typer.Option(None, "--format", "-f", help="table (default on a terminal), plain (default otherwise), json."),
    fail_on: FailOn = typer.Option(FailOn.discrepancy, "--fail-on", help="Which verdict makes the exit status 1."),
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the candidate facts considered for each figure and their scores."),
    max_size: int = typer.Option(10_000_000, "--max-size", help="Largest draft accepted, in bytes."),
) -> None:
    """Check drafts and report agreements, discrepancies and unverified figures.

    Example: factcheck examples/jiangsu-draft.md --format json
    """
    from .check import Checker
    from .read import InputError, draft_files, read_draft
    from .report import Options, formatters

    chosen = output_format or ("table" if _is_terminal() else "plain")
    available = formatters()
    if chosen not in available:
        fail(f"unknown format {chosen!r} (choose from: {', '.join(available)})")
    checker = Checker(load_base(facts, no_default_facts))
    try:
        results = [checker.check(read_draft(path, max_size)) for path in draft_files(paths)]
    except InputError as exc:
        fail(str(exc))
    color = chosen == "table" and _is_terminal() and "NO_COLOR" not in os.environ
    _write(available[chosen](results, Options(color=color, verbose=verbose)))
    raise typer.Exit(exit_status(results, fail_on))


def exit_status(results: "list[FileResult]", fail_on: FailOn) -> int:
    failing = {"discrepancy": {"discrepancy"}, "unverified": {"discrepancy", "unverified"}, "never": set()}[fail_on.value]
    return EXIT_FAIL if any(f.verdict in failing for r in results for f in r.findings) else EXIT_OK


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (| head) has gone: stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK)


@facts_app.command("validate")
def validate_command(
    paths: Optional[List[Path]] = typer.Argument(None, help="Fact files or directories (default: the embedded fact base)."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="Directory of source documents: check quotes are verbatim."),
    no_specs: bool = typer.Option(False, "--no-specs", help="Do not run the example sentences (specs) of each fact."),
) -> None:
    """Check fact files: schema, ids, entities, units; quotes with --sources; specs.

    Example: factcheck facts validate --sources ../shared/sources
    """
    from .check import Checker
    from .facts import collect, embedded_facts_dir
    from .validate import check_quotes, run_specs

    dirs = list(paths) if paths else [embedded_facts_dir()]
    for directory in dirs:
        if not directory.exists():
            fail(f"{directory}: no such fact file or directory")
    if sources is not None and not sources.is_dir():
        fail(f"{sources}: not a directory of sources")
    if paths and not any(p.name == "entities.yaml" or p.is_dir() for p in paths):
        dirs = [embedded_facts_dir() / "entities.yaml", *dirs]
    base, problems = collect(dirs)
    if sources is not None:
        problems += check_quotes(base, sources)
    if not problems and not no_specs:
        problems += run_specs(base, Checker(base))
    for problem in problems:
        typer.echo(str(problem))
    specs = sum(len(f.specs) for f in base.facts)
    typer.echo(f"{len(base.facts)} facts, {len(base.entities)} entities, {specs} specs: {len(problems)} problems", err=True)
    raise typer.Exit(EXIT_FAIL if problems else EXIT_OK)


@facts_app.command("list")
def list_command(
    subject: Optional[str] = typer.Option(None, "--subject", help="Only facts about this entity (or an alias of it)."),
    grep: Optional[str] = typer.Option(None, "--grep", help="Only facts whose id, metric, keywords or quote contain this."),
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
) -> None:
    """List the facts as a table for review.

    Example: factcheck facts list --subject 江苏 --grep 5G
    """
    from .facts_view import facts_table

    base = load_base(facts, no_default_facts)
    _write(facts_table(base, subject, grep, color=_is_terminal() and "NO_COLOR" not in os.environ))


@app.command("explain")
def explain_command(
    fact_id: str = typer.Argument(..., help="The id of a fact."),
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
) -> None:
    """Show one fact with its source and quote.

    Example: factcheck explain js-5g-new-stations-2020
    """
    from .facts_view import explain

    base = load_base(facts, no_default_facts)
    fact = base.fact(fact_id)
    if fact is None:
        fail(f"no fact with id {fact_id!r} (see 'factcheck facts list')")
    _write(explain(base, fact))


def main() -> None:
    """Entry point: Ctrl-C ends with 130 and no traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        sys.exit(130)
