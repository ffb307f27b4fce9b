"""Answers about the documents themselves, and the ask-backs: which documents there are, where
one contradicts itself, which department a name means, what the disclosures never hold, and
what the assistant can answer."""

from collections import Counter

from caiwen.service.composers.figures import one_figure
from caiwen.service.details import (
    AuditFindings,
    Disclosed,
    Documents,
    FigureRead,
    Located,
    Place,
    QuotedSum,
)
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.writer import Composed, Results, Writer, money, number


def audit(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("audit_document")
    found = result.detail(AuditFindings)
    doc = found.document
    who = {"who": doc.department, "year": doc.year, "kind": w.kind_of(doc.kind)}
    findings = found.findings
    quoted = located(w, results)
    if not findings and _disagreeing(results):  # the figure's own tables disagree
        return Composed(quoted + _figure_of(w, results))
    if not findings and found.others:  # 说明里的机关运行经费和表里的对得上吗: none on it
        none = w.fill("audit_none_on", metric=plan.metric_name, count=found.others, **who)
        return Composed(quoted + _figure_of(w, results) + none)
    if not findings:
        none = w.fill("audit_none", checked="、".join(found.checked), **who)
        return Composed(quoted + _figure_of(w, results) + none)
    shown = w.t["audit_shown"]
    lines = "；".join(
        w.fill(
            "audit_line",
            n=i,
            message=f.message.rstrip("。"),
            cite=w.cited(result, f.citations),
        )
        for i, f in enumerate(findings[:shown], 1)
    )
    text = w.fill("audit_found", count=len(findings), lines=lines + "。", **who)
    if len(findings) > shown:
        text += w.fill("audit_more", document_id=doc.document_id)
    return Composed(quoted + text)


def located(w: Writer, results: Results) -> str:
    """Where the document prints each amount the question quotes (or that it prints it
    nowhere), and how far two quoted amounts are apart."""
    result = results.find("locate_amounts")
    found = result.maybe(Located) if result is not None and result.status == "ok" else None
    if result is None or found is None:
        return ""
    doc = found.document
    text = ""
    for each in found.amounts:
        amount, unit = number(each.quoted), each.quoted.unit
        if not each.places:
            who = {"who": doc.department, "year": doc.year, "kind": w.kind_of(doc.kind)}
            text += w.fill("located_nowhere", amount=amount, unit=unit, **who)
            continue
        places = "；".join(_place(w, result, p, unit) for p in each.places)
        text += w.fill("located", amount=amount, unit=unit, places=places)
    if found.gap is not None:
        first, second = (number(a.quoted) for a in found.amounts[:2])
        gap = number(found.gap)
        text += w.fill("located_gap", first=first, second=second, gap=gap, unit=found.gap.unit)
        if found.rounding:
            text += w.t["located_rounding"]
        elif found.gap_places:
            places = "、".join(_place(w, result, p, found.gap.unit) for p in found.gap_places[:2])
            text += w.fill("located_gap_printed", gap=gap, unit=found.gap.unit, places=places)
    if found.summed is not None:
        text += _summed(w, found.summed)
    if found.funds is not None:
        figures = "、".join(
            w.fill(
                "located_left_out_figure", metric=v.name, value=number(v), cite=w.marks(result, v)
            )
            for v in found.left_out
        )
        left_out = w.fill("located_left_out", figures=figures) if figures else ""
        text += w.fill(
            "located_funds", whole=found.funds[0], part=found.funds[1], left_out=left_out
        )
    return text


def _summed(w: Writer, summed: QuotedSum) -> str:
    """The quoted amounts other than the largest, added up against it."""
    unit = summed.whole.unit
    agreed = summed.gap.value == 0
    agree = w.t["located_summed_agree"][agreed].format(gap=number(summed.gap), unit=unit)
    total = number(summed.total)
    return w.fill("located_summed", whole=number(summed.whole), total=total, unit=unit, agree=agree)


def _place(w: Writer, result: ToolResult, place: Place, unit: str) -> str:
    """One place an amount is printed: a table's row (and column), or a sentence."""
    cite = w.cited(result, [place.citation])
    rounded = "" if place.exact else w.fill("located_rounded", value=money(place.value), unit=unit)
    if place.sentence is not None:
        return w.fill("located_sentence", sentence=place.sentence, cite=rounded + cite)
    column = w.fill("located_column", column=place.column) if place.column else ""
    row = w.fill("located_row", row=place.row) if place.row else ""
    table = w.fill("located_table", table=place.table) if place.table else w.t["located_untitled"]
    return w.fill("located_cell", table=table, row=row, column=column, cite=rounded + cite)


def _disagreeing(results: Results) -> bool:
    """Whether the named figure's text or another table prints it otherwise (what the answer
    shows; the audit's findings do not cover every table)."""
    read = results.find("get_metric")
    return read is not None and read.status == "ok" and read.detail(FigureRead).disagreed


def _figure_of(w: Writer, results: Results) -> str:
    """The named figure as the document prints it (and any other value its text gives)."""
    read = results.find("get_metric")
    return one_figure(w, read, agreeing=True) if read is not None and read.status == "ok" else ""


def list_documents(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("find_documents")
    found = result.maybe(Documents)
    if found is None or not found.documents:
        return Composed(result.message or w.t["no_documents"], refused=True)
    lines = [
        w.fill("document_line", department=d.department, year=d.year, kind=w.kind_of(d.kind))
        for d in found.documents
    ]
    return Composed(w.fill("documents", lines="；".join(lines)))


def ambiguous(w: Writer, plan: Plan, results: Results) -> Composed:
    """Ask which department a name means, naming the real choices (one: ask to confirm)."""
    key = "ambiguous" if len(plan.candidates) > 1 else "confirm_department"
    text = w.fill(
        key,
        name=plan.unknown_department or plan.query,
        candidates="、".join(plan.candidates),
    )
    return Composed(text)


def need_department(w: Writer, plan: Plan, results: Results) -> Composed:
    """Ask which department: those stored of the government the question names, else those
    stored, or where too many to list, the governments, those with the most first."""
    listed = results.find("find_documents")
    found = listed.maybe(Documents) if listed else None
    docs = found.documents if found else []
    of_region = [d for d in docs if plan.region and (d.region or "").startswith(plan.region)]
    regions = {d.department: d.region or "" for d in of_region or docs}
    if of_region or len(regions) <= w.t["need_department_listed"]:
        return Composed(w.fill("need_department", candidates="、".join(sorted(regions))))
    governments = [r for r, _ in Counter(regions.values()).most_common()]
    return Composed(w.fill("need_department_regions", regions="、".join(governments)))


def undisclosed(w: Writer, plan: Plan, results: Results) -> Composed:
    """Details the disclosures never hold (one person's pay, a supplier), with what the
    department's document does disclose."""
    listed = results.find("list_metrics")
    found = listed.maybe(Disclosed) if listed and listed.status == "ok" else None
    available = ""
    if found is not None:
        available = w.fill(
            "undisclosed_available",
            who=found.document.department,
            year=found.document.year,
            kind=w.kind_of(found.document.kind),
            metrics="、".join(m.name for m in found.metrics[:10]),
        )
    return Composed(w.fill("undisclosed", available=available), refused=True)


def filed(w: Writer, plan: Plan, results: Results) -> Composed:
    """A department's own disclosure (部门 or 本级) asked for by the name a unit's file is
    named after: not stored; whose the file is."""
    text = w.fill(
        "filed_whole",
        filed=plan.filed_as,
        file=plan.filed_file,
        holder=plan.department_name,
    )
    return Composed(text, refused=True)


def offer(w: Writer, plan: Plan, results: Results) -> Composed:
    """A department named with nothing asked of it: what its document discloses, to choose
    from (a question back, not a refusal)."""
    found = results.one("list_metrics").detail(Disclosed)
    text = w.fill(
        "offer",
        who=found.document.department,
        year=found.document.year,
        kind=w.kind_of(found.document.kind),
        metrics="、".join(m.name for m in found.metrics[:12]),
    )
    return Composed(text)


def help_text(w: Writer, plan: Plan, results: Results) -> Composed:
    return Composed(w.t["help"])
