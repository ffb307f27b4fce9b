"""The names a question uses, found among the labels the documents print: a year alone is no
name, though labels begin with one (2024年中国高品质住宅发展论坛次数, 深圳市住房和建设局)."""

from caiwen.service.lexicon import Lexicon

LABELS = ["2024年中国高品质住宅发展论坛次数", "2024年发行债券半年利率", "2024年经费"]


def test_a_year_is_no_printed_name() -> None:
    lexicon = Lexicon({}, LABELS)
    assert lexicon.find("万里街道2023年的项目支出比2024年多多少？", []) == []


def test_a_label_said_is_found() -> None:
    lexicon = Lexicon({}, LABELS)
    assert lexicon.find("2024年发行债券半年利率是多少", []) == [(0, 13, "2024年发行债券半年利率")]
