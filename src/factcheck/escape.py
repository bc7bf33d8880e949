"""Text from drafts, fact files, file names and configuration made inert before it is shown.

Whatever a pull request puts in a draft, a file name or a setting reaches a
terminal, a CI log (where a line starting `::error` is a command to the
runner) or a report. `safe` shows every control character (ESC, BEL, C1), the
bidi overrides that disguise text, and each byte of a file name that was not
UTF-8, as escapes; `inert` also escapes tabs and line breaks, for text that must
stay on one line: an error message, a name, a setting.

>>> safe("a\\x1b]0;title\\x07b"), inert("a\\n::error::x"), inert("caf\\udce9.md")
('a\\\\x1b]0;title\\\\x07b', 'a\\\\x0a::error::x', 'caf\\\\xe9.md')
"""

from __future__ import annotations

import re

# C0 (but tab and line feed), DEL, C1, bidi overrides and isolates, and lone surrogates: a file
# name that was not UTF-8 holds its bytes as U+DC80..U+DCFF, which no output can encode.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00  # the byte itself (os.fsdecode's surrogateescape)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Controls, disguising marks and undecodable bytes as escapes; tab and line feed kept."""
    return _UNSAFE.sub(_escaped, text)


def inert(text: str) -> str:
    """As `safe`, and on one line: tab, CR, LF, U+2028 and U+2029 escaped too."""
    return _UNSAFE_IN_A_LINE.sub(_escaped, text)


def file_name(path: str) -> str:
    """A path as reports carry it: bytes that were not UTF-8 as `\\xNN` (any format can hold
    it, and `json.loads` reads it back), everything else as it is.

    >>> file_name("drafts/caf\\udce9.md")
    'drafts/caf\\\\xe9.md'
    """
    return _SURROGATE.sub(_escaped, path)


_SURROGATE = re.compile("[\ud800-\udfff]")
