"""The command line's vocabulary and manners: the choices of its options, the environment it
reads, and usage errors on one line, as every other error (`factcheck: error: --fail-on: 'foo'
is not one of ...`): click shows a usage error as a four-line block (usage, a hint, a blank
line, the error); a CI log or an editor wants one line naming what was wrong, and exit 2.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from enum import Enum
from typing import Any, Iterator

import typer
from typer.core import TyperCommand

# Click's UsageError, whether typer vendors click (0.2x) or depends on it: BadParameter's base.
UsageError: type[Exception] = typer.BadParameter.__mro__[1]
_CHOICE = re.compile(r"(?P<value>.*?) is not one of ")


class FailOn(str, Enum):
    discrepancy = "discrepancy"
    unverified = "unverified"
    never = "never"


class Format(str, Enum):  # report.FORMATS, not imported by the CLI: it costs start-up (a test keeps them equal)
    table = "table"
    plain = "plain"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def choices(enum: "type[Enum]") -> str:
    return "[" + "|".join(str(member.value) for member in enum) + "]"


# Kept as words, not wrapped: click re-flows a paragraph unless it starts with \b.
ENVIRONMENT = (
    "\b\nEnvironment:\n"
    "  NO_COLOR=1            no colours in the table (bold and underline stay)\n"
    "  FORCE_COLOR=1         colours even when the output is not a terminal\n"
    "  FACTCHECK_CACHE_DIR   where the compiled fact base is kept (~/.cache/factcheck)\n"
    "  FACTCHECK_NO_CACHE=1  compile the fact base on every run, keep no cache"
)


def message(exc: Any) -> str:
    """The error of a click UsageError as `--option: what is wrong`, without click's decoration."""
    text = str(exc.message).rstrip(".")
    param = getattr(exc, "param", None)
    if param is None:
        return text[:1].lower() + text[1:]
    name = max(param.opts, key=len) if getattr(param, "opts", None) and param.param_type_name == "option" else (param.human_readable_name or param.name)
    allowed = getattr(param.type, "choices", None)
    found = _CHOICE.match(text)
    if allowed and found:
        text = f"{found['value']} is not one of {', '.join(str(getattr(c, 'value', c)) for c in allowed)}"
    if type(exc).__name__ == "MissingParameter":
        return f"missing {param.param_type_name} {name}"
    return f"{name}: {text}"


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn a usage error raised inside into one line on stderr and exit status 2."""
    try:
        yield
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `factcheck` alone: the help, as asked
            raise
        from .escape import inert

        typer.echo(f"factcheck: error: {inert(message(exc))}", err=True)  # the value given may be a hostile name
        raise typer.Exit(2) from None


class Command(TyperCommand):
    """A command whose usage line names its arguments plainly: `DRAFTS...`, not typer's `{DRAFTS...}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]
