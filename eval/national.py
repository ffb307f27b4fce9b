"""The national corpus against its MANIFEST.tsv: is every disclosure stored with the identity
the manifest records (department, region, year, kind, level), and does the service read the
two printed figures the manifest records (total expenditure, 三公经费) from it?

The figures are read as answers read them: the catalogue's metrics through service/figures.
Byte-identical copies are not counted (they are the same disclosure). Results are split into
the tuned and the held-out regions (eval/heldout.yaml).

Usage: python -m caiwen.eval.national [DATA_DIR]  (default: the cached evaluation store of
$CAIWEN_NATIONAL_CORPUS, built when missing)
"""

import csv
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from caiwen.domain.catalogue import catalogue
from caiwen.eval.blind import MANIFEST, heldout_regions
from caiwen.ingest.identity import department_key
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.service.figures import DocumentFigures

TOTAL_METRIC = "本年支出合计"
SANGONG_METRIC = "三公经费"
IDENTITY = ("department", "region", "year", "kind", "level")


@dataclass(frozen=True)
class Disclosure:
    """A manifest row of a disclosure (or of its text or tables part)."""

    path: str
    department: str
    region: str
    year: int
    kind: str
    level: str
    part: str
    total: Decimal | None
    total_page: int | None
    sangong: Decimal | None
    sangong_page: int | None


@dataclass
class Check:
    """One disclosure against the store."""

    disclosure: Disclosure
    document: StoredDocument | None = None
    error: str | None = None
    identity: dict[str, tuple[object, object]] = field(default_factory=dict)
    """The identity fields that differ: manifest value, stored value."""
    figures: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    """The figures that differ: manifest value, value read."""
    pages: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """Where each figure read is cited (file, page)."""

    @property
    def identity_ok(self) -> bool:
        return self.document is not None and not self.identity

    @property
    def figures_ok(self) -> bool:
        return self.document is not None and not self.figures

    def line(self) -> str:
        where = self.disclosure.path
        if self.document is None:
            return f"{where}: 未入库（{self.error}）"
        problems = [f"{k} {want} ≠ {got}" for k, (want, got) in self.identity.items()]
        problems += [f"{k} {want} ≠ {got}" for k, (want, got) in self.figures.items()]
        return f"{where}: " + "；".join(problems) if problems else f"{where}: ok"


def disclosures(corpus: Path) -> list[Disclosure]:
    """The distinct disclosures of the manifest (copies of an earlier file left out)."""
    with (corpus / MANIFEST).open(encoding="utf-8") as rows:
        return [
            Disclosure(
                path=r["path"],
                department=r["department"],
                region=r["region"],
                year=int(r["year"]),
                kind=r["kind"],
                level=r["level"],
                part=r["part"],
                total=_amount(r["total_expenditure_wan"]),
                total_page=_page(r["total_page"]),
                sangong=_amount(r["sangong_wan"]),
                sangong_page=_page(r["sangong_page"]),
            )
            for r in csv.DictReader(rows, delimiter="\t")
            if r["is_disclosure"] == "yes" and not r["duplicate_of"]
        ]


def check(store: Store, records: list[dict[str, object]], corpus: Path) -> list[Check]:
    """Every disclosure of the manifest against the ingest record of its file and the store."""
    by_path = {_relative(str(r["file"]), corpus): r for r in records}
    checks = []
    for disclosure in disclosures(corpus):
        record = by_path.get(disclosure.path, {"error": "没有导入记录"})
        doc_id = record.get("document_id")
        doc = store.document(str(doc_id)) if doc_id else None
        result = Check(disclosure, doc, None if doc else str(record.get("error")))
        if doc is not None:
            _compare(result, store, doc)
        checks.append(result)
    return checks


def _compare(result: Check, store: Store, doc: StoredDocument) -> None:
    want = result.disclosure
    for name in IDENTITY:
        expected, stored = getattr(want, name), getattr(doc, name)
        same = department_key(expected) == department_key(stored) if name == "department" else None
        if not (same if same is not None else expected == stored):
            result.identity[name] = (expected, stored)
    figures = DocumentFigures(store, doc, catalogue())
    for name, metric, expected in (
        ("total", TOTAL_METRIC, want.total),
        ("sangong", SANGONG_METRIC, want.sangong),
    ):
        if expected is None:
            continue
        figure = figures.read(catalogue().metrics[metric])
        value = figure.value if figure else None
        if figure is not None:
            result.pages[name] = (figure.citation.file, figure.citation.page)
        if value is None or _at_precision(value, expected) != expected:
            result.figures[name] = (expected, value)


def summary(checks: list[Check]) -> dict[str, dict[str, object]]:
    """Counts and rates for the tuned regions, the held-out regions and all."""
    held = heldout_regions()
    groups = {
        "tuned regions": [c for c in checks if c.disclosure.region not in held],
        "held-out regions": [c for c in checks if c.disclosure.region in held],
        "all": checks,
    }
    return {name: _rates(group) for name, group in groups.items()}


def _rates(checks: list[Check]) -> dict[str, object]:
    n = len(checks) or 1
    identity = sum(c.identity_ok for c in checks)
    figures = sum(c.figures_ok for c in checks)
    return {
        "disclosures": len(checks),
        "stored": sum(c.document is not None for c in checks),
        "identity": identity,
        "identity_rate": identity / n,
        "figures": figures,
        "figures_rate": figures / n,
    }


def report(checks: list[Check]) -> str:
    lines = ["| regions | disclosures | stored | identity | figures |", "|---|---|---|---|---|"]
    for name, r in summary(checks).items():
        lines.append(
            f"| {name} | {r['disclosures']} | {r['stored']} | {r['identity']} "
            f"({r['identity_rate']:.1%}) | {r['figures']} ({r['figures_rate']:.1%}) |"
        )
    lines += ["", *(c.line() for c in checks if not (c.identity_ok and c.figures_ok))]
    return "\n".join(lines)


def _at_precision(value: Decimal, like: Decimal) -> Decimal:
    """The value rounded half up to the decimals the manifest writes."""
    return value.quantize(Decimal(1).scaleb(like.as_tuple().exponent), rounding=ROUND_HALF_UP)


def _amount(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text.strip() else None


def _page(text: str) -> int | None:
    return int(text) if text.strip() else None


def _relative(file: str, corpus: Path) -> str:
    path = Path(file)
    try:
        return path.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def main() -> None:
    from caiwen.eval.corpus import Corpora, eval_store, ingest_records, national_corpus

    corpus = national_corpus()
    if corpus is None:
        sys.exit("CAIWEN_NATIONAL_CORPUS is not set")
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    data = data or eval_store(Path(".cache/eval"), Corpora(national=corpus))
    print(report(check(Store.in_dir(data), ingest_records(data), corpus)))


if __name__ == "__main__":
    main()
