"""The small pieces of the pipeline, each on the inputs that made it necessary."""

from decimal import Decimal as D

import pytest

from caiwen.ingest.chunks import sentences
from caiwen.ingest.codes import join_code, split_leading_code
from caiwen.ingest.layout import LayoutSettings, chars_to_lines
from caiwen.ingest.numbers import parse_amount, plain, small_count, to_wan
from caiwen.ingest.plaintext import block_to_table
from caiwen.ingest.tables import raw_to_table
from caiwen.ingest.text import tidy


def char(text: str, x0: float, top: float, size: float = 12.0) -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size / 2,
        "top": top,
        "bottom": top + size,
        "size": size,
    }


def test_a_number_set_lower_in_another_font_stays_in_its_sentence() -> None:
    # “总计” at top 183.05, “2995.39” at top 187.93 (the real 财政局 PDF, page 21)
    chars = [
        char("计", 0, 183.05),
        *(char(c, 6 + 6 * i, 187.93) for i, c in enumerate("2995.39")),
        char("万", 48, 183.05),
        char("元", 54, 183.05),
        char("与", 0, 211.0),
    ]
    lines = chars_to_lines(chars)
    assert [line.text for line in lines] == ["计2995.39万元", "与"]


def test_layout_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="line_overlap"):
        LayoutSettings(line_overlap=0)
    with pytest.raises(ValueError, match="word_gap"):
        LayoutSettings(word_gap=-1)


@pytest.mark.parametrize(
    ("raw", "tidied"),
    [
        ("因 公 出 国 （ 境 ） 费", "因公出国（境）费"),
        ("与 2023 年度相比", "与2023年度相比"),
        ("0.95   0.95", "0.95 0.95"),
    ],
)
def test_spaces_around_cjk_are_collapsed(raw: str, tidied: str) -> None:
    assert tidy(raw) == tidied


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,940.05", D("2940.05")),
        ("156,211,123", D("156211123")),
        ("0", D("0")),
        ("-12.5", D("-12.5")),
        ("", None),
        ("-", None),
        ("—", None),
        ("合计", None),
        ("1,23", None),
    ],
)
def test_amounts_parse_exactly_and_blanks_are_no_value(text: str, value: D | None) -> None:
    assert parse_amount(text) == value


def test_元_converts_to_万元_exactly() -> None:
    assert plain(to_wan(D("156211123"), "元")) == "15621.1123"
    assert plain(to_wan(D("16623810"), "元")) == "1662.381"
    assert plain(to_wan(D("10.00"), "万元")) == "10"


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        (["201", "06", "01"], "2010601"),
        (["301", "2"], "30102"),
        (["2013901"], "2013901"),
        (["302", "", "01"], "30201"),
        (["7", "11", "02"], None),
        (["201 06 01"], "2010601"),
    ],
)
def test_subject_codes_are_joined_from_their_cells(parts: list[str], code: str | None) -> None:
    assert join_code(parts) == code


def test_a_code_printed_in_the_label_cell_is_split_off() -> None:
    assert split_leading_code("2080505 机关事业单位基本养老保险缴费支出") == (
        "2080505",
        "机关事业单位基本养老保险缴费支出",
    )
    assert split_leading_code("2024年预算") == (None, "2024年预算")


def test_sentences_keep_closing_quotes_and_never_split_numbers() -> None:
    text = "支出3.86万元。“三公”经费减少。主要原因是厉行节约"
    assert sentences(text) == ["支出3.86万元。", "“三公”经费减少。", "主要原因是厉行节约"]


def test_text_table_header_spans_follow_their_parent() -> None:
    rows = [
        "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
        "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费",
        "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t",
        "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
        "7.8\t0\t5\t0\t5\t2.8\t3.86\t0\t2.93\t0\t2\t0.93",
    ]
    table = raw_to_table(block_to_table([row.split("\t") for row in rows]))
    values = {c.column: c.value for c in table.rows[0].cells}
    assert values["决算数/公务用车购置及运行费/小计"] == D("2.93")
    assert values["决算数/公务接待费"] == D("0.93")
    assert values["预算数/合计"] == D("7.8")
    assert len(table.rows) == 1


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("4", 4),
        ("四", 4),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("百", None),
        ("十十", None),
        ("", None),
    ],
)
def test_small_counts_are_read_in_digits_or_characters(said: str, count: int | None) -> None:
    assert small_count(said) == count
