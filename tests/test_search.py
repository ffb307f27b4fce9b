"""How a passage found goes on with the chunks after it (service/search.py): each text below is
printed so in a real disclosure of the national corpus, named beside it."""

from caiwen.service.search import _list_continued


def test_a_passage_ending_in_a_colon_goes_on_with_the_numbered_items_after_it() -> None:
    # 上海市福利彩票发行中心 2026 (上海市民政局's file): the items open the next chunk
    said = "财政拨款收入支出增加的主要原因是根据实际情况安排预算。财政拨款支出主要内容如下："
    after = [{"text": "1.“其他支出”科目21,502万元，主要用于彩票销售机构运行支出。"}]
    assert _list_continued(said, after).endswith("主要用于彩票销售机构运行支出。")
    assert _list_continued("财政拨款支出主要内容为彩票运行。", after).endswith("彩票运行。")
