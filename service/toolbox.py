"""What the tools share: the store, the catalogue, which document a question is about, and
each document's figures (read once, then served from memory)."""

import difflib
from dataclasses import dataclass, field

from caiwen.domain.bases import kind_printing
from caiwen.domain.catalogue import Catalogue, Metric, Resolution, catalogue, normalise
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.ingest.vectors import VectorIndex
from caiwen.service.departments import government, office
from caiwen.service.directory import Directory
from caiwen.service.figures import DocumentFigures, Figure
from caiwen.service.names import organisation
from caiwen.service.results import Status, ToolResult
from caiwen.service.templates import say


@dataclass(frozen=True)
class Problem:
    """Why there is no document to answer from, in Chinese, with what to ask instead."""

    status: Status
    message: str
    candidates: list[str] = field(default_factory=list)

    def on(self, result: ToolResult) -> ToolResult:
        """The result, refusing for this reason."""
        result.status, result.message = self.status, self.message
        result.candidates = list(self.candidates)
        return result


_FEW = 6
"""A store of at most this many departments names them all when a department is unknown."""


@dataclass(frozen=True)
class Stored:
    """The stored disclosures as read once: all of them, and by department."""

    all: list[StoredDocument]
    by_department: dict[str, list[StoredDocument]]


class Toolbox:
    def __init__(
        self, store: Store, index: VectorIndex | None = None, cat: Catalogue | None = None
    ):
        self.store = store
        self.index = index
        self.catalogue = cat or catalogue()
        self._figures: dict[tuple[str, str], DocumentFigures] = {}
        self._directory: tuple[int, Directory] | None = None
        self._stored: tuple[int, Stored] | None = None

    # -- documents ---------------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        """Every disclosure with figures (blank templates left out)."""
        return list(self._documents().all)

    def _documents(self) -> "Stored":
        """The stored disclosures, read again only when the store has changed since."""
        key = self.store.generation()
        if self._stored is None or self._stored[0] != key:
            docs = [d for d in self.store.documents() if not d.is_template]
            by_department: dict[str, list[StoredDocument]] = {}
            for d in docs:
                by_department.setdefault(organisation(d.department, d.region).name, []).append(d)
            self._stored = (key, Stored(docs, by_department))
        return self._stored[1]

    def directory(self) -> Directory:
        """Every organisation of the stored documents and the names it goes by (rebuilt when
        the documents change)."""
        key = self.store.generation()
        if self._directory is None or self._directory[0] != key:
            orgs = (organisation(d.department, d.region) for d in self.documents())
            self._directory = (key, Directory(orgs))
        return self._directory[1]

    def departments(self, name: str) -> list[str]:
        """The departments a name can mean (one: resolved; none: unknown), as people name
        them (prompts/names.yaml), else by a close spelling of a stored name of the government
        it is said with (北京交通运输职业学院 is no 上海交通职业技术学院)."""
        found = [o.name for o in self.directory().resolve(name)]
        if found:
            return found
        return self.directory().spelt_close(name, self.directory().names)

    def documents_of(self, department: str) -> list[StoredDocument]:
        """The documents of one department (its 部门 and 单位 disclosures of every year)."""
        return list(self._documents().by_department.get(department, []))

    def choose(
        self,
        department: str,
        year: int | None,
        kind: str | None,
        basis: str | None = None,
        level: str | None = None,
    ) -> StoredDocument | Problem:
        """The document of a department and year: of the level asked for when the department
        publishes it (else the one it does; the answer names the level it used), 部门 before
        单位 when none is asked; kind or basis break a tie (决算 first)."""
        names = self.departments(department)
        if not names:
            return self.no_department(department)
        if len(names) > 1:
            message = say("ambiguous_department", department=department, names="、".join(names))
            return Problem("ambiguous", message, names)
        published = docs = self.documents_of(names[0])
        if kind:
            docs = [d for d in docs if d.kind == kind]
        docs = [d for d in docs if d.level == level] or docs
        years = sorted({d.year for d in docs})
        year = year or (years[-1] if years else None)
        picked = sorted((d for d in docs if d.year == year), key=lambda d: _kind_order(d, basis))
        if not picked:
            return _missing_year(names[0], year, kind, published)
        return picked[0]

    def no_department(self, department: str) -> Problem:
        """No stored department is called so: say which stored ones are named alike (the same
        kind of office elsewhere); a store of a few departments names them all; else how to
        find one."""
        names = sorted({o.name for o in self.directory().names})
        own = office(normalise(department))
        elsewhere = [o.name for o in self.directory().resolve(own)] if own else []
        if like := _alike(department, names, elsewhere):
            known = say("known_like", names="、".join(like))
        elif len(names) <= _FEW:
            known, like = say("known_all", names="、".join(names)), names
        else:
            known = say("known_count")
        message = say("no_department", department=department, known=known)
        return Problem("no_document", message, like)

    def others(
        self, doc: StoredDocument, year: int, kind: str | None = None
    ) -> list[StoredDocument]:
        """The same department's documents of another year (same kind first)."""
        name = organisation(doc.department, doc.region).name
        docs = [d for d in self.documents_of(name) if d.year == year]
        return sorted(docs, key=lambda d: (d.kind != (kind or doc.kind), d.level != doc.level))

    # -- figures -----------------------------------------------------------------------------

    def figures(self, doc: StoredDocument) -> DocumentFigures:
        key = (doc.id, doc.content_hash)
        if key not in self._figures:
            self._figures[key] = DocumentFigures(self.store, doc, self.catalogue)
        return self._figures[key]

    def resolve(self, phrase: str) -> Resolution:
        return self.catalogue.resolve(phrase)

    def read(
        self,
        doc: StoredDocument,
        metrics: list[Metric],
        basis: str | None = None,
        fund: str | None = None,
    ) -> Figure | None:
        """The first of the candidate metrics this document reports; as the tables of the
        ``fund`` print it where they do."""
        return self.figures(doc).read_in_fund(metrics, fund, basis)


def _missing_year(
    department: str, year: int | None, kind: str | None, docs: list[StoredDocument]
) -> Problem:
    have = "、".join(f"{d.year}年{d.kind}" for d in sorted(docs, key=lambda d: d.year))
    message = say(
        "no_year",
        department=department,
        year=year,
        kind=kind or "",
        have=have or say("none_had"),
    )
    return Problem("no_document", message)


LIKE = 8
"""At most this many stored departments are offered for a name that is not stored."""


def _alike(name: str, names: list[str], elsewhere: list[str]) -> list[str]:
    """The same government's departments spelt alike (无锡市水务局 → 无锡市水利局), the office
    of that name elsewhere (北京市口岸办 → 深圳市人民政府口岸办公室), then stored names ending
    like this one (教育局 → 无锡市教育局), else close spellings."""
    key = normalise(name)
    place = government(key)
    near = difflib.get_close_matches(key, names, n=LIKE, cutoff=0.75)
    near = [n for n in near if place and government(n) == place]
    for tail in range(len(key), 1, -1):
        ending = [n for n in names if n.endswith(key[-tail:])]
        if ending and tail >= min(3, len(key)):
            break
    else:
        ending = difflib.get_close_matches(key, names, n=LIKE, cutoff=0.5)
    return list(dict.fromkeys([*near, *elsewhere, *ending]))[:LIKE]


def _kind_order(doc: StoredDocument, basis: str | None) -> tuple[bool, bool]:
    return (doc.kind != kind_printing(basis), doc.level != "部门")
