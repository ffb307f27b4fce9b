"""Words read with jieba: whether a recipient said after 给 is a proper name or a common word
(给比亚迪拨了多少 asks of one firm; 给员工的津贴补贴 is the 津贴补贴 line)."""

import pytest

from caiwen.ingest.lexical import names_something


@pytest.mark.parametrize("name", ["比亚迪", "长安汽车", "华为", "腾讯"])
def test_a_firms_name_names_something(name: str) -> None:
    assert names_something(name)


@pytest.mark.parametrize("words", ["员工", "职工交", "老百姓上", "困难群众"])
def test_people_said_by_common_words_name_nothing(words: str) -> None:
    assert not names_something(words)
