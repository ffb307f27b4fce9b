"""plan + tool results → the answer text, from the templates in prompts/answers.yaml.

Every figure in the text is a tool value formatted for reading; every sentence with a figure
carries the numbers of the citations it rests on.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.ordinals import item_mark
from caiwen.ingest.lexical import terms
from caiwen.service.citations import CitationRegistry
from caiwen.service.planner import Plan
from caiwen.service.results import Citation, ToolResult, Value, rounded
from caiwen.service.understand import planner_vocabulary, text_topic

SUBPARTS = 8
"""At most this many of a part's own parts are listed (the rest are in the tool result)."""
REFUSING = {"not_found", "unknown_metric", "no_document", "invalid"}


@cache
def templates() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("answers.yaml").read_text())


@dataclass
class Composed:
    text: str
    refused: bool = False


def money(value: Decimal) -> str:
    return f"{abs(rounded(value)):.2f}" if value < 0 else f"{rounded(value):.2f}"


def number(value: Value) -> str:
    if value.unit in ("万元", "%"):
        return f"{rounded(value.value):.2f}"
    return f"{value.value.normalize():f}"


class Composer:
    def __init__(self, registry: CitationRegistry):
        self.registry = registry
        self.t = templates()

    def compose(self, plan: Plan, results: list[ToolResult]) -> Composed:
        if not results and plan.intent not in ("help", "undisclosed"):
            return Composed(self.t["help"])
        problem = next((r for r in results if r.status in REFUSING | {"ambiguous"}), None)
        if problem is not None and plan.intent not in (
            "reason",
            "list_documents",
            "need_department",
            "ambiguous",
        ):
            return Composed(
                problem.message or "没有找到相关数字。", refused=problem.status != "ambiguous"
            )
        composed = getattr(self, f"_{plan.intent}", self._help)(plan, results)
        if plan.intent != "audit":
            composed.text += self._finding_notes(results)
        return composed

    def _finding_notes(self, results: list[ToolResult]) -> str:
        """One sentence for each audit finding on a figure the answer uses."""
        notes: dict[str, str] = {}
        for result in results:
            for finding in result.details.get("findings", []):
                cite = "".join(
                    f"[{self.registry.number(result.citations[i])}]" for i in finding["citations"]
                )
                message = finding["message"].rstrip("。")
                notes.setdefault(message, self.fill("finding_note", message=message, cite=cite))
        return "".join(notes.values())

    # -- helpers -----------------------------------------------------------------------------

    def marks(self, result: ToolResult, *values: Value) -> str:
        indexes = dict.fromkeys(i for v in values for i in v.citations)
        return "".join(f"[{self.registry.number(result.citations[i])}]" for i in indexes)

    def fill(self, key: str, **fields: Any) -> str:
        return self.t[key].format(**fields)

    def kind_name(self, value: Value) -> str:
        return f"{value.level}{value.kind}"

    # -- one figure --------------------------------------------------------------------------

    def _value(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        value = result.values[0]
        text = self.fill(
            "value",
            who=value.department,
            year=value.year,
            kind=self.kind_name(value),
            metric=value.name,
            value=number(value),
            unit=value.unit,
            cite=self.marks(result, value),
        )
        return Composed(text + self._discrepancy(result))

    _count = _value

    def _several(self, plan: Plan, results: list[ToolResult]) -> Composed:
        answers = [self._value(plan, [r]).text for r in results if r.status == "ok"]
        missing = [r.message for r in results if r.status != "ok" and r.message]
        return Composed("".join(answers + missing), refused=not answers)

    def _discrepancy(self, result: ToolResult) -> str:
        """What the document says elsewhere against the figure: the narrative's other value,
        a note calling the table empty."""
        text = ""
        stated = result.details.get("narrative")
        if stated:
            text += self.fill(
                "discrepancy",
                metric=stated["metric"],
                value=money(Decimal(stated["value"])),
                unit=stated["unit"],
                cite=self._mark(result, stated["citation"]),
            )
        empty = result.details.get("empty_note")
        if empty:
            text += self.fill(
                "empty_note",
                table=empty["table"],
                note=empty["note"],
                cite=self._mark(result, empty["citation"]),
            )
        return text

    def _mark(self, result: ToolResult, citation: Citation) -> str:
        index = result.cite(citation)
        return f"[{self.registry.number(result.citations[index])}]"

    # -- comparisons -------------------------------------------------------------------------

    def _yoy(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = next(r for r in results if r.tool == "compare_years")
        d = result.details
        first = result.values[d["values"][0]]
        text = self.fill(
            "yoy",
            who=first.department,
            year=d["year"],
            metric=d["metric"],
            value=money(d["current"]),
            cite=self._marks_of(result, d),
            change=self._change(d["change"], d["percent"], self._base_name(d)),
            base_name=self._base_name(d),
            base=money(d["base"]),
        )
        parts = [
            self.fill(
                "yoy_part",
                metric=p["metric"],
                value=money(p["current"]),
                change=self._change(p["change"], p["percent"], self._base_name(p)),
            )
            + self._marks_of(result, p)
            for p in d.get("parts", [])
        ]
        if parts:
            text += self.fill("yoy_parts", parts="；".join(parts))
        for note in d.get("discrepancies", []):
            text += self.fill("yoy_discrepancy", text=note)
        if d.get("basis_note"):
            text += self.fill("basis_differs", note=d["basis_note"])
        return Composed(text)

    def _marks_of(self, result: ToolResult, comparison: dict[str, Any]) -> str:
        return self.marks(result, *(result.values[i] for i in comparison["values"]))

    @staticmethod
    def _base_name(comparison: dict[str, Any]) -> str:
        base = comparison["base_year"]
        return "上年" if base == comparison["year"] - 1 else f"{base}年"

    def _change(self, change: Decimal, percent: Decimal | None, base: str) -> str:
        if change == 0:
            return self.fill("change_flat", base=base)
        up = change > 0
        if percent is None:
            return self.fill(
                "change_up_no_percent" if up else "change_down_no_percent",
                base=base,
                change=money(change),
            )
        key = "change_up" if up else "change_down"
        return self.fill(key, base=base, change=money(change), percent=money(percent))

    def _share(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        part, whole, ratio = result.values[:3]
        return Composed(
            self.fill(
                "share",
                who=part.department,
                year=part.year,
                metric=part.name,
                part=number(part),
                whole_name=whole.name,
                whole=number(whole),
                percent=number(ratio),
                cite=self.marks(result, part, whole, ratio),
            )
        )

    def _budget_vs_actual(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        if result.details.get("execution"):
            return self._against_execution(result)
        ends = ("决算数", "预算数", "完成率")
        actual, budget, rate = (_ending(result.values, end) for end in ends)
        of = result.details.get("completion_of", "预算")
        if actual is None or budget is None:
            assert rate is not None
            return Composed(
                self.fill(
                    "completion",
                    who=rate.department,
                    year=rate.year,
                    metric=rate.name.removesuffix("预算完成率"),
                    of=of,
                    percent=number(rate),
                    cite=self.marks(result, rate),
                )
            )
        text = self.fill(
            "budget_vs_actual",
            who=actual.department,
            year=actual.year,
            metric=actual.name.removesuffix("决算数"),
            of=of,
            budget=number(budget),
            actual=number(actual),
            cite=self.marks(result, actual, budget),
        )
        if rate is None:
            return Composed(text + self.fill("no_rate", of=of))
        return Composed(text + self.fill("completion_rate", of=of, percent=number(rate)))

    def _against_execution(self, result: ToolResult) -> Composed:
        """A budget against last year's execution (预算执行数), as its narrative states them."""
        d = result.details
        budget, executed = result.values[0], result.values[1]
        return Composed(
            self.fill(
                "against_execution",
                who=budget.department,
                year=budget.year,
                metric=d["metric"],
                value=number(budget),
                base_year=d["base_year"],
                base=number(executed),
                change=self._change(d["change"], d["percent"], f"{d['base_year']}年预算执行数"),
                cite=self.marks(result, *result.values),
            )
        )

    def _breakdown(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        whole = result.values[0]
        d = result.details
        lines = [
            self.fill(
                "breakdown_part",
                metric=part.name,
                value=number(part),
                percent=self._share_of(result, i),
                cite=self.marks(result, part),
            )
            + self._subparts(result, i)
            for i, part in self._parts(result)
        ]
        text = self.fill(
            "breakdown",
            who=whole.department,
            year=whole.year,
            metric=whole.name,
            value=number(whole),
            cite=self.marks(result, whole),
            parts="；".join(lines),
        )
        if "unbalanced" in d:
            text += self.fill(
                "unbalanced", total=money(d["unbalanced"]["sum"]), whole=money(whole.value)
            )
        return Composed(text)

    @staticmethod
    def _parts(result: ToolResult) -> list[tuple[int, Value]]:
        return [(i, result.values[i]) for i in result.details.get("parts", [])]

    def _share_of(self, result: ToolResult, part: int) -> str:
        share = result.details.get("shares", {}).get(part)
        return number(result.values[share]) if share is not None else "—"

    def _subparts(self, result: ToolResult, part: int) -> str:
        shown = [
            result.values[i]
            for i in result.details.get("subparts", {}).get(part, [])
            if result.values[i].value
        ]
        if not shown:
            return ""
        items = "、".join(
            self.fill("subpart", metric=v.name, value=number(v), cite=self.marks(result, v))
            for v in shown[:SUBPARTS]
        )
        more = self.t["more_subparts"] if len(shown) > SUBPARTS else ""
        return self.fill("subparts", items=items, more=more)

    def _prior_year(self, plan: Plan, results: list[ToolResult]) -> Composed:
        """A year with no document of its own, read from the next year's comparison."""
        result = results[0]
        d = result.details
        first = result.values[d["values"][0]]
        if d["source"] == "tables":
            source = self.fill("prior_year_from_tables", base_year=d["base_year"])
        else:
            source = self.fill(
                "prior_year_from_narrative",
                year=d["year"],
                kind=self.kind_name(first),
                value=money(d["current"]),
                change=self._change(d["change"], d["percent"], self._base_name(d)),
            )
        return Composed(
            self.fill(
                "prior_year",
                who=first.department,
                base_year=d["base_year"],
                metric=d["metric"],
                base=money(d["base"]),
                cite=self._marks_of(result, d),
                source=source,
            )
        )

    def _rank_within(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        whole = result.values[0]
        parts = self._parts(result)
        if not parts:
            return Composed(result.message or "没有分项数字。", refused=True)
        pick = max if plan.order == "desc" else min
        index, top = pick(parts, key=lambda p: p[1].value)
        text = self.fill(
            "rank_within",
            who=whole.department,
            year=whole.year,
            metric=whole.name,
            most=self.t["rank_most"][plan.order],
            top=top.name,
            value=number(top),
            cite=self.marks(result, top),
            percent=self._share_of(result, index),
        )
        inner = [result.values[i] for i in result.details.get("subparts", {}).get(index, [])]
        if inner and top.value:
            first = pick(inner, key=lambda v: v.value)
            text += self.fill(
                "rank_within_inner",
                most=self.t["rank_most"][plan.order],
                top=first.name,
                value=number(first),
                cite=self.marks(result, first),
            )
        return Composed(text)

    # -- across departments ------------------------------------------------------------------

    def _rank(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        lines = [
            self.fill(
                "rank_line",
                position=i,
                department=v.department,
                value=number(v),
                unit=v.unit,
                cite=self.marks(result, v),
            )
            for i, v in enumerate(result.values, 1)
        ]
        first = result.values[0]
        kind = self.t["kinds"].get(plan.kind or "", "")
        return Composed(
            self.fill(
                "rank",
                year=first.year,
                kind=kind,
                metric=plan.metric,
                order=self.t["rank_order"][plan.order],
                lines="；".join(lines),
            )
        )

    def _compare_departments(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        figures = [v for v in result.values if v.source != "derived"]
        if not figures:
            return Composed("".join(result.details.get("problems", [])), refused=True)
        mixed = result.details.get("mixed_years")
        lines = [
            self.fill(
                "compare_line",
                department=v.department,
                when=(
                    self.fill("compare_when", year=v.year, kind=self.kind_name(v)) if mixed else ""
                ),
                value=number(v),
                unit=v.unit,
                cite=self.marks(result, v),
            )
            for v in figures
        ]
        text = self.fill(
            "compare_departments",
            year="" if mixed else f"{figures[0].year}年",
            metric=plan.metric,
            lines="；".join(lines),
        )
        difference = next((v for v in result.values if v.source == "derived"), None)
        if difference is not None:
            gap = number(difference).lstrip("-")
            text += self.fill("compare_difference", difference=gap, unit=difference.unit)
        for problem in result.details.get("problems", []):
            text += problem
        return Composed(text)

    # -- text ----------------------------------------------------------------------------------

    def _definition(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        definition = result.details["definition"]
        body = re.sub(r"^[^：:]{1,30}[：:]", "：", definition, count=1)
        cite = f"[{self.registry.number(result.citations[0])}]"
        return Composed(self.fill("definition", term=plan.metric, definition=body, cite=cite))

    def _reason(self, plan: Plan, results: list[ToolResult]) -> Composed:
        search = next(r for r in results if r.tool == "search_text")
        figures = next((r for r in results if r.tool == "compare_years" and r.status == "ok"), None)
        text = self._yoy(plan, [figures]).text if figures else ""
        passages = [
            p
            for p in search.details.get("passages", [])
            if not re.search(planner_vocabulary()["not_reasons"], p["section"] or "")
        ]
        if not passages:
            return Composed(
                text + self.fill("reason_none", who=plan.department or "所选文件"), refused=not text
            )
        subject = (
            (figures.details["metric"], *(part["metric"] for part in figures.details["parts"]))
            if figures
            else (plan.metric or "",)
        )
        passage, sentence = best_sentence(passages, plan.query, subject)
        opening = text_topic(plan.query) is not None
        citation = quoted(search.citations[passage["citation"]], passage, sentence, opening)
        text += self.fill(
            "reason",
            who=citation.department,
            year=citation.year,
            kind=f"{citation.level if hasattr(citation, 'level') else ''}{citation.kind}",
            sentence=sentence,
            cite=f"[{self.registry.number(citation)}]",
        )
        return Composed(text)

    def _audit(self, plan: Plan, results: list[ToolResult]) -> Composed:
        result = results[0]
        d = result.details
        doc = d["document"]
        who = {"who": doc["department"], "year": doc["year"], "kind": self.t["kinds"][doc["kind"]]}
        found = d["findings"]
        if not found:
            return Composed(self.fill("audit_none", checked="、".join(d["checked"]), **who))
        shown = self.t["audit_shown"]
        lines = "；".join(
            self.fill(
                "audit_line",
                n=i,
                message=f["message"].rstrip("。"),
                cite="".join(
                    f"[{self.registry.number(result.citations[c])}]" for c in f["citations"]
                ),
            )
            for i, f in enumerate(found[:shown], 1)
        )
        text = self.fill("audit_found", count=len(found), lines=lines + "。", **who)
        if len(found) > shown:
            text += self.fill(
                "audit_more", count=len(found) - shown, document_id=result.citations[-1].document_id
            )
        return Composed(text)

    def _list_documents(self, plan: Plan, results: list[ToolResult]) -> Composed:
        docs = results[0].details.get("documents", [])
        if not docs:
            return Composed(results[0].message or "没有符合条件的公开文件。", refused=True)
        lines = [
            self.fill(
                "document_line",
                department=d["department"],
                year=d["year"],
                kind=self.t["kinds"].get(d["kind"], d["kind"]),
            )
            for d in docs
        ]
        return Composed(self.fill("documents", lines="；".join(lines)))

    def _ambiguous(self, plan: Plan, results: list[ToolResult]) -> Composed:
        return Composed(
            self.fill(
                "ambiguous",
                name=plan.unknown_department or plan.query,
                candidates="、".join(plan.candidates),
            )
        )

    def _need_department(self, plan: Plan, results: list[ToolResult]) -> Composed:
        names = (
            sorted({d["department"] for d in results[0].details.get("documents", [])})
            if results
            else []
        )
        return Composed(self.fill("need_department", candidates="、".join(names)))

    def _undisclosed(self, plan: Plan, results: list[ToolResult]) -> Composed:
        available = ""
        if results and results[0].status == "ok":
            d = results[0].details
            names = "、".join(m["name"] for m in d["metrics"][:10])
            doc = d["document"]
            available = self.fill(
                "undisclosed_available",
                who=doc["department"],
                year=doc["year"],
                kind=self.t["kinds"].get(doc["kind"], doc["kind"]),
                metrics=names,
            )
        return Composed(self.fill("undisclosed", available=available), refused=True)

    def _help(self, plan: Plan, results: list[ToolResult]) -> Composed:
        return Composed(self.t["help"])


def _ending(values: list[Value], suffix: str) -> Value | None:
    return next((v for v in values if v.name.endswith(suffix)), None)


def quoted(
    citation: Citation, passage: dict[str, Any], sentence: str, opening: bool = False
) -> Citation:
    """The passage's citation narrowed to the quoted sentence, on the page where it ends (the
    answering sentence closes the quote), or where it starts for the opening of a section."""
    page = citation.page
    key = sentence.replace("\n", "").rstrip("…")
    at = max(passage["text"].replace("\n", "").find(key), 0)
    at += 0 if opening else len(key) - 1
    for start_page, start in passage.get("pages", []):
        if start <= at:
            page = start_page
    return citation.model_copy(update={"page": page, "quote": sentence})


def best_sentence(
    passages: list[dict[str, Any]], question: str, subject: tuple[str, ...] = ()
) -> tuple[dict[str, Any], str]:
    """The passage and sentence that answer a text question: for 为什么 the sentence with a
    reason cue stating the change the question asks about (增加 for 为什么多了), naming the
    metric asked about, or whose item (the numbered paragraph it closes)
    names the most of the subject (the metric and its parts), then sharing the most words with
    the question, across the top passages, the better ranked first on ties; for 用于什么 the
    same with purpose cues; for the units or duties, the opening of the best passage. The quote
    keeps the item's lead-in."""
    vocab = planner_vocabulary()
    topic = text_topic(question)
    if topic is not None:
        passage = next(
            (p for p in passages if re.search(topic, (p["section"] or "").split(" > ")[-1])),
            passages[0],
        )
        return passage, _opening(passage["text"])
    cues = vocab["reason_cues"]["use" if re.search(vocab["asks_use"], question) else "why"]
    words = set(terms(question))
    named = {w for name in subject for w in terms(name) if len(w) > 1}
    asked = next((d for d, p in vocab["asks_direction"].items() if re.search(p, question)), None)
    told = vocab["states_direction"].get(asked or "", "$^")

    def score(context: list[str], rank: int) -> tuple[bool, bool, bool, int, int, int, int]:
        text = _plain("".join(context))
        return (
            bool(re.search(cues, context[-1])),
            bool(re.search(told, text)),
            bool(subject) and _plain(subject[0]) in _plain(context[-1]),
            sum(_plain(name) in text for name in subject if name),
            sum(w in text for w in named),
            sum(w in text for w in words),
            -rank,
        )

    candidates = [
        (score(context, rank), passage, context)
        for rank, passage in enumerate(passages[:3])
        for ss in [_sentences(passage["text"])]
        for context in (_item_context(ss, i) for i in range(len(ss)))
    ]
    _, passage, context = max(candidates, key=lambda c: c[0])
    quote = "".join(context)
    if quote.endswith(("：", ":")):
        sentences = _sentences(passage["text"])
        following = sentences.index(context[-1]) + 1
        quote += sentences[following] if following < len(sentences) else ""
    return passage, quote


ITEM = re.compile("^" + item_mark())


def _item_context(sentences: list[str], i: int, reach: int = 3) -> list[str]:
    """Sentence i with what leads into it: back to the start of its numbered item when that
    is at most `reach` sentences before, otherwise the sentence before it."""
    for start in range(i, max(i - reach, 0) - 1, -1):
        if ITEM.match(sentences[start]):
            return sentences[start : i + 1]
    return sentences[max(i - 1, 0) : i + 1]


def _plain(text: str) -> str:
    return re.sub('[“”"]', "", text)


def _sentences(text: str) -> list[str]:
    """Sentences, a numbered item after “其中：” starting its own."""
    ends = r"(?<=[。；！？])|(?<=[：:])(?=" + item_mark() + ")"
    return [s.strip() for s in re.split(ends, text.replace("\n", "")) if s.strip()]


def _opening(text: str, limit: int = 240) -> str:
    body = text.split("\n", 1)[1] if "\n" in text else text
    return body if len(body) <= limit else body[:limit] + "…"
