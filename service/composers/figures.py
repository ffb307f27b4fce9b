"""Answers with one figure, or several, and what the document says against it."""

import re
from decimal import Decimal

from caiwen.domain.catalogue import MONEY
from caiwen.service.details import (
    Absent,
    AverageOf,
    Breakdown,
    DifferenceOf,
    FigureRead,
    Stated,
    SumOf,
    Tally,
    TargetRead,
)
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.values import Value, rounded
from caiwen.service.writer import Composed, Results, Writer, money, number

WHOSE = frozenset({"ambiguous", "no_document", "invalid"})
"""A tool's result that fails on whose document is asked, not on a figure of it."""
ROUNDING = Decimal("0.01")
"""A sum of figures printed to two places may miss its printed whole by up to this per part."""


def value(w: Writer, plan: Plan, results: Results) -> Composed:
    """The figure; a refusal saying what is printed instead where the figure asked is not
    (another metric in its place, or the department's whole where its own part was asked)."""
    result = results.one("get_metric")
    read = result.detail(FigureRead)
    return Composed(
        one_figure(w, result) + _other_scopes(w, result) + its_parts(w, results.find("breakdown")),
        refused=read.instead_of is not None or read.whole_for_part,
    )


def _other_scopes(w: Writer, result: ToolResult) -> str:
    """The line asked alone, printed with another amount in tables of another 口径: each amount
    of each 口径 once, with the tables printing it."""
    grouped: dict[tuple[Decimal, str | None], list[Stated]] = {}
    for other in result.detail(FigureRead).other_scopes:
        grouped.setdefault((other.value, other.scope), []).append(other)
    text = ""
    for (amount, scope), others in grouped.items():
        printed = others[0].printed
        text += w.fill(
            "printed_in_scope",
            tables="、".join(f"《{o.citation.table}》" for o in others),
            metric=others[0].metric,
            value=money(amount),
            unit=others[0].unit + (w.fill("printed", printed=printed) if printed else ""),
            cite="".join(w.mark(result, o.citation) for o in others),
            scope=scope,
        )
    return text


def its_parts(w: Writer, result: ToolResult | None) -> str:
    """The parts of the figure, where the answer gives them (三公经费: 出国、接待、公车)."""
    found = result.maybe(Breakdown) if result and result.status == "ok" else None
    if found is None or found.instead_of or not found.parts:
        return ""
    said = "、".join(stated_part(w, result, p.value) for p in found.parts)
    return w.fill("its_parts", parts=lone_lines(w, result, found) + said)


def lone_lines(w: Writer, result: ToolResult, found: Breakdown) -> str:
    """The lines a whole is all of, one under the other, before the lines they divide into."""
    return "".join(w.fill("lone_line", line=v.name, cite=w.marks(result, v)) for v in found.through)


def stated_part(w: Writer, result: ToolResult, value: Value) -> str:
    """One part named with its figure as printed, cited (公务接待费0.50万元[1])."""
    return w.fill(
        "part_stated",
        metric=value.name,
        value=number(value),
        unit=unit_printed(w, value),
        cite=w.marks(result, value),
    )


def exists(w: Writer, plan: Plan, results: Results) -> Composed:
    """Whether there is any of something: yes with its figure, no when the figure is zero, the
    table that would print it is printed empty or the narrative says there is none (本单位无
    机关运行经费); else why it cannot be said."""
    result = results.one("get_metric")
    if result.status == "ok":
        read = result.detail(FigureRead)
        said = "exists_none" if read.figure.value == 0 else "exists_yes"
        return Composed(w.fill(said) + one_figure(w, result))
    if empty := none_printed(w, result):
        return Composed(empty)
    if stated := absence_stated(w, result):
        return Composed(w.t["exists_no"] + stated)
    return Composed(result.message or w.t["no_figure"], refused=True)


def none_printed(w: Writer, result: ToolResult) -> str:
    """No, there is none of a figure, where the document prints its table empty; else
    nothing."""
    empty = printed_empty(w, result)
    return w.t["exists_no"] + empty if empty else ""


def printed_empty(w: Writer, result: ToolResult) -> str:
    """That there is none of a figure, as the document says by printing its table empty (any
    but a 绩效目标表), with the table's note (本部门无相关收支项目) and the narrative's sentence
    saying so; nothing when that is not why."""
    absent = result.maybe(Absent)
    if result.status != "not_found" or absent is None or not absent.said_none:
        return ""
    doc = absent.citation
    return w.fill(
        "exists_empty",
        who=doc.department,
        year=doc.year,
        kind=f"{doc.level}{doc.kind}",
        metric=absent.metric,
        table=absent.table,
        note=w.fill("exists_note", note=absent.notes[0]) if absent.notes else "",
        cite=w.mark(result, absent.citation),
    ) + absence_stated(w, result)  # (本单位无机关运行经费: the narrative says so too)


def several(w: Writer, plan: Plan, results: Results) -> Composed:
    """Each figure asked; of those not printed, why (a figure missing leaves the others). The
    whole they make up is said before them where one of them is printed."""
    figures = results.every("get_metric")
    if plan.whole and not any(r.status == "ok" for r in figures[1:]):
        figures = figures[1:]  # 人员经费、公用经费分别多少, neither printed: no 基本支出 either
    if whose := next((r for r in figures if r.status in WHOSE), None):
        return Composed(whose.message or w.t["no_figure"], refused=whose.status != "ambiguous")
    answers = list(dict.fromkeys(one_figure(w, r) for r in figures if r.status == "ok"))
    answers += [_ends_said(w, plan, figures)] if plan.ends and answers else []
    missing = [(r.message, r) for r in figures if r.status != "ok" and r.message]
    if answers:  # beside figures answered, what is missing in its first sentence
        missing = [(m.split("。")[0] + "。", r) for m, r in missing]
    else:  # what the file does print, said once after the last
        missing = [(m.split("。")[0] + "。", r) for m, r in missing[:-1]] + missing[-1:]
    why = [(m, r, absence_stated(w, r)) for m, r in missing]
    said = list(dict.fromkeys(m + parts_stated(w, r) + stated for m, r, stated in why))
    return Composed("".join(answers + said), refused=not answers and not any(s for *_, s in why))


def _ends_said(w: Writer, plan: Plan, figures: list[ToolResult]) -> str:
    """Which of the figures listed is the largest, the smallest, as asked (这几项哪项最多、哪项
    最少): not the whole they are under, nor the fund said before them (财政拨款里，…)."""
    asked = figures[1:] if plan.whole else figures
    asked = asked[len(plan.metrics) - len(plan.lines) :]
    read = [(r.detail(FigureRead).figure, r) for r in asked if r.status == "ok"]
    if len(read) < 2 or len({f.unit for f, _ in read}) > 1:
        return ""
    ends = []
    for order in dict.fromkeys(plan.ends):
        figure, result = (max if order == "desc" else min)(read, key=lambda f: f[0].value)
        ends.append(
            w.t["listed_end"][order].format(
                metric=_whose(w, result, figure)[1],
                value=number(figure),
                unit=unit_printed(w, figure),
                cite=w.marks(result, figure),
            )
        )
    return "".join(ends)


def absence_stated(w: Writer, result: ToolResult) -> str:
    """Why a figure is not printed, as the narrative says (本部门年初不编制因公出国（境）费用预
    算), quoted and cited; nothing where it does not say."""
    absent = result.maybe(Absent)
    if result.status == "ok" or absent is None or absent.stated is None:
        return ""
    quote = absent.stated.quote or ""
    return w.fill("absence_stated", quote=quote.rstrip("。；;"), cite=w.mark(result, absent.stated))


def parts_stated(w: Writer, result: ToolResult) -> str:
    """Of a whole the document does not print, the parts it does (其中公开了：公务用车运行费
    51.00万元), each cited."""
    parts = [v for v in result.values if v.role == "part"]
    if result.status == "ok" or not parts:
        return ""
    listed = "、".join(
        w.fill("part_stated", metric=v.name, value=number(v), unit=v.unit, cite=w.marks(result, v))
        for v in parts
    )
    return w.fill("parts_stated", parts=listed)


def summed(w: Writer, plan: Plan, results: Results) -> Composed:
    """Each figure asked, and their sum (or what is not printed, when a part is missing)."""
    result = results.one("add_up")
    s = result.detail(SumOf)
    parts = _listed(w, result, s.parts)
    text = _sum_intro(w, result, s.parts[0])
    if s.total is None:
        return Composed(text + parts + "。" + "".join(s.missing))
    total = number(s.total)
    printed = w.fill("printed_sum", printed=s.total.printed) if s.total.printed else ""
    return Composed(text + w.fill("sum", parts=parts, value=total, unit=s.total.unit + printed))


def tallied(w: Writer, plan: Plan, results: Results) -> Composed:
    """The parts, their sum and the whole, and whether they agree (by how much they differ);
    the whole's other parts where the parts asked leave some of it out."""
    result = results.one("check_sum")
    t = result.detail(Tally)
    fields = {
        "parts": _listed(w, result, t.parts),
        "whole_name": t.whole.name,
        "whole": number(t.whole),
        "whole_unit": unit_printed(w, t.whole),
        "cite": w.marks(result, t.whole),
    }
    text = _sum_intro(w, result, t.whole)
    if t.total is None or t.difference is None:
        text += w.fill("tally_unsummed", **fields) + "".join(t.missing)
        if len(t.parts) == 1 and not t.missing:  # 其中财政拨款多少？另外那部分是什么
            text += _others(w, result, t, t.whole.value - t.parts[0].value)
        return Composed(text)
    gap = rounded(t.difference.value)
    verdict = "agrees" if gap == 0 else "under" if gap > 0 else "over"
    said = w.t["tally_verdict"][verdict].format(
        whole_name=t.whole.name, gap=money(abs(gap)), unit=t.whole.unit
    )
    if gap and abs(gap) <= ROUNDING * len(t.parts):
        said += w.t["tally_rounding"]
    total_unit = unit_printed(w, t.total)
    text += w.fill("tally", total=number(t.total), total_unit=total_unit, verdict=said, **fields)
    if gap and (rest := _others(w, result, t, gap)):
        text += rest
    elif gap and t.unread:
        text += w.fill("tally_unread", unread="、".join(t.unread))
    if gap and t.notes:
        text += w.fill("tally_notes", notes="；".join(n.rstrip("。") for n in t.notes))
    return Composed(text)


def _others(w: Writer, result: ToolResult, t: Tally, gap: Decimal) -> str:
    """The whole's other parts, where they make up the gap the parts asked leave."""
    others = sum((o.value for o in t.others), Decimal(0))
    if t.others and abs(others - abs(gap)) <= ROUNDING * (len(t.parts) + len(t.others)):
        return w.fill("tally_others", others=_listed(w, result, t.others))
    return ""


def differenced(w: Writer, plan: Plan, results: Results) -> Composed:
    """The two figures and how far apart they are."""
    result = results.one("subtract")
    d = result.detail(DifferenceOf)
    fields = {"first": d.first.name, "second": d.second.name}
    if d.difference is None:
        return Composed(_listed(w, result, [d.first, d.second]) + "。")
    gap = rounded(d.difference.value)
    verdict = "same" if gap == 0 else "more" if gap > 0 else "less"
    gap_unit = unit_printed(w, d.difference)
    said = w.t["difference_verdict"][verdict].format(
        gap=money(abs(gap)), gap_unit=gap_unit, **fields
    )
    text = _sum_intro(w, result, d.first) + w.fill(
        "difference",
        first_value=number(d.first),
        second_value=number(d.second),
        first_unit=unit_printed(w, d.first),
        second_unit=unit_printed(w, d.second),
        first_cite=w.marks(result, d.first),
        second_cite=w.marks(result, d.second),
        verdict=said,
        **fields,
    )
    return Composed(text)


def _listed(w: Writer, result: ToolResult, values: list[Value]) -> str:
    return "，".join(
        w.fill(
            "sum_part",
            metric=v.name,
            value=number(v),
            unit=unit_printed(w, v),
            cite=w.marks(result, v),
        )
        for v in values
    )


def _sum_intro(w: Writer, result: ToolResult, first: Value) -> str:
    who, _ = _whose(w, result, first)
    return w.fill("sum_intro", who=who, year=first.year, kind=w.kind_name(first))


def averaged(w: Writer, plan: Plan, results: Results) -> Composed:
    """The amount, the count, and the amount per one counted."""
    result = results.one("average")
    a = result.detail(AverageOf)
    fields = {
        "who": a.amount.department,
        "year": a.amount.year,
        "kind": w.kind_name(a.amount),
        "metric": a.amount.name,
        "value": number(a.amount),
        "unit": a.amount.unit,
        "per": a.count.name,
        "cite": w.marks(result, a.amount, a.count),
    }
    if a.average is None:
        return Composed(w.fill("average_of_none", **fields))
    count, each = number(a.count), a.count.unit
    return Composed(w.fill("average", count=count, each=each, average=number(a.average), **fields))


def _whose(w: Writer, result: ToolResult, value: Value) -> tuple[str, str]:
    """Whose document a figure is read from, and the figure's name, said as its unit's where
    it is a unit's own (湖州市交通运输局's document: 湖州市港航管理中心的“三公”经费)."""
    cited = [result.citations[i] for i in value.citations]
    owner = cited[0].department if cited else value.department
    if owner == value.department:
        return owner, value.name
    return owner, w.fill("unit_figure", unit=value.department, metric=value.name)


def unit_printed(w: Writer, value: Value) -> str:
    """The unit of a figure, with the amount as its table prints it in another unit (of a
    figure worked out from such figures, the amount in that unit)."""
    said = "printed_sum" if value.source == "derived" else "printed"
    return value.unit + (w.fill(said, printed=value.printed) if value.printed else "")


def one_figure(w: Writer, result: ToolResult, agreeing: bool = False) -> str:
    """One figure as the document prints it, with what the text says against it (and, with
    ``agreeing``, where the text writes the same figure to fewer places)."""
    read = result.detail(FigureRead)
    figure = read.figure
    who, metric = _whose(w, result, figure)
    text = w.fill("stated_as", asked=read.stated_as) if read.stated_as else ""
    text += w.fill(
        f"instead_of_{read.instead_of}" if read.instead_of else "value",
        who=who,
        year=figure.year,
        kind=w.kind_name(figure),
        metric=metric,
        value=number(figure),
        unit=unit_printed(w, figure),
        cite=w.marks(result, figure),
    )
    blocks = "、".join(stated_part(w, result, b) for b in read.blocks)
    said = "its_blocks" if figure.unit == MONEY else "its_items"  # (a count: the items counted)
    text += w.fill(said, n=w.counted(len(read.blocks)), parts=blocks) if blocks else ""
    counted = _kinds_counted(w, result, figure) + _cost_counted(w, result, figure)
    return text + counted + _flat_said(w, result, read) + _discrepancy(w, result, read, agreeing)


def _flat_said(w: Writer, result: ToolResult, read: FigureRead) -> str:
    """Where the narrative states the figure unchanged from a year before, that it does."""
    if read.flat_since is None or read.flat_citation is None:
        return ""
    return w.fill("flat_said", base=read.flat_since, cite=w.cited(result, [read.flat_citation]))


def _kinds_counted(w: Writer, result: ToolResult, figure: Value) -> str:
    """The kinds a count's sentence goes on to count (共有车辆3辆，其中应急保障用车2辆、…), each
    as printed; a kind the template prints with no number (机要通信用车辆) is left out."""
    rules = w.t["kinds_counted"]
    if figure.unit not in rules["units"]:
        return ""
    quotes = [result.citations[i].quote or "" for i in figure.citations]
    after = next((m for q in quotes if (m := re.search(rules["after"], q))), None)
    items = re.findall(rules["item"].format(unit=figure.unit), after["items"]) if after else []
    if not items:
        return ""
    listed = "、".join(f"{kind}{n}{figure.unit}" for kind, n in items)
    return w.fill("kinds_counted_text", items=listed, cite=w.marks(result, figure))


def _cost_counted(w: Writer, result: ToolResult, figure: Value) -> str:
    """The amount a count's sentence states right after it (计划购置车辆7辆、153.00万元),
    quoted as printed."""
    if figure.unit not in w.t["kinds_counted"]["units"] or not figure.value or figure.value % 1:
        return ""  # (计划购置车辆0辆、0万元: nothing bought costs nothing)
    said = w.t["cost_counted"].format(n=int(figure.value), unit=re.escape(figure.unit))
    quotes = [result.citations[i].quote or "" for i in figure.citations]
    found = next((m for q in quotes if (m := re.search(said, re.sub(r"\s+", "", q)))), None)
    cite = w.marks(result, figure)
    return w.fill("cost_counted_text", said=found["said"], cite=cite) if found else ""


def _discrepancy(w: Writer, result: ToolResult, read: FigureRead, agreeing: bool) -> str:
    """What the document says elsewhere against the figure: the narrative's other value, a
    note calling the table empty; and that the figure is the whole's where its own part was
    asked."""
    text = w.fill("whole_for_part", metric=read.figure.name) if read.whole_for_part else ""
    if read.fund_unprinted:
        text += w.fill("fund_unprinted", fund=read.fund_unprinted, metric=read.figure.name)
    stated = read.narrative
    if stated and stated.fund:
        text += w.fill(
            "narrative_of_fund",
            metric=stated.metric,
            value=money(stated.value),
            unit=stated.unit,
            cite=w.mark(result, stated.citation),
            fund=stated.fund,
            fund_value=money(stated.fund_value or stated.value),
        )
    elif stated and (agreeing or not stated.rounded or read.figure.printed):
        # (rounded, of a table in 元: the text's 万元 said beside the table's 元)
        said = "rounded_stated" if stated.rounded else "discrepancy"
        text += w.fill(
            "stated_wider" if stated.basic_only else said,
            metric=stated.metric,
            value=f"{stated.value:f}" if stated.rounded else money(stated.value),
            unit=stated.unit,
            cite=w.mark(result, stated.citation),
        )
    if (carried := read.with_carried) is not None:
        text += w.fill(
            "stated_with_carried",
            metric=read.figure.name,
            total=carried.metric,
            value=money(carried.value),
            unit=carried.unit,
            cite=w.mark(result, carried.citation),
        )
    if (zero := read.zero_said) is not None:
        quote = (zero.citation.quote or "").rstrip("。；;")
        text += w.fill("zero_said", quote=quote, cite=w.mark(result, zero.citation))
    if (same := read.narrative_same) is not None and agreeing:
        cite = w.mark(result, same.citation)
        text += w.fill("narrative_same", value=money(same.value), unit=same.unit, cite=cite)
    by_value: dict[str, list[Stated]] = {}
    for other in read.elsewhere if agreeing else ():
        by_value.setdefault(money(other.value), []).append(other)
    for amount, others in by_value.items():
        printed = next((o.printed for o in others if o.printed), None)
        text += w.fill(
            "printed_elsewhere",
            tables="、".join(f"《{o.citation.table}》" for o in others),
            metric=others[0].metric,
            value=amount,
            unit=others[0].unit + (w.fill("printed", printed=printed) if printed else ""),
            cite="".join(w.mark(result, o.citation) for o in others),
            agree=w.t["elsewhere_agree"][amount == money(read.figure.value)],
        )
    if read.empty_note:
        text += w.fill(
            "empty_note",
            table=read.empty_note.table,
            note=read.empty_note.note,
            cite=w.mark(result, read.empty_note.citation),
        )
    return text


def target(w: Writer, plan: Plan, results: Results) -> Composed:
    """Each target asked, as its 绩效目标表 prints it (≥4次), with the project it is set for;
    what no form sets, said so."""
    said = []
    for result in results.every("get_target"):
        if result.status != "ok":
            said.append(result.message or w.t["no_figure"])
            continue
        read = result.detail(TargetRead)
        figure = read.target
        project = w.fill("target_project", project=read.project) if read.project else ""
        said.append(
            w.fill(
                "target",
                who=figure.department,
                year=figure.year,
                kind=w.kind_name(figure),
                project=project,
                line=read.line,
                printed=_in_words(w, read.printed),
                cite=w.marks(result, figure),
            )
        )
    return Composed("".join(said))


def _in_words(w: Writer, printed: str) -> str:
    """A target's comparator said in words (≥10人: 不少于10人)."""
    said = w.t["comparators"]
    return said.get(printed[:1], printed[:1]) + printed[1:] if printed else printed
