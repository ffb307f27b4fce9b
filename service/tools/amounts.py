"""The amounts tool: where a document prints the amounts the user quotes (说明里写1815万, 到底是
7827.46万还是7747.46万): each table cell and each sentence of the narrative printing it, so the
answer can say what each quoted figure is and where it stands."""

import re
import sqlite3
from decimal import Decimal

from caiwen.domain.ordinals import strip_ordinal
from caiwen.ingest.numbers import UNIT_FACTORS, as_printed, parse_amount
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import AmountPlaces, Located, Place, QuotedSum
from caiwen.service.figures import DocumentFigures
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import Level, ToolBase, derived, value_of
from caiwen.service.tools.documents import entry
from caiwen.service.tools.registry import tool
from caiwen.service.understand import planner_vocabulary, quoted_amount
from caiwen.service.values import Value

SHOWN = 4
"""At most this many places are given for one amount (a round figure can be printed often)."""
ROUNDING = Decimal("0.02")
"""Two figures of 万元 to two places this close differ by rounding (四舍五入)."""
AROUND = 60
"""A sentence longer than this is quoted by the clauses around the amount."""


class AmountTools(ToolBase):
    @tool()
    def locate_amounts(
        self,
        amounts: list[str],
        department: str,
        year: int | None = None,
        kind: str | None = None,
        level: Level | None = None,
        added: bool = False,
    ) -> ToolResult:
        """Where a department's document prints amounts the user quotes, written as the user
        wrote them (1815万, 7747.46万元, 180000元, 71.73%): each table cell printing one (table,
        row, column) and each sentence of the narrative stating it, exactly as quoted or,
        failing that, rounded to the places quoted (40870万 for 40,869.60); and how far two
        are apart. With added (三项加起来对不对), the largest is the whole the others are said to
        add up to: their sum and how far it is from it. An amount with no place is printed
        nowhere."""
        result = ToolResult(tool="locate_amounts")
        doc = self.box.choose(department, year, kind, level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        figures = self.box.figures(doc)
        cells, paragraphs = self.box.store.cells(doc.id), self.box.store.section_paragraphs(doc.id)
        found = []
        for said in filter(None, map(quoted_amount, amounts)):
            quoted = derived(doc, "quoted", value_name("quoted"), *said)
            result.values.append(quoted)
            places = [
                *_cells(result, cells, figures, quoted),
                *_sentences(result, paragraphs, figures, quoted),
            ]
            exact = [p for p in places if p.exact]
            shown = (exact or places)[:SHOWN]
            for place in shown if not exact else ():  # 40870万: printed 40,869.60
                printed = derived(doc, "figure", value_name("quoted"), place.value, quoted.unit)
                result.values.append(printed.model_copy(update={"source": "table"}))
            found.append(AmountPlaces(quoted=quoted, places=shown))
        if not found:
            result.status, result.message = "invalid", say("no_amount_quoted")
            return result
        funds, gap = _funds(found), _gap(result, doc, found)
        rounding = gap is not None and 0 < gap.value <= ROUNDING and gap.unit == "万元"
        result.details = Located(
            document=entry(doc),
            amounts=found,
            gap=gap,
            rounding=rounding,
            gap_places=[] if gap is None or rounding else _cells(result, cells, figures, gap, True),
            funds=(funds[0], funds[1]) if funds else None,
            left_out=self._left_out(result, doc, funds[2]) if funds else [],
            summed=_summed(result, doc, found) if added else None,
        )
        result.cite(figures.citation())
        return result

    def _left_out(self, result: ToolResult, doc: StoredDocument, scope: str) -> list[Value]:
        """The money a table of this 口径 leaves out, as the document prints it (not nothing)."""
        kinds = planner_vocabulary()["funds_left_out"]
        names = next((kinds[k] for k in kinds if scope.startswith(k)), [])
        figures = self.box.figures(doc)
        metrics = [self.box.catalogue.metrics[n] for n in names]
        read = [f for f in map(figures.read, metrics) if f is not None and f.value]
        return [result.add(value_of(f, doc, "figure"), f.citation) for f in read]


def _gap(result: ToolResult, doc: StoredDocument, found: list[AmountPlaces]) -> Value | None:
    """How far two quoted amounts the document prints are apart, said in one unit (of more,
    none: the question adds them up or sets them out otherwise)."""
    if len(found) != 2 or found[0].quoted.unit != found[1].quoted.unit:
        return None
    if not (found[0].places and found[1].places):
        return None  # 35.1万还是351万: one is printed nowhere, no gap between two figures
    first, second = found[0].quoted, found[1].quoted
    gap = abs(first.value - second.value)
    value = derived(doc, "finding", value_name("quoted_gap"), gap, first.unit)
    result.values.append(value)
    return value


def _summed(result: ToolResult, doc: StoredDocument, found: list[AmountPlaces]) -> QuotedSum | None:
    """The quoted amounts other than the largest added up (基本支出增加19.34万、项目支出增加369万
    against 388.34万), when there are at least two of them in one unit."""
    amounts = [a.quoted for a in found]
    if len(amounts) < 3 or len({a.unit for a in amounts}) != 1:
        return None
    whole = max(amounts, key=lambda a: a.value)
    total = sum((a.value for a in amounts if a is not whole), Decimal(0))
    value = derived(doc, "sum", value_name("quoted_sum"), total, whole.unit)
    gap = derived(doc, "finding", value_name("quoted_gap"), abs(whole.value - total), whole.unit)
    result.values += [value, gap]  # the gap is said where there is one
    return QuotedSum(whole=whole, total=value, gap=gap)


def _funds(found: list[AmountPlaces]) -> tuple[str, str, str] | None:
    """The tables of all funds and of one fund only (with its 口径) two quoted amounts are
    printed in, where one is printed in one and the other in the other."""
    if len(found) != 2:
        return None
    wide, fiscal = planner_vocabulary()["fund_scopes"].values()
    for one, other in (found[:2], found[1::-1]):
        whole = next((p.table for p in one.places if p.scope == wide), None)
        part = next((p for p in other.places if p.scope and fiscal in p.scope), None)
        if whole and part and part.table and not any(p.scope == wide for p in other.places):
            return whole, part.table, part.scope or ""
    return None


def _cells(
    result: ToolResult,
    cells: list[sqlite3.Row],
    figures: DocumentFigures,
    quoted: Value,
    exactly: bool = False,
) -> list[Place]:
    """The table cells printing the amount, one per table row (a percent is no cell's); with
    ``exactly``, only those printing it to the last place (a gap, not a figure quoted)."""
    if quoted.unit not in UNIT_FACTORS or not quoted.value:
        return []
    factor = UNIT_FACTORS[quoted.unit]
    wan = quoted.value * factor
    places: dict[tuple[str, str], Place] = {}
    for cell in cells:
        if cell["amount"] is None or not as_printed(wan, Decimal(cell["amount"])):
            continue
        title, row = cell["table_title"] or "", strip_ordinal(cell["row_label"] or "") or None
        exact = Decimal(cell["amount"]) == wan
        if exactly and not exact:
            continue
        if (title, row or "") in places and (places[(title, row or "")].exact or not exact):
            continue
        citation = figures.citation(
            page=cell["page"],
            table=title or None,
            row=row,
            column=cell["column_path"] or None,
            quote=f"{cell['original']} {cell['original_unit'] or '万元'}",
        )
        places[(title, row or "")] = Place(
            table=title or None,
            row=row,
            column=cell["column_path"] or None,
            value=Decimal(cell["amount"]) / factor,
            exact=exact,
            scope=family.scope if (family := figures.catalogue.family(title)) else None,
            citation=result.cite(citation),
        )
    return list(places.values())


def _sentences(
    result: ToolResult, paragraphs: list[sqlite3.Row], figures: DocumentFigures, quoted: Value
) -> list[Place]:
    """The narrative's sentences stating the amount (a percent as a percent), each cut to the
    words around it."""
    pattern = planner_vocabulary()["text_amount"]
    places = []
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=[。；;])", paragraph["text"]):
            sentence = sentence.strip()
            said = [
                (m, _in(m["amount"], m["unit"], quoted.unit))
                for m in re.finditer(pattern, sentence)
            ]
            near = [(m, s) for m, s in said if s is not None and as_printed(quoted.value, s)]
            if not near:
                continue
            at, value = next(((m, s) for m, s in near if s == quoted.value), near[0])
            citation = figures.citation(page=paragraph["page"], quote=sentence)
            places.append(
                Place(
                    sentence=_around(sentence, at.start()),
                    value=value,
                    exact=value == quoted.value,
                    citation=result.cite(citation),
                )
            )
    return places


def _around(sentence: str, at: int) -> str:
    """The clauses of a long sentence around the amount written at ``at`` (…公用经费645.01万元…)."""
    if len(sentence) <= AROUND:
        return sentence
    ends = [m.end() for m in re.finditer(r"[，：:]|,(?!\d)", sentence)] + [len(sentence)]
    starts = [0, *ends[:-1]]
    clause = next(i for i, end in enumerate(ends) if at < end)
    first, last = max(0, clause - 1), min(len(ends) - 1, clause + 1)
    text = sentence[starts[first] : ends[last]].rstrip("，,：:")
    return ("…" if first > 0 else "") + text + ("…" if last < len(ends) - 1 else "")


def _in(written: str, unit: str, asked: str) -> Decimal | None:
    """A written amount in the unit asked (万元 from 元 and 亿元; a percent only as one)."""
    value = parse_amount(written)
    if value is None or (unit == "%") != (asked == "%"):
        return None
    if unit == "%":
        return value
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS.get(asked, Decimal(1))
