"""The widget in a real browser: Debian's Chromium driven by playwright against `caiwen serve`
(uvicorn on 127.0.0.1) over the samples and a document whose narrative carries markup.
Screenshots go to the test's temp dir."""

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

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
def site(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    extra = tmp_path_factory.mktemp("markup")
    (extra / "示例市注入测试局2018年度部门决算.txt").write_text(MARKUP_DOCUMENT, encoding="utf-8")
    store = Ingested.run(tmp_path_factory.mktemp("browser-data"), samples, extra)
    app = create_app(Settings(data=store.data), store.engine)
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


def open_widget(browser: Browser, url: str, width: int = 1280) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url)
    page.locator("button.launcher").click()
    expect(page.locator(".panel")).to_be_visible()
    return page


def ask(page: Page, question: str) -> None:
    page.locator("textarea.input").fill(question)
    page.locator("button.send").click()


def test_a_citizen_asks_and_opens_the_cited_page(browser: Browser, site: str, tmp_path: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018))
    ask(page, "三公经费比上年变化多少")
    answer = page.locator(".msg.bot").last
    expect(answer).to_contain_text("3.86", timeout=20_000)
    expect(answer).to_contain_text("0.50")
    expect(page.locator("svg.chart")).to_be_visible()
    page.screenshot(path=tmp_path / "answer.png")
    answer.locator("button.chip").first.click()
    image = page.locator(".viewer img")
    expect(image).to_be_visible(timeout=20_000)
    page.wait_for_function(
        "() => document.querySelector('#caiwen-widget').shadowRoot"
        ".querySelector('.viewer img').naturalWidth > 0",
        timeout=20_000,
    )
    page.screenshot(path=tmp_path / "viewer.png")


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


def test_the_panel_fits_a_360_pixel_phone(browser: Browser, site: str, tmp_path: Path):
    page = open_widget(browser, demo_of(site, "示例市示范区政务服务中心", 2018), width=360)
    box = page.locator(".panel").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    ask(page, "招待费花了多少")
    expect(page.locator(".msg.bot").last).to_contain_text("0.93", timeout=20_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=tmp_path / "phone.png")
