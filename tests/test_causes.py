"""A reason that only gives a change by its parts, and the sentence explaining a part: the
sentences of 重庆市商务委员会's 2026 budget."""

from caiwen.service.causes import explains, parts_changed

BY_PARTS = (
    "支出比2025年减少86,685.29万元,主要是基本支出增加4,372.14万元,项目支出减少91,057.43万元。"
)
A_CAUSE = (
    "收入比2025年增加2,784.38万元，其中：一般公共预算财政拨款增加2,781.90万元，"
    "主要是增加了重庆市“12345一号通”政务服务便民热线运营项目二期预算；"
)
FUND = (
    "2026年政府性基金预算财政拨款收入41,534.73万元,比2025年减少80,165.27万元,"
    "主要原因是2025年加快了商务领域消费品以旧政策执行进度,结转次年金额相应减少。"
)
PROJECTS = (
    "项目支出58,397.75万元,比2025年减少12,131.16万元,主要原因是暂缓安排消费品以旧换新市级配套资金。"
)


def test_a_reason_naming_only_the_parts_that_changed_gives_them() -> None:
    changes = parts_changed(BY_PARTS)
    assert [(c.part, c.up, c.amount) for c in changes] == [
        ("基本支出", True, "4,372.14"),
        ("项目支出", False, "91,057.43"),
    ]


def test_a_reason_naming_a_cause_gives_no_parts() -> None:
    assert parts_changed(A_CAUSE) == []
    assert parts_changed("支出比2025年减少86,685.29万元。") == []


def test_a_part_is_explained_by_its_amount_or_by_its_name_and_direction() -> None:
    funds = parts_changed("主要是政府性基金预算拨款减少80,165.27万元。")[0]
    projects = parts_changed(BY_PARTS)[1]
    assert explains(FUND, funds)
    assert not explains(PROJECTS, projects)
    assert explains(PROJECTS, projects, by_name=True)
    assert not explains(BY_PARTS, projects, by_name=True)
