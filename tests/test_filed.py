"""The department a file's name says it holds, as city sites and crawlers name the files of the
national corpus: the years, the kind and the separators dropped, the region added where the
name leaves it out."""

import pytest

from caiwen.service.filed import department_in_file_name


@pytest.mark.parametrize(
    ("file_name", "region", "department"),
    [
        ("2026年上海市公安局_部门预算.pdf", "上海市", "上海市公安局"),
        ("2026年上海市工业和信息化局_部门预算.pdf", "上海市", "上海市工业和信息化局"),
        ("教育局_2026年部门预算.pdf", "长沙市", "长沙市教育局"),
        ("2026年长沙市公安局2025年部门预算.pdf", "长沙市", "长沙市公安局"),
        ("江苏省委办公厅2017年预算公开表格.pdf", "江苏省", "江苏省委办公厅"),
        ("国家信访局2024年度部门决算.pdf", "中央", "国家信访局"),
    ],
)
def test_a_file_name_says_a_department(file_name: str, region: str, department: str) -> None:
    assert department_in_file_name(file_name, region) == department


@pytest.mark.parametrize("file_name", ["2019年度部门预算公开.pdf", "2026年部门预算.pdf"])
def test_a_file_name_without_a_department_says_none(file_name: str) -> None:
    assert department_in_file_name(file_name, "江苏省") is None
