"""The evaluation scorer: what counts as a correct answer, a hit citation, a made-up number."""

from caiwen.eval.cases import Case
from caiwen.eval.scorer import score
from caiwen.service.answer import Answer, AnswerCitation, AnswerValue

FILE = "石峰区政务服务中心2018年度部门决算.txt"


def case(**expect: object) -> Case:
    return Case.model_validate(
        {
            "id": "t-1",
            "question": "三公经费比上年变化多少",
            "type": "yoy",
            "scope": {"department": "株洲市石峰区政务服务中心", "year": 2018},
            "expect": {
                "numbers": [3.86, 0.5, 11.47],
                "must_mention": ["减少"],
                "citation": {"file": FILE, "page": None, "where": "三公"},
                **expect,
            },
        }
    )


def answer(
    text: str, *, refused: bool = False, values: tuple[float, ...] = (3.86, -0.5, -11.47)
) -> Answer:
    return Answer(
        answer=text,
        refused=refused,
        session_id="s",
        values=[
            AnswerValue(name="x", value=v, unit="万元", department="d", year=2018, kind="决算")
            for v in values
        ],
        citations=[
            AnswerCitation(
                n=1,
                document_id="d",
                file=FILE,
                department="d",
                year=2018,
                kind="决算",
                table="一般公共预算财政拨款“三公”经费支出决算表",
                quote="3.86",
            )
        ],
    )


def test_a_correct_answer() -> None:
    result = score(case(), answer("“三公”经费3.86万元，比上年减少0.50万元（下降11.47%）[1]。"))
    assert result.correct and result.citation_hit and result.citation_precision == 1.0
    assert result.fabricated == []


def test_a_missing_figure_or_word_fails() -> None:
    result = score(case(), answer("“三公”经费3.86万元[1]。", values=(3.86,)))
    assert (
        not result.correct
        and result.missing_numbers == [0.5, 11.47]
        and result.missing_words == ["减少"]
    )


def test_a_made_up_number_is_fabrication() -> None:
    result = score(
        case(), answer("“三公”经费3.86万元，比上年减少0.50万元（下降11.47%），约合人均52.3元[1]。")
    )
    assert result.fabricated == ["52.3"]


def test_a_number_of_a_cited_table_title_is_no_fabrication() -> None:
    text = "“三公”经费3.86万元，比上年减少0.50万元（下降11.47%），见《预算表11》[1]。"
    cited = answer(text)
    cited.citations[0].table = "预算表11 三公经费支出表"
    assert score(case(), cited).fabricated == []
    assert score(case(), answer(text)).fabricated == ["11"]


def test_a_number_of_the_label_a_value_is_printed_under_is_no_fabrication() -> None:
    text = "“三公”经费3.86万元，比上年减少0.50万元（下降11.47%），泉州市12345热线中心[1]。"
    labelled = answer(text)
    labelled.values[0].name = "泉州市12345热线中心"
    assert score(case(), labelled).fabricated == []
    assert score(case(), answer(text)).fabricated == ["12345"]


def test_the_number_in_a_metrics_name_is_no_fabrication() -> None:
    """“单价100万元以上设备数” named in a refusal, or 50万元以上设备 offered instead: names."""
    text = "没有公开“单价100万元以上设备数”的数字。您是否想问：50万元以上设备。"
    assert score(case(), answer(text)).fabricated == []
    assert score(case(), answer("设备100台。")).fabricated == ["100"]


def test_a_numbered_item_quoted_before_its_year_is_no_fabrication() -> None:
    """北京市卫生健康委员会's 2026 budget: “情况说明1.2026年，…” is item 1 of 2026, not 1.2026."""
    quoted = answer("说明中写道：“（五）转移支付项目绩效目标情况说明1.2026年，已安排3.86万元。”[1]")
    quoted.citations[0].quote = "（五）转移支付项目绩效目标情况说明1.2026年，已安排3.86万元。"
    assert score(case(), quoted).fabricated == []
    assert score(case(), answer(quoted.answer)).fabricated == ["1"]


def test_the_digits_of_a_document_id_in_a_link_are_no_figure() -> None:
    text = "“三公”经费3.86万元[1]。其余各处可在 /api/documents/d1183ea197b15/audit 查看。"
    assert score(case(), answer(text)).fabricated == []


def test_refusals_must_match() -> None:
    assert not score(case(refuse=True, numbers=[], must_mention=[]), answer("3.86")).correct
    assert score(
        case(refuse=True, numbers=[], must_mention=["没有"]), answer("没有公开。", refused=True)
    ).correct


def test_a_citation_into_another_file_misses() -> None:
    wrong = answer("“三公”经费3.86万元，比上年减少0.50万元（下降11.47%）[1]。")
    wrong.citations[0].file = "other.pdf"
    result = score(case(), wrong)
    assert result.citation_hit is False and result.citation_precision == 0.0
