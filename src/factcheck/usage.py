"""Usage errors on one line, as every other error: `factcheck: error: --fail-on: 'foo' is not one of ...`.

Click shows a usage error as a four-line block (usage, a hint, a blank line, the
error); a CI log or an editor wants one line naming what was wrong, and exit 2.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

import typer
from typer.core import TyperCommand

# Click's UsageError, whether typer vendors click (0.2x) or depends on it: BadParameter's base.
UsageError: type[Exception] = typer.BadParameter.__mro__[1]
_CHOICE = re.compile(r"(?P<value>.*?) is not one of ")


def message(exc: Any) -> str:
    """The error of a click UsageError as `--option: what is wrong`, without click's decoration."""
    text = str(exc.message).rstrip(".")
    param = getattr(exc, "param", None)
    if param is None:
        return text[:1].lower() + text[1:]
    name = max(param.opts, key=len) if getattr(param, "opts", None) and param.param_type_name == "option" else (param.human_readable_name or param.name)
    choices = getattr(param.type, "choices", None)
    found = _CHOICE.match(text)
    if choices and found:
        text = f"{found['value']} is not one of {', '.join(str(getattr(c, 'value', c)) for c in choices)}"
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
        typer.echo(f"factcheck: error: {message(exc)}", err=True)
        raise typer.Exit(2) from None


class Command(TyperCommand):
    """A command whose usage line names its arguments plainly: `DRAFTS...`, not typer's `{DRAFTS...}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]
