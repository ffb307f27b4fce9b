"""Parts and wholes as the metric catalogue divides them (service/wholes.py), on the catalogue
itself: what people put together when they check, compare and share out figures."""

from caiwen.domain.catalogue import catalogue
from caiwen.service.wholes import Wholes

WHOLES = Wholes(catalogue())


def test_the_whole_named_among_parts_holds_them() -> None:
    assert WHOLES.holding(["基本支出", "项目支出", "本年支出合计"]) == "本年支出合计"
    assert WHOLES.holding(["基本支出", "项目支出"]) is None


def test_each_share_is_of_the_whole_named_or_the_first_that_holds_all_further_down() -> None:
    assert WHOLES.each_share(["基本支出", "项目支出", "总支出"], "") == (
        ["基本支出", "项目支出"],
        "总支出",
    )
    assert WHOLES.each_share(["人员经费", "公用经费", "项目支出"], "") == (
        ["人员经费", "公用经费", "项目支出"],
        "本年支出合计",
    )
    assert WHOLES.each_share(["政府采购"], "的货物和服务各占多少") == (
        ["政府采购货物", "政府采购服务"],
        "政府采购",
    )
