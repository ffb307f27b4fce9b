"""What the narrative reader (ingest/facts.py) reads from a sentence: each sentence below is
printed so in a real disclosure of the national corpus, named beside it."""

from decimal import Decimal as D

from caiwen.ingest.facts import Fact, outline_to_facts
from caiwen.ingest.sections import Outline, Paragraph, Section


def _facts(text: str, title: str = "一、部门预算情况说明") -> list[Fact]:
    section = Section(id=0, parent=None, rank=1, title=title, page=1)
    outline = Outline(sections=[section], paragraphs=[Paragraph(text, 0, 1)], table_sections=[])
    return outline_to_facts(outline, [])


def test_a_sentence_under_a_title_naming_a_metric_is_of_that_metric() -> None:
    # 福州市商务局 2026: the 三公 items are titles, their sentences name no subject
    said = "2026年预算安排6.10万元，比上年减少0.10万元，下降1.61%。"
    (stated,) = _facts(said, "（二）公务接待费")
    assert (stated.metric, stated.value, stated.delta) == ("公务接待费", D("6.10"), D("-0.10"))
    (flat,) = _facts("2026年预算安排70.00万元，与上年持平。", "（一）因公出国（境）经费")
    assert (flat.metric, flat.value, flat.direction) == ("因公出国（境）费", D("70.00"), "持平")
    assert _facts("2026年预算安排6.10万元。", "（二）其他说明") == []


def test_a_change_against_last_years_execution_keeps_its_base() -> None:
    # 湖州市退役军人事务局 2026
    (said,) = _facts("湖州市退役军人事务局2026年收入预算6256.31万元，比上年执行数减少336.67万元")
    assert (said.metric, said.base, said.delta) == ("本年收入合计", "上年执行数", D("-336.67"))


def test_a_second_change_of_a_figure_in_its_sentence_is_not_its_own() -> None:
    # 国家信访局 2026 (filed under 武汉): after a part set aside (扣除中央基建后), the change is of
    # what is left, not of the figure the sentence states
    said = (
        "国家信访局2026年一般公共预算当年财政拨款16,474.82万元,比2025年执行数减少20,766.6万元，"
        "减幅55.76%，扣除中央基建后比2025年执行数增加2,775.6万元，增幅20.26%。"
    )
    (stated,) = _facts(said)
    assert (stated.value, stated.delta, stated.direction, stated.base) == (
        D("16474.82"),
        D("-20766.6"),
        "减少",
        "2025年执行数",
    )


def test_a_change_stated_as_less_than_its_base_is_a_decrease_from_that_base() -> None:
    # 江苏省人民检察院 2017: 小于 with its base said after it
    said = "3．公务接待费预算支出156.55万元，本年数小于上年预算数29.65万元，主要是严格落实规定。"
    (stated,) = _facts(said)
    assert (stated.metric, stated.value, stated.delta, stated.base) == (
        "公务接待费",
        D("156.55"),
        D("-29.65"),
        "上年预算数",
    )
    assert [f.delta for f in _facts("培训费预算70.00万元，单价大于30万元。")] == [None]


def test_a_name_running_on_into_an_expense_of_its_own_states_none_of_the_name() -> None:
    # 深圳市财政局 2026: 政府采购业务费 is a part of a project, not the 政府采购
    said = "市本级政府采购业务费3600.00万元，用于支付市本级政府采购业务的交易服务费。"
    assert _facts(said) == []
    (bought,) = _facts("纳入2026年部门预算的政府采购项目共有3,790.75万元。")
    assert (bought.metric, bought.value) == ("政府采购", D("3790.75"))


def test_a_change_whose_subject_is_the_budget_as_a_whole_is_the_totals() -> None:
    # 长沙市信访局 2026: the change of 支出 said in a sentence of its own, against 去年
    said = _facts(
        "2026年本单位支出预算1935.36万元，其中：一般公共服务支出1935.36万元。"
        "支出较去年增加54.13万元，上升2.88%。主要是本年较上年增加两人，人员经费增加。"
    )
    total = [f for f in said if f.metric == "本年支出合计"]
    assert [(f.value, f.delta, f.percent, f.base) for f in total] == [
        (None, D("54.13"), D("2.88"), "去年")
    ]
    # 长春市信访局（本级） 2026: “2026年预算比2025年预算增加…” is the whole's change too
    said = _facts("2026年预算比2025年预算增加50.32万元，增长3.08%。主要是人员经费的正常增长。")
    assert [(f.metric, f.delta) for f in said] == [("本年支出合计", D("50.32"))]


def test_a_year_compared_with_itself_is_a_slip_for_the_year_after() -> None:
    # 重庆市气象局 2026: “2025年“三公”经费预算13.85万元,比2025年减少5.45万元”
    said = _facts("2025年“三公”经费预算13.85万元,比2025年减少5.45万元。")
    assert [(f.metric, f.value, f.delta, f.year) for f in said] == [
        ("三公经费", D("13.85"), D("-5.45"), 2026)
    ]


def test_a_change_called_roughly_flat_keeps_its_amount() -> None:
    # 杭州市气象局 2026: the change is stated, and 与上年基本持平 only calls it small
    said = _facts(
        "2026年支出预算5,876.67万元，比上年执行数增加48.92万元，增长0.8%，与上年基本持平。"
    )
    total = [f for f in said if f.metric == "本年支出合计"]
    assert [(f.value, f.delta, f.percent, f.direction) for f in total] == [
        (D("5876.67"), D("48.92"), D("0.8"), "增长")
    ]
    # 重庆市人民政府办公厅 2026: a part said flat with no amount of its own is flat
    said = _facts(
        "2026年“三公”经费预算394.49万元，较2025年减少2.48万元，其中：因公出国（境）费用184.49万元，与2025持平；"
    )
    assert [(f.metric, f.delta) for f in said if f.metric == "因公出国（境）费"] == [
        ("因公出国（境）费", D(0))
    ]


def test_no_change_said_in_a_sentence_naming_nothing_is_of_the_paragraphs_first_amount() -> None:
    # 郑州市国土资源局土地储备中心 2015 (an HTML page): 和…相比 compares, and 未发生增减变化
    # is flat, of the 三公经费 the paragraph opens with, not of the last part listed
    said = _facts(
        "2015年度，郑州市土地储备中心“三公经费”预算数为71万元，其中：公务车辆运行维护费预算51万元；"
        "公务接待费预算20万元。和2014年相比未发生增减变化。",
        "四、“三公经费”增减变化原因说明",
    )
    assert [(f.metric, f.value, f.base, f.delta, f.direction) for f in said] == [
        ("三公经费", D("71"), "2014年", D(0), "持平"),
        ("公务用车运行费", D("51"), None, None, None),
        ("公务接待费", D("20"), None, None, None),
    ]


def test_a_comparison_with_the_year_of_an_amount_said_second_is_of_the_first() -> None:
    # 长春市信访局 2026: 9.23 is 2025's, the base; the change is of 2026's 7.61
    said = _facts(
        "2026年“三公经费”预算数为7.61万元，2025年预算数为9.23万元，和2025年相比预算减少1.62万元。",
        "四、三公经费",
    )
    assert [(f.value, f.year, f.base, f.delta) for f in said] == [
        (D("7.61"), 2026, "2025年", D("-1.62")),
        (D("9.23"), 2025, None, None),
    ]


def test_a_change_explained_by_its_parts_changes_states_each_parts_change() -> None:
    # 重庆市经济和信息化委员会 2026 (p2): the parts of all funds, not the 一般公共预算 ones of p3
    said = _facts(
        "（二）支出预算：2026年年初预算数244,895.02万元。支出比2025年减少10,586.36万元，"
        "主要是基本支出增加2,747.86万元，项目支出减少13,334.22万元。"
    )
    assert [(f.metric, f.value, f.delta, f.base) for f in said] == [
        ("本年支出合计", D("244895.02"), D("-10586.36"), "2025年"),
        ("基本支出", None, D("2747.86"), "2025年"),
        ("项目支出", None, D("-13334.22"), "2025年"),
    ]
    # a reason's amount named by no part's change is no fact (长沙市信访局 2026)
    said = _facts("支出较去年增加54.13万元，上升2.88%。主要是本年较上年增加两人，人员经费增加。")
    assert [f.metric for f in said] == ["本年支出合计"]


def test_counts_are_read_by_their_measure_words_after_what_they_count() -> None:
    # 国家信访局 2024 决算: 批次 and 人次 after 公务接待
    said = _facts(
        "3.公务接待情况2024 年度，国家信访局使用一般公共预算财政拨款支出的公务接待 10 批次、"
        "152 人次，全部为国内公务接待，没有外宾接待支出。"
    )
    counts = [(f.metric, f.value) for f in said if f.kind == "count"]
    assert counts == [("公务接待批次", D(10)), ("公务接待人次", D(152))]
    # 佛山市轨道交通局 2019 决算: 次 and 人 after 国内接待, not the foreign visitors before it
    said = _facts(
        "共接待国外来访团组 0个，来访外宾 0人次；发生国内接待 1次，接待人数共 13人，主要包括"
        "接待其他省市交通局参观所产生的费用"
    )
    counts = [(f.metric, f.value) for f in said if f.kind == "count"]
    assert counts == [("公务接待批次", D(1)), ("公务接待人次", D(13))]
    # 国家信访局 2024 决算: the trips' groups and people, each in a clause of its own
    said = _facts(
        "2024 年度共执行因公出国（境）团组数 1 个；全年因公出国（境）累计 1 人次；"
        "全年因公出国（境）费支出 4.69 万元。"
    )
    counts = [(f.metric, f.value) for f in said if f.kind == "count"]
    assert counts == [("因公出国团组数", D(1)), ("因公出国人数", D(1))]


def test_no_change_said_in_a_sentence_of_its_own_is_of_the_amount_stated_before() -> None:
    # 长沙市公安局 2025: the amount, then 与 2024 年持平 (a space after 与, as the text prints it)
    said = _facts(
        "2025 年“三公”经费预算数为458.50万元。2025 年“三公”经费预算与 2024 年持平，主要是"
        "“三公”经费支出水平保持不变。"
    )
    assert [(f.metric, f.value, f.delta, f.base) for f in said] == [
        ("三公经费", D("458.50"), D(0), "2024年")
    ]


def test_the_kinds_of_purchase_are_their_own_not_the_whole_purchases() -> None:
    # 江苏省高级人民法院 2017 and 江苏省政协办公厅 2017
    said = _facts("2017年我部门政府采购预算总金额为3742.4万元，其中拟购买货物525.4万元；")
    assert [(f.metric, f.value) for f in said] == [
        ("政府采购", D("3742.4")),
        ("政府采购货物", D("525.4")),
    ]
    said = _facts(
        "其中，货物类政府采购支出预算259.32万元,占20.40%；服务类政府采购支出预算1,011.90万元。"
    )
    assert [(f.metric, f.value) for f in said if f.kind == "amount"] == [
        ("政府采购货物", D("259.32")),
        ("政府采购服务", D("1011.90")),
    ]


def test_a_class_named_with_its_level_alone_is_that_class() -> None:
    # 江苏省人大常委会 2019: a 类 written with （类） before 支出, no 款 or 项 after it
    said = (
        "3．住房保障（类）支出3301.2万元，主要用于住房公积金和提租补贴，与上年相比增加1178.82"
        "万元，增长55.54%。"
    )
    (stated,) = _facts(said)
    assert (stated.metric, stated.value, stated.delta) == (
        "住房保障支出",
        D("3301.2"),
        D("1178.82"),
    )
    item = "1．住房改革支出（类）住房公积金（项）752.9万元，与上年相比增加180.34万元。"
    assert "住房改革支出" not in [f.metric for f in _facts(item)]  # a 款 written （类）, 项 after


def test_a_change_stated_with_no_base_takes_its_sections_base() -> None:
    # 烟台市大数据局 2026: the lead-in compares with 上年, its items (a section under it) do not
    sections = [
        Section(id=0, parent=None, rank=1, title="一、预算收支增减变化情况说明", page=1),
        Section(id=1, parent=0, rank=2, title="（三）增减变化情况", page=1),
    ]
    lead = "（三）增减变化情况：2026年收支预算7,503.31万元，比上年减少1,226.81万元，其中："
    item = "2.支出预算减少1,226.81万元，其中基本支出增加92.17万元，项目支出减少1,318.98万元。"
    paragraphs = [Paragraph(lead, 0, 1), Paragraph(item, 1, 1)]
    outline = Outline(sections=sections, paragraphs=paragraphs, table_sections=[])
    changes = {f.metric: (f.delta, f.base) for f in outline_to_facts(outline, [])}
    assert changes["基本支出"] == (D("92.17"), "上年")
    assert changes["项目支出"] == (D("-1318.98"), "上年")


def test_the_whole_is_stated_after_any_bodys_name_and_a_second_name_in_brackets() -> None:
    # 上海市花卉良种试验场 2026 (a 场), 上海市统计和大数据研究院（上海市统计数据管理中心） 2026
    said = _facts(
        "2026年，上海市花卉良种试验场收入预算833万元，其中：财政拨款收入833万元，"
        "比2025年预算减少136万元；事业收入0万元；"
    )
    assert [(f.metric, f.value, f.delta) for f in said][:2] == [
        ("本年收入合计", D("833"), None),
        ("财政拨款收入", D("833"), D("-136")),
    ]
    said = _facts(
        "2026年，上海市统计和大数据研究院（上海市统计数据管理中心）收入预算2,616万元，其中："
        "财政拨款收入2,605万元，比2025年预算减少12万元；"
    )
    assert [(f.metric, f.value) for f in said] == [
        ("本年收入合计", D("2616")),
        ("财政拨款收入", D("2605")),
    ]


def test_a_name_running_on_into_a_service_bought_is_no_figure_of_its_own() -> None:
    # 深圳市人民政府口岸办公室 2026: 物业管理服务 of a transfer project is no 物业管理费
    said = _facts(
        "3.上级转移支付项目10,289.74万元,主要包括：广深港高铁西九龙站内地口岸区物业管理服务"
        "2,520.00万元，上年结转122.31万元，用于广深港高铁西九龙内地口岸区运行维护工作。"
    )
    assert "物业管理" not in {f.metric for f in said}


def test_a_count_written_in_characters_is_read_as_its_number() -> None:
    # 长春市信访局 2026: the projects with targets counted in characters before what they are
    said = "2026年向社会公开四个二级项目支出绩效目标和指标，公开金额474.56万元。"
    counted = [(f.metric, f.value) for f in _facts(said, "十二、项目支出绩效目标情况说明")]
    assert ("绩效目标项目数", D("4")) in counted


def test_money_left_over_from_last_year_is_not_this_years_income_of_its_fund() -> None:
    # 无锡市水利局 2026 (filed as 水务局): a fund's carry-over is no income of that fund this year
    said = _facts(
        "本年一般公共预算收入 64,092.25 万元，占 73.33%；本年其他收入 23,312.65 万元，占 26.67%；"
        "上年结转结余的一般公共预算收入 0 万元，占 0%；上年结转结余的单位资金 0 万元，占 0%。",
        "二、收入预算情况说明",
    )
    stated = [(f.metric, f.value) for f in said if f.value is not None]
    assert stated == [("一般公共预算财政拨款收入", D("64092.25")), ("其他收入", D("23312.65"))]


def test_a_title_stating_an_amount_states_it_before_its_sentences() -> None:
    # 北京市教育委员会 2026: the income's parts are headings of their own, each with its amount
    sections = [
        Section(id=0, parent=None, rank=1, title="二、收入预算情况说明", page=7),
        Section(id=1, parent=0, rank=2, title="（一）本年财政拨款收入2503527.73万元", page=7),
        Section(id=2, parent=1, rank=3, title="（二）本年其他资金收入839965.26万元…", page=8),
    ]
    said = Paragraph("2026年度收入预算4483899.83万元。", 0, 7)
    outline = Outline(sections=sections, paragraphs=[said], table_sections=[])
    facts = outline_to_facts(outline, [])
    assert [(f.metric, f.value, f.page) for f in facts][:2] == [
        ("本年收入合计", D("4483899.83"), 7),
        ("财政拨款收入", D("2503527.73"), 7),
    ]
    assert facts[1].quote == "本年财政拨款收入2503527.73万元"


def test_a_note_left_for_whoever_fills_the_template_in_is_no_part_of_its_sentence() -> None:
    # 烟台市水利局 2026: the template's note to its drafters stands inside the count's sentence
    said = (
        "烟台市水利局2026年政策和项目全面实施绩效目标管理，涉及一级（注：部门预算公开请保留"
        "“一级”字样，单位预算公开请删除。修改时删除此注释）预算项目24个，预算资金3274.33万元，"
        "其中财政拨款3274.33万元。"
    )
    found = [(f.metric, f.value) for f in _facts(said, "七、预算绩效管理情况说明")]
    assert ("绩效目标项目数", D(24)) in found
    assert ("绩效目标金额", D("3274.33")) in found


def test_a_decrease_said_with_jiandi_is_a_decrease() -> None:
    # 长春市信访局 2026: 减低 of a 公务接待费 against the year before
    said = _facts("2026年公务接待费为0.86万元，和2025年相比预算减低0.27万元，主要原因是过紧日子。")
    changed = [(f.metric, f.delta) for f in said if f.delta is not None]
    assert changed == [("公务接待费", D("-0.27"))]
