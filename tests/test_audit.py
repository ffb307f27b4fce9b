"""The consistency audit: where a disclosure contradicts itself. The published documents with
the errors they really contain; the samples clean, and with one error injected per rule."""

import copy
import json
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from caiwen.config import Settings
from caiwen.ingest.samples import load_spec, render_document
from caiwen.service.api import create_app
from caiwen.service.planner import Scope
from tests.support import Ingested

SAMPLE_2018 = "示范区政务服务中心2018决算"


def findings(store: Ingested, file_name: str) -> list[str]:
    return [f["message"] for f in store.store.findings(store.doc(file_name).id)]


def rules(store: Ingested, file_name: str) -> Counter[str]:
    return Counter(f["rule"] for f in store.store.findings(store.doc(file_name).id))


# -- the published documents -------------------------------------------------------------------


def test_石峰区_contradictions_are_all_found(real: Ingested) -> None:
    found = "\n".join(findings(real, "石峰区政务服务中心2018年度部门决算.txt"))
    for expected in (
        "“一般行政管理事务”的本年支出·小计为20.21万元，本年支出·基本支出、本年支出·项目支出之和为20.22万元",
        "说明文字称本年支出合计为403.08万元，《收入支出决算总表》中为403.21万元",
        "公务用车购置及运行费·小计为2.93万元，决算数·公务用车购置及运行费·公务用车购置费、"
        "决算数·公务用车购置及运行费·公务用车运行费之和为2.00万元",
        "说明文字称机关运行经费增长204.58%，按其所述21.42万元与基数10.47万元计算应为104.58%",
        "说明文字称财政拨款支出增长227.48%，按其所述403.08万元与基数177.19万元计算应为127.48%",
        # “2018年度财政拨款支出较上年增长214.10%（2017年度财政拨款支出188.33万元）”: its amount
        # is stated in another sentence (“2018年度财政拨款支出为403.08万元”)
        "说明文字称财政拨款支出增长214.1%，按其所述403.08万元与基数188.33万元计算应为114.03%",
    ):
        assert expected in found


def test_石峰区_findings_are_the_ones_judged_true(real: Ingested) -> None:
    """Beside the figures: 69.04% written 69.4% (“占总支出百分比为69.4%”), and two filling-in
    instructions of the template left in (“若本表为空表，需说明…”, “若项目占比10%以上，需列出…”)."""
    assert rules(real, "石峰区政务服务中心2018年度部门决算.txt") == {
        "sum.columns": 2,
        "narrative.value": 6,
        "narrative.change": 6,
        "narrative.share": 2,
        "placeholder": 2,
    }


def test_财政局_has_no_false_alarm(real: Ingested) -> None:
    """Both findings are the document's own: 财政拨款收入支出总计 “0.3万元” in the narrative, and
    一般公共服务支出 2106.66 of 2940.05万元 “占71.73%” (71.65%: the four shares it states add up
    to 100.07%)."""
    assert findings(real, "上海市普陀区财政局2024年度部门决算.pdf") == [
        "说明文字称财政拨款收支总计为0.30万元，《财政拨款收入支出决算总表》中为2961.68万元，"
        "相差2961.38万元。",
        "说明文字称2106.66万元“占71.73%”，按其前所述的整体2940.05万元计算应为71.65%。",
    ]


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        # 住房保障支出 29.42 of 307.82万元 “占9.55%” (9.56%): a 提示, within rounding.
        ("中共上海市普陀区委社会工作部2024年度部门决算.pdf", {"narrative.share": 1}),
        # Its reason for a decrease (“宣传事务一般行政管理事务经费增加”) is one of an increase.
        (
            "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf",
            {"narrative.value": 1, "narrative.change": 1, "note.empty": 1, "narrative.reason": 1},
        ),
        (
            "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf",
            {"narrative.value": 1, "narrative.change": 2},
        ),
        # “与2023年预算持平，主要原因是。”: the reason left unwritten. Its list of the 财政拨款's
        # items says 社会福利事业单位 738.66万元, every table 696.48 (the items it lists add up to
        # 991.59, its 财政拨款支出 is 950.12, as the tables' items add up to).
        ("上海市普陀区社会福利院2024年单位预算.pdf", {"narrative.value": 1, "placeholder": 1}),
        ("部门决算公开模板.pdf", {}),
    ],
)
def test_every_published_document(real: Ingested, file_name: str, expected: dict) -> None:
    assert rules(real, file_name) == expected


# -- the samples -------------------------------------------------------------------------------


def _table(spec: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in spec["sections"] if s.get("title") == title)


def _replace(node: Any, old: str, new: str) -> Any:
    if isinstance(node, str):
        return node.replace(old, new)
    if isinstance(node, list):
        return [_replace(n, old, new) for n in node]
    if isinstance(node, dict):
        return {k: _replace(v, old, new) for k, v in node.items()}
    return node


def _row(spec: dict[str, Any], title: str, first: object) -> list[Any]:
    return next(r for r in _table(spec, title)["rows"] if r and r[0] == first)


def inject_row_sum(spec: dict[str, Any]) -> dict[str, Any]:
    row = _row(spec, "支出决算表", 2019999)
    row[2] = row[4] = 1.79
    return spec


def inject_column_sum(spec: dict[str, Any]) -> dict[str, Any]:
    _table(spec, "一般公共预算财政拨款“三公”经费支出决算表")["rows"][-1][4] = 4.00
    return spec


def inject_balance(spec: dict[str, Any]) -> dict[str, Any]:
    _row(spec, "收入支出决算总表", "总计")[5] = 403.31
    return _replace(
        spec, "收入总计403.21万元，支出总计403.21万元", "收入总计403.21万元，支出总计403.31万元"
    )


def inject_cross_table(spec: dict[str, Any]) -> dict[str, Any]:
    _row(spec, "收入支出决算总表", "本年收入合计")[5] = 403.31
    return spec


def inject_narrative_value(spec: dict[str, Any]) -> dict[str, Any]:
    return _replace(spec, "人员经费81.51万元，占79.19%", "人员经费81.61万元，占79.19%")


def inject_narrative_change(spec: dict[str, Any]) -> dict[str, Any]:
    return _replace(spec, "减少0.5万元，下降11.47%", "减少0.5万元，下降12.47%")


def inject_empty_note(spec: dict[str, Any]) -> dict[str, Any]:
    _table(spec, "一般公共预算财政拨款“三公”经费支出决算表")["note"] = "注：本表为空表。"
    return spec


def inject_missing_table(spec: dict[str, Any]) -> dict[str, Any]:
    fund = "政府性基金预算财政拨款收入支出决算表"
    spec["sections"] = [s for s in spec["sections"] if s.get("title") != fund]
    return spec


INJECTIONS = {
    "sum.rows": inject_row_sum,
    "sum.columns": inject_column_sum,
    "balance": inject_balance,
    "cross.tables": inject_cross_table,
    "narrative.value": inject_narrative_value,
    "narrative.change": inject_narrative_change,
    "note.empty": inject_empty_note,
    "completeness": inject_missing_table,
}


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ingested]:
    """One rendered document per injected error (each as a department of its own), in one store."""
    folder = tmp_path_factory.mktemp("injected")
    spec = load_spec(SAMPLE_2018)
    for i, (rule, inject) in enumerate(INJECTIONS.items()):
        department = f"示例市注入{i}号中心"
        render_document(inject(copy.deepcopy(spec)), folder / f"{rule}.pdf", department)
    return Ingested.run(tmp_path_factory.mktemp("injected-data"), folder)


def test_a_printed_label_holding_a_catalogue_name_is_its_own_row(sample: Ingested) -> None:
    """“…年末财政拨款结转和结余0万元” states the row of that name, not 财政拨款收入 (403.08)."""
    doc = next(d for d in sample.store.documents() if d.year == 2018 and d.kind == "决算")
    stated = {(f["metric"], f["value"]) for f in sample.store.facts(doc.id, kind="amount")}
    assert ("年末财政拨款结转和结余", "0") in stated
    assert ("财政拨款收入", "0") not in stated


def test_clean_samples_have_no_finding(sample: Ingested) -> None:
    assert {d.file_name: len(sample.store.findings(d.id)) for d in sample.store.documents()} == {
        d.file_name: 0 for d in sample.store.documents()
    }


@pytest.mark.parametrize("rule", list(INJECTIONS))
def test_each_injected_error_is_caught_exactly_once(injected: Ingested, rule: str) -> None:
    assert rules(injected, f"{rule}.pdf") == {rule: 1}


# -- where the findings show -------------------------------------------------------------------

SFQ = "株洲市石峰区政务服务中心"


def test_an_answer_using_a_figure_under_a_finding_says_so(real: Ingested) -> None:
    answer = real.engine.ask("公务用车运行费是多少", Scope(SFQ, 2018))
    assert "公务用车运行费为2.00万元" in answer.answer
    assert "核对提示：" in answer.answer and "之和为2.00万元，相差0.93万元" in answer.answer
    quoted = {p.quote for c in answer.citations for p in c.places}  # a source's places
    assert {"2.93 万元", "2 万元"} <= quoted


def test_asking_whether_the_figures_agree(real: Ingested, sample: Ingested) -> None:
    answer = real.engine.ask("石峰区政务服务中心2018年的决算有没有数字对不上的地方？", Scope())
    assert answer.tool_calls[0].name == "audit_document"
    assert "发现18处不一致" in answer.answer and "其余各处可在" in answer.answer
    assert {v.value for v in answer.values if v.unit == "处"} == {18, 0}  # counted by the tool
    clean = sample.engine.ask("这份决算有没有前后矛盾的地方", Scope("示范区政务服务中心", 2018))
    assert "没有发现不一致的地方" in clean.answer and "年份、模板残留" in clean.answer


def test_asking_whether_one_figure_agrees_lists_the_findings_on_it(real: Ingested) -> None:
    """Of 石峰区's 18 findings, the one on 机关运行经费, citing the sentence; a figure with none
    is shown as the document prints it, and said to have none."""
    scope = Scope("石峰区政务服务中心", 2018)
    answer = real.engine.ask("说明里写的机关运行经费和表里的对得上吗", scope)
    assert answer.answer.startswith(
        "核对株洲市石峰区政务服务中心2018年部门决算，发现1处不一致：1. 说明文字称机关运行经费"
        "增长204.58%，按其所述21.42万元与基数10.47万元计算应为104.58%[1]。"
    ), answer.answer
    assert "增长204.58%" in (answer.citations[0].quote or "")
    none = real.engine.ask("人员经费的说明和表格一致吗", scope)
    assert none.answer.startswith("株洲市石峰区政务服务中心2018年部门决算中，人员经费为81.51万元")
    assert "没有发现与人员经费有关的不一致（全文另有18处其他不一致）" in none.answer
    assert {v.value for v in none.values if v.unit == "处"} == {0, 18}


def test_cli_and_api_list_the_findings(real: Ingested) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "caiwen", "audit", "财政局", "--json", "--data", str(real.data)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)["documents"]
    assert [len(r["findings"]) for r in report] == [2]
    assert report[0]["findings"][0]["sides"][0]["page"] == 21
    unknown = subprocess.run(
        [sys.executable, "-m", "caiwen", "audit", "教育局", "--data", str(real.data)],
        capture_output=True,
        text=True,
    )
    assert unknown.returncode == 2 and "没有找到" in unknown.stderr
    doc = real.doc("石峰区政务服务中心2018年度部门决算.txt")
    with TestClient(create_app(Settings(data=real.data), real.engine)) as client:
        found = client.get(f"/api/documents/{doc.id}/audit").json()["findings"]
    assert len(found) == 18 and found[0]["severity"] == "error"
    assert {f["title"] for f in found} == {"列合计", "说明与表格", "增减幅度", "占比", "模板残留"}
