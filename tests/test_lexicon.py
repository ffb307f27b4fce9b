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


def test_a_slip_is_written_right_before_the_names_around_it_are_read() -> None:
    """政府菜购支出总额: with 采 in place of 菜, 政府采购支出 is the name, not 政府采购 and
    支出总额."""
    lexicon = Lexicon(
        {"政府采购": "政府采购", "政府采购支出": "政府采购", "支出总额": "本年支出合计"}, []
    )
    assert lexicon.find("政府菜购支出总额多少", []) == [(0, 6, "政府采购")]
