"""Make `src/factcheck/traditional.py`: the characters that tell a text holds traditional Chinese.

    python tests/traditional_chars.py

They are what OpenCC's s2t, s2tw and s2hk write for GB2312's 6,763 simplified characters,
less those GB2312 holds itself (后 and 後 are both simplified): the characters traditional
text is made of and simplified text never holds. tests/test_reading.py checks the module is
what this script makes with the installed OpenCC.
"""

from __future__ import annotations

from pathlib import Path

import opencc

MODULE = Path(__file__).resolve().parents[1] / "src" / "factcheck" / "traditional.py"
PER_LINE = 50

HEADER = '''"""The characters that tell a text holds traditional Chinese (generated: do not edit).

`python tests/traditional_chars.py` makes this module from OpenCC {version}: every
character its s2t, s2tw and s2hk configurations write for one of GB2312's 6,763
simplified characters, unless GB2312 holds it too. A text holding none of them is
read as it is, without loading OpenCC.
"""

TRADITIONAL = frozenset(
'''


def gb2312() -> list[str]:
    """Every character of GB2312's hanzi rows (16-87), in code order."""
    found = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def opencc_traditional() -> frozenset[str]:
    simplified = gb2312()
    found: set[str] = set()
    for config in ("s2t", "s2tw", "s2hk"):
        written = opencc.OpenCC(config).convert("\n".join(simplified)).split("\n")
        assert len(written) == len(simplified), config
        found.update(char for form in written for char in form if not in_gb2312(char))
    return frozenset(found)


def module_text() -> str:
    chars = "".join(sorted(opencc_traditional()))
    lines = [f'    "{chars[i:i + PER_LINE]}"' for i in range(0, len(chars), PER_LINE)]
    return HEADER.format(version=opencc.__version__) + "\n".join(lines) + "\n)\n"


if __name__ == "__main__":
    MODULE.write_text(module_text(), encoding="utf-8")
    print(f"wrote {MODULE}")
