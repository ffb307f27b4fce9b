"""The audit's checks of the narrative and the notes: stated figures and rates of change
against the tables, empty-table notes, missing tables."""

import json
import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal

from caiwen.domain.catalogue import Metric, normalise
from caiwen.domain.locate import TableCells, find_cell, group_tables
from caiwen.domain.ordinals import strip_ordinal
from caiwen.ingest.finding import (
    Audited,
    Finding,
    audit_rules,
    by_table,
    cell_side,
    column_name,
    fact_side,
    fmt,
    label,
    message,
    metric_of,
    note_side,
    tolerance,
)


def check_narrative_values(doc: Audited) -> Iterator[Finding]:
    """A figure the narrative states agrees with the table figure it names (with at least one
    of the tables that print it: a 项 is in the 支出表 and in the 一般公共预算 table), of the
    口径 it is stated for."""
    tables = group_tables(doc.cells, doc.catalogue, doc.year)
    for fact in doc.facts:
        if fact["kind"] != "amount" or fact["value"] is None:
            continue
        if fact["year"] not in (None, doc.year) or fact["basis"] not in (None, doc.basis):
            continue
        metric = metric_of(fact, doc.catalogue)
        if metric is None or _of_another_unit(fact, doc) or _of_a_project(fact, metric):
            continue
        stated = Decimal(fact["value"])
        printed = _printed_for(fact, metric, tables, doc)
        if not printed:
            continue
        within = _written_within(fact)
        wholes = _wholes(fact, metric, tables, doc)
        if _agrees(stated, within, [c for _, c in printed], wholes, _beside(printed)):
            continue
        table, cell = printed[0]
        gap = abs(stated - Decimal(cell["amount"]))
        yield Finding(
            "narrative.value",
            "",
            message(
                "narrative.value",
                metric=metric.display,
                stated=fmt(stated),
                table=table.title,
                table_value=fmt(Decimal(cell["amount"])),
                gap=fmt(gap),
            ),
            [fact_side(fact), cell_side(cell)],
            rounding=within > tolerance() and gap <= 2 * within,
        )


def _wholes(
    fact: sqlite3.Row, metric: Metric, tables: list[TableCells], doc: Audited
) -> list[sqlite3.Row]:
    """The cells a stated whole may mean besides its own (audit.yaml `stated_wholes`): the
    total rows of its families' tables, carry-overs included."""
    whole = audit_rules()["stated_wholes"].get(metric.id)
    if whole is None:
        return []
    return [
        cell
        for table in tables
        if table.family.id in whole["tables"]
        for cell in table.cells
        if re.search(whole["rows"], cell["row_label"] or "") and cell["amount"] is not None
    ]


def _beside(printed: list[tuple[TableCells, sqlite3.Row]]) -> list[sqlite3.Row]:
    """The other columns of the rows printing the figure that are a fund's: a figure stated of
    one fund is that fund's column of the row (拨款政府采购11307.34万元 is the 一般公共预算拨款
    收入 column of the 政府采购预算明细表's total row, whose 总计 is 11,884.37); not a budget
    column beside the 决算's, nor the other side of a table printing income and spending side
    by side."""
    return [
        c
        for table, cell in printed
        for c in table.cells
        if c["row"] == cell["row"]
        and c["grp"] == cell["grp"]
        and c["amount"] is not None
        and _scope(c["column_path"] or "")
    ]


def _agrees(stated: Decimal, within: Decimal, *cells: list[sqlite3.Row]) -> bool:
    return any(abs(stated - Decimal(c["amount"])) <= within for group in cells for c in group)


def _of_another_unit(fact: sqlite3.Row, doc: Audited) -> bool:
    """A figure stated under a heading that names another unit is that unit's (深圳's 部门预算
    gives a section to each 预算单位: “十三、深圳市社会保险基金管理局龙华分局” then “…龙华分局
    部门预算收入5,127.91万元”), not the document's. The nearest heading naming a unit decides,
    however deep the figure is under it (“一、市建筑工务署本级 > （五）项目支出9,866.11万元”);
    a unit under the department (深圳市生态环境局福田管理局) and the organ's own part (本级) are
    not the whole department."""
    own = re.sub(audit_rules()["own_part"], "", normalise(doc.department))
    for heading in reversed((fact["section_path"] or "").split(" > ")):
        name = re.sub(r"[（(][^）)]*$", "", normalise(strip_ordinal(heading)).rstrip("…"))
        unit = re.search(audit_rules()["unit_heading"], name)
        if unit:
            whole = name.removesuffix(unit["part"] or "")
            return bool(unit["part"]) or not own.endswith(whole)
    return False


def _of_a_project(fact: sqlite3.Row, metric: Metric) -> bool:
    """A figure stated under a project's own heading, below the one naming 项目支出, is the
    project's (深圳口岸办: “（五）项目支出 > 2.口岸管理业务 > …项目上年结转66.73万元” is that
    project's carry-over, not the department's 年初结转和结余), unless it is 项目支出 itself."""
    headings = (fact["section_path"] or "").split(" > ")
    projects = re.compile(audit_rules()["project_heading"])
    at = next((i for i, h in enumerate(headings) if projects.search(h)), None)
    return at is not None and at < len(headings) - 1 and not projects.search(metric.id)


def _printed_for(
    fact: sqlite3.Row, metric: Metric, tables: list[TableCells], doc: Audited
) -> list[tuple[TableCells, sqlite3.Row]]:
    """The cells printing the metric in the tables of the 口径 the figure is stated for; where
    none of those prints it and the 口径 is its list's lead-in's, in the tables of the fund that
    holds it (audit.yaml `scope_within`: an item of “财政拨款支出主要内容如下：” in the 一般公共
    预算 table, when the 财政拨款 tables print no 项; a figure of the 财政拨款 stated in running
    text may hold its carry-over, which that table does not)."""
    stated = _stated_scope(fact, metric, doc.paragraphs)
    printed = [
        (table, _scope(table.family.scope), cell)
        for location in metric.find
        if location.table and (found := find_cell(tables, location, doc.basis))
        for table, cell in [found]
    ]
    own = [(t, c) for t, scope, c in printed if scope == stated]
    within = audit_rules()["scope_within"]
    held = stated.union(*(_scope(w) for word in stated for w in within.get(word, [])))
    if own or held == stated or not _lead_in(fact, doc.paragraphs):
        return own
    return [(t, c) for t, scope, c in printed if scope == held]


CLAUSE = re.compile(r"[，；：。;:]")
WRITTEN = re.compile(r"(?<![\d.])(?P<whole>\d[\d,]*)(?:\.(?P<places>\d+))?\s*万元")


def _written_within(fact: sqlite3.Row) -> Decimal:
    """How far a table figure may be from a stated one that still says it: half a unit of the
    last place the sentence writes it to (“其他收入5,428万元” says 5,428.21), at least the
    rounding tolerance. Up to one unit off is cut, not rounded (1,256万元 for 1,256.58): a 提示."""
    value = Decimal(fact["value"])
    places = [
        len(m["places"] or "")
        for m in WRITTEN.finditer(fact["quote"])
        if Decimal(f"{m['whole'].replace(',', '')}.{m['places'] or 0}") == value
    ]
    if not places:
        return tolerance()
    return max(tolerance(), Decimal(5).scaleb(-max(places) - 1))


def _scope(text: str) -> frozenset[str]:
    """The 口径 words a text names, with the words they imply."""
    words, implies = audit_rules()["scope_words"], audit_rules()["scope_implies"]
    implied = (implies[w] for w in implies if w in text)
    return frozenset({w for w in words if w in text}.union(*implied))


def _stated_scope(
    fact: sqlite3.Row, metric: Metric, paragraphs: list[sqlite3.Row]
) -> frozenset[str]:
    """The 口径 of a narrative figure: its section's heading, the lead-in of the list it is an
    item of and its clause up to the figure name it, and so does the metric's own name
    (一般公共预算财政拨款支出)."""
    quote = fact["quote"].replace(",", "")
    digits = re.escape(f"{Decimal(fact['value']):f}")
    figure = re.search(rf"(?<![\d.]){digits}(?![\d])", quote)
    clause = CLAUSE.split(quote[: figure.start() if figure else len(quote)])[-1]
    lead_in = _lead_in(fact, paragraphs)
    return _scope(f"{fact['section_path'] or ''}{lead_in}{clause}{metric.id}")


def _lead_in(fact: sqlite3.Row, paragraphs: list[sqlite3.Row]) -> str:
    """The sentence a numbered list of figures hangs from, when the figure is in an item of it:
    上海's “财政拨款支出主要内容如下：” before “1.“教育支出”科目23,689万元” (the items are of the
    财政拨款, not of all funds)."""
    at = next((i for i, p in enumerate(paragraphs) if fact["quote"] in p["text"]), None)
    if at is None or strip_ordinal(paragraphs[at]["text"]) == paragraphs[at]["text"]:
        return ""
    for paragraph in reversed(paragraphs[:at]):
        text = paragraph["text"].strip()
        if strip_ordinal(text) == text:
            return text if text.endswith(("：", ":")) else ""
    return ""


def check_narrative_changes(doc: Audited) -> Iterator[Finding]:
    """A stated rate of change agrees with the amounts stated with it (recomputed, to the
    precision the rate is written in; one unit of that precision off is a rounding 提示)."""
    for fact in doc.facts:
        if fact["percent"] is None or fact["kind"] != "amount":
            continue
        stated = Decimal(fact["percent"])
        value, base = _sides_of(fact, doc)
        if value is None or base is None or base == 0:
            continue
        computed = (value - base) / base * 100
        places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
        off = abs(round(abs(computed), places) - abs(stated))
        if off == 0:
            continue
        metric = metric_of(fact, doc.catalogue)
        yield Finding(
            "narrative.change",
            "",
            message(
                "narrative.change",
                metric=metric.display if metric else fact["metric"],
                direction=fact["direction"] or ("增长" if stated > 0 else "下降"),
                stated=f"{abs(stated):f}",
                value=fmt(value),
                base=fmt(base),
                computed=f"{abs(computed):.2f}",
            ),
            [fact_side(fact)],
            rounding=off <= Decimal(1).scaleb(-places),
        )


def _sides_of(fact: sqlite3.Row, doc: Audited) -> tuple[Decimal | None, Decimal | None]:
    """The amount a stated change ends at and its base: the amount and the amount minus the
    stated change, or a last-year amount stated in the same sentence. An amount stated for an
    earlier year is the base itself (“与2016年度相比（2016年度部门支出预算安排为8,648.07万元），
    增加498.72万元”). A rate stated with only its base (“财政拨款支出较上年增长214.10%（2017年度
    财政拨款支出188.33万元）”) ends at the amount the document states for the metric elsewhere,
    when it states one."""
    if fact["value"] is None:
        if fact["delta"] is not None:
            return None, None
        return _stated_elsewhere(fact, doc), _base_of(fact, doc)
    value = Decimal(fact["value"])
    if fact["delta"] is None:
        return value, _base_of(fact, doc)
    if fact["year"] is not None and fact["year"] < doc.year:
        return value + Decimal(fact["delta"]), value
    return value, value - Decimal(fact["delta"])


def _base_of(fact: sqlite3.Row, doc: Audited) -> Decimal | None:
    """A last-year amount stated in the same sentence as a change (the metric's own first,
    where the sentence states two: “财政拨款收入增加227.48%（2017年度财政拨款收入177.19万元），
    …财政拨款支出增长214.10%（2017年度财政拨款支出188.33万元）”)."""
    stated = [
        f
        for f in doc.facts
        if f["quote"] == fact["quote"]
        and f["year"] is not None
        and f["year"] < doc.year
        and f["value"] is not None
        and f["kind"] == "amount"
    ]
    own = [f for f in stated if f["metric"] == fact["metric"]]
    return Decimal((own or stated)[0]["value"]) if stated else None


def _stated_elsewhere(fact: sqlite3.Row, doc: Audited) -> Decimal | None:
    """The one amount the narrative states for a metric in the document's year (None when it
    states none, or several that differ)."""
    values = {
        Decimal(f["value"])
        for f in doc.facts
        if f["metric"] == fact["metric"]
        and f["kind"] == "amount"
        and f["value"] is not None
        and f["year"] in (None, doc.year)
    }
    return values.pop() if len(values) == 1 else None


def check_empty_notes(doc: Audited) -> Iterator[Finding]:
    """A note calling a table empty over figures; a table its note calls empty whose figures
    the narrative states."""
    rules = audit_rules()
    empty_note = re.compile(rules["empty_note"])
    cells = by_table(doc.cells)
    for table in doc.tables:
        notes = [n for n in json.loads(table["notes"]) if empty_note.search(n)]
        figures = [c for c in cells.get(table["title"], []) if c["amount"] and Decimal(c["amount"])]
        if notes and figures:
            detail = rules["empty_detail"]["figures"].format(
                table=table["title"],
                note=notes[0],
                row=label(figures[0]) or column_name(figures[0]),
                value=fmt(Decimal(figures[0]["amount"])),
            )
            yield Finding(
                "note.empty", "", detail, [note_side(table, notes[0]), cell_side(figures[0])]
            )
        if table["empty"] and table["title"] and notes:
            # without its note saying so, a table with no figures may be one not read
            yield from _stated_for_empty(doc, table)


def _family(doc: Audited, table: sqlite3.Row) -> str | None:
    """The family of a table, by its title or a line printed around it."""
    names = (table["title"] or "", *json.loads(table["labels"]))
    return next((f.id for name in names if (f := doc.catalogue.family(name))), None)


def _stated_for_empty(doc: Audited, table: sqlite3.Row) -> Iterator[Finding]:
    family = doc.catalogue.family(table["title"])
    held = audit_rules()["table_metrics"].get(family.id if family else "", [])
    for fact in doc.facts:
        metric = metric_of(fact, doc.catalogue)
        if (
            metric is None
            or metric.id not in held
            or fact["kind"] != "amount"
            or not fact["value"]
            or not Decimal(fact["value"])
            or fact["year"] not in (None, doc.year)
        ):
            continue
        detail = audit_rules()["empty_detail"]["narrative"].format(
            table=table["title"], metric=metric.display, value=fmt(Decimal(fact["value"]))
        )
        yield Finding("note.empty", "", detail, [fact_side(fact)])
        return


def check_completeness(doc: Audited) -> Iterator[Finding]:
    """The standard tables of the document's kind are all there (empty ones count; a table is
    known by its title or the lines printed around it; “A|B”: either), in a document that
    follows the template: one holding fewer of them than audit.yaml's `expected_least` is of
    another template, or carries its tables in another file (a text part has none), and is not
    judged; nor is one with a table of figures of no known family (it may be the one looked
    for, under another name)."""
    families = {t["id"]: _family(doc, t) for t in doc.tables}
    present = {f for f in families.values() if f}
    expected = [e.split("|") for e in audit_rules()["expected"].get(doc.kind, [])]
    figured = {c["table_id"] for c in doc.cells if c["amount"] is not None}
    held = [e for e in expected if present.intersection(e)]
    if len(held) < audit_rules()["expected_least"] * len(expected):
        return
    if any(families[t] is None for t in figured):
        return  # a table of figures under a name not known may be the one looked for
    for names in expected:
        if not present.intersection(names):
            family = "或".join(names)
            yield Finding("completeness", "", message("completeness", family=family, kind=doc.kind))
