"""The metric catalogue: every way people name a figure leads to the right metric, and a
name it does not know leads to suggestions, never to a figure."""

import pytest

from caiwen.domain.catalogue import catalogue

COLLOQUIAL = {
    "招待费": "公务接待费",
    "请客吃饭": "公务接待费",
    "吃喝": "公务接待费",
    "公车": "公务用车购置及运行费",
    "车辆费用": "公务用车购置及运行费",
    "买车": "公务用车购置费",
    "养车": "公务用车运行费",
    "油费": "公务用车运行费",
    "出国": "因公出国（境）费",
    "出境": "因公出国（境）费",
    "出国考察": "因公出国（境）费",
    "三公消费": "三公经费",
    "工资": "工资福利支出",
    "奖金": "奖金",
    "养老保险": "机关事业单位基本养老保险缴费",
    "公积金": "住房公积金",
    "医保": "职工基本医疗保险缴费",
    "买东西": "政府采购",
    "采购": "政府采购",
    "日常办公经费": "公用经费",
    "人头费": "人员经费",
    "养人的钱": "人员经费",
    "差旅费": "差旅费",
    "出差": "差旅费",
    "开会": "会议费",
    "培训": "培训费",
    "物业费": "物业管理费",
    "房租": "租赁费",
    "维修费": "维修（护）费",
    "退休金": "退休费",
    "花了多少钱": "本年支出合计",
    "一共花了多少": "本年支出合计",
    "收了多少钱": "本年收入合计",
    "财政给的钱": "财政拨款收入",
    "拨款": "财政拨款收入",
    "自己挣的钱": "事业收入",
    "剩下的钱": "年末结转和结余",
    "去年剩下的钱": "年初结转和结余",
    "基本开支": "基本支出",
    "专项经费": "项目支出",
    "几辆车": "车辆数",
    "接待了几次": "公务接待批次",
    "接待了多少人": "公务接待人次",
    "出国几个团": "因公出国团组数",
    "大型设备": "单价100万元以上设备数",
    "电话费": "邮电费",
    "机关运转经费": "机关运行经费",
    "养人": "人员经费",
    "办公用的钱": "公用经费",
}


def test_there_are_at_least_forty_colloquial_words() -> None:
    assert len(COLLOQUIAL) >= 40


@pytest.mark.parametrize(("word", "metric"), sorted(COLLOQUIAL.items()))
def test_a_colloquial_word_resolves_to_its_metric(word: str, metric: str) -> None:
    resolved = catalogue().resolve(word).metrics
    assert resolved and resolved[0].id == metric


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("行政运行", "2010601"),
        ("住房公积金", "30113"),
        ("30217", "30217"),
        ("2010601", "2010601"),
        ("医疗卫生与计划生育支出", "210"),
        ("一般公共服务支出", "201"),
        ("资本性支出", "310"),
    ],
)
def test_subject_names_and_codes_resolve_both_ways(name: str, code: str) -> None:
    cat = catalogue()
    assert code in [m.code for m in cat.resolve(name).metrics]
    subject = cat.subject(code)
    assert subject is not None and code in [m.code for m in cat.resolve(subject.id).metrics]


def test_a_subject_said_in_its_words_is_first_the_metric_of_its_name() -> None:
    # 开会 is the 会议费 line of 基本支出 (30215), and first the 会议费 a 三公 table prints whole
    # (江苏省高级人民法院 2019: 271.02, where its 基本支出 line is 111.30)
    said = catalogue().resolve("开会").metrics
    assert [(m.id, m.code) for m in said] == [("会议费", None), ("会议费", "30215")]


def test_written_names_with_quotes_and_brackets() -> None:
    cat = catalogue()
    assert cat.resolve("“三公”经费").metrics[0].id == "三公经费"
    assert cat.resolve("因公出国(境)费").metrics[0].id == "因公出国（境）费"
    assert cat.resolve("三公经费支出是多少").metrics[0].id == "三公经费"


@pytest.mark.parametrize(
    ("said", "metric"),
    [
        ("社会保障就业支出", "社会保障和就业支出"),
        ("机关运行费", "机关运行经费"),
    ],
)
def test_a_name_said_with_a_short_word_left_out_is_that_name(said: str, metric: str) -> None:
    resolution = catalogue().resolve(said)
    assert [m.id for m in resolution.metrics] == [metric] and not resolution.exact


@pytest.mark.parametrize(
    ("said", "metric"),
    [
        ("离退休补助", "对个人和家庭的补助"),  # 离退休人员经费, 人员 left out
        ("差旅补助", "差旅费"),
        ("工会费", "工会经费"),
        ("物业经费", "物业管理费"),
    ],
)
def test_a_name_said_with_another_word_of_money_is_that_name(said: str, metric: str) -> None:
    resolution = catalogue().resolve(said)
    assert [m.id for m in resolution.metrics] == [metric] and not resolution.exact


@pytest.mark.parametrize("said", ["专项资金", "项目资金", "人员补助", "养老补助"])
def test_two_characters_and_a_word_of_money_name_only_a_line(said: str) -> None:
    # 福州商务局's 菜篮子工程的专项资金 is a project's fund, no 专项经费 (项目支出)
    assert catalogue().resolve(said).metrics == []


@pytest.mark.parametrize("said", ["其他资金", "单位资金", "本年其他资金收入"])
def test_the_income_besides_the_appropriation_is_one_figure_not_other_spending(said: str) -> None:
    # 江苏政协 2018 prints 三、其他资金 80.00, 深圳医保局 三、单位资金 1,725.63: no 其他支出
    resolution = catalogue().resolve(said)
    assert [m.id for m in resolution.metrics] == ["非财政拨款收入"] and resolution.exact


def test_an_unknown_name_gets_suggestions_and_no_metric() -> None:
    resolution = catalogue().resolve("三工经费")
    assert resolution.metrics == []
    assert "三公经费" in resolution.suggestions


def test_every_metric_says_where_to_find_it() -> None:
    cat = catalogue()
    families = {f.id for f in cat.families}
    for metric in cat.metrics.values():
        assert metric.find, metric.id
        for location in metric.find:
            assert location.fact or location.table in families, (metric.id, location)
        for part in metric.parts:
            assert cat.resolve(part).metrics, (metric.id, part)
        if metric.amount:
            assert metric.amount in cat.metrics, (metric.id, metric.amount)


def test_short_words_read_in_full() -> None:
    """The standard short forms of fiscal words, as a row label and a question are compared."""
    spelled = catalogue().spelled_out
    assert spelled("城乡居民医保基金") == "城乡居民医疗保险基金"
    assert spelled("公交运营补贴") == "公共交通运营补贴"
    assert spelled("公车运维费") == "公务用车运行维护费"
    assert spelled("基金监管") == "基金监督管理"  # 深圳医保局's project 基金监督管理
    # 买公务用车 holds 买公车 (购置费) read in full, not only 公务用车 (its whole)
    assert catalogue().resolve("买公务用车的预算").metrics[0].id == "公务用车购置费"
