"""Governments inside governments, by the division codes cpca ships: a body of a district is a
body of its city (重庆市规划和自然资源局给渝中区规划自然资源局安排了多少)."""

from caiwen.service.gazetteer import within


def test_a_district_lies_inside_its_city() -> None:
    assert within("渝中区", "重庆市")
    assert within("南山区", "深圳市")


def test_a_namesake_district_of_another_city_does_not() -> None:
    assert within("普陀区", "上海市")  # 上海's 普陀区, though 舟山 has one too
    assert not within("普陀区", "深圳市")


def test_a_government_is_not_inside_itself() -> None:
    assert not within("深圳市", "深圳市")
    assert within("深圳市", "广东省")
