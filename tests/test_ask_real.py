"""The rules planner on questions people type, over the published disclosures: each answer
must hold the figures and cite where they are printed."""

import pytest

from caiwen.service.answer import Answer
from caiwen.service.planner import Scope
from tests.support import Ingested

pytestmark = pytest.mark.real_corpus

SFQ = Scope("石峰区政务服务中心", 2018)
CZJ = Scope("上海市普陀区财政局", 2024)
SGB = Scope("中共上海市普陀区委社会工作部", 2024)
WL24 = Scope("万里街道办事处", 2024)
FLY = Scope("上海市普陀区社会福利院", 2024)
NONE = Scope()

SANGONG_TABLE = "“三公”经费支出决算表"

# (question, scope, figures the answer text must hold, text a citation must hold)
CASES = [
    ("三公经费比上年变化多少", SFQ, ["3.86", "0.50", "11.47"], SANGONG_TABLE),
    ("三公经费比去年少了多少？", SFQ, ["3.86", "0.50"], "七、"),
    ("三公经费同比变化", SFQ, ["3.86", "11.47"], "七、"),
    ("招待费花了多少", SFQ, ["0.93"], SANGONG_TABLE),
    ("请客吃饭花了多少钱", SFQ, ["0.93"], SANGONG_TABLE),
    ("公车费用是多少？", SFQ, ["2.93"], SANGONG_TABLE),
    ("出国花了多少钱", SFQ, ["0.00"], SANGONG_TABLE),
    ("三公经费预算完成率是多少", SFQ, ["3.86", "7.80", "49.49"], SANGONG_TABLE),
    ("三公经费花了预算的多少", SFQ, ["49.49"], SANGONG_TABLE),
    ("三公经费由哪些构成", SFQ, ["3.86", "2.93", "0.93"], SANGONG_TABLE),
    ("三公经费分别是多少", SFQ, ["2.93", "0.93"], SANGONG_TABLE),
    ("基本支出占本年支出合计的比例", SFQ, ["102.93", "403.21", "25.53"], "支出决算表"),
    ("项目支出占比多少", SFQ, ["300.28", "74.47"], "支出决算表"),
    ("人员经费多少", SFQ, ["81.51"], "基本支出决算表"),
    ("人头费是多少", SFQ, ["81.51"], "基本支出决算表"),
    ("公用经费是多少", SFQ, ["21.42"], "基本支出决算表"),
    ("劳务费多少", SFQ, ["11.73"], "基本支出决算表"),
    ("财政拨款收入多少", SFQ, ["403.08"], "收入决算表"),
    # how 收入 and 支出 meet: this year's income and last year's carry-over against the
    # spending; what is left over is carried to next year
    (
        "收入和支出对得上吗",
        CZJ,
        ["2946.25", "49.14", "2995.39", "2940.05", "55.34"],
        "收入支出决算总表",
    ),
    ("收支平衡吗", SFQ, ["403.08", "0.13", "403.21", "两者一致"], "收入支出决算总表"),
    ("一共花了多少钱", SFQ, ["403.21"], "收入支出决算总表"),
    ("年初结转和结余", SFQ, ["0.13"], "收入支出决算总表"),
    ("公务接待了多少批次", SFQ, ["12"], "七、"),
    ("接待了多少人次", SFQ, ["200"], "七、"),
    ("单位有几辆车", SFQ, ["1"], "七、"),
    ("政府采购花了多少", SFQ, ["180.44"], "十、"),
    ("行政运行支出多少", SFQ, ["102.93"], "支出决算表"),
    ("2010302是多少", SFQ, ["20.22"], "支出决算表"),
    ("机关运行经费多少", SFQ, ["21.42"], "十、"),
    ("三公经费是多少", SFQ, ["3.86"], SANGONG_TABLE),
    ("会议费多少", SFQ, ["0.18"], "基本支出决算表"),
    ("培训费", SFQ, ["0.88"], "基本支出决算表"),
    ("办公费多少", SFQ, ["3.30"], "基本支出决算表"),
    ("基本工资是多少", SFQ, ["18.84"], "基本支出决算表"),
    ("养老保险交了多少", SFQ, ["7.33"], "基本支出决算表"),
    ("公积金", SFQ, ["6.05"], "基本支出决算表"),
    ("基本支出由哪些构成", SFQ, ["102.93", "81.51", "21.42"], "基本支出决算表"),
    ("支出比上年增加了多少", SFQ, ["403.21", "214.88", "114.10"], "一、"),
    ("２０１８年三公经费多少？", SFQ, ["3.86"], SANGONG_TABLE),
    ("2O18年三公经费", SFQ, ["3.86"], SANGONG_TABLE),
    ("　　三公经费　多少　", SFQ, ["3.86"], SANGONG_TABLE),
    ("石峰区政务服务中心2018年的三公经费是多少", NONE, ["3.86"], SANGONG_TABLE),
    ("政务服务中心三公经费", NONE, ["3.86"], SANGONG_TABLE),
    ("财政局本年收入合计多少", NONE, ["2946.25"], "收入支出决算总表"),
    ("财政局2024年收入支出总计", NONE, ["2995.39"], "收入支出决算总表"),
    ("财政局基本支出占本年支出合计的比例", NONE, ["2336.91", "2940.05", "79.49"], "支出决算表"),
    ("财政局基本支出由哪些构成", NONE, ["2152.26", "184.65"], "基本支出决算表"),
    ("财政局行政运行支出多少", NONE, ["1511.89"], "支出决算表"),
    ("财政局办公费", NONE, ["21.21"], "基本支出决算表"),
    ("财政局有几辆车", NONE, ["0"], "十一、"),
    ("财政局政府采购金额", NONE, ["251.25"], "十一、"),
    ("财政局机关运行经费比上年增加多少", NONE, ["184.65", "2.55", "1.40"], "十一、"),
    ("财政局年末结转和结余", NONE, ["55.34"], "收入支出决算总表"),
    ("财政局年初结转和结余多少", NONE, ["49.14"], "收入支出决算总表"),
    ("财政局其他收入", NONE, ["6.20"], "收入支出决算总表"),
    ("财政局项目支出", NONE, ["603.14"], "支出决算表"),
    ("财政局信息化建设花了多少", NONE, ["135.25"], "支出决算表"),
    ("财政局单价100万元以上设备有几台", NONE, ["2"], "十一、"),
    ("财政局住房公积金", NONE, ["187.19"], "财政局"),
    ("三公经费", CZJ, ["0.00"], "七、"),
    ("一般公共预算财政拨款支出多少", CZJ, ["2940.05"], "一般公共预算财政拨款支出决算表"),
    ("社会工作部本年收入合计", NONE, ["307.82"], "收入支出决算总表"),
    ("社会工作部人员经费", NONE, ["95.36"], "基本支出决算表"),
    ("社会工作部公用经费", NONE, ["10.23"], "基本支出决算表"),
    ("社会工作部政府采购", NONE, ["21.07"], "十一、"),
    ("基本支出占比", SGB, ["105.58", "34.30"], "支出决算表"),
    ("万里街道2024年三公经费比上年变化多少", NONE, ["47.91", "22.91", "25.00", "109.12"], "三公"),
    ("机关运行经费比上年", WL24, ["443.18", "786.09", "342.91", "43.62"], "三公"),
    # two figures against the year before: each with its change
    ("公务接待费和公务用车运行费比上年多了还是少了", WL24, ["1.35", "21.56", "与上年持平"], "三公"),
    ("万里街道公务用车购置费", NONE, ["25.00"], "三公"),
    ("收入总计", WL24, ["15621.11"], "财务收支预算总表"),
    # a fund named as money received, asked how it was spent (一般公共预算拨款: 财政 left out)
    ("一般公共预算拨款全年预算多少、实际支出多少？", SGB, ["321.02", "307.82", "95.89"], "一般"),
    ("一般公共预算拨款实际花了多少，完成率多少", CZJ, ["2993.92", "2940.05", "98.20"], "一般"),
    # the whole's budget, which a 决算 states of its 一般公共预算财政拨款支出 only: that pair,
    # with the budget stated before the one compared (年初预算为0万元，全年预算为321.02万元)
    (
        "社工部2024年的预算一开始是多少？最后实际支出多少？",
        NONE,
        ["0.00", "321.02", "307.82", "95.89"],
        "年初预算为0万元",
    ),
    ("社工部2024年预算和决算各多少", NONE, ["321.02", "307.82"], "一般公共预算财政拨款支出"),
    # a budget against what was spent, said 预算和实际; the gap stated (全年预算 is no kind)
    (
        "事业运行全年预算和实际支出差了多少？",
        SGB,
        ["17.68", "11.31", "比全年预算数少6.37万元"],
        "一般",
    ),
    # the units a disclosure covers as its narrative lists them: numbered, on past a page break
    # (万里街道's sixth, counted where the last number says so), or a unit a line (社工部's two,
    # listed, not counted: a count the quote does not print is not stated)
    (
        "万里街道2024年部门预算包括哪几个单位？",
        NONE,
        ["6.上海市普陀区万里街道综合行政执法队", "共6个"],
        "机构设置",
    ),
    ("社工部的决算包括几个单位？", NONE, ["上海市普陀区社会工作发展服务中心"], "编制范围"),
    # a project a 绩效目标 form names by key and value (项目名称 | 项目资金（元）| 项目资金总额)
    (
        "2023年万里街道“就业援助基地补贴”项目安排了多少钱？",
        NONE,
        ["635.10", "6,351,000.00元"],
        "财政项目支出绩效目标填报表",
    ),
    # last year's figure stated in brackets in the sentence after this year's
    (
        "石峰区政务服务中心2018年财政拨款收入比2017年增长了多少？",
        NONE,
        ["403.08", "177.19", "225.89", "127.48"],
        "2017年度财政拨款收入177.19万元",
    ),
    # a 决算's items ranked by how their budget was executed, as the narrative states each
    ("哪一项执行率最低", SGB, ["事业单位医疗", "2.29", "0.49", "21.40"], "事业单位医疗"),
    ("哪一项支出跟年初预算差得最多", CZJ, ["行政运行", "1560.05", "1511.89", "48.16"], "行政运行"),
    # added up, in 万元 and as the table prints them in 元
    ("会议费和培训费加起来多少", WL24, ["3.00", "8.30", "11.30", "113,000元"], "基本支出"),
    # what was bought: the purchases by kind, as the text states them
    ("财政局2024年采购了多少东西？主要买的是什么？", NONE, ["251.25", "服务246.47"], "十一、"),
    # parts asked whether they add up to their whole: the whole's own parts, or those named
    ("三公经费三项加起来跟总数对得上吗", WL24, ["47.91", "两者一致"], "三公"),
    ("水电费一年多少钱", FLY, ["6.00", "32.00", "38.00", "380,000元"], "基本支出"),
    ("津贴补贴", WL24, ["1662.38"], "经济分类预算表"),
    ("万里街道有几辆车", NONE, ["7"], "其他相关情况说明"),
    ("政府采购预算", WL24, ["1662.44"], "其他相关情况说明"),
    ("公务接待费", WL24, ["1.35"], "三公"),
    ("基本支出", WL24, ["9970.60"], "支出预算总表"),
    ("万里街道2023年三公经费", NONE, ["22.91"], "三公"),
    ("万里街道2023年机关运行经费", NONE, ["786.09"], "三公"),
    ("福利院收入多少", NONE, ["1212.12"], "财务收支预算总表"),
    ("福利院事业收入", NONE, ["262.00"], "财务收支预算总表"),
    ("三公经费", FLY, ["6.40"], "三公"),
    ("公用经费", FLY, ["212.10"], "经济分类预算表"),
    ("福利院有几辆车", NONE, ["2"], "其他相关情况说明"),
    ("2024年决算中哪个部门支出最多", NONE, ["2940.05", "307.82"], "收入支出决算总表"),
    ("2024年哪个部门支出最多", NONE, ["15621.11"], "财务收支预算总表"),
    ("财政局和社会工作部的人员经费对比", NONE, ["2152.26", "95.36", "2056.90"], "基本支出决算表"),
]

REASONS = [
    ("为什么三公经费减少", SFQ, "厉行节约"),
    ("三公经费为啥减少了", SFQ, "厉行节约"),
    ("财政局为什么收入支出总计减少", NONE, "人员进出及退休变化"),
    ("社会工作部为什么收入增长了100%", NONE, "单位于2024年成立"),
    ("万里街道三公经费为什么增加", NONE, "购置公务用车"),
    ("信息化建设为什么没花完预算", CZJ, "产业政策扶持资金管理系统"),
    # spending against the budget asked in everyday words: the reason a 决算 gives for it
    ("事业运行为什么没花完？", SGB, "单位2024年新成立，人员变动"),
    # the duties, quoted from the first of them (the section's second passage ranks higher)
    ("石峰区政务服务中心的主要职能是什么？", NONE, "1、按照“便民、规范、高效、廉洁”的原则"),
]

DEFINITIONS = [
    ("什么是年初结转和结余", SFQ, "以前年度尚未完成"),
    ("三公经费是指什么", CZJ, "因公出国（境）费"),
    ("机关运行经费是什么意思", SFQ, "日常公用经费"),
]

REFUSALS = [
    ("局长工资多少", SFQ, "不公开个人"),
    ("2030年三公经费", SFQ, "没有收录"),
    ("教育局三公经费", NONE, "没有收录“教育局”"),
]


def ask(real: Ingested, question: str, scope: Scope, session: str | None = None) -> Answer:
    return real.engine.ask(question, scope, session)


@pytest.mark.parametrize(
    ("question", "scope", "figures", "cited"), CASES, ids=[c[0] for c in CASES]
)
def test_figures_and_citations(
    real: Ingested, question: str, scope: Scope, figures: list[str], cited: str
) -> None:
    answer = ask(real, question, scope)
    assert not answer.refused, answer.answer
    for figure in figures:
        assert figure in answer.answer, (figure, answer.answer)
    places = [
        " ".join(filter(None, (c.file, c.table, c.section, c.quote))) for c in answer.citations
    ]
    assert any(cited in place for place in places), (cited, places)
    assert answer.tool_calls and answer.planner == "rules"


@pytest.mark.parametrize(("question", "scope", "quote"), REASONS, ids=[c[0] for c in REASONS])
def test_reasons_quote_the_narrative(
    real: Ingested, question: str, scope: Scope, quote: str
) -> None:
    answer = ask(real, question, scope)
    assert quote in answer.answer, answer.answer
    assert any(p.quote and quote in p.quote for c in answer.citations for p in c.places)


def test_a_why_question_whose_premise_is_wrong_says_so_first(real: Ingested) -> None:
    """石峰区's spending rose from 188.33 to 403.21万元: asked why it fell, the answer says it
    rose, then quotes the reason the narrative gives for the rise."""
    answer = ask(real, "2018年支出为什么比上年减少了", SFQ).answer
    assert answer.startswith("需要先说明：本年支出合计比上年增加了，并没有减少。"), answer
    assert "增长原因主要是2018年石峰区成立临时机构石峰区网格中心" in answer, answer
    three = ask(real, "三公经费为什么增加了", SFQ).answer
    assert three.startswith("需要先说明：“三公”经费比上年减少了，并没有增加。"), three


def test_a_clause_adding_up_what_was_named_before_it_sums_them(real: Ingested) -> None:
    """招待费 0.93 asked, then 公车 and the two added up in one question: 2.93 + 0.93 = 3.86."""
    first = ask(real, "招待费花了多少", SFQ)
    added = ask(real, "公车费用呢？两项加起来多少？", SFQ, first.session_id).answer
    assert "2.93" in added and "0.93" in added and "3.86" in added, added


def test_a_quoted_reason_the_audit_contradicts_says_so(real: Ingested) -> None:
    """The narrative's 机关运行经费 rate (204.58% for 104.58%) is one the audit flags: quoting
    it, the answer says so."""
    answer = ask(real, "机关运行经费为什么增加", SFQ).answer
    assert "增长204.58%" in answer
    assert answer.endswith(
        "注意：审核发现这段说明与表格不符——说明文字称机关运行经费增长204.58%，"
        "按其所述21.42万元与基数10.47万元计算应为104.58%。"
    ), answer


@pytest.mark.parametrize(
    ("question", "scope", "words"), DEFINITIONS, ids=[c[0] for c in DEFINITIONS]
)
def test_definitions_come_from_名词解释(
    real: Ingested, question: str, scope: Scope, words: str
) -> None:
    answer = ask(real, question, scope)
    assert words in answer.answer and any("名词解释" in (c.section or "") for c in answer.citations)


@pytest.mark.parametrize(("question", "scope", "says"), REFUSALS, ids=[c[0] for c in REFUSALS])
def test_refusals_invent_nothing(real: Ingested, question: str, scope: Scope, says: str) -> None:
    answer = ask(real, question, scope)
    assert answer.refused and says in answer.answer, answer.answer
    assert (
        not any(
            ch.isdigit()
            for ch in answer.answer.replace("2030", "").replace("2018", "").replace("2024", "")
        )
        or "公开了" in answer.answer
    )


def test_a_metric_written_with_a_slip_of_its_sound_is_that_metric(real: Ingested) -> None:
    answer = ask(real, "三工经费是多少", SFQ)
    assert not answer.refused and "“三公”经费为3.86万元" in answer.answer, answer.answer


def test_a_slip_after_a_shorter_name_is_the_longer_name(real: Ingested) -> None:
    """三公经废: 三公 is a name, but the longer name written with a slip after it is asked."""
    answer = ask(real, "三公经废是多少", SFQ)
    assert not answer.refused, answer.answer
    assert "“三公”经费为3.86万元" in answer.answer and "三公经废" not in answer.answer


# (question, scope, how the answer starts, text the answer holds, the table or section cited)
EXISTENCE = [
    ("今年有没有政府性基金的预算？", WL24, "没有。", "故本表为空表", "政府性基金预算支出"),
    ("有国有资本经营预算吗", FLY, "没有。", "故本表为空表", "国有资本经营预算支出"),
    ("有没有公务接待费", CZJ, "没有，数字为零。", "0.00", "三公"),
    ("有没有三公经费", SFQ, "有。", "3.86", SANGONG_TABLE),
    # asked how much, a table printed empty discloses none too (its note says so)
    ("三公经费多少", SGB, "没有。", "本年度没有财政拨款“三公”经费支出", "三公"),
    # asked why a table is empty: the table and its note, with no “没有” before them
    ("政府性基金那张表为什么是空的", WL24, "上海市普陀区", "故本表为空表", "政府性基金预算支出"),
]


@pytest.mark.parametrize(
    ("question", "scope", "starts", "holds", "table"), EXISTENCE, ids=[c[0] for c in EXISTENCE]
)
def test_whether_there_is_any_is_answered_yes_or_no(
    real: Ingested, question: str, scope: Scope, starts: str, holds: str, table: str
) -> None:
    """A yes or no from the document: its figure, or the table that would print it printed
    empty — never a refusal."""
    answer = ask(real, question, scope)
    assert not answer.refused and answer.answer.startswith(starts), answer.answer
    assert holds in answer.answer
    assert any(table in (c.table or c.section or "") for c in answer.citations)


def test_followups_continue_the_conversation(real: Ingested) -> None:
    first = ask(real, "三公经费比上年变化多少", SFQ)
    second = ask(real, "那公务接待费呢？", Scope(), first.session_id)
    assert "0.93" in second.answer and "0.13" in second.answer
    third = ask(real, "它由哪些构成？", Scope(), ask(real, "基本支出是多少", SFQ).session_id)
    assert "81.51" in third.answer and "21.42" in third.answer
    wanli = ask(real, "万里街道2024年三公经费", NONE)
    assert "22.91" in ask(real, "2023年呢？", NONE, wanli.session_id).answer
    running = ask(real, "万里街道2024年机关运行经费", NONE)
    compared = ask(real, "和上年比呢？", NONE, running.session_id)
    assert "443.18" in compared.answer and "342.91" in compared.answer
    staff = ask(real, "人员经费", SFQ)
    assert "2152.26" in ask(real, "那财政局呢？", Scope(), staff.session_id).answer


@pytest.fixture(scope="module")
def two_centres(real_corpus, samples, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """Two 政务服务中心: the real one of 石峰区 and the sample of 示范区."""
    return Ingested.run(
        tmp_path_factory.mktemp("two-centres"),
        real_corpus / "石峰区政务服务中心2018年度部门决算.txt",
        samples / "示例市示范区政务服务中心2018年度部门决算.pdf",
    )


def test_ambiguous_departments_are_asked_back(two_centres: Ingested, real: Ingested) -> None:
    answer = two_centres.engine.ask("政务服务中心的三公经费是多少", NONE)
    assert not answer.refused and "请问是哪一个" in answer.answer
    assert (
        "株洲市石峰区政务服务中心" in answer.answer and "示例市示范区政务服务中心" in answer.answer
    )
    assert "3.86" in two_centres.engine.ask("石峰区政务服务中心的三公经费是多少", NONE).answer
    needs = ask(real, "三公经费是多少", NONE)
    assert "哪个部门" in needs.answer and "上海市普陀区财政局" in needs.answer


def test_two_governments_before_one_department_name_each_have_it(two_centres: Ingested) -> None:
    """“石峰区和示范区的政务服务中心”: the 政务服务中心 of each; the first clause names only
    whom the second asks about."""
    answer = two_centres.engine.ask("石峰区和示范区的政务服务中心，谁的三公经费更多？", NONE)
    assert [c.name for c in answer.tool_calls] == ["compare_departments"]
    assert answer.tool_calls[0].args["departments"] == [
        "株洲市石峰区政务服务中心",
        "示例市示范区政务服务中心",
    ]
    assert answer.tool_calls[0].args["metric"] == "三公经费"
    assert "3.86" in answer.answer


def test_the_acceptance_question_as_json(real: Ingested) -> None:
    answer = ask(real, "三公经费比上年变化多少", Scope("石峰区政务服务中心", 2018))
    values = {v.value for v in answer.values}
    assert {3.86, -0.5, -11.47} <= values
    assert any(c.table == "一般公共预算财政拨款“三公”经费支出决算表" for c in answer.citations)
    assert any("七、" in (c.section or "") for c in answer.citations)
    assert answer.answer.startswith(
        "株洲市石峰区政务服务中心2018年“三公”经费为3.86万元，比上年减少0.50万元（下降11.47%）"
    )


def test_asked_which_lines_overspent_a_decision_where_none_did_says_so(real: Ingested) -> None:
    """普陀区财政局's 2024 决算 states each line's 年初预算 and 决算; none is spent beyond it."""
    answer = ask(real, "哪些科目超支了", CZJ)
    assert "没有决算超过预算的" in answer.answer, answer.answer
    lowest = ask(real, "哪一项执行率最低", CZJ)
    assert "行政运行" in lowest.answer and "96.91" in lowest.answer, lowest.answer
