"""What the terminal allows: styles and colours (--color, NO_COLOR, FORCE_COLOR) and its width."""

from __future__ import annotations

import os
import sys
from typing import Mapping, NamedTuple


class Styling(NamedTuple):
    styles: bool  # any escape sequence at all: bold and underline mark the figure
    colors: bool  # colours too (green, red, yellow verdicts)


def styling(choice: str, is_terminal: bool, environ: Mapping[str, str]) -> Styling:
    """`--color auto|always|never` against the environment (no-color.org, force-color.org).

    A flag wins; `auto` styles a terminal, or anything when FORCE_COLOR is set (not empty);
    NO_COLOR (not empty) takes the colours away and keeps bold and underline, as it asks.

    >>> styling("auto", True, {"NO_COLOR": "1"}), styling("auto", False, {"FORCE_COLOR": "1"})
    (Styling(styles=True, colors=False), Styling(styles=True, colors=True))
    """
    if choice != "auto":
        return Styling(choice == "always", choice == "always")
    styles = is_terminal or bool(environ.get("FORCE_COLOR"))
    return Styling(styles, styles and not environ.get("NO_COLOR"))


def width(is_terminal: bool, environ: Mapping[str, str]) -> int | None:
    """The columns to fit: COLUMNS when set, else the terminal's; None when neither says."""
    columns = environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if is_terminal:
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns or None
        except (OSError, ValueError):
            return None
    return None
