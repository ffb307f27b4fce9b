"""What a reviewer catches beyond the arithmetic: words that contradict the figures they state,
wrong years, template leftovers, another department's name, contents that promise missing
tables or print wrong pages. A copy of the sample 决算 (PDF) and of the 石峰区 决算 (text) get
one planted error per rule, in two wordings; each is found exactly once, and the figures the
published 石峰区 document gets wrong are found as before."""

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from caiwen.ingest.samples import load_spec, render_document, replace_text
from caiwen.service.planner import Scope
from tests.support import Ingested

SAMPLE_2018 = "示范区政务服务中心2018决算"
SHIFENG = "石峰区政务服务中心2018年度部门决算.txt"
Spec = dict[str, Any]
Pages = dict[str, int]


def say(old: str, new: str) -> Callable[[Spec, Pages], Spec]:
    """A plant that rewrites the sample's words (they must be there)."""

    def plant(spec: Spec, _: Pages) -> Spec:
        assert old in str(spec), old
        return replace_text(spec, old, new)

    return plant


def _toc(spec: Spec) -> Spec:
    return next(s for s in spec["sections"] if s["type"] == "toc")


def _table(spec: Spec, title: str) -> Spec:
    return next(s for s in spec["sections"] if s.get("title") == title)


def toc_lists(entry: str) -> Callable[[Spec, Pages], Spec]:
    """The contents list a table the body does not have."""

    def plant(spec: Spec, _: Pages) -> Spec:
        _toc(spec)["entries"].insert(12, [1, entry])
        return spec

    return plant


def toc_omits(entry: str) -> Callable[[Spec, Pages], Spec]:
    """The contents leave out a table the body has."""

    def plant(spec: Spec, _: Pages) -> Spec:
        entries = _toc(spec)["entries"]
        entries.remove(next(e for e in entries if e[1].endswith(entry)))
        return spec

    return plant


def toc_pages(wrong: str, leaders: bool) -> Callable[[Spec, Pages], Spec]:
    """The contents print the page number each table is printed on (as in the clean sample),
    that of ``wrong`` one too high."""

    def plant(spec: Spec, pages: Pages) -> Spec:
        toc = _toc(spec)
        toc["leaders"] = leaders
        for entry in toc["entries"]:
            title = entry[1].split("、", 1)[-1]
            if title in pages:
                entry.append(pages[title] + (title == wrong))
        return spec

    return plant


def department_line(table: str, line: str) -> Callable[[Spec, Pages], Spec]:
    def plant(spec: Spec, _: Pages) -> Spec:
        _table(spec, table)["left"] = line
        return spec

    return plant


def retitle(old: str, new: str) -> Callable[[Spec, Pages], Spec]:
    """A heading of the body (not its contents entry) says another year."""

    def plant(spec: Spec, _: Pages) -> Spec:
        for section in spec["sections"]:
            for block in section.get("blocks", []):
                if old in block.get("h1", "") or old in block.get("h2", ""):
                    key = "h1" if "h1" in block else "h2"
                    block[key] = block[key].replace(old, new)
                    return spec
        raise AssertionError(old)

    return plant


SAMPLE_PLANTS = {
    "narrative.comparison": (
        say("年初预算7.80万元，决算数为", "年初预算7.80万元，决算数3.86万元，决算数大于预算数，为"),
        say(
            "机关运行经费支出21.42万元，比上年",
            "机关运行经费支出21.42万元，上年决算数29.89万元，本年数超过上年数，比上年",
        ),
    ),
    "narrative.completion": (
        say("为预算的49.49%", "为预算的59.49%"),
        say("决算数为预算的49.49%", "完成年初预算的94.9%"),
    ),
    "narrative.share": (
        say("项目支出300.28万元，占74.47%", "项目支出300.28万元，占84.47%"),
        say("占本年支出合计的69.04%", "占本年支出合计的60.94%"),
    ),
    "narrative.reason": (
        say("主要原因是压缩办公、会议和差旅等日常公用支出", "主要原因是增加了办公设备购置支出"),
        say("主要原因是在职人员增加和工资标准调整", "主要原因是压减了在职人员经费开支"),
    ),
    "year": (
        retitle("2018年度部门决算情况说明", "2017年度部门决算情况说明"),
        say("截至2018年12月31日", "截至2016年12月31日"),
    ),
    "placeholder": (
        say("内设机构：综合办公室", "内设机构：XX办公室"),
        say("主要原因是上年一次性安排的政务大厅设施改造项目已经完成。", "主要原因是：。"),
    ),
    "department.name": (
        department_line("支出决算表", "编制单位：示例市示范区数据资源管理局"),
        department_line("收入决算表", "部门：示例市示范区行政审批局"),
    ),
    "contents.tables": (
        toc_lists("九、国有资本经营预算财政拨款支出决算表"),
        toc_omits("一般公共预算财政拨款“三公”经费支出决算表"),
    ),
    "contents.pages": (
        toc_pages("收入决算表", leaders=True),
        toc_pages("财政拨款收入支出决算总表", leaders=False),
    ),
}


@pytest.fixture(scope="module")
def planted_pdfs(sample: Ingested, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """Two copies of the sample, each with one planted error per rule (wording 0 and 1), and a
    copy whose contents print every page right."""
    clean = next(d for d in sample.store.documents() if d.year == 2018)
    pages = {
        row["title"]: int(row["text"].strip("-"))
        for row in sample.store.db.execute(
            "SELECT t.title, p.text FROM tables t JOIN printed p ON p.document_id = t.document_id "
            "AND p.page = t.page_start AND p.role = 'page_number' WHERE t.document_id = ?",
            [clean.id],
        )
    }
    folder = tmp_path_factory.mktemp("planted")
    for wording in (0, 1):
        spec = load_spec(SAMPLE_2018)
        for plants in SAMPLE_PLANTS.values():
            spec = plants[wording](spec, pages)
        render_document(spec, folder / f"wording{wording}.pdf", f"示例市注入{wording}号中心")
    paged = toc_pages("", leaders=True)(load_spec(SAMPLE_2018), pages)
    render_document(paged, folder / "paged.pdf", "示例市目录页码中心")
    return Ingested.run(tmp_path_factory.mktemp("planted-data"), folder)


def rules(store: Ingested, file_name: str) -> Counter[str]:
    return Counter(f["rule"] for f in store.store.findings(store.doc(file_name).id))


@pytest.mark.parametrize("wording", [0, 1])
def test_each_planted_error_in_a_pdf_is_found_once(planted_pdfs: Ingested, wording: int) -> None:
    assert rules(planted_pdfs, f"wording{wording}.pdf") == dict.fromkeys(SAMPLE_PLANTS, 1)


def test_contents_printing_the_right_pages_are_no_finding(planted_pdfs: Ingested) -> None:
    assert rules(planted_pdfs, "paged.pdf") == {}


def test_asking_whether_years_and_names_are_written_right(planted_pdfs: Ingested) -> None:
    """Answered from the findings, citing both places; with none, saying what was checked."""
    question = "这份决算的年份、单位名称有没有写错？"
    planted = planted_pdfs.doc("wording0.pdf")
    answer = planted_pdfs.engine.ask(question, Scope(planted.department, 2018))
    assert answer.tool_calls[0].name == "audit_document"
    assert f"发现{len(SAMPLE_PLANTS)}处不一致" in answer.answer
    clean = planted_pdfs.doc("paged.pdf")
    answer = planted_pdfs.engine.ask(question, Scope(clean.department, 2018))
    assert "没有发现不一致的地方" in answer.answer
    assert "年份、模板残留、单位名称、目录与表格、目录页码" in answer.answer


# -- the text document: 石峰区 with the same rules planted in its own words ---------------------

TEXT_PLANTS = {
    "narrative.comparison": (
        (
            "公务用车购置及运行维护费支出 2.93 万元，比上年",
            "公务用车购置及运行维护费支出 2.93 万元，年初预算 5.00 万元，决算数大于预算数，比上年",
        ),
        (
            "全年支出 403.21 万元，比上年",
            "全年支出 403.21 万元，上年决算数 188.33 万元，本年数低于上年数，比上年",
        ),
    ),
    "narrative.completion": (
        (
            "经费支出合计 3.86 万元，",
            "经费支出合计 3.86 万元，年初预算 7.80 万元，完成预算的 59.49%，",
        ),
        (
            "公务接待费支出 0.93 万元，比上年决算数减少 0.13 万元；",
            "公务接待费支出 0.93 万元，年初预算 2.80 万元，决算数为年初预算的 43.2%，"
            "比上年决算数减少 0.13 万元；",
        ),
    ),
    "narrative.share": (
        ("工资福利支出 81.51 万元，占 79.19%", "工资福利支出 81.51 万元，占 71.19%"),
        ("商品和服务支出 21.42 万元，占 20.81%", "商品和服务支出 21.42 万元，占 28.01%"),
    ),
    "narrative.reason": (
        (
            "原因是在职人员增加、在职职工的工资调标以及应缴纳的社会保险费等费用增加",
            "原因是压缩了会议和培训开支",
        ),
        ("原因是单位职能调整，承担的事项增加", "原因是减少了政务服务项目支出"),
    ),
    "year": (
        ("2018 年 度部门决算情况说明", "2017 年 度部门决算情况说明"),
        ("九、关于 2018 年度预算绩效情况说明", "九、关于 2016 年度预算绩效情况说明"),
    ),
    "placeholder": (
        ("（二）决算单位构成。办公室", "（二）决算单位构成。XX办公室"),
        (
            "本单位无政府性基金预算财政拨款收入和支出。",
            "（单位名称）无政府性基金预算财政拨款收入和支出。",
        ),
    ),
    "department.name": (
        (
            "部门：株洲市石峰区政务服务中心\t\t财决公开05表",
            "部门：株洲市石峰区行政审批服务局\t\t财决公开05表",
        ),
        (
            "部门：株洲市石峰区政务服务中心\t\t\t\t\t\t\t\t\t\t财决公开07表",
            "编制单位：株洲市荷塘区政务服务中心\t\t\t\t\t\t\t\t\t\t财决公开07表",
        ),
    ),
    "contents.tables": (
        (
            "- 八、政府性基金预算财政拨款收入支出决算表\n",
            "- 八、政府性基金预算财政拨款收入支出决算表\n"
            "- 九、国有资本经营预算财政拨款支出决算表\n",
        ),
        ("- 七、一般公共预算财政拨款“三公”经费支出决算表\n", ""),
    ),
}


@pytest.fixture(scope="module")
def planted_texts(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The published text with no plant, and with one planted error per rule (two wordings)."""
    text = (real_corpus / SHIFENG).read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("planted-text")
    (folder / "original.txt").write_text(text, encoding="utf-8")
    for wording in (0, 1):
        planted = text
        for plants in TEXT_PLANTS.values():
            old, new = plants[wording]
            assert old in planted, old
            planted = planted.replace(old, new, 1)
        planted = planted.replace("石峰区政务服务中心", f"石峰区注入{wording}号中心")
        (folder / f"wording{wording}.txt").write_text(planted, encoding="utf-8")
    return Ingested.run(tmp_path_factory.mktemp("planted-text-data"), folder)


@pytest.mark.parametrize("wording", [0, 1])
def test_each_planted_error_in_a_text_is_found_once(planted_texts: Ingested, wording: int) -> None:
    found = rules(planted_texts, f"wording{wording}.txt")
    found.subtract(rules(planted_texts, "original.txt"))
    assert +found == dict.fromkeys(TEXT_PLANTS, 1)


# -- the national corpus: each false alarm found in eval/national-audit.md, on its document -------

NATIONAL = {
    # Tables titled by their code line (公开05表), its 编制单位 cut where the cell wraps
    # (江苏省人大), a list of reasons (一是…；二是…), shares of “三公”经费 stated a sentence each.
    "省人大办公厅2018预算公开.pdf": {},
    # Its 三公 table's header took in the 部门名称 line (the sums are not checked), its name cut
    # in a cell (江苏省高级人民法), shares of one whole over three sentences.
    "江苏省高级人民法院2019年度部门预算公开.pdf": {},
    # The contents wrap their last entry (…培训费支 / 出预算表); its 三公 table's header holds
    # the department's name. What stays is its own: 254.23% for 254.24%, a 提示.
    "江苏省人大办公厅2017年度预算公开.pdf": {"narrative.change": 1},
    # 项目支出 4335.3万元, 减少1237.7万元, “减少13.22%” (22.21%), and 10.15% for 10.16% twice;
    # 培训费 700万元 of the 三公 table beside the 基本支出 table's 70万元. Its 项 stated with
    # their 款 (住房改革支出（款）住房公积金（项）支出1442.74万元，…增加368.97万元，增加34.38%) are
    # read too: 34.38% for 34.36%, and 64.07% for 64.06%, 7.57% for 7.56% (提示). Its 收、支预算
    # 总计 “各增加2,214.39万元，增长10.06%” is 10.09% of 21,955.35 (a true error). Its lines
    # joined as printed (a block right of another's margin): one share more, 0.01 off (提示).
    "2019年度部门预算公开.pdf": {"narrative.change": 7, "narrative.share": 1},
    # Tables not read as tables are no empty tables; a reason listing rises and falls; figures
    # of all funds beside the 一般公共预算 table; 一般公共预算财政拨款运行经费 is no 财政拨款收入.
    "2026年重庆市水利局部门预算.pdf": {},
    # Its tables are in an attachment: completeness is not judged.
    "2026年北京市财政局部门预算.pdf": {},
    # The contents list 三、支出预算总表 after its ordinal; the 基本支出 table goes on over a
    # page whose first row (30206 电费 235.00) has no rule above it. What stays is its own:
    # 提租补贴（项）支出1959.99万元，…增加865.57万元，增长79.05% (79.09%).
    "省法院2017年度部门预算公开.pdf": {"narrative.change": 1},
    # Its cover, contents and headers all say 2025年度 and 无锡市信访局 (the crawler's file name
    # says 2026): consistent with itself. Its contents name tables with a qualifier after 表
    # (财政拨款支出表（功能科目）).
    "014_无锡/信访局_2026年部门预算.pdf": {},
    # Lists of parts 占 X% of a whole not stated; “下降0.9%，与上年基本持平”; a comparison whose
    # 上年预算数 0万元 is the sentence before's; the row “** 1 2 3 …” numbering the columns;
    # 人员支出 of all funds beside the 一般公共预算 table's 人员经费. Its own: 15.5% for 15.57%,
    # a 提示; 表5 prints 基本支出 82,479.29 over 人员经费 67,627.51 and 日常公用 14,902.37
    # (82,529.88, as 表6 prints it), in its 合计, 交通运输支出 and 公路水路运输 rows.
    "2026年杭州市交通运输局部门预算.pdf": {"narrative.change": 1, "sum.columns": 3},
    # Its own: 杭州市机动车… 本年收入 14,549.64 over 事业收入 12,437.3 and 其他收入 2,112.28.
    "2026年杭州市公安局部门预算.pdf": {"sum.columns": 1},
    # 增加333.83万元 to 1391.68万元 is 31.56%, it says 31.35%; its 财政拨款收支总预算 (the 总计)
    # is 18,728.91万元, of 16,474.82 and 2,254.12 (18,728.94, as its table prints).
    "2026年武汉市信访局部门预算.pdf": {"narrative.change": 1, "narrative.value": 1},
    # 深圳's template (25 findings, none true): its 政府采购 小计 beside 其中：预留给中小企业 and
    # 其中：预留给小微企业 (the second inside the first, no part of the total); its 支出总表 and
    # 一般公共预算 tables list each 预算单位's subjects in turn (208 printed for every unit: a
    # line adds up the lines printed under it); its 三公 table prints a row for 2025年, one for
    # 2026年 (the document's) and one for 增减变化金额; 机关运行经费财政拨款预算 is no 财政拨款收入.
    "2026年深圳市建筑工务署部门预算.pdf": {},
    # 烟台's template (6, none true): its 基本支出 table prints 301 工资福利支出 under 501 and
    # again under 505; 委托业务费财政拨款预算 is the expense's; a project's “预算资金419万元，其中
    # 财政拨款419万元” after “涉及一级预算项目4个，”.
    "2026年烟台市统计局部门预算.pdf": {},
    # 烟台's 绩效目标表 (8, none true): “总支出不超过 ≤15万元”, “总支出不超过 5万元” are ceilings,
    # not figures stated; and 301 printed twice in its 基本支出 table.
    "2026年烟台市司法局部门预算.pdf": {},
    # 上海 2026 市级 (7, none true): “事业收入5,707万元” says 5,707.43 (written to whole 万元);
    # “财政拨款支出主要内容如下：2.“卫生健康支出”科目2,206万元” is of the 财政拨款, not of all
    # funds (7,846.14 in the 支出预算总表).
    "2026年上海市卫生健康委员会_部门预算.pdf": {},
    # 长沙 (5, none true): 本级财政拨款 金额 beside 其中:经费拨款; the 三公 小计 beside 公务用车
    # 购置及运行费 and its 其中：公务用车运行费.
    "2026年长沙市信访局部门预算.pdf": {},
    # 湖州 (3): 机关运行经费财政拨款预算 and 委托业务费财政拨款总额 are the expenses' money. What
    # stays is its own: 财政拨款收支总预算192207.76万元 (its 收支总表's 财政拨款) against its 财政
    # 拨款收支预算总表's 42,673.03.
    "2026年湖州市交通运输局部门预算.pdf": {"narrative.value": 1},
    # 重庆 (1): its 一般公共预算 table prints 2026年预算数 总计 18,417.70 after 基本支出 小计
    # 9,018.47; the table's total is the 总计, not the 基本支出's 小计.
    "2026年重庆市人民政府办公厅部门预算.pdf": {},
    # The base of a comparison (U): “一般公共预算收入19,828.57万元比2025年初预算数20,292.85万元
    # 减少464.27万元，降低2.29%” — 20,292.85 is the base, so 2.29% is right.
    "2026年北京市人民政府国有资产监督管理委员会部门预算.pdf": {},
    # The same, the base in brackets: “与2016年度相比（2016年度部门支出预算安排为8,648.07万元），
    # 增加498.72万元，增长5.77%” (498.72/8,648.07 = 5.77%).
    "江苏省政协办公厅2017年度部门预算.pdf": {},
    # Money carried over is no side of a comparison (W): “…项目上年结转66.73万元，用于…。较2025年
    # 年初预算增加569.63万元”; “另有结转2025年下达的资金510.00万元，合计…1,610.00万元，较2025年
    # 年初预算增加1,210.00万元”.
    "2026年深圳市人民政府口岸办公室部门预算.pdf": {},
    "2026年深圳市宣传部部门预算.pdf": {},
    # A reason and its change (O): “较2025年年初预算增加0.00万元，…压减公车运行维护经费” (no
    # change, no direction); “减少23.10万元，主要原因是…无公务车购置需求及…增加公务用车运行费”
    # (a reason each way).
    "2026年深圳市医疗保障局部门预算.pdf": {},
    "2026年上海市交通运输局_部门预算.pdf": {},
    # A project's figures in its 绩效 report (S): “该项目批复的年初预算数为1018.00万元，其中当年
    # 财政拨款898.00万元，上年结转120.00万元”, “等3个项目开展了部门评价，涉及一般公共预算支出
    # 1639.34万元”. What stays is its own: 收入总计 35.74% for 35.94%, and its contents list the
    # 三公, 政府性基金 and 国有资本 tables on 11, 12, 13 where the body prints them on 13, 11, 12.
    "国家信访局2024年度部门决算.pdf": {"narrative.change": 1, "contents.pages": 3},
    # The same when a template note cuts the sentence (F′): “…（注：…修改时删除此注释）预算项目24
    # 个，预算资金3274.33万元，其中财政拨款3274.33万元”.
    "2026年烟台市水利局部门预算.pdf": {},
    # A reason's amounts and rates are not the figure's (T, V; L is the same): “主要原因是基本支出
    # 增加…职业年金缴费等1447.63万元”; “会议费…增加164.48万元，主要原因按规定…统一压减10%”.
    # What stays of 省法院 is its own: 一般行政事务管理（项）支出6049.97万元，…减少392.92万元，
    # 减少5.95% (6.10%).
    "江苏省人大常委会2019年度部门预算公开.pdf": {},
    "省法院2018年度部门预算公开.pdf": {"narrative.change": 1},
    # A change whose sentence has a subject of its own (R): “…项目支出预算474.56万元…。2026年预算
    # 比2025年预算增加50.32万元，增长3.08%”; “…政府性基金预算拨款收入5000.00万元…。相应安排支出
    # 预算61764.88万元，比上年增加8649.85万元”. A code column is no figure (Q): 长春's 收入总表
    # prints 部门（单位）代码 105001. What stays is printed so: 长春's 支出总表 当年预算 小计 0.00
    # over 项目支出 458.00, 301 over parts adding to 920.96, 15万元 “占固定资产总额的0.26%”
    # (0.35%); 福州's 20402 公安 48,200.88 over 22,431.07 and 16,389.79.
    "2026年长春市信访局部门预算.pdf": {"sum.rows": 3, "sum.columns": 4, "narrative.share": 1},
    "017_福州/公安局交通警察局_2026年部门预算.pdf": {"sum.rows": 2},
    # A date in a sentence about another time (N): “依据2009年《…》中规定，…截止2008年12月31日
    # 未报销的…，自2009年1月开始…”, quoted in a 绩效目标表.
    "2026年烟台市人力资源和社会保障局部门预算.pdf": {},
    # A full name is the short one (X): 中国共产党江苏省委员会办公厅 is 江苏省委办公厅. Its
    # contents go on at the top of the page the body begins on (十、…十二、 above 第一部分 部门
    # 概况), so its 机关运行经费 and 三公 tables are listed. What stays is its own: 行政运行（项）
    # 支出6106.99万元，…增加101.48万元，增长1.66% (1.69%).
    "江苏省委办公厅2017年部门预算.pdf": {"narrative.change": 1},
    # A figure under a heading naming another unit is that unit's: 深圳's 部门预算 gives each
    # 预算单位 a section (“十三、深圳市社会保险基金管理局龙华分局”, then “…部门预算收入5,127.91
    # 万元”). And a reason's amounts (L): “较2025年年初预算增加118.80万元，主要是2025年因公出国
    # 计划年初未下达，年初预算数为0”.
    "2026年深圳市人力资源和社会保障局部门预算.pdf": {},
    # A unit under the department has a section too (“八、深圳市生态环境局福田管理局 > （五）项目
    # 支出4,067.81万元”): its figures are its own. What stays is its own: 因公出国 “较2025年年初预算
    # 增加80.80万元”, whose stated reason “因公赴港澳经费减少3.20万元” is a decrease.
    "2026年深圳市生态环境局部门预算.pdf": {"narrative.reason": 1},
    # A project's name may end in the words of a metric: “大厅保安和安检服务项目支出328.69万元” is
    # the project's, not the department's 项目支出.
    "2026年深圳市信访局部门预算.pdf": {},
    # A header wrapped over lines (K): 公务用车购置及运行维护费 0 beside its 小计 267.80 under
    # “三公”经费 小计 484.30. What stays: 99.94% for 99.93%, a 提示; and its 收、支预算总计
    # “各增加3,958.67万元，增长21.95%”, which is 22.00% of 17,996.68 (a true error). Its lines
    # joined as printed: two shares more, each 0.01 off (65.56% for 65.55%: 提示).
    "2018年省检察院部门预算公开.pdf": {"narrative.share": 3, "narrative.change": 1},
}
PARTNERS = [
    # The tables of the text parts above (Jiangsu publishes them as another file).
    "江苏省政协办公厅/2017年度部门预算公开表.pdf",
    "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    "江苏省委办公厅2017年预算公开表格.pdf",
]


@pytest.fixture(scope="module")
def national(national_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    files = [next(national_corpus.rglob(name)) for name in [*NATIONAL, *PARTNERS]]
    return Ingested.run(tmp_path_factory.mktemp("national-audit"), *files)


@pytest.mark.parametrize("file_name", list(NATIONAL))
def test_national_documents_have_no_false_alarm(national: Ingested, file_name: str) -> None:
    assert rules(national, Path(file_name).name) == NATIONAL[file_name]
