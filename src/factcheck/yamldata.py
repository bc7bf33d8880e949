"""Read YAML as plain data with line numbers, refusing what could run or explode.

PyYAML's event stream is read directly (with the C parser when present), so
no constructor ever runs: tags that build objects, anchors/aliases (the
"billion laughs" bomb) and duplicate keys are errors that name the line,
never silent behaviour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # imported for real by _import_yaml, at the first parse
    import yaml
    from yaml import CSafeLoader as _Loader

MAX_DEPTH = 64
_STANDARD_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z|[-+]?\.(inf|Inf|INF)\Z|\.(nan|NaN|NAN)\Z")
# Compiled only on the error path that needs it: this class takes ~6 ms to compile.
_NOT_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class YamlDataError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Map(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class Seq(list[Any]):
    line: int = 0
    item_lines: list[int]


def line_of(container: Any, key: Any = None) -> int:
    """The 1-based line of a key or item, else of the container itself."""
    if isinstance(container, Map) and key in container.key_lines:
        return container.key_lines[key]
    if isinstance(container, Seq) and isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    return int(getattr(container, "line", 0))


def load(text: str) -> Any:
    """Parse one YAML document into Map / Seq / str / int / float / bool / None.

    >>> load("a: 1\\nb: [x, 'y']")
    {'a': 1, 'b': ['x', 'y']}
    """
    _import_yaml()
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        next(events)  # StreamStart
        first = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            return None
        value = _node(events, next(events), 0)
        end = next(events)  # DocumentEnd
        following = next(events)
        if not isinstance(following, yaml.StreamEndEvent):
            raise YamlDataError(_line(following), "more than one YAML document in the file")
        del end
        return value
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlDataError(line, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: one line, with its line
        bad = re.search(_NOT_PRINTABLE, text)  # (the C reader's position counts bytes, not characters)
        line = text.count("\n", 0, bad.start()) + 1 if bad else 0
        shown = f"#x{ord(bad.group()):04x}" if bad else repr(exc.character)
        raise YamlDataError(line, f"YAML error: unacceptable character {shown}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise YamlDataError(0, f"YAML error: {' '.join(str(exc).split())}") from None


def _import_yaml() -> None:
    """Import PyYAML at the first parse, not with this module.

    A warm run loads the fact base from the compiled cache and never parses
    YAML, so it should not pay PyYAML's import (~10 ms). The names are module
    globals, read by the functions below.
    """
    global yaml, _Loader
    import yaml  # after the first parse, only a look-up in sys.modules

    try:  # the C parser is several times faster; the pure one behaves the same
        from yaml import CSafeLoader as _Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _line(event: Any) -> int:
    mark = getattr(event, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else 0


def _check(event: Any, depth: int) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise YamlDataError(_line(event), "YAML aliases (*name) are not allowed in fact files")
    if getattr(event, "anchor", None) is not None:
        raise YamlDataError(_line(event), "YAML anchors (&name) are not allowed in fact files")
    if getattr(event, "tag", None) not in _STANDARD_TAGS:
        raise YamlDataError(_line(event), f"YAML tag {event.tag!r} is not allowed in fact files")
    if depth > MAX_DEPTH:
        raise YamlDataError(_line(event), f"nesting deeper than {MAX_DEPTH} levels")


def _node(events: Iterator[Any], event: Any, depth: int) -> Any:
    _check(event, depth)
    if isinstance(event, yaml.ScalarEvent):
        return _scalar(event)
    if isinstance(event, yaml.SequenceStartEvent):
        return _sequence(events, event, depth)
    if isinstance(event, yaml.MappingStartEvent):
        return _mapping(events, event, depth)
    raise YamlDataError(_line(event), f"unexpected YAML event {type(event).__name__}")


def _scalar(event: Any) -> Any:
    text: str = event.value
    if event.tag == "tag:yaml.org,2002:str" or not event.implicit[0]:
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise YamlDataError(_line(event), f"an integer of {len(text)} digits is too large") from None
    if _FLOAT.match(text):
        # YAML spells infinities and NaN as .inf / .nan, which float() does not read.
        return float(text.replace(".", "", 1)) if text.lstrip("+-")[:2].lower() in (".i", ".n") else float(text)
    return text


def _sequence(events: Iterator[Any], start: Any, depth: int) -> Seq:
    seq = Seq()
    seq.line, seq.item_lines = _line(start), []
    for event in events:
        if isinstance(event, yaml.SequenceEndEvent):
            return seq
        seq.item_lines.append(_line(event))
        seq.append(_node(events, event, depth + 1))
    raise YamlDataError(seq.line, "unterminated sequence")


def _mapping(events: Iterator[Any], start: Any, depth: int) -> Map:
    mapping = Map()
    mapping.line, mapping.key_lines = _line(start), {}
    for event in events:
        if isinstance(event, yaml.MappingEndEvent):
            return mapping
        key = _node(events, event, depth + 1)
        if not isinstance(key, str):
            raise YamlDataError(_line(event), f"mapping key {key!r} is not a string")
        if key in mapping:
            raise YamlDataError(_line(event), f"duplicate key {key!r} (first on line {mapping.key_lines[key]})")
        mapping.key_lines[key] = _line(event)
        mapping[key] = _node(events, next(events), depth + 1)
    raise YamlDataError(mapping.line, "unterminated mapping")
