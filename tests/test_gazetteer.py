"""The gazetteer finds names as one longest-first regex alternation would.

`Gazetteer.names_in` looks names up by their first character instead of
compiling an alternation of every name; the alternation is kept here as the
reference it must agree with. An English name is looked for only where a word
starts (`find` keeps only whole words), and so it is in the reference.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.gazetteer import ANAPHORA, Gazetteer
from factcheck.model import Entity

ENTITIES = {
    e.id: e for e in (
        Entity("江苏", "province", ("江苏省", "苏"), "Jiangsu"),
        Entity("南京", "city", ("南京市",), "Nanjing", parent="江苏"),
        Entity("南京江北新区", "district", (), "Jiangbei New Area", parent="南京"),
        Entity("海南", "province", ("海南省",), "Hainan"),
    )
}
# Names, their pieces and other characters, so that names touch, nest and break off.
PIECES = ["江苏", "江苏省", "南京", "南京市", "南京江北", "江北新区", "新区", "海南", "全省", "全国", "本市",
          "jiangsu", "nanjing", "Hainan", "xjiangsu", "5nanjing", *"江苏省南京市北海全本 ,。jnJH"]


def reference(gazetteer: Gazetteer, folded: str) -> list[tuple[int, int, str]]:
    def alternative(name: str) -> str:
        english = name.isascii() and name[0].isalpha()
        return ("(?<![a-z0-9])" if english else "") + re.escape(name)

    pattern = re.compile("|".join(map(alternative, sorted(gazetteer._names, key=len, reverse=True))))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(folded)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_names_are_found_as_the_alternation_finds_them(text: str) -> None:
    gazetteer = Gazetteer(ENTITIES)
    folded = text.lower()
    assert list(gazetteer.names_in(folded)) == reference(gazetteer, folded)


def test_the_longest_name_wins_and_names_do_not_overlap() -> None:
    gazetteer = Gazetteer(ENTITIES)
    found = [word for _, _, word in gazetteer.names_in("南京江北新区和南京市、江苏省全省")]
    assert found == ["南京江北新区", "南京市", "江苏省", "全省"]
    assert "全省" in ANAPHORA


def test_no_entities_finds_only_anaphora() -> None:
    assert [w for _, _, w in Gazetteer({}).names_in("全省南京")] == ["全省"]
