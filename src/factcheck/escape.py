"""Text from drafts, fact files, file names and configuration made inert before it is shown.

Whatever a pull request puts in a draft, a file name or a setting reaches a
terminal, a CI log (where a line starting `::error` is a command to the
runner) or a report. `safe` shows every control character (ESC, BEL, C1) and
the bidi overrides that disguise text as escapes; `inert` also escapes tabs,
line breaks and the bytes of a file name that were not UTF-8, for text that
must stay on one line: an error message, a name, a setting; `file_name` only
those bytes, for a path that reports carry.

>>> safe("a\\x1b]0;title\\x07b"), inert("a\\n::error::x"), inert("caf\\udce9.md")
('a\\\\x1b]0;title\\\\x07b', 'a\\\\x0a::error::x', 'caf\\\\xe9.md')
"""

from __future__ import annotations

import re
from functools import cache

# C0 (but tab and line feed), DEL, C1, and the bidi overrides and isolates. Compiled at import:
# every report uses it. The others are compiled when first needed (they cost start-up time).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Also line breaks and tabs, and lone surrogates: a file name that was not UTF-8 holds its
# bytes as U+DC80..U+DCFF, which no output can encode.
_IN_A_LINE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_SURROGATE = "[\ud800-\udfff]"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00  # the byte itself (os.fsdecode's surrogateescape)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Controls and disguising marks as escapes; tab and line feed kept (and undecodable bytes,
    which only file names hold: reports carry those through `file_name`)."""
    return _UNSAFE.sub(_escaped, text)


def inert(text: str) -> str:
    """As `safe`, and on one line: tab, CR, LF, U+2028 and U+2029 escaped too, and the
    bytes of a file name that were not UTF-8."""
    return _compiled(_IN_A_LINE).sub(_escaped, text)


def file_name(path: str) -> str:
    """A path as reports carry it: bytes that were not UTF-8 as `\\xNN` (any format can hold
    it, and `json.loads` reads it back), everything else as it is.

    >>> file_name("drafts/caf\\udce9.md")
    'drafts/caf\\\\xe9.md'
    """
    try:
        path.encode("utf-8")  # the usual case, without a pattern
        return path
    except UnicodeEncodeError:
        return _compiled(_SURROGATE).sub(_escaped, path)
