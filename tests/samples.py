"""Small fact files the tests build on: one good fact and the entity it names."""

ENTITIES = """\
entities:
  - id: 江苏
    kind: province
    aliases: [江苏省]
    english: Jiangsu
"""

GOOD_FACT = """\
source: s.txt
facts:
  - id: js-5g
    subject: 江苏
    metric: 新建5G基站
    kind: count
    value: "52000"
    unit: 座
    as_written: 5.2万座
    quote: 全年新建5G基站5.2万座。
    keywords: [new 5G base stations]
"""

SPECS = """\
    specs:
      - agree: 江苏今年将新建5G基站5.2万座。
      - flag: 江苏今年将新建5G基站5.3万座。
        reason: value
"""
