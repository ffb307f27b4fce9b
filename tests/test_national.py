"""The national corpus (CAIWEN_NATIONAL_CORPUS), ingested once into the evaluation store, against
its MANIFEST.tsv: every disclosure stored with the manifest's department, region, year, kind and
level, and the service reading the manifest's total expenditure and 三公经费 from it."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from caiwen.config import Settings
from caiwen.domain.catalogue import catalogue
from caiwen.eval.corpus import ingest_records
from caiwen.eval.national import Check, check, report, summary
from caiwen.ingest.store import Store
from caiwen.service.engine import open_engine
from caiwen.service.figures import DocumentFigures
from caiwen.service.planner import Scope

pytestmark = pytest.mark.national_corpus

IDENTITY_RATE = 0.98
FIGURES_RATE = 0.95
TURNED_AWAY = {"duplicate", "rejected"}


@pytest.fixture(scope="session")
def national(
    national_corpus: Path, national_store: Path
) -> tuple[Store, list[dict[str, object]], list[Check]]:
    store, records = Store.in_dir(national_store), ingest_records(national_store)
    return store, records, check(store, records, national_corpus)


def _check(national: tuple[Store, list, list[Check]], path: str) -> Check:
    return next(c for c in national[2] if c.disclosure.path == path)


def test_disclosures_are_stored_with_the_manifest_identity(national) -> None:
    rates = summary(national[2])["all"]
    assert rates["identity_rate"] >= IDENTITY_RATE, report(national[2])


def test_the_service_reads_the_manifest_total_and_三公经费(national) -> None:
    rates = summary(national[2])["all"]
    assert rates["figures_rate"] >= FIGURES_RATE, report(national[2])


def test_every_file_is_stored_or_turned_away_with_a_reason(national, national_corpus) -> None:
    root = national_corpus.resolve()
    crawled = [r for r in national[1] if Path(str(r["file"])).resolve().is_relative_to(root)]
    assert len(crawled) == len(list(root.rglob("*.*"))) - 2  # all but MANIFEST.tsv, README.md
    crashed = [(r["file"], r["error"]) for r in crawled if r["status"] == "failed"]
    assert not crashed
    assert all(r["document_id"] or r["error"] for r in crawled)
    assert all(r["error"] for r in crawled if r["status"] in TURNED_AWAY)


def test_ingest_records_carry_region_and_level(national) -> None:
    stored = [r for r in national[1] if r["document_id"]]
    assert stored and all(r["region"] and r["level"] in ("部门", "单位") for r in stored)


def test_a_disclosure_published_as_text_and_tables_is_one_document_citing_each_file(
    national,
) -> None:
    text = _check(national, "000_江苏省/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf")
    tables = _check(
        national, "000_江苏省/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf"
    )
    doc = text.document
    assert doc is not None and tables.document == doc
    assert [(f.name, f.part) for f in doc.files] == [
        ("江苏省委办公厅2019年度部门预算公开文件.pdf", "text"),
        ("江苏省委办公厅2019年度部门预算公开表格.pdf", "tables"),
    ]
    # the 三公 total is the “三公”经费 subtotal of the tables file's page 9 (its 合计 column
    # adds 会议费 and 培训费)
    assert tables.pages["sangong"] == ("江苏省委办公厅2019年度部门预算公开表格.pdf", 9)
    assert tables.disclosure.sangong == D("508.20") and not tables.figures


def test_a_unit_budget_printed_in_元_is_read_in_万元(national) -> None:
    unit = _check(national, "001_上海/2026年上海市人力资源和社会保障局_部门预算.pdf")
    doc = unit.document
    assert doc is not None
    assert (doc.department, doc.region, doc.level) == ("上海市职业能力考试院", "上海市", "单位")
    store = national[0]
    figure = DocumentFigures(store, doc, catalogue()).read(catalogue().metrics["本年支出合计"])
    # printed “128138,600” 元 (one thousands separator missing)
    assert figure is not None and figure.value == D("12813.86")
    assert figure.citation.quote == "128138,600 元"


def test_a_text_only_disclosure_states_its_total_in_the_narrative(national) -> None:
    beijing = _check(national, "002_北京/2026年北京市人民政府办公厅部门预算.pdf")
    assert beijing.identity_ok and not beijing.figures
    assert beijing.document is not None and beijing.document.files[0].part == "text"


def test_a_units_disclosure_under_its_parents_title_is_the_units(national) -> None:
    # titled 郑州市国土资源局2015年度部门预算公开情况说明; its 部门概况 begins 郑州市土地储备中心
    # 成立于2003年10月份 and names the centre throughout
    zhengzhou = _check(national, "郑州市-国土资源局土地储备中心-2015-部门预算.html")
    assert zhengzhou.identity_ok
    document = zhengzhou.document
    assert document is not None
    assert (document.department, document.level) == ("郑州市土地储备中心", "单位")
    # “公务车辆运行维护费预算51万元”: 公务车辆 is written for 公务用车
    assert _facts(national, zhengzhou.disclosure.path, "公务用车运行费") == [(D(51), None)]


def _facts(national, path: str, metric: str) -> list[tuple[object, object]]:
    document = _check(national, path).document
    assert document is not None
    facts = national[0].facts(document.id)
    return [(D(f["value"]), f["delta"] and D(f["delta"])) for f in facts if f["metric"] == metric]


def test_a_part_of_政府采购_is_said_alone_never_as_the_end_of_another_name(national) -> None:
    # “政府采购服务预算812.5万元”, not “（九）2160699-其他涉外发展服务支出7200.00万元”; and
    # “拟购买服务支出1338.50万元”, “服务类项目1,097.30万元”
    path = "017_福州/2026年福州市商务局部门预算.pdf"
    assert _facts(national, path, "政府采购服务") == [(D("812.5"), None)]
    path = "000_江苏省/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf"
    assert (D("1338.50"), None) in _facts(national, path, "政府采购服务")
    path = "003_深圳/2026年深圳市信访局部门预算.pdf"
    assert (D("1097.30"), None) in _facts(national, path, "政府采购服务")


def test_cars_planned_as_新增配置公务用车_are_the_cars_bought(national) -> None:
    # “2025年拟新增配置公务用车6辆”
    path = "015_长沙/2026年长沙市公安局2025年部门预算.pdf"
    assert _facts(national, path, "购置车辆数") == [(D(6), None)]


def test_a_totals_change_said_of_收入_under_its_heading_is_the_totals(national) -> None:
    # “（一）收入预算：2026年年初预算数45,369.18万元，…收入比2025年增加2,734.52万元”
    path = "004_重庆/2026年重庆市委宣传部部门预算.pdf"
    assert _facts(national, path, "本年收入合计") == [(D("45369.18"), D("2734.52"))]


def test_a_block_right_of_another_blocks_margin_goes_on_as_its_lines_run(national) -> None:
    # 烟台市审计局 2026 p27: its 三公 block starts at x 62, its changes at 90; “…比上年增加 |
    # 118.76万元” and “…其中基本支出增加79.26万元，项目 | 支出增加39.5万元” are one sentence each
    document = _check(national, "025_烟台/2026年烟台市审计局部门预算.pdf").document
    assert document is not None
    changes = {(f["metric"], f["value"], f["delta"]) for f in national[0].facts(document.id)}
    assert ("本年支出合计", "3558.35", "118.76") in changes
    assert ("项目支出", None, "39.5") in changes
    assert ("本年支出合计", None, "39.5") not in changes


def test_a_whole_not_stated_is_refused_with_the_parts_that_are(national_store: Path) -> None:
    # 郑州市土地储备中心 states 公务车辆运行维护费51万元 and no 公务用车购置及运行费
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    answer = engine.ask("郑州土地储备中心2015年公车花了多少？", Scope())
    assert answer.refused and "其中公开了：公务用车运行费51.00万元" in answer.answer, answer.answer


def test_a_unit_printed_under_several_spellings_is_listed_once(national_store: Path) -> None:
    # 泉州市公安局's tables by unit print its own rows as 泉州市公安局 and 泉州市公安局（本级）;
    # all eight units its text names, each by its own line (not 泉州市公安局's, which their
    # names hold: five were listed while that line stood for the others)
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("泉州公安局下面几个分局各分到多少预算？", Scope()).answer
    assert "按单位列出8个单位：泉州市公安局（本级）58341.63万元；" in answer, answer
    assert answer.count("58341.63") == 1 and "台商投资区分局6478.80万元" in answer, answer
    assert "天湖山分局533.30万元" in answer, answer


def test_a_total_the_text_states_with_the_money_carried_over_is_no_disagreement(
    national_store: Path,
) -> None:
    # 泉州市公安局: “部门收入预算为81206.56万元” is 本年收入合计 73606.56 with 上年结转结余
    # 7600.00 (its 收入合计 row); 深圳市生态环境局's “部门预算收入190,281.97万元” likewise
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    for question, figure in (
        ("泉州公安局本年收入合计多少", "73606.56"),
        ("深圳生态环境局本年收入合计", "177554.51"),
    ):
        answer = engine.ask(question, Scope()).answer
        assert figure in answer and "不一致" not in answer, answer
        assert "含上年结转结余，是收入总计" in answer, answer
    carried = engine.ask("泉州公安局收入总计多少", Scope()).answer
    assert "81206.56" in carried, carried


def test_a_line_the_catalogue_does_not_name_divides_into_its_own_lines(
    national_store: Path,
) -> None:
    # 江苏省政协办公厅 2017: 20102 政协事务 6,463.55 into its 项 (行政运行 3,233.03 … 委员视察
    # 429.30), not the 类 beside its own (社会保障和就业支出)
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("江苏省政协办公厅2017年政协事务由哪些构成", Scope()).answer
    assert "行政运行3233.03万元" in answer and "委员视察429.30万元" in answer, answer
    assert "社会保障和就业支出" not in answer, answer


def test_a_scrambled_text_layer_is_read_in_order(national) -> None:
    chongqing = _check(national, "004_重庆/2026年重庆市商务委员会部门预算.pdf")
    assert chongqing.identity_ok and not chongqing.figures


def test_a_row_numbering_the_columns_after_stars_is_no_row(national) -> None:
    """杭州's tables number their columns in a row “** 1 2 3 …”: it is no data row, and the
    三公 table's 公务接待费 is its 合计 row's 27.10, not the column number 6."""
    doc = _check(national, "008_杭州/2026年杭州市交通运输局部门预算.pdf").document
    assert doc is not None
    store = national[0]
    assert not [c for c in store.cells(doc.id) if c["row_label"] == "**"]
    figure = DocumentFigures(store, doc, catalogue()).read(catalogue().metrics["公务接待费"])
    assert figure is not None and figure.value == D("27.10")


def test_a_table_goes_on_over_a_page_whose_first_row_has_no_rule_above(national) -> None:
    """省法院 2017: the 一般公共预算基本支出预算表 goes on from page 15 to page 16, whose first
    row, 30206 电费 235.00, is drawn without a rule above it: it is the table's row."""
    doc = _check(national, "000_江苏省/江苏省高级人民法院/省法院2017年度部门预算公开.pdf").document
    assert doc is not None
    cells = national[0].cells(doc.id)
    total = next(
        c for c in cells if c["page"] == 15 and c["amount"] and D(c["amount"]) == D("17123.19")
    )
    same_table = [c for c in cells if c["table_id"] == total["table_id"] and c["amount"]]
    assert ("电费", 16, D("235")) in [
        (c["row_label"], c["page"], D(c["amount"])) for c in same_table
    ]
    # the 商品和服务支出 of page 15 is the sum of its items on pages 15 and 16
    assert sum(
        D(c["amount"]) for c in same_table if (c["row_code"] or "").startswith("302")
    ) == 2 * D("3528.37")


def test_a_project_form_named_only_by_its_title_is_asked_for_by_its_name(
    national_store: Path,
) -> None:
    # 泉州市人民政府办公室 prints a 绩效目标表 a project, named by its title alone
    # (96196电梯应急处置服务平台项目绩效目标表 | 资金总额： | 57.00); its own 部门整体支出绩效目标表
    # names no project
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    for question, figure, page in (
        ("泉州市政府办今年给96196电梯困人救援平台安排了多少钱？", "57.00万元", 32),
        ("泉州政府办的市行政中心保安服务项目安排了多少钱？", "4200.00万元", 30),
    ):
        answer = engine.ask(question, Scope())
        assert figure in answer.answer and answer.citations[0].page == page, answer.answer
    store = Store.in_dir(national_store)
    doc = store.documents(department="泉州市人民政府办公室")[0]
    labels = DocumentFigures(store, doc, catalogue()).labels.by_label
    assert "市行政中心保安服务项目" in labels and "部门整体" not in labels


def test_a_department_inside_a_projects_name_is_the_project_not_the_department(
    national_store: Path,
) -> None:
    # 泉州市公安局's form 女子看守所保障经费项目 (1111.50) holds 看守所, a unit the directory
    # knows (泉州市看守所); 深圳市气象局（本级）, a line of its 三公 table by unit, is the
    # department
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    for question, figure in (
        ("泉州女子看守所保障经费有多少？", "女子看守所保障经费项目为1111.50万元"),
        ("深圳市气象局（本级）2026年公务用车运行维护费预算多少？", "公务用车运行费为10.50万元"),
    ):
        answer = engine.ask(question, Scope()).answer
        assert figure in answer and answer.count("万元") == 1, answer


def test_a_target_of_a_projects_form_is_asked_by_its_own_words(national_store: Path) -> None:
    # 烟台市文化和旅游局's 政策和项目预算绩效目标表 (p37): 文化艺术事业资金 347.47, whose targets
    # include 小型剧（节）目举办演出场次 ≥18场 and 沙滩音乐季聘请演出人员数量 ≥10人
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    first = engine.ask(
        "烟台文旅局文化艺术事业资金有多少？小型剧（节）目演出场次目标是多少场？", Scope()
    )
    assert "文化艺术事业资金为347.47万元" in first.answer, first.answer
    assert "文化艺术事业资金的“小型剧（节）目举办演出场次”为不少于18场" in first.answer, (
        first.answer
    )
    assert [c.page for c in first.citations] == [37]
    then = engine.ask("那沙滩音乐季要聘请多少演出人员？", Scope(), first.session_id).answer
    assert "“沙滩音乐季聘请演出人员数量”为不少于10人" in then, then


def test_a_count_a_targets_sentence_states_is_read_from_it(national_store: Path) -> None:
    # 深圳市人力资源和社会保障局 (p40): “…深圳市民办技校从教津贴发放人数≥300人，…”
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("深圳人社局民办技校从教津贴发放人数目标是多少人？", Scope())
    assert "“深圳市民办技校从教津贴发放人数”为不少于300人" in answer.answer, answer.answer
    assert answer.citations[0].page == 40
    assert [(v.role, v.value, v.unit) for v in answer.values] == [("target", D(300), "人")]


def test_targets_asked_together_are_each_answered_and_a_catalogue_count_is_none(
    national_store: Path,
) -> None:
    # 烟台市文化和旅游局's 实施公车统管费用 form (p36): 实际公务用车天数 ≥200天, 保障全年公务用车率
    # ≥95%; its cars are counted by the 国有资产 table, not by a target naming 车
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    engine = open_engine(settings)
    both = engine.ask(
        "烟台文旅局实施公车统管费用项目，实际公务用车天数和用车率目标是多少？", Scope()
    )
    assert "“实际公务用车天数”为不少于200天" in both.answer, both.answer
    assert "“保障全年公务用车率”为不少于95%" in both.answer, both.answer
    cars = engine.ask("烟台文旅局有几辆车？", Scope())
    assert "车辆（含公务用车）为6辆" in cars.answer and "target" not in {
        v.role for v in cars.values
    }


def test_a_forms_lines_are_its_indicators_not_its_money(national_store: Path) -> None:
    store = Store.in_dir(national_store)
    doc = store.documents(department="烟台市文化和旅游局")[0]
    lines = DocumentFigures(store, doc, catalogue()).targets
    read = {(t.project, t.words): t.printed for t in lines}
    assert read[("实施公车统管费用", "实际公务用车天数")] == "≥200天"
    assert read[("文化艺术事业资金", "维护应急广播平台数量")] == "1个"  # printed =1个
    assert not any(t.words in ("资金总额", "财政拨款", "其他资金") for t in lines)


def test_what_procurement_buys_is_its_kinds_then_the_items_its_table_lists(
    national_store: Path,
) -> None:
    # 中共江苏省委办公厅 2019: 政府采购 1422.50 = 货物 84.00 + 服务 1338.50, its 政府采购预算表
    # listing each purchase (PC服务器 3.00, 小型机 2.00 …) under the unit's and the kind's lines
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("江苏省委办公厅2019年政府采购都买了些什么？", Scope()).answer
    assert "政府采购货物84.00万元（占5.91%）；政府采购服务1338.50万元（占94.09%）" in answer, answer
    assert "列出的明细有：" in answer and "PC服务器3.00万元" in answer, answer
    assert "中共江苏省委办公厅" not in answer.split("列出的明细有：")[1], answer
    # 江苏省人大常委会办公厅 2018: its 政府采购支出预算表 lists each purchase under its kind
    # (一、货物A 59.00 over 台式计算机 8.00 …), the kinds' lines left out of the items
    kinds = open_engine(settings).ask("江苏省人大2018年政府采购主要买了什么？", Scope()).answer
    assert "政府采购服务2005.25万元（占97.14%）" in kinds, kinds
    assert "江苏省第十三届人代会一次会议经费会议费950.00万元" in kinds, kinds
    assert "货物A" not in kinds, kinds


def test_a_change_stated_without_its_amount_is_of_the_tables_figure(national_store: Path) -> None:
    # 长沙市信访局 2026: “支出较去年增加54.13万元，上升2.88%” after “支出预算1935.36万元”
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("长沙信访局今年预算比去年多了多少？", Scope()).answer
    assert "本年支出合计为1935.36万元，比上年增加54.13万元（增长2.88%）" in answer, answer
    assert "2025年为1881.23万元" in answer, answer


def test_a_change_is_explained_under_the_heading_that_names_it(national_store: Path) -> None:
    # 江苏省政协办公厅 2018: under （二）社会保障和就业支出（类）, the 款 that fell 1,256.90万元
    # because 退休人员退休费由省社保机构统一发放 (the 类's own sentence only says 增减相抵)
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    question = "江苏省政协办公厅2018年社会保障和就业支出为什么下降了四成多？"
    answer = open_engine(settings).ask(question, Scope()).answer
    assert "退休人员退休费由省社保机构统一发放" in answer, answer


def test_a_part_of_the_total_is_explained_where_the_total_is(national_store: Path) -> None:
    # 深圳市财政局（本级） 2026: its 基本支出 has no section of its own saying why; the total's
    # 预算收支减少主要原因说明 does, not the “三、其他” line on funds it has none of
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("深圳市财政局（本级）基本支出为什么变了？", Scope()).answer
    assert "深圳市中小微企业融资担保基金注资" in answer, answer


def test_a_reason_goes_on_past_its_semicolon_to_the_end_of_its_sentence(
    national_store: Path,
) -> None:
    # 烟台市民政局 2026: 3.收支预算增加的主要原因，…工资福利等收支增加；…养老服务发展资金项目由
    # 2025年177万元增加至237万元，项目收支增加；…增加设施设备维修改造项目。
    settings = Settings().model_copy(update={"data": national_store, "chroma_url": None})
    answer = open_engine(settings).ask("烟台市民政局项目支出为什么变了？", Scope()).answer
    assert "工资福利等收支增加；" in answer, answer
    assert "烟台市老年福利服务中心2026年增加设施设备维修改造项目。" in answer, answer
