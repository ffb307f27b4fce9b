"""The widget in a real browser: Debian's Chromium driven by playwright against `caiwen serve`
(uvicorn on 127.0.0.1) over the samples and a document whose narrative carries markup, and
over the published disclosures. Screenshots of each state are kept in build/screenshots (or
$CAIWEN_SCREENSHOTS) as the run's artifacts."""

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from caiwen.config import Settings
from caiwen.service.api import create_app
from tests.support import Ingested

INJECTED = "<img src=x onerror=alert(1)><script>alert(2)</script>"
MARKUP_DOCUMENT = f"""示例市注入测试局2018年度部门决算

第一部分 示例市注入测试局概况
一、主要职能
负责本市注入测试工作。

第三部分 示例市注入测试局2018年度部门决算情况说明
一、收入支出决算总体情况说明
2018年度收入总计120.00万元，支出总计120.00万元。本年支出合计120.00万元，比上年增加20.00万元，增长20.00%。支出增加的主要原因是{INJECTED}专项工作增加。
"""
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def site_store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    extra = tmp_path_factory.mktemp("markup")
    (extra / "示例市注入测试局2018年度部门决算.txt").write_text(MARKUP_DOCUMENT, encoding="utf-8")
    return Ingested.run(tmp_path_factory.mktemp("browser-data"), samples, extra)


@pytest.fixture(scope="module")
def site(site_store: Ingested) -> Iterator[str]:
    yield from serving(site_store)


@pytest.fixture(scope="module")
def real_site(real: Ingested) -> Iterator[str]:
    yield from serving(real)


@pytest.fixture(scope="session")
def shots() -> Path:
    """Where the screenshots of each state are kept."""
    folder = Path(os.environ.get("CAIWEN_SCREENSHOTS", "build/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def serving(store: Ingested) -> Iterator[str]:
    """`caiwen serve` of the store on a free port of 127.0.0.1, for the module's tests."""
    # every test of the module asks from one address; the rate limit has tests of its own
    app = create_app(Settings(data=store.data, chat_burst=10_000), store.engine)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: run `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def demo_of(site: str, department: str, year: int) -> str:
    """The demo page with the widget scoped to one document, picked the way a visitor does."""
    docs = httpx.get(f"{site}/api/documents", params={"department": department}).json()
    doc = next(d for d in docs["documents"] if d["year"] == year)
    return f"{site}/?doc={doc['id']}"


def open_widget(
    browser: Browser, url: str, width: int = 1280, scoped: bool = True, pixels: float = 1
) -> Page:
    """The widget of a page (the demo page scopes it to a document; ``scoped=False`` embeds it
    with no scope, on a plain page of the site); ``pixels``: device pixels to a CSS pixel."""
    page = browser.new_page(
        viewport={"width": width, "height": 900 if width > 480 else 844},
        device_scale_factor=pixels,
    )
    page.goto(url if scoped else f"{url}/healthz")
    if not scoped:
        page.add_script_tag(url=f"{url}/widget.js")
    page.locator("button.launcher").click()
    expect(page.locator(".panel")).to_be_visible()
    return page


def ask(page: Page, question: str) -> None:
    page.locator("textarea.input").fill(question)
    page.locator("button.send").click()


def test_a_citizen_asks_and_opens_the_cited_page(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "三公经费比上年变化多少")
    answer = page.locator(".msg.bot").last
    expect(answer).to_contain_text("3.86", timeout=20_000)
    expect(answer).to_contain_text("0.50")
    expect(page.locator("svg.chart")).to_be_visible()
    page.screenshot(path=shots / "answer.png")
    answer.locator("button.chip").first.click()
    image = page.locator(".viewer img")
    expect(image).to_be_visible(timeout=20_000)
    page.wait_for_function(
        "() => document.querySelector('#caiwen-widget').shadowRoot"
        ".querySelector('.viewer img').naturalWidth > 0",
        timeout=20_000,
    )
    page.screenshot(path=shots / "viewer.png")


def test_document_markup_shows_as_text_and_runs_nothing(browser: Browser, site: str):
    page = open_widget(browser, demo_of(site, "示例市注入测试局", 2018))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ask(page, "注入测试局支出为什么增加")
    answer = page.locator(".msg.bot").last
    expect(answer).to_contain_text(INJECTED, timeout=20_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator(".msg.bot img, .msg.bot script").count() == 0


def test_the_panel_fits_a_360_pixel_phone(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018), width=360)
    box = page.locator(".panel").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    ask(page, "招待费花了多少")
    expect(page.locator(".msg.bot").last).to_contain_text("0.93", timeout=20_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=shots / "phone.png")


def answered(page: Page, says: str) -> Locator:
    answer = page.locator(".msg.bot").last
    expect(answer).to_contain_text(says, timeout=20_000)
    return answer


# -- conversations -------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_conversation_resets_the_topic(
    browser: Browser, real_site: str, shots: Path, width: int
):
    page = open_widget(browser, real_site, width, scoped=False)
    ask(page, "万里街道今年三公经费是多少？")
    answered(page, "三公")
    ask(page, "那公务接待费呢？")
    answered(page, "公务接待费")
    page.screenshot(path=shots / f"conversation-{width}.png")
    page.get_by_role("button", name="开始新对话").click()
    expect(page.locator(".msg")).to_have_count(0)
    expect(page.locator(".suggestion").first).to_be_visible(timeout=20_000)
    ask(page, "万里街道今年预算多少钱？")
    total = answered(page, "万元")
    expect(total).not_to_contain_text("公务接待费")
    expect(total).to_contain_text("合计")
    page.screenshot(path=shots / f"new-conversation-{width}.png")


def test_the_conversation_survives_a_reload(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "三公经费是多少")
    answered(page, "3.86")
    page.reload()
    expect(page.locator(".panel")).to_be_visible()
    expect(page.locator(".msg.user")).to_have_text(["三公经费是多少"])
    expect(page.locator(".msg.bot").last).to_contain_text("3.86")
    ask(page, "那公务接待费呢？")
    answered(page, "0.93")
    page.screenshot(path=shots / "reloaded.png")


def test_a_streaming_answer_can_be_stopped(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    page.route("**/api/chat/stream", lambda route: None)  # the answer never arrives
    ask(page, "三公经费是多少")
    stop = page.get_by_role("button", name="停止回答")
    expect(stop).to_be_visible()
    stop.click()
    answered(page, "已停止回答")
    expect(page.locator("button.send")).to_be_enabled()
    page.screenshot(path=shots / "stopped.png")


def test_follow_ups_are_offered_and_answered(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "三公经费是多少")
    answered(page, "3.86")
    follow_ups = page.locator(".follow-ups .suggestion")
    expect(follow_ups).to_have_text(
        ["三公经费由哪些构成？", "三公经费比上年变化多少？", "三公经费预算执行了多少？"]
    )
    page.screenshot(path=shots / "follow-ups.png")
    follow_ups.first.click()
    answered(page, "公务接待费")
    expect(page.locator(".follow-ups")).to_have_count(1)


# -- citations and charts ------------------------------------------------------------------


def test_duplicate_sources_get_one_number(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "三公经费比上年变化多少")
    answer = answered(page, "3.86")
    chips = answer.locator("button.chip").all_inner_texts()
    numbers = [int(re.match(r"\[(\d+)\]", chip).group(1)) for chip in chips]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(chips) + 1))
    places = [chip.split(" ", 1)[1] for chip in chips]
    assert len(set(places)) == len(places), chips
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.locator(".text").inner_text())}
    assert marks == set(numbers)
    live = page.locator("[aria-live]").inner_text()
    assert "3.86" in live and "[1]" not in live
    page.screenshot(path=shots / "citations.png")


def chart_numbers(answer: Locator) -> list[float]:
    """The numbers the chart writes as text for screen readers."""
    text = answer.locator(".chart-text").inner_text()
    return [float(n.replace(",", "")) for n in re.findall(r" ([\d,.]+)万元", text)]


def test_a_breakdown_chart_adds_up_to_its_whole(browser: Browser, site: str, shots: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "支出由哪些构成")
    answer = answered(page, "基本支出")
    caption = answer.locator(".chart-caption").inner_text()
    whole = float(re.search(r"合计([\d,.]+)万元", caption).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert whole == 403.21
    assert abs(sum(chart_numbers(answer)) - whole) < 0.01
    assert answer.locator("svg.chart rect.bar").count() == 2
    page.screenshot(path=shots / "breakdown.png")


def test_a_ranking_chart_names_the_year_and_kind(browser: Browser, real_site: str, shots: Path):
    page = open_widget(browser, real_site, scoped=False)
    ask(page, "2024年各部门三公经费排名")
    answer = answered(page, "从高到低")
    caption = answer.locator(".chart-caption").inner_text()
    assert "2024年部门预算" in caption and "2024年部门决算" in caption
    assert 0.0 in chart_numbers(answer)  # the departments with 0 are kept
    notes = answer.locator("svg.chart text.note").all_text_contents()
    assert set(notes) >= {"2024年部门预算", "2024年部门决算"}  # each bar says which
    page.screenshot(path=shots / "ranking.png")


# -- feedback ------------------------------------------------------------------------------


def test_a_thumbs_down_is_listed_by_caiwen_feedback(
    browser: Browser, site: str, site_store: Ingested, shots: Path
):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "招待费花了多少")
    answer = answered(page, "0.93")
    answer.get_by_role("button", name="没有帮助").click()
    comment = page.get_by_role("textbox", name="哪里不对（可选）")
    comment.fill("我想问的是预算数")
    comment.press("Enter")
    expect(answer.locator(".thanks")).to_have_text("感谢您的反馈")
    expect(answer.get_by_role("button", name="没有帮助")).to_have_attribute("aria-pressed", "true")
    page.screenshot(path=shots / "feedback.png")
    listed = subprocess.run(
        [sys.executable, "-m", "caiwen", "feedback", "--unanswered", "--data", site_store.data],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "👎 招待费花了多少  “我想问的是预算数”" in listed.splitlines()


def test_copy_answer_copies_the_text_with_its_sources(browser: Browser, site: str):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    ask(page, "招待费花了多少")
    answered(page, "0.93").get_by_role("button", name="复制回答和来源").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "0.93万元[1]" in copied
    assert "来源：\n[1] 示例市示范区政务服务中心2018年度部门决算.pdf 第12页" in copied


# -- fit and finish ------------------------------------------------------------------------


def test_a_phone_gets_16px_inputs_44px_targets_and_dark_mode(
    browser: Browser, site: str, shots: Path
):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018), width=390)
    page.emulate_media(color_scheme="dark")
    size = page.locator("textarea.input").evaluate("e => getComputedStyle(e).fontSize")
    assert size == "16px"
    ask(page, "三公经费比上年变化多少")
    answer = answered(page, "3.86")
    targets = [
        page.locator("button.send"),
        page.get_by_role("button", name="开始新对话"),
        page.locator("button.close"),
        answer.locator("button.chip").first,
        page.locator(".follow-ups .suggestion").first,
    ]
    for target in targets:
        box = target.bounding_box()
        assert box is not None and box["height"] >= 44, target
    page.screenshot(path=shots / "phone-dark.png")
    expect(page.locator(".panel")).to_have_attribute("aria-modal", "true")
    for _ in range(40):  # Tab walks the panel, never the page behind it
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "() => { const root = document.querySelector('#caiwen-widget').shadowRoot;"
            " return document.activeElement === root.host"
            " && root.querySelector('.panel').contains(root.activeElement) }"
        )
        assert inside


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_focus_ring_has_3_to_1_contrast(browser: Browser, site: str):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    page.locator("textarea.input").fill("三公经费是多少")
    page.keyboard.press("Tab")
    ring = page.locator("button.send").evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth,"
        " getComputedStyle(e).outlineColor]"
    )
    assert ring[:2] == ["solid", "3px"]
    assert (1.05) / (luminance(ring[2]) + 0.05) >= 3  # against the white composer


# -- the source viewer ---------------------------------------------------------------------

GEOMETRY = """() => {
  const root = document.querySelector('#caiwen-widget').shadowRoot;
  const img = root.querySelector('.viewer img.viewer-page');
  const body = root.querySelector('.viewer-body');
  const view = body.getBoundingClientRect(), shown = img.getBoundingClientRect();
  const style = getComputedStyle(body);
  const scale = Number(new URL(img.src).searchParams.get('scale') || 1);
  return {natural: img.naturalWidth / scale, scale,
          left: shown.left, top: shown.top, width: shown.width,
          view: {left: view.left + body.clientLeft, top: view.top + body.clientTop,
                 right: view.left + body.clientLeft + body.clientWidth,
                 bottom: view.top + body.clientTop + body.clientHeight,
                 inner: body.clientWidth - parseFloat(style.paddingLeft)
                        - parseFloat(style.paddingRight)}};
}"""
PIXELS_PER_POINT = 100 / 72
"""A page image has 100 pixels to the inch, and the inch 72 points."""
READABLE = 1.25
"""CSS pixels to a point of print: 10 pt text is then 12.5 px tall, the smallest readable."""
SHOWCASE = ("示例市示范区政务服务中心", 2018)


def cited_boxes(site: str, question: str) -> list[list[float]]:
    """The marked boxes (image pixels) of the answer's first source, asked as the widget asks."""
    scope = {"department": SHOWCASE[0], "year": SHOWCASE[1]}
    answer = httpx.post(f"{site}/api/chat", json={"message": question, "scope": scope}).json()
    return answer["citations"][0]["view"]["boxes"]


def open_source(page: Page, question: str, says: str, source: int = 0) -> Locator:
    """Ask, and open the answer's first source (or the one numbered ``source``) in the viewer."""
    ask(page, question)
    answered(page, says).locator("button.chip").nth(source).click()
    viewer = page.locator(".viewer")
    expect(viewer).to_be_visible()
    return viewer


def page_geometry(page: Page) -> dict:
    """Where the page image and the viewer's visible area are on the screen, once shown."""
    page.wait_for_function(
        "() => { const img = document.querySelector('#caiwen-widget').shadowRoot"
        ".querySelector('.viewer img.viewer-page');"
        " return img && img.naturalWidth > 0 && img.style.width !== '' }",
        timeout=20_000,
    )
    return page.evaluate(GEOMETRY)


def on_screen(box: list[float], shown: dict) -> dict[str, float]:
    scale = shown["width"] / shown["natural"]
    return {
        "left": shown["left"] + box[0] * scale,
        "top": shown["top"] + box[1] * scale,
        "right": shown["left"] + box[2] * scale,
        "bottom": shown["top"] + box[3] * scale,
    }


def inside(box: dict[str, float], view: dict[str, float]) -> bool:
    return (
        box["left"] >= view["left"] - 0.5
        and box["right"] <= view["right"] + 0.5
        and box["top"] >= view["top"] - 0.5
        and box["bottom"] <= view["bottom"] + 0.5
    )


def points_to_pixels(shown: dict) -> float:
    """CSS pixels to a point of the printed page, as shown."""
    return shown["width"] / shown["natural"] * PIXELS_PER_POINT


def pinch(page: Page, spread: float) -> None:
    """Two fingers on the page image moving apart by ``spread`` CSS pixels each."""
    page.evaluate(
        """(spread) => {
  const body = document.querySelector('#caiwen-widget').shadowRoot.querySelector('.viewer-body');
  const r = body.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const send = (type, id, dx) => body.dispatchEvent(new PointerEvent(type, {pointerId: id,
    pointerType: 'touch', clientX: x + dx, clientY: y, bubbles: true, cancelable: true}));
  send('pointerdown', 1, -20); send('pointerdown', 2, 20);
  for (let step = 1; step <= 5; step++) {
    send('pointermove', 1, -20 - spread * step / 5); send('pointermove', 2, 20 + spread * step / 5);
  }
  send('pointerup', 1, -20 - spread); send('pointerup', 2, 20 + spread);
}""",
        spread,
    )


def test_the_phone_viewer_opens_cropped_to_the_highlight_at_a_readable_scale(
    browser: Browser, site: str, shots: Path
):
    question = "公务接待费是多少"
    boxes = cited_boxes(site, question)
    page = open_widget(browser, demo_of(site, *SHOWCASE), width=390, pixels=3)
    open_source(page, question, "0.93")
    shown = page_geometry(page)
    assert shown["scale"] == 2  # a phone's screen gets the page at 200 dpi
    assert shown["view"]["right"] <= 390
    assert points_to_pixels(shown) >= READABLE  # the whole width would be 0.6 px a point
    assert all(inside(on_screen(box, shown), shown["view"]) for box in boxes)
    page.screenshot(path=shots / "viewer-phone-cropped.png")
    controls = [page.get_by_role("button", name=n) for n in ("放大", "缩小", "整页", "引用处")]
    controls.append(page.get_by_role("link", name=re.compile("下载原文件")))
    for control in controls:
        box = control.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, control

    touch = page.locator(".viewer-body").evaluate("e => getComputedStyle(e).touchAction")
    assert touch == "pan-x pan-y"  # two fingers pinch the image, not the page behind it

    page.get_by_role("button", name="放大").click()
    larger = page.evaluate(GEOMETRY)
    assert larger["width"] == pytest.approx(shown["width"] * 1.25, rel=0.01)
    page.screenshot(path=shots / "viewer-phone-zoomed.png")
    page.get_by_role("button", name="整页").click()
    whole = page.evaluate(GEOMETRY)
    assert whole["width"] == pytest.approx(whole["view"]["inner"], abs=1)
    page.screenshot(path=shots / "viewer-phone-whole-page.png")
    pinch(page, 60)
    pinched = page.evaluate(GEOMETRY)
    assert pinched["width"] > whole["width"] * 1.5  # the fingers spread from 40 to 160 px
    page.get_by_role("button", name="引用处").click()
    back = page.evaluate(GEOMETRY)
    assert back["width"] == pytest.approx(shown["width"], abs=1)
    assert all(inside(on_screen(box, back), back["view"]) for box in boxes)
    page.screenshot(path=shots / "viewer-phone-pinched-and-back.png")


def test_the_desktop_viewer_shows_a_page_readable_with_the_highlight_in_view(
    browser: Browser, site: str, shots: Path
):
    question = "公务接待费是多少"
    boxes = cited_boxes(site, question)
    page = open_widget(browser, demo_of(site, *SHOWCASE))
    open_source(page, question, "0.93")
    shown = page_geometry(page)
    assert points_to_pixels(shown) >= READABLE  # a landscape table: its width would be 0.6
    assert all(inside(on_screen(box, shown), shown["view"]) for box in boxes)
    download = page.get_by_role("link", name=re.compile("下载原文件"))
    original = httpx.get(site + str(download.get_attribute("href")).removeprefix(site))
    assert original.status_code == 200 and original.content.startswith(b"%PDF-")
    page.screenshot(path=shots / "viewer-desktop-table.png")
    page.locator(".viewer-body").focus()
    page.keyboard.press("+")  # the keyboard zooms too: + - and 0 for the whole width
    assert page.evaluate(GEOMETRY)["width"] == pytest.approx(shown["width"] * 1.25, rel=0.01)
    page.keyboard.press("0")
    whole = page.evaluate(GEOMETRY)
    assert whole["width"] == pytest.approx(whole["view"]["inner"], abs=1)
    page.get_by_role("button", name="关闭原文").click()

    open_source(page, "三公经费为什么减少", "厉行节约", -1)  # a sentence of a portrait page
    shown = page_geometry(page)
    assert shown["width"] == pytest.approx(shown["view"]["inner"], abs=1)  # its whole width
    assert points_to_pixels(shown) >= READABLE
    expect(page.locator(".viewer-quote")).to_be_visible()
    page.screenshot(path=shots / "viewer-desktop-sentence.png")


@pytest.fixture(scope="module")
def web_site(web_page: Ingested) -> Iterator[str]:
    yield from serving(web_page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_text_document_viewer_shows_the_cited_row_marked(
    browser: Browser, web_site: str, shots: Path, width: int
):
    page = open_widget(browser, demo_of(web_site, *SHOWCASE), width)
    viewer = open_source(page, "公务接待费是多少", "0.93")
    row = viewer.locator("tr.cited")
    expect(row).to_have_count(1, timeout=20_000)
    expect(row.locator("td.cited")).to_have_text("0.93")
    expect(row.locator("td.cited")).to_be_in_viewport()
    expect(viewer.locator("th.cited")).to_have_text("决算数/公务接待费")  # the row has no label
    expect(row).to_be_in_viewport()
    assert viewer.locator("figcaption").inner_text().endswith("（单位：万元）")
    expect(page.get_by_role("button", name="放大")).to_be_hidden()
    touch = page.locator(".viewer-body").evaluate("e => getComputedStyle(e).touchAction")
    assert touch == "auto"  # a text keeps the browser's own pinch
    download = page.get_by_role("link", name=re.compile("下载原文件"))
    original = httpx.get(str(download.get_attribute("href")))
    assert original.status_code == 200 and b"<table" in original.content
    page.screenshot(path=shots / f"viewer-text-{width}.png")

    # the same view as a page of its own (a bot's link), opened at the cited row
    view = httpx.post(
        f"{web_site}/api/chat",
        json={"message": "公务接待费是多少", "scope": {"department": SHOWCASE[0], "year": 2018}},
    ).json()["citations"][0]["view"]
    page.goto(f"{web_site}{view['url']}#cited")
    expect(page.locator("td.cited#cited")).to_have_text("0.93")
    expect(page.locator("td.cited#cited")).to_be_in_viewport()
    page.screenshot(path=shots / f"viewer-text-page-{width}.png")


def test_the_shifeng_text_file_viewer_shows_the_cited_row_marked(
    browser: Browser, real_site: str, shots: Path
):
    page = open_widget(browser, demo_of(real_site, "石峰区政务服务中心", 2018), width=390)
    viewer = open_source(page, "公务接待费是多少", "公务接待费")
    cell = viewer.locator("tr.cited td.cited")
    expect(cell).to_have_text("0.93", timeout=20_000)
    expect(cell).to_be_in_viewport()
    expect(viewer.locator("th.cited")).to_contain_text("公务接待费")
    page.screenshot(path=shots / "viewer-text-shifeng-390.png")


def test_document_markup_in_the_viewer_shows_as_text_and_runs_nothing(
    browser: Browser, site: str, shots: Path
):
    page = open_widget(browser, demo_of(site, "示例市注入测试局", 2018))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ask(page, "注入测试局支出为什么增加")
    answer = answered(page, INJECTED)
    answer.locator("button.chip").last.click()
    expect(page.locator(".viewer-body")).to_contain_text(INJECTED, timeout=20_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator(".viewer-body img, .viewer-body script").count() == 0
    page.screenshot(path=shots / "viewer-markup.png")
