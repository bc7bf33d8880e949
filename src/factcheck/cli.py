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
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, List, NoReturn, Optional, TypeVar

import typer
from typer.core import TyperGroup

from . import __version__
from .author_cli import draft_command
from .usage import ENVIRONMENT, Color, Command, FailOn, Format, choices, one_line_errors

if TYPE_CHECKING:
    from .baseline import Matcher
    from .batch import Job, Outcome
    from .check import Checker, FileResult
    from .config import Settings
    from .facts import FactBase
    from .report import Tally
    from .reporting import Tee

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class DefaultCheck(TyperGroup):
    """`factcheck FILE` means `factcheck check FILE`: checking is the main job."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version") and not args[0].startswith("--install-completion") and not args[0].startswith("--show-completion"):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    # Usage errors (of this group's options, or of a command's, parsed inside invoke) are one line.
    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with one_line_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        with one_line_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=DefaultCheck, add_completion=True, no_args_is_help=True, rich_markup_mode=None,
    help="Check the figures in news drafts against a fact base of their sources.\n\n"
    "'check' is the default command: 'factcheck DRAFT...' means 'factcheck check DRAFT...'.\n\n"
    "Example: factcheck examples/jiangsu-draft.md",
    epilog=ENVIRONMENT,
    context_settings={"help_option_names": ["-h", "--help"]},
)
facts_app = typer.Typer(help="Inspect and validate the fact base.\n\nExample: factcheck facts validate --sources ../shared/sources", no_args_is_help=True)
app.add_typer(facts_app, name="facts")


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


FactsOption = typer.Option(None, "--facts", metavar="PATH", help="Another fact directory or file (repeatable), added to the embedded fact base; replaces the configuration's 'facts'.")
NoDefaultOption = typer.Option(False, "--no-default-facts", help="Do not load the embedded fact base.")
DefaultFactsOption = typer.Option(None, "--default-facts/--no-default-facts", help="Load the embedded fact base (default) or not.")
FormatOption = typer.Option(None, "--format", "-f", metavar=choices(Format), help="The report's format (default: table on a terminal, else plain).")
FailOnOption = typer.Option(None, "--fail-on", metavar=choices(FailOn), help="Which verdict makes the exit status 1 (default: discrepancy).")
ShowOption = typer.Option(None, "--show", metavar="VERDICTS", help="Verdicts that table, plain and markdown list, comma-separated (default: agree,discrepancy,unverified).")
JobsOption = typer.Option(None, "--jobs", "-j", min=0, metavar="N", help="Drafts checked in parallel (default 1; 0 = one per CPU; never more than the CPUs).")
MAX_SIZE = 1_000_000_000  # config.MAX_SIZE_LIMIT (not imported here, for start-up time; a test keeps them equal)


def _at_most_max_size(value: Optional[int]) -> Optional[int]:
    """The ceiling checked here, not by click's max=: help would show the range as `1<=x<=…`."""
    if value is not None and value > MAX_SIZE:
        raise typer.BadParameter(f"{value} is not in the range 1<=x<={MAX_SIZE}")
    return value


MaxSizeOption = typer.Option(None, "--max-size", min=1, callback=_at_most_max_size, metavar="BYTES", help=f"Largest draft accepted, in bytes (default 10000000, at most {MAX_SIZE}).")
BaselineOption = typer.Option(None, "--baseline", metavar="FILE", help="Silence the findings recorded in this baseline file.")
ConfigOption = typer.Option(None, "--config", metavar="FILE", help="Read this configuration file instead of looking for .factcheck.yaml or pyproject.toml from here up.")
NoConfigOption = typer.Option(False, "--no-config", help="Ignore configuration files: defaults and flags only.")


def configured_base(facts: Optional[List[Path]], no_default_facts: bool, config: Optional[Path] = None, no_config: bool = False) -> "FactBase":
    """The fact base of the flags, else of the configuration file's `facts` and `default-facts`."""
    settings = load_settings(config, _flags(facts=facts, default_facts=False if no_default_facts else None), no_config)
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
    from .facts import FactBaseError
    from .report import plural

    try:
        return load(fact_dirs(extra, no_default))
    except FactBaseError as exc:
        more = len(exc.problems) - 1
        fail(f"broken fact base: {exc.problems[0]}" + (f" (and {plural(more, 'more problem')}: run 'factcheck facts validate')" if more else ""))


def fact_dirs(extra: Optional[List[Path]], no_default: bool) -> "list[Path]":
    """The embedded fact base (unless left out) and the added fact paths; exit 2 when a path
    is missing or nothing is left to check against."""
    from .facts import embedded_facts_dir

    if no_default and not extra:
        fail("no fact base: --no-default-facts (or default-facts: false) needs --facts DIR (or facts: in the configuration)")
    for path in extra or []:
        if not path.exists() and not path.is_symlink():  # a broken link is reported by the loader
            fail(f"no such fact directory or file: {path}")
    return ([] if no_default else [embedded_facts_dir()]) + list(extra or [])


def _formats() -> list[str]:
    return [f.value for f in Format]


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def load_settings(config: Optional[Path], flags: "dict[str, object]", no_config: bool = False) -> "Settings":
    """Defaults < the configuration file (given, or found from here up; none with --no-config)
    < flags; exit 2 on a bad one."""
    from .config import ConfigError, parse_show, resolve
    from .config_files import find_config, read_config

    if isinstance(flags.get("show"), str):
        try:
            flags["show"] = parse_show(str(flags["show"]))
        except ValueError as exc:
            fail(f"--{exc}")
    if config is not None and no_config:
        fail("--config and --no-config: give one or the other")
    try:
        if config is not None and config.is_dir():
            fail(f"{config}: is a directory, not a configuration file")
        if config is not None and not config.exists():  # a FIFO or a device: read_config says what it is
            fail(f"{config}: no such configuration file")
        path = config if config is not None or no_config else find_config(Path.cwd())
        return resolve(read_config(path) if path else None, flags, _formats(), Path.cwd())
    except ConfigError as exc:
        fail(f"invalid configuration: {exc}")


def _flags(**given: object) -> "dict[str, object]":
    """Command-line values under the configuration's key names; None means not given."""
    flags = {key.replace("_", "-"): value.value if isinstance(value, Enum) else value for key, value in given.items()}
    facts = flags.get("facts")
    if isinstance(facts, list):
        flags["facts"] = tuple(facts) or None
    return flags


@app.command("check", cls=Command, epilog=ENVIRONMENT)
def check_command(
    paths: List[str] = typer.Argument(..., metavar="DRAFTS...", help="Draft files or directories (*.md, *.txt); '-' reads standard input.", show_default=False),
    output_format: Optional[Format] = FormatOption,
    fail_on: Optional[FailOn] = FailOnOption,
    show: Optional[str] = ShowOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary line (and errors): no finding is listed."),
    statistics: bool = typer.Option(False, "--statistics", help="Add counts by verdict and reason, and by fact, to table, plain and markdown."),
    color: Color = typer.Option(Color.auto, "--color", metavar=choices(Color), help="Colour the table: auto (on a terminal; see NO_COLOR, FORCE_COLOR), always or never."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The name standard input ('-') is reported under, and read as (.txt: plain text)."),
    facts: Optional[List[Path]] = FactsOption,
    default_facts: Optional[bool] = DefaultFactsOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the candidate facts considered for each figure and their scores."),
    max_size: Optional[int] = MaxSizeOption,
    jobs: Optional[int] = JobsOption,
    baseline: Optional[Path] = BaselineOption,
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record the findings that fail in this baseline file (exit 0), instead of reporting."),
    report_files: Optional[List[str]] = typer.Option(None, "--report-file", metavar="FORMAT=FILE", help="Also write the report in FORMAT to FILE (repeatable), e.g. sarif=factcheck.sarif: one run, several reports."),
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """Check drafts and report agreements, discrepancies and unverified figures.

    Exit status: 0 clean, 1 findings that fail (see --fail-on), 2 usage or input errors.

    Example: factcheck examples/jiangsu-draft.md --format json
    """
    from . import reporting
    from .report import Tally, streamer

    settings = load_settings(config, _flags(
        format=output_format, fail_on=fail_on, show=show, facts=facts, default_facts=default_facts,
        max_size=max_size, jobs=jobs, baseline=baseline, stdin_filename=stdin_filename,
    ), no_config)
    chosen = settings.format or ("table" if _is_terminal() else "plain")
    try:
        extra_reports = reporting.report_files(report_files or [], _formats())
    except reporting.ReportError as exc:
        fail(str(exc))
    tally = Tally()
    results = _check_paths(paths, settings, verbose, tally)
    if write_baseline is not None:
        _write_baseline(write_baseline, results, settings)
        raise typer.Exit(EXIT_OK)
    if settings.baseline is not None:
        results = _baselined(results, settings.baseline, tally)
    options = reporting.options(settings, verbose, quiet, statistics, color.value, _is_terminal())
    tee = reporting.Tee(extra_reports, options, reporting.step_summary_file() if chosen == "github" else None)
    failed: list[str] = []
    try:
        _write_stream(streamer(chosen)(tee.fed(_failures(results, settings, failed)), options, tally))
        _finish(tee, tally.suppressed)
    finally:
        tee.close()  # its spools, when a draft could not be read half-way
    raise typer.Exit(EXIT_FAIL if failed else EXIT_OK)


def _finish(tee: "Tee", suppressed: int) -> None:
    """The --report-file reports, and in GitHub Actions the job summary, written once the
    report on standard output is."""
    from .reporting import ReportError

    try:
        warning = tee.finish(suppressed)
    except ReportError as exc:
        fail(str(exc))
    if warning:
        say(f"factcheck: warning: {warning}")


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
    stdin = settings.stdin_filename
    try:
        return [
            Job((stdin or path) if path == "-" else path, settings.max_size, facts, settings.default_facts, read_draft(path, settings.max_size, stdin) if path == "-" else None, candidates)
            for path in expand(paths, settings.include, settings.exclude, settings.root, lambda w: say(f"factcheck: warning: {w}"))
        ]
    except InputError as exc:
        fail(str(exc))


def _write_baseline(file: Path, results: "Iterator[FileResult]", settings: "Settings") -> None:
    from .baseline import BaselineError, document, write

    data = document(results, lambda path, finding: finding.verdict in settings.failing_for(path), file)
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


def _failures(results: "Iterable[FileResult]", settings: "Settings", failed: list[str]) -> "Iterator[FileResult]":
    """The results as they are, noting in `failed` each file with a finding that fails
    under its fail-on (the exit status is 1 when there is one; CI formats rank the same
    findings `error` through Options.level)."""
    for result in results:
        failing = settings.failing_for(result.path)
        if any(f.verdict in failing for f in result.findings):
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


@app.command("config", cls=Command)
def config_command(
    output_format: Optional[Format] = FormatOption,
    fail_on: Optional[FailOn] = FailOnOption,
    show: Optional[str] = ShowOption,
    facts: Optional[List[Path]] = FactsOption,
    default_facts: Optional[bool] = DefaultFactsOption,
    max_size: Optional[int] = MaxSizeOption,
    jobs: Optional[int] = JobsOption,
    baseline: Optional[Path] = BaselineOption,
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """Print the settings a check would use, and where each came from (default, file:line, command line).

    Settings come from .factcheck.yaml or [tool.factcheck] in pyproject.toml,
    the first found from the current directory up; flags beat the file. It takes
    check's setting flags (not drafts, nor the flags that only shape a report).

    Example: factcheck config --fail-on unverified
    """
    from .config import describe

    settings = load_settings(config, _flags(
        format=output_format, fail_on=fail_on, show=show, facts=facts, default_facts=default_facts,
        max_size=max_size, jobs=jobs, baseline=baseline,
    ), no_config)
    _write(describe(settings))


@facts_app.command("validate", cls=Command)
def validate_command(
    paths: Optional[List[Path]] = typer.Argument(None, metavar="[PATH]...", help="Fact files or directories added to the embedded base (default: the configuration's facts).", show_default=False),
    sources: Optional[Path] = typer.Option(None, "--sources", metavar="DIR", help="Directory of source documents: check the quotes of the facts added (or, with none added, of the embedded base) are verbatim."),
    no_specs: bool = typer.Option(False, "--no-specs", help="Do not run the example sentences (specs) of each fact."),
    default_facts: Optional[bool] = DefaultFactsOption,
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """Check the fact base a check would use: schema, ids, entities, units; quotes with --sources; specs.

    The embedded fact base and the facts added (PATHs, else the configuration's
    facts) are validated together, with entities resolved as a check resolves them.

    Example: factcheck facts validate --sources ../shared/sources
    """
    from .check import Checker
    from .facts import collect, embedded_facts_dir
    from .report import plural
    from .validate import added_facts, check_english, check_quotes, run_specs

    settings = load_settings(config, _flags(facts=paths, default_facts=default_facts), no_config)
    dirs = fact_dirs(list(settings.facts), not settings.default_facts)
    if sources is not None and not sources.is_dir():
        fail(f"{sources}: not a directory of sources")
    base, problems = collect(dirs)
    if sources is not None:
        problems += check_quotes(added_facts(base, embedded_facts_dir()) if settings.facts else base.facts, sources)
    if not problems:
        checker = Checker(base)
        problems += check_english(checker)
        if not no_specs:
            problems += run_specs(base, checker)
    for problem in problems:
        say(str(problem), err=False)
    specs = sum(len(f.specs) for f in base.facts)
    typer.echo(f"{len(base.facts)} facts, {len(base.entities)} entities, {specs} specs: {plural(len(problems), 'problem')}", err=True)
    raise typer.Exit(EXIT_FAIL if problems else EXIT_OK)


facts_app.command("draft", cls=Command)(draft_command)


@facts_app.command("list", cls=Command)
def list_command(
    subject: Optional[str] = typer.Option(None, "--subject", metavar="NAME", help="Only facts about this entity (or an alias of it)."),
    grep: Optional[str] = typer.Option(None, "--grep", metavar="TEXT", help="Only facts whose id, metric, keywords or quote contain this."),
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
    color: Color = typer.Option(Color.auto, "--color", metavar=choices(Color), help="Style the table: auto (on a terminal; see NO_COLOR, FORCE_COLOR), always or never."),
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """List the facts as a table for review.

    Example: factcheck facts list --subject 江苏 --grep 5G
    """
    from .escape import file_name
    from .facts_view import facts_table
    from .terminal import styling, width

    base = configured_base(facts, no_default_facts, config, no_config)
    styles = styling(color.value, _is_terminal(), os.environ)
    _write(file_name(facts_table(base, subject, grep, color=styles.styles, width=width(_is_terminal(), os.environ))))


@app.command("explain", cls=Command)
def explain_command(
    fact_id: str = typer.Argument(..., metavar="FACT_ID", help="The id of a fact.", show_default=False),
    facts: Optional[List[Path]] = FactsOption,
    no_default_facts: bool = NoDefaultOption,
    config: Optional[Path] = ConfigOption,
    no_config: bool = NoConfigOption,
) -> None:
    """Show one fact with its source and quote.

    Example: factcheck explain js-5g-new-stations-2020
    """
    from .escape import file_name
    from .facts_view import explain

    base = configured_base(facts, no_default_facts, config, no_config)
    fact = base.fact(fact_id)
    if fact is None:
        fail(f"no fact with id {fact_id!r} (see 'factcheck facts list')")
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
