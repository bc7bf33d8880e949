"""The command line: only wiring. Exit 0 clean, 1 findings that fail, 2 usage or input errors."""

# No `from __future__ import annotations` here: typer reads the annotations of every
# command on every run, and string annotations cost it an eval() each (a few ms per run).
# Annotations naming what is imported only for type checking are quoted instead.

import atexit
import gc
import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, List, NoReturn, Optional, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__

if TYPE_CHECKING:
    from .baseline import Matcher
    from .batch import Job, Outcome
    from .check import Checker, FileResult
    from .config import Settings
    from .facts import FactBase
    from .report import Tally

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class DefaultCheck(TyperGroup):
    """`factcheck FILE` means `factcheck check FILE`: checking is the main job."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
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
    say(f"factcheck: error: {message}")
    raise typer.Exit(EXIT_ERROR)


def say(line: str, err: bool = True) -> None:
    """One line of ours with names and values from files in it, made inert: a file named
    `a\\n::error::x` must not start a workflow command on a CI runner, nor ESC reach a terminal."""
    from .escape import inert

    typer.echo(inert(line), err=err)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Check the figures in news drafts against a fact base of their sources."""
    try:
        os.getcwd()
    except OSError as exc:  # run from a folder since removed: every relative path would fail later
        fail(f"cannot use the current directory: {exc.strerror or exc}")


FactsOption = typer.Option(None, "--facts", help="Another fact directory or file (repeatable), added to the embedded fact base; replaces the configuration's 'facts'.")
NoDefaultOption = typer.Option(False, "--no-default-facts", help="Do not load the embedded fact base.")
DefaultFactsOption = typer.Option(None, "--default-facts/--no-default-facts", help="Load the embedded fact base (default) or not.")
FormatOption = typer.Option(None, "--format", "-f", help="table (default on a terminal), plain (default otherwise), json, github, sarif, junit, markdown.")
FailOnOption = typer.Option(None, "--fail-on", help="Which verdict makes the exit status 1 (default: discrepancy).")
ShowOption = typer.Option(None, "--show", metavar="VERDICTS", help="Verdicts that table, plain and markdown list, comma-separated (default: agree,discrepancy,unverified).")
JobsOption = typer.Option(None, "--jobs", "-j", min=0, help="Drafts checked in parallel (default 1; 0 = one per CPU; never more than the CPUs).")
# max: config.MAX_SIZE_LIMIT (not imported here, for start-up time; a test keeps them equal)
MaxSizeOption = typer.Option(None, "--max-size", min=1, max=1_000_000_000, help="Largest draft accepted, in bytes (default 10000000, at most 1000000000).")
BaselineOption = typer.Option(None, "--baseline", help="Silence the findings recorded in this baseline file.")
ConfigOption = typer.Option(None, "--config", help="Read this configuration file instead of looking for .factcheck.yaml or pyproject.toml from here up.")


def configured_base(facts: Optional[List[Path]], no_default_facts: bool) -> "FactBase":
    """The fact base of the flags, else of the configuration file's `facts` and `default-facts`."""
    settings = load_settings(None, _flags(facts=facts, default_facts=False if no_default_facts else None))
    return load_base(list(settings.facts), not settings.default_facts)


def load_base(extra: Optional[List[Path]], no_default: bool = False) -> "FactBase":
    """The fact base, from the compiled cache when no fact file has changed (see cache.py)."""
    from .cache import load_fact_base_cached

    return _loaded(load_fact_base_cached, extra, no_default)


def load_checker(extra: Optional[List[Path]], no_default: bool = False) -> "Checker":
    """The fact base made ready to check, its index too from the cache when it can."""
    from .cache import load_checker_cached

    return _loaded(load_checker_cached, extra, no_default)


def _loaded(load: "Callable[[list[Path]], T]", extra: Optional[List[Path]], no_default: bool) -> "T":
    from .facts import FactBaseError, embedded_facts_dir

    dirs = ([] if no_default else [embedded_facts_dir()]) + list(extra or [])
    try:
        return load(dirs)
    except FactBaseError as exc:
        more = len(exc.problems) - 1
        fail(f"broken fact base: {exc.problems[0]}" + (f" (and {more} more problems: run 'factcheck facts validate')" if more else ""))


def _formats() -> list[str]:
    from .report import FORMATS

    return list(FORMATS)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def load_settings(config: Optional[Path], flags: "dict[str, object]") -> "Settings":
    """Defaults < the configuration file (given, or found from here up) < flags; exit 2 on a bad one."""
    from .config import ConfigError, parse_show, resolve
    from .config_files import find_config, read_config

    if isinstance(flags.get("show"), str):
        try:
            flags["show"] = parse_show(str(flags["show"]))
        except ValueError as exc:
            fail(f"--{exc}")
    if flags.get("format") is not None and flags["format"] not in _formats():
        fail(f"unknown format {flags['format']!r} (choose from: {', '.join(_formats())})")
    try:
        if config is not None and not config.exists():
            fail(f"{config}: no such configuration file")
        path = config if config is not None else find_config(Path.cwd())
        return resolve(read_config(path) if path else None, flags, _formats(), Path.cwd())
    except ConfigError as exc:
        fail(f"invalid configuration: {exc}")


def _flags(**given: object) -> "dict[str, object]":
    """Command-line values under the configuration's key names; None means not given."""
    flags = {key.replace("_", "-"): value for key, value in given.items()}
    fail_on = flags.get("fail-on")
    if isinstance(fail_on, Enum):
        flags["fail-on"] = fail_on.value
    facts = flags.get("facts")
    if isinstance(facts, list):
        flags["facts"] = tuple(facts) or None
    return flags


@app.command("check")
def check_command(
    paths: List[str] = typer.Argument(..., help="Draft files or directories (*.md, *.txt); '-' reads standard input."),
    output_format: Optional[str] = FormatOption,
    fail_on: Optional[FailOn] = FailOnOption,
    show: Optional[str] = ShowOption,
    facts: Optional[List[Path]] = FactsOption,
    default_facts: Optional[bool] = DefaultFactsOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the candidate facts considered for each figure and their scores."),
    max_size: Optional[int] = MaxSizeOption,
    jobs: Optional[int] = JobsOption,
    baseline: Optional[Path] = BaselineOption,
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the findings that fail in this baseline file (exit 0), instead of reporting."),
    config: Optional[Path] = ConfigOption,
) -> None:
    """Check drafts and report agreements, discrepancies and unverified figures.

    Exit status: 0 clean, 1 findings that fail (see --fail-on), 2 usage or input errors.

    Example: factcheck examples/jiangsu-draft.md --format json
    """
    from .config import ShowFor
    from .report import Options, Tally, streamer

    settings = load_settings(config, _flags(
        format=output_format, fail_on=fail_on, show=show, facts=facts, default_facts=default_facts,
        max_size=max_size, jobs=jobs, baseline=baseline,
    ))
    chosen = settings.format or ("table" if _is_terminal() else "plain")
    tally = Tally()
    results = _check_paths(paths, settings, verbose, tally)
    if write_baseline is not None:
        _write_baseline(write_baseline, results, settings)
        raise typer.Exit(EXIT_OK)
    if settings.baseline is not None:
        results = _baselined(results, settings.baseline, tally)
    failed: list[str] = []
    color = chosen == "table" and _is_terminal() and "NO_COLOR" not in os.environ
    options = Options(color=color, verbose=verbose, show=settings.show, show_by_path=ShowFor(settings))
    _write_stream(streamer(chosen)(_failures(results, settings, failed), options, tally))
    raise typer.Exit(EXIT_FAIL if failed else EXIT_OK)


def _check_paths(paths: List[str], settings: "Settings", candidates: bool, tally: "Tally") -> "Iterator[FileResult]":
    """The result of each draft as it is checked (in parallel with --jobs); warnings on
    stderr; exit 2 at an unreadable one. The fact base and the list of drafts are ready
    before the first result, so their errors come before any report. Findings carry their
    candidate facts only when asked (`--verbose` shows them)."""
    from .batch import checked

    checker = load_checker(list(settings.facts), not settings.default_facts)
    outcomes = checked(_jobs(paths, settings, candidates), settings.workers(), checker, progress=True)
    return _results(outcomes, tally)


def _results(outcomes: "Iterator[Outcome]", tally: "Tally") -> "Iterator[FileResult]":
    for outcome in outcomes:
        for warning in outcome.warnings:
            say(f"factcheck: warning: {warning}")
        if outcome.error:
            fail(outcome.error)
        tally.suppressed += outcome.suppressed
        yield outcome.result


def _jobs(paths: List[str], settings: "Settings", candidates: bool) -> "list[Job]":
    """One job per draft; standard input is read here, since a worker process cannot."""
    from .batch import Job, expand
    from .read import InputError, read_draft

    facts = tuple(str(p) for p in settings.facts)
    try:
        return [
            Job(path, settings.max_size, facts, settings.default_facts, read_draft(path, settings.max_size) if path == "-" else None, candidates)
            for path in expand(paths, settings.include, settings.exclude, settings.root, lambda w: say(f"factcheck: warning: {w}"))
        ]
    except InputError as exc:
        fail(str(exc))


def _write_baseline(file: Path, results: "Iterator[FileResult]", settings: "Settings") -> None:
    from .baseline import BaselineError, document, write

    failing = _failing_verdicts()
    data = document(results, lambda path, finding: finding.verdict in failing[settings.fail_on_for(path)], file)
    try:
        write(file, data)
    except BaselineError as exc:
        fail(str(exc))
    count = len(data["findings"])
    say(f"factcheck: wrote {count} finding{'s' if count != 1 else ''} to the baseline {file}")


def _baselined(results: "Iterator[FileResult]", file: Path, tally: "Tally") -> "Iterator[FileResult]":
    """The results without the findings the baseline silences; the baseline is read at once,
    so a broken one is an error before any report."""
    from .baseline import BaselineError, load

    try:
        matcher = load(file).matcher()
    except BaselineError as exc:
        fail(str(exc))
    return _silenced(results, matcher, tally)


def _silenced(results: "Iterator[FileResult]", matcher: "Matcher", tally: "Tally") -> "Iterator[FileResult]":
    for result in results:
        kept, silenced = matcher.take(result)
        tally.suppressed += silenced
        yield kept


def _failing_verdicts() -> "dict[str, set[str]]":
    return {"discrepancy": {"discrepancy"}, "unverified": {"discrepancy", "unverified"}, "never": set()}


def _failures(results: "Iterator[FileResult]", settings: "Settings", failed: list[str]) -> "Iterator[FileResult]":
    """The results as they are, noting in `failed` each file with a finding that fails
    under its fail-on (the exit status is 1 when there is one)."""
    failing = _failing_verdicts()
    for result in results:
        if any(f.verdict in failing[settings.fail_on_for(result.path)] for f in result.findings):
            failed.append(result.path)
        yield result


def _write_stream(chunks: "Iterator[str]") -> None:
    """Write a report as it is made, in writes of about 64 KB. Whatever was made before an
    error (an unreadable draft is exit 2 in the middle of a run) is written first."""
    pending: list[str] = []
    size = 0
    try:
        for chunk in chunks:
            pending.append(chunk)
            size += len(chunk)
            if size >= WRITE_CHUNK:
                _write("".join(pending))
                pending, size = [], 0
    finally:
        if pending:
            _write("".join(pending))


WRITE_CHUNK = 1 << 16


def _write(text: str) -> None:
    try:
        _write_all(text)
    except BrokenPipeError:
        # The reader (| head) has gone: stop quietly, as command-line tools do.
        _silence_stdout()
        raise typer.Exit(EXIT_OK)
    except OSError as exc:  # a full disk behind > report.txt
        _silence_stdout()
        fail(f"cannot write the report: {exc.strerror or exc}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _write_all(text: str) -> None:
    """Write every byte or raise BrokenPipeError.

    A large write to a pipe whose reader closes half-way returns a short count
    instead of failing (TextIOWrapper drops it), so the bytes are written here.
    """
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
    while data:
        written = out.write(data)
        if not written:
            raise BrokenPipeError(32, "Broken pipe")
        data = data[written:]
    out.flush()


@app.command("config")
def config_command(
    output_format: Optional[str] = FormatOption,
    fail_on: Optional[FailOn] = FailOnOption,
    show: Optional[str] = ShowOption,
    facts: Optional[List[Path]] = FactsOption,
    default_facts: Optional[bool] = DefaultFactsOption,
    max_size: Optional[int] = MaxSizeOption,
    jobs: Optional[int] = JobsOption,
    baseline: Optional[Path] = BaselineOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Print the settings a check would use, and where each came from (default, file:line, command line).

    Settings come from .factcheck.yaml or [tool.factcheck] in pyproject.toml,
    the first found from the current directory up; flags beat the file.

    Example: factcheck config --fail-on unverified
    """
    from .config import describe

    settings = load_settings(config, _flags(
        format=output_format, fail_on=fail_on, show=show, facts=facts, default_facts=default_facts,
        max_size=max_size, jobs=jobs, baseline=baseline,
    ))
    _write(describe(settings))


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
        say(str(problem), err=False)
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
    from .escape import file_name
    from .facts_view import facts_table

    base = configured_base(facts, no_default_facts)
    _write(file_name(facts_table(base, subject, grep, color=_is_terminal() and "NO_COLOR" not in os.environ)))


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

    base = configured_base(facts, no_default_facts)
    fact = base.fact(fact_id)
    if fact is None:
        fail(f"no fact with id {fact_id!r} (see 'factcheck facts list')")
    from .escape import file_name

    _write(file_name(explain(base, fact)))  # a fact file's name that was not UTF-8, as \xNN


class Stopped(BaseException):
    """SIGINT or SIGTERM, raised wherever the main process is. Not a KeyboardInterrupt,
    which typer turns into a silent exit 130 (Ctrl-C while the fact base was being built
    said nothing); a BaseException, so it unwinds through every `finally`, and the one
    that stops the --jobs workers leaves none running."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stopped(signum: int, frame: object) -> NoReturn:
    raise Stopped(signum)


def main() -> None:
    """Entry point: Ctrl-C ends with 130, SIGTERM with 143, one line and no traceback."""
    # At exit the interpreter runs the cycle collector over everything still alive (the
    # modules, the fact base and its index): ~15 ms of a ~150 ms run, only to free memory
    # that goes back with the process anyway. Frozen objects are left out of it. Nothing
    # here waits on a collection at exit: reports are flushed and files closed explicitly.
    # (Registered by the entry point, not at import: a library user keeps a normal collector.)
    atexit.register(gc.freeze)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stopped)
    try:
        app()
    except Stopped as stop:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C does not cut this short
        sys.stderr.write("factcheck: interrupted\n" if stop.signum == signal.SIGINT else "factcheck: terminated\n")
        sys.exit(128 + stop.signum)


if __name__ == "__main__":  # python -m factcheck.cli, e.g. under -X importtime or cProfile
    main()
