"""The text tools: passages of the narrative that answer a question, and the 名词解释 of a
term."""

import json
import re
from typing import Any

from caiwen.domain.bases import other_kind
from caiwen.domain.catalogue import normalise
from caiwen.domain.ordinals import strip_ordinal
from caiwen.ingest.store import StoredDocument
from caiwen.service.details import Contradicted, Definition, PassageFound, Passages
from caiwen.service.findings import add_numbers
from caiwen.service.highlights import line_offsets
from caiwen.service.labels import rules as label_rules
from caiwen.service.results import ToolResult
from caiwen.service.search import Passage, explaining, search_passages
from caiwen.service.templates import say
from caiwen.service.tools.base import Level, ToolBase, names
from caiwen.service.tools.registry import tool


class TextTools(ToolBase):
    @tool()
    def search_text(
        self,
        query: str,
        department: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        k: int = 5,
        level: Level | None = None,
        section: str | None = None,
        instead: bool = False,
        metric: str | None = None,
    ) -> ToolResult:
        """Passages of the narrative that answer a question (hybrid: words and meaning); those
        under a section whose title matches `section` (a regular expression: 单位构成|机构设置)
        are ranked up, and with `metric` those stating its change (why it changed is said
        after). With `instead`, a year with no document of the kind asked is read in its
        document of the other kind (a budget's plan where a 决算 was asked), said so."""
        result = ToolResult(tool="search_text")
        docs = self._documents(result, department, year, kind, several=False, level=level)
        instead_of = None
        if docs == [] and instead and kind:
            others = self._documents(result, department, year, other_kind(kind), False, level)
            docs, instead_of = (others, kind) if others else (docs, None)
        if docs is None:
            return result
        ids = [d.id for d in docs]
        stating = self._changes_stated(docs, metric) if metric else ()
        if own := self._own_words(docs, query, metric) if metric else None:
            query, section = f"{query} {own}", f"{section}|{re.escape(own)}" if section else None
        passages = search_passages(self.box, query, ids, k, section, stating)
        by_id = {d.id: d for d in docs}
        found = Passages(
            passages=[self._found(result, by_id[p.document_id], p) for p in passages],
            explaining=[
                self._found(result, by_id[p.document_id], p)
                for p in explaining(self.box, passages, ids)
            ],
            instead_of=instead_of,
        )
        result.details = found
        if not passages:
            result.status, result.message = "not_found", say("no_passage")
        return result

    def _own_words(self, docs: list[StoredDocument], query: str, metric: str) -> str | None:
        """The row a metric the catalogue does not know names in other words (体彩公益金:
        体育彩票公益金项目), looked for too: the narrative writes it as the tables print it."""
        if self.box.resolve(metric).exact:
            return None
        for doc in docs:
            rows = self.box.figures(doc).labels.match(metric)
            if rows and rows[0].score >= label_rules()["enough"] and rows[0].label not in query:
                return rows[0].label
        return None

    def _changes_stated(self, docs: list[StoredDocument], metric: str) -> tuple[str, ...]:
        """The narrative's sentences stating the metric's change (比上年执行数增加81487.86万元)."""
        metrics = self.box.resolve(metric).metrics
        return tuple(
            fact["quote"]
            for doc in docs
            for fact in self.box.figures(doc).facts
            if (fact["delta"] is not None or fact["percent"] is not None)
            and any(names(fact, m) for m in metrics)
        )

    def _found(self, result: ToolResult, doc: StoredDocument, passage: Passage) -> PassageFound:
        """A passage with its citation, its pages and the audit's findings on its sentences."""
        citation = self.box.figures(doc).citation(
            page=passage.page, section=passage.section or None, quote=passage.text
        )
        found = PassageFound(
            citation=result.cite(citation),
            section=passage.section,
            text=passage.text,
            score=passage.score,
            pages=self._pages_of(passage),
            contradicted=self._contradicted(doc, passage.text),
            position=passage.position,
        )
        for contradiction in found.contradicted:
            add_numbers(result, contradiction.message, doc)
        return found

    def _contradicted(self, doc: StoredDocument, text: str) -> list[Contradicted]:
        """The audit's findings whose narrative side is a sentence of this text."""
        flat = re.sub(r"\s+", "", text)
        return [
            Contradicted(quote=side["quote"], message=row["message"])
            for row in self.box.figures(doc).findings
            if row["rule"].startswith("narrative.") and row["severity"] == "error"
            for side in json.loads(row["sides"])
            if side.get("quote")
            and not side.get("table")
            and re.sub(r"\s+", "", side["quote"]) in flat
        ]

    def _pages_of(self, passage: Passage) -> list[tuple[int, int]]:
        """Where in a passage's text (newlines removed) each page starts, so that a sentence
        is cited on the page it is printed on. Inside a paragraph that runs onto the next page,
        the break is placed by the width of its printed lines."""
        if passage.page is None:
            return []
        flat = passage.text.replace("\n", "")
        starts: list[tuple[int, int]] = []
        for row in self.box.store.paragraphs(
            passage.document_id, passage.page, passage.page_end or passage.page
        ):
            text = row["text"].replace("\n", "")
            at = flat.find(text[:40])
            if at < 0:
                continue
            for page, offset, _ in line_offsets(text, json.loads(row["boxes"]) or [[row["page"]]]):
                if not starts or starts[-1][0] != page:
                    starts.append((page, at + offset))
        return starts

    @tool()
    def define_term(self, term: str, department: str | None = None) -> ToolResult:
        """What a term means, from the 名词解释 of the ingested documents (the department's
        own first, when one is given)."""
        result = ToolResult(tool="define_term")
        names = {normalise(term)} | {
            normalise(n) for m in self.box.resolve(term).metrics for n in (m.id, *m.aliases)
        }
        preferred = set(self.box.departments(department)) if department else set()
        rows = sorted(self.box.store.definitions(), key=lambda r: r["department"] not in preferred)
        row = next((r for r in rows if names & {_defined_term(r)}), None)
        row = row or next(
            (r for r in rows if any(n and n in _defined_term(r) for n in names)), None
        )
        if row is None:
            result.status, result.message = "not_found", say("no_definition", term=term)
            return result
        doc = self.box.store.document(row["document_id"])
        assert doc is not None
        figures = self.box.figures(doc)
        citation = figures.citation(page=row["page"], section=row["path"], quote=row["text"])
        result.details = Definition(term=term, text=row["text"], citation=result.cite(citation))
        return result


def _defined_term(row: Any) -> str:
    """The term a 名词解释 paragraph defines: “十、“三公”经费：指…” → 三公经费."""
    head = re.split(r"[：:]", row["text"], maxsplit=1)[0]
    if len(head) > 24:
        head = row["title"]
    return normalise(strip_ordinal(normalise(head)))
