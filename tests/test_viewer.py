"""The source viewer over HTTP: a citation into a text-format document (a web page, the 石峰区
.txt) opens its section and its table with the cited row marked; every citation links to the
original file; a page citation says where its marked boxes are on the image."""

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from caiwen.config import Settings
from caiwen.service.api import create_app
from tests.support import Ingested

SFZ = "示例市示范区政务服务中心"
INJECTED = '<img src=x onerror="alert(1)">'
MARKUP_TABLE = f"""示例区标记测试中心2018年度部门决算
第一部分 示例区标记测试中心概况
一、部门职责
负责测试工作{INJECTED}，为公民提供咨询服务。
第二部分 2018年度部门决算表
一般公共预算财政拨款支出决算表
财决公开05表
金额单位：万元
科目编码\t项目\t决算数
2010101\t行政运行</td><script>alert(2)</script>\t6.00
2010102\t一般行政管理事务\t4.00
\t合计\t10.00
第三部分 情况说明
一、支出决算情况说明
2018年度支出决算10.00万元，比上年增加1.00万元，主要原因是{INJECTED}业务增加。
"""


def client_of(store: Ingested) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=store.data, chat_burst=1000), store.engine)) as c:
        yield c


@pytest.fixture(scope="module")
def web(web_page: Ingested) -> Iterator[TestClient]:
    yield from client_of(web_page)


def ask(client: TestClient, message: str, **scope: object) -> dict:
    response = client.post("/api/chat", json={"message": message, "scope": scope})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_web_page_citation_opens_its_table_with_the_cited_row_marked(web: TestClient) -> None:
    answer = ask(web, "公务接待费是多少", department=SFZ, year=2018)
    cited = answer["citations"][0]
    assert cited["view"]["type"] == "text"
    view = web.get(cited["view"]["url"]).json()
    table = view["table"]
    assert "三公" in table["title"] and table["unit"] == "万元"
    [(row, column)] = table["marked_cells"]
    assert table["marked_rows"] == [row]
    assert table["columns"][column] == "决算数/公务接待费" and table["rows"][row][column] == "0.93"
    assert view["paragraphs"] == []  # the section holds all eight tables: none of its text
    assert any("三公" in note for note in table["notes"])
    page = web.get(cited["view"]["url"] + "&format=html").text
    marked = re.search(r'<tr class="cited">(.*?)</tr>', page)
    assert marked and '<td id="cited" class="amount cited">0.93</td>' in marked[1]


def test_a_cited_sentence_is_marked_in_its_section(web: TestClient) -> None:
    answer = ask(web, "三公经费为什么减少", department=SFZ, year=2018)
    quoted = next(c for c in answer["citations"] if c["quote"] and not c["table"])
    view = web.get(quoted["view"]["url"]).json()
    assert view["table"] is None and quoted["quote"] in view["quotes"]
    assert any(quoted["quote"] in p for p in view["paragraphs"])
    page = web.get(quoted["view"]["url"] + "&format=html").text
    assert f'<mark id="cited">{quoted["quote"]}</mark>' in page


def test_a_link_opened_in_a_browser_gets_the_readable_page_never_json(web: TestClient) -> None:
    """A bot's source link is the citation's view; a browser asks for HTML."""
    cited = ask(web, "公务接待费是多少", department=SFZ, year=2018)["citations"][0]
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    opened = web.get(cited["view"]["url"], headers={"Accept": accept})
    assert opened.headers["content-type"].startswith("text/html")
    assert '<td id="cited" class="amount cited">0.93</td>' in opened.text
    assert web.get(cited["view"]["url"]).json()["table"]["marked_rows"] == [0]


def test_the_original_file_is_downloaded_from_the_viewer(
    web: TestClient, web_page: Ingested
) -> None:
    cited = ask(web, "公务接待费是多少", department=SFZ, year=2018)["citations"][0]
    download = web.get(cited["view"]["download"])
    assert download.status_code == 200
    assert download.content == Path(web_page.results[0].file).read_bytes()
    assert download.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    assert download.headers["content-security-policy"] == "sandbox"  # never run as our page
    assert web.get(cited["view"]["url"]).json()["download"] == cited["view"]["download"]
    missing = web.get(f"/api/documents/{cited['document_id']}/original", params={"file": "x.pdf"})
    assert missing.status_code == 404 and "不包含" in missing.json()["detail"]


def test_a_page_citation_says_where_its_marked_boxes_are_on_the_image(sample: Ingested) -> None:
    for pdf in client_of(sample):
        cited = ask(pdf, "公务接待费是多少", department=SFZ, year=2018)["citations"][0]
        original = pdf.get(cited["view"]["download"])
    view = cited["view"]
    assert view["type"] == "page" and view["boxes"]
    marks = re.search(r"highlight=([^&]+)", view["url"])
    assert marks
    points = [[float(v) for v in box.split("%2C")] for box in marks[1].split("%3B")]
    pixels = [v * 100 / 72 for box in points for v in box]  # the image has 100 dpi
    assert [v for box in view["boxes"] for v in box] == pytest.approx(pixels, abs=0.1)
    assert original.headers["content-type"] == "application/pdf"
    assert original.content == Path(sample.result(cited["file"]).file).read_bytes()


def test_a_page_is_rendered_at_twice_the_pixels_for_a_phone(sample: Ingested) -> None:
    for pdf in client_of(sample):
        url = ask(pdf, "公务接待费是多少", department=SFZ, year=2018)["citations"][0]["view"]["url"]
        once, twice = (Image.open(io.BytesIO(pdf.get(f"{url}&scale={n}").content)) for n in (1, 2))
        refused = pdf.get(f"{url}&scale=3")
    assert twice.size == pytest.approx((once.size[0] * 2, once.size[1] * 2), abs=1)
    assert refused.status_code == 422 and "只能是1或2" in refused.json()["detail"]


def test_document_markup_in_a_text_view_is_shown_as_text(tmp_path: Path) -> None:
    source = tmp_path / "files" / "示例区标记测试中心2018年度部门决算.txt"
    source.parent.mkdir()
    source.write_text(MARKUP_TABLE, encoding="utf-8")
    store = Ingested.run(tmp_path / "data", source)
    doc = store.doc(source.name)
    table = store.store.tables(doc.id)[0]["title"]
    for client in client_of(store):
        params = {"table": table, "row": "一般行政管理事务", "format": "html"}
        page = client.get(f"/api/documents/{doc.id}/text", params=params).text
        reason = client.get(
            f"/api/documents/{doc.id}/text", params={"quote": "主要原因是", "format": "html"}
        ).text
    for text in (page, reason):
        assert "<script" not in text and "<img" not in text and "</td><script" not in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in reason


@pytest.mark.parametrize(
    ("question", "printed"),
    [
        ("三公经费比上年变化多少", "3.86"),
        ("公务接待费是多少", "0.93"),
        ("一般行政管理事务支出是多少", "一般行政管理事务"),
    ],
)
def test_the_shifeng_text_file_opens_its_table_with_the_cited_row_marked(
    real: Ingested, question: str, printed: str
) -> None:
    for client in client_of(real):
        answer = ask(client, question, department="石峰区政务服务中心", year=2018)
        cited = next(c for c in answer["citations"] if c["table"])
        view = client.get(cited["view"]["url"]).json()
    rows = [view["table"]["rows"][n] for n in view["table"]["marked_rows"]]
    assert any(printed in row for row in rows), (view["table"]["title"], rows)
    assert not set(view["paragraphs"]) & set(view["table"]["notes"])  # a note is shown once
