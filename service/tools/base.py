"""What every tool shares: the toolbox (store, catalogue, documents, figures), the preamble
that picks the document and the metrics a tool reads, the values it returns, and the facts of
the narrative."""

import re
from decimal import Decimal
from typing import Any, Literal

from caiwen.domain.catalogue import Metric, normalise
from caiwen.ingest.numbers import as_printed
from caiwen.ingest.stored import StoredDocument
from caiwen.service.absences import absence_sentence
from caiwen.service.details import Absent, FigureRead, Listed, Stated
from caiwen.service.figures import Figure
from caiwen.service.labels import SAME_WORDS, core_of, holds, label_metric, label_of
from caiwen.service.labels import rules as label_rules
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, templates
from caiwen.service.toolbox import Problem, Toolbox
from caiwen.service.values import Role, Value

Level = Literal["部门", "单位"]
Fund = Literal["一般公共预算", "政府性基金", "财政拨款"]
"""A disclosure's level: the department with its subordinate units (部门), or one unit, the
organ itself (单位, 本级)."""
HUNDRED = Decimal(100)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if whole == 0 else part / whole * HUNDRED


def key_of(metric: Metric) -> str:
    """How values name the metric they are of: its subject code, else its id."""
    return metric.code or metric.id


def value_of(figure: Figure, doc: StoredDocument, role: Role, name: str | None = None) -> Value:
    """A figure as printed in a document."""
    return Value(
        name=name or figure.name,
        value=figure.value,
        unit=figure.unit,
        role=role,
        metric=key_of(figure.metric),
        department=doc.department,
        region=doc.region,
        year=doc.year,
        kind=doc.kind,
        level=doc.level,
        basis=figure.basis,
        source=figure.source if figure.source in ("narrative", "derived") else "table",
        printed=figure.printed,
    )


def derived(
    doc: StoredDocument, role: Role, name: str, value: Decimal, unit: str, **of: Any
) -> Value:
    """A value computed from (or stated next to) a document's figures; ``of`` sets what else
    it is of (metric, part_of, year, basis, source), the document's year by default."""
    fields: dict[str, Any] = {
        "department": doc.department,
        "region": doc.region,
        "year": doc.year,
        "kind": doc.kind,
        "level": doc.level,
        "source": "derived",
    }
    return Value(name=name, value=value, unit=unit, role=role, **(fields | of))


def derived_from(like: Value, role: Role, name: str, value: Decimal, **of: Any) -> Value:
    """A value computed from others of one document (a sum, an average): whose, when and of
    which 口径 as ``like`` is."""
    whose = like.model_dump(include={"department", "region", "year", "kind", "level", "basis"})
    return Value(name=name, value=value, unit=like.unit, role=role, source="derived", **whose, **of)


def taken(result: ToolResult, read: ToolResult, role: Role, **update: Any) -> Value:
    """The figure another tool's result read (get_metric), added to this result in a role of
    its own (and with ``update``: another name)."""
    return moved(result, read, read.detail(FigureRead).figure, role, **update)


def moved(result: ToolResult, source: ToolResult, value: Value, role: Role, **update: Any) -> Value:
    """A value of another tool's result added to this result, with its citations, in a role of
    its own (and with ``update``)."""
    cited = [source.citations[i] for i in value.citations]
    copied = value.model_copy(update={"role": role, "citations": [], **update})
    return result.add(copied, *cited)


def names(fact: Any, metric: Metric) -> bool:
    """Whether a narrative fact is stated for the metric (by name or subject code)."""
    return fact["metric"] == metric.id or (metric.code is not None and fact["code"] == metric.code)


class ToolBase:
    """The tools' common ground; the families (documents, figures, comparisons, budgets,
    breakdowns, rankings, text) each add their tools."""

    def __init__(self, box: Toolbox):
        self.box = box

    def _amounts_stated(self, figure: Figure, doc: StoredDocument) -> list[Any]:
        """The narrative's amounts stated of a figure's line, of the document's year and of
        its tables' 口径."""
        figures = self.box.figures(doc)
        return [
            fact
            for fact in figures.facts
            if names(fact, figure.metric)
            and fact["kind"] == "amount"
            and fact["value"] is not None
            and fact["year"] in (None, doc.year)
            and fact["basis"] in (None, figures.default_basis())
        ]

    def _rounded_said(self, figure: Figure, doc: StoredDocument) -> Stated | None:
        """Of a figure its table prints in another unit (82,430,239元), the narrative's amount
        stating it to fewer places (8243万元), cited."""
        if figure.printed is None or figure.source != "table":
            return None
        for fact in self._amounts_stated(figure, doc):
            if as_printed(Decimal(fact["value"]), figure.value):
                return Stated(
                    metric=figure.metric.display,
                    value=Decimal(fact["value"]),
                    unit=fact["unit"],
                    citation=self.box.figures(doc).fact_citation(fact),
                    rounded=True,
                )
        return None

    def _open(
        self,
        result: ToolResult,
        metric: str,
        department: str,
        year: int | None,
        kind: str | None = None,
        basis: str | None = None,
        level: Level | None = None,
    ) -> tuple[StoredDocument, list[Metric]] | None:
        """The preamble of a tool reading one metric of one document: the document and the
        metrics the phrase names, or None when either is missing and the result says why (the
        department or year first, then the metric)."""
        doc = self.box.choose(department, year, kind, basis, level)
        if isinstance(doc, Problem):
            doc.on(result)
            return None
        metrics = self._metrics(result, metric, doc)
        return (doc, metrics) if metrics else None

    def _documents(
        self,
        result: ToolResult,
        department: str | None,
        year: int | None,
        kind: str | None,
        several: bool,
        level: Level | None = None,
    ) -> list[StoredDocument] | None:
        """The documents of a department (fuzzy), a year and a kind, each optional, of the
        level asked where the department publishes it (else of the one it does: 深圳财政局's
        部门预算 is its 本级's). A name that fits several departments marks the result ambiguous
        (with them as candidates) and, when ``several`` allows it, keeps the documents of all
        of them; None when the result refuses."""
        docs = self.box.documents()
        if department:
            names = self.box.departments(department)
            if not names:
                self.box.no_department(department).on(result)
                return None
            if len(names) > 1:
                message = say("several_departments", department=department, names="、".join(names))
                Problem("ambiguous", message, names).on(result)
                if not several:
                    return None
            docs = [d for n in names for d in self.box.documents_of(n)]
        docs = [
            d for d in docs if (year is None or d.year == year) and (kind is None or d.kind == kind)
        ]
        return [d for d in docs if d.level == level] or docs if level else docs

    def _read_as_asked(
        self, doc: StoredDocument, metrics: list[Metric], phrase: str, basis: str | None = None
    ) -> Figure | None:
        """The metric's figure where the catalogue looks, else a row printed under the
        phrase's words or the metric's (员工发工资福利, 工资福利支出), else its parts added up."""
        said = dict.fromkeys([phrase, *(m.id for m in metrics)])
        printed = (self._printed_as(s, doc, basis) for s in said)
        found = self.box.read(doc, metrics, basis) or next(filter(None, printed), None)
        return found or self._parts_added_up(doc, metrics[0], basis, every=True)

    def _printed_as(self, phrase: str, doc: StoredDocument, basis: str | None) -> Figure | None:
        """A catalogue metric the document prints nowhere the catalogue looks: a row it prints
        under the phrase's own words (or the metric's), or under nearly all of them."""
        rows = self.box.figures(doc).labels.match(phrase)
        if not rows or rows[0].score < label_rules()["stands_for"]:
            return None
        return self.box.read(doc, [label_metric(rows[0].label)], basis)

    def _parts_added_up(
        self, doc: StoredDocument, metric: Metric, basis: str | None = None, every: bool = False
    ) -> Figure | None:
        """A metric's parts as printed, added up (北京's text gives 一般公共预算, 政府性基金 and
        国有资本经营预算拨款收入, not 财政拨款收入), cited at the first; None where none is
        printed, or with ``every``, where one is not, or they are printed in different units."""
        parts = [self.box.read(doc, self.box.resolve(n).metrics[:1], basis) for n in metric.parts]
        printed = [p for p in parts if p is not None]
        if not printed or (every and len(printed) < len(parts)):
            return None
        if len({p.unit for p in printed}) > 1:
            return None
        total = sum((p.value for p in printed), Decimal(0))
        first = printed[0]
        return Figure(metric, total, first.unit, first.basis, "derived", first.citation)

    def _metrics(
        self, result: ToolResult, phrase: str, doc: StoredDocument | None = None
    ) -> list[Metric]:
        """The metrics a phrase names: a catalogue name said as it is; else a row the document
        prints under the same words (年末财政拨款结转和结余, a project); else a catalogue name
        the phrase holds, unless the document prints none and a row whose label holds the whole
        phrase, or the name is a word aside in the phrase and a row is alike enough; else a row
        printed in like words. None sets the result to unknown_metric with
        the closest names."""
        resolution = self.box.resolve(phrase)
        if resolution.exact:
            return resolution.metrics
        if doc and self.box.figures(doc).labels.headed(phrase):
            return [label_metric(label_of(phrase) or phrase)]  # 科技研发资金: its items together
        rows = self.box.figures(doc).labels.match(phrase) if doc else []
        if rows and rows[0].score == SAME_WORDS:
            return [label_metric(rows[0].label)]
        said = normalise(label_of(phrase) or "")
        # a phrase only its ending names a catalogue metric by (离退休支出: not the total's 支出)
        core = core_of(said)
        loose = doc is not None and bool(resolution.metrics)
        if loose and self._by_ending(said, core, resolution.metrics[0]):
            if held := next((r for r in rows if core in normalise(r.label)), None):
                return [label_metric(held.label)]  # 行政事业单位离退休
        elif resolution.metrics:
            holding = holds(rows, phrase)
            if holding and doc and self.box.read(doc, resolution.metrics, None) is None:
                return [label_metric(holding.label)]  # 机关事业养老保险基金缺口, no 养老保险
            qualified = self._qualifies(said, resolution.metrics[0])
            if holding and said in holding.label and qualified:
                return [label_metric(holding.label)]  # 临聘人员经费 is printed, not 人员经费
            alike = rows and rows[0].score >= label_rules()["enough"]
            if alike and (self._aside(phrase) or qualified):  # 普查专项经费
                return [label_metric(rows[0].label)]  # 公交运营补贴: 公共交通运营补助, no 津贴补贴
            return resolution.metrics
        if rows and rows[0].score >= label_rules()["enough"]:
            return [label_metric(rows[0].label)]
        if holding := holds(rows, phrase):
            return [label_metric(holding.label)]  # 小客车总量调控工作, under its unit's name
        suggestions = list(dict.fromkeys([*(r.label for r in rows[:3]), *resolution.suggestions]))
        result.status, result.candidates = "unknown_metric", suggestions
        hint = say("unknown_metric_hint", suggestions="、".join(suggestions)) if suggestions else ""
        result.message = (
            say(
                "unlisted_metric",
                department=doc.department,
                year=doc.year,
                kind=doc.kind,
                phrase=phrase,
                hint=hint,
            )
            if doc
            else say("unknown_metric", phrase=phrase, hint=hint)
        )
        return []

    def _aside(self, phrase: str) -> bool:
        """Whether the catalogue's names in a phrase are a word aside in it (补贴 of 公交运营补
        贴): shorter than ``catalogue_share`` of it."""
        said = normalise(phrase)
        held = max((len(n) for n in self.box.catalogue.names if n in said), default=0)
        return held < len(said) * label_rules()["catalogue_share"]

    def _qualifies(self, said: str, metric: Metric) -> bool:
        """Whether words said before one of a metric's names make it another thing (临聘 of
        临聘人员经费), not a name with a word left out (政府性基金预算)."""
        return any(n in said and not said.startswith(n) for n in self._names_of(metric))

    def _by_ending(self, said: str, core: str, metric: Metric) -> bool:
        """Whether a phrase names a metric only by its ending (the 支出 of 离退休支出 is all it
        holds of 本年支出合计's names; 代理银行手续费 holds 手续费 whole)."""
        ending = said[len(core) :]
        held = [n for n in self._names_of(metric) if n in said]
        return core != said and bool(held) and all(n in ending for n in held)

    def _names_of(self, metric: Metric) -> list[str]:
        catalogue = self.box.catalogue
        named = [n for n, ids in catalogue.names.items() if metric.id in ids]
        return [*named, metric.id, *catalogue.names_of_code(metric.code or "")]  # 生活补助, a 款

    def _disclosed(self, doc: StoredDocument) -> list[Listed]:
        """The metrics a document has figures for."""
        figures = self.box.figures(doc)
        return [
            Listed(name=m.id, value=f.value, unit=f.unit, source=f.source)
            for m in self.box.catalogue.metrics.values()
            if (f := figures.read(m)) is not None
        ]

    def _not_reported(self, result: ToolResult, metric: Metric, doc: StoredDocument) -> ToolResult:
        """The document does not print the metric: say what it does print (and whether the
        table that would print it is empty)."""
        result.status = "not_found"
        result.candidates = [m.name for m in self._disclosed(doc)]
        figures = self.box.figures(doc)
        empty = figures.empty_tables_of(metric)
        said = absence_sentence(self.box.store.section_paragraphs(doc.id), metric)
        stated = figures.citation(said[1], quote=said[0]) if said else None
        if empty:
            notes = figures.notes_of(empty[0])
            cite = figures.citation(figures.empty[empty[0]], table=empty[0])
            result.details = Absent(
                metric=metric.display,
                table=empty[0],
                notes=notes,
                citation=cite,
                said_none=figures.says_none(empty[0]),
                stated=stated,
            )
        elif stated:
            result.details = Absent(
                metric=metric.display, table=None, notes=[], citation=stated, stated=stated
            )
        shown = (self.box.catalogue.metrics[n].display for n in result.candidates[:12])
        result.message = say(
            "not_reported",
            department=doc.department,
            year=doc.year,
            kind=doc.kind,
            metric=metric.display,
            note=say("empty_table", table=_unnumbered(empty[0])) if empty else "",
            available="、".join(shown),
        )
        result.cite(
            result.details.citation if isinstance(result.details, Absent) else figures.citation()
        )
        self._parts_stated(result, metric, doc)
        return result

    def _parts_stated(self, result: ToolResult, whole: Metric, doc: StoredDocument) -> None:
        """Of a whole the document does not print, the parts it does, as the refusal's values
        (郑州's 公务车辆运行维护费51万元 where it states no 公务用车购置及运行费)."""
        for name in whole.parts:
            part = self.box.catalogue.metrics.get(name)
            figure = self.box.read(doc, [part]) if part else None
            if figure is not None:
                result.add(value_of(figure, doc, "part"), figure.citation)


def _unnumbered(title: str) -> str:
    """A table's title without its own number (预算表11), as a message names it."""
    return re.sub(templates()["table_number"], "", title) or title
