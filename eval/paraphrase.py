"""Generated paraphrases: for every stored document, the figures its tables print row by row,
asked about in many ways (eval/paraphrases.yaml × the ways to name the department × the ways
to say the year and the level). The gold of each question is the stored cell, read by SQL —
never through the planner — so the suite measures whether any printed row can be asked about
as people ask."""

import random
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from caiwen.eval.cases import Case
from caiwen.eval.runner import Summary

SHOWN = 20
"""Failed paraphrases listed in the report."""
PRIMARY = {
    "决算": (r"决算", r"合计|小计|总计|金额"),
    "预算": (r"合计|小计|总计", r"预算|金额"),
}
"""The column a row's figure is read from, by kind of document: the first amount column whose
header matches, in this order of preference (else the first amount column)."""


@cache
def vocabulary() -> dict[str, Any]:
    text = resources.files("caiwen.eval").joinpath("paraphrases.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Figure:
    """One printed figure: a row of a table of one document, in its primary column."""

    document_id: str
    department: str
    region: str | None
    year: int
    kind: str
    level: str
    file: str
    table: str
    label: str
    amount: Decimal
    page: int | None


def figures(db: sqlite3.Connection) -> list[Figure]:
    """Every row figure of the stored documents that one label names unambiguously: a label
    printed with two different figures in one document (all funds / one fund) is left out."""
    by_label: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for row in db.execute(_SQL):
        label = _clean_label(row["row_label"])
        if label is None:
            continue
        figure = Figure(
            row["document_id"],
            row["department"],
            row["region"],
            row["year"],
            row["kind"],
            row["level"],
            row["file_name"],
            row["title"] or "",
            label,
            Decimal(row["amount"]),
            row["page"],
        )
        if _is_primary(row, db):
            by_label[(figure.document_id, label)].append(figure)
    return [
        found[0]
        for found in by_label.values()
        if len({f.amount.quantize(Decimal("0.01")) for f in found}) == 1
    ]


_SQL = """
SELECT c.table_id, c.grp, c.col, c.row_label, c.column_path, c.amount, c.page,
       t.title, d.id AS document_id, d.department, d.region, d.year, d.kind, d.level, d.file_name
FROM cells c JOIN tables t ON t.id = c.table_id JOIN documents d ON d.id = c.document_id
WHERE c.amount IS NOT NULL AND d.is_template = 0
ORDER BY d.id, t.seq, c.row, c.col
"""


def _is_primary(row: sqlite3.Row, db: sqlite3.Connection) -> bool:
    columns = db.execute(
        "SELECT DISTINCT col, column_path FROM cells WHERE table_id = ? AND grp = ? "
        "AND amount IS NOT NULL ORDER BY col",
        (row["table_id"], row["grp"]),
    ).fetchall()
    for pattern in PRIMARY[row["kind"]]:
        preferred = next((c["col"] for c in columns if re.search(pattern, c["column_path"])), None)
        if preferred is not None:
            return row["col"] == preferred
    return bool(columns) and row["col"] == columns[0]["col"]


def _clean_label(label: str) -> str | None:
    vocab = vocabulary()
    label = re.sub(vocab["label_lead"], "", re.sub(r"\s+", "", label))
    low, high = vocab["label_chars"]
    if re.search(vocab["skip_labels"], label) or not low <= len(label) <= high:
        return None
    if not re.search(r"[\u4e00-\u9fff]{2}", label):
        return None
    return label


# -- questions -------------------------------------------------------------------------------


def cases(db: sqlite3.Connection, prefix: str = "pp") -> list[Case]:
    """The generated cases of every stored document (deterministic for a store)."""
    vocab = vocabulary()
    rng = random.Random(vocab["seed"])
    found = figures(db)
    names = _department_names(db)
    latest = _latest_years(db)
    by_document: dict[str, list[Figure]] = defaultdict(list)
    for figure in found:
        by_document[figure.document_id].append(figure)
    out: list[Case] = []
    for document_id in sorted(by_document):
        chosen = by_document[document_id]
        rng.shuffle(chosen)
        for figure in chosen[: vocab["figures_per_document"]]:
            for n in range(vocab["per_figure"]):
                question = _question(figure, names, latest, rng)
                out.append(_case(f"{prefix}-{document_id}-{len(out):05d}-{n}", question, figure))
    return out


def _question(
    figure: Figure, names: dict[str, list[str]], latest: dict[str, int], rng: random.Random
) -> str:
    vocab = vocabulary()
    who = rng.choice(names[figure.department])
    when = _when(figure, latest, rng)
    label = _label_form(figure.label, rng)
    ask = rng.choice(vocab["asks"][figure.kind]).format(label=label)
    level = rng.choice(["", f"{figure.level}{figure.kind}里"]) if rng.random() < 0.3 else ""
    return f"{who}{when}{level}{ask}{rng.choice(vocab['endings'])}"


def _when(figure: Figure, latest: dict[str, int], rng: random.Random) -> str:
    vocab = vocabulary()["when"]
    newest = latest[figure.department]
    forms = list(vocab["year"])
    if figure.year == newest:
        forms += vocab["latest"]
    elif figure.year == newest - 1:
        forms += vocab["before_latest"]
    return rng.choice(forms).format(year=figure.year, yy=figure.year % 100)


def _label_form(label: str, rng: random.Random) -> str:
    """The label as printed, or without an ending people leave out (办公费 stays: too short)."""
    for ending in vocabulary()["label_endings"]:
        if label.endswith(ending) and len(label) - len(ending) >= 4 and rng.random() < 0.5:
            return label[: -len(ending)]
    return label


def _department_names(db: sqlite3.Connection) -> dict[str, list[str]]:
    """The ways the evaluation names each department: in full; with its own government only
    (石峰区政务服务中心), shortened (石峰政务服务中心); without a government where that still
    names one department; and with one character slipped."""
    rows = db.execute("SELECT DISTINCT department, region FROM documents WHERE is_template = 0")
    departments = {r["department"]: r["region"] or "" for r in rows}
    rest = {d: _spoken(d, region) for d, region in departments.items()}
    counts = Counter(rest.values())
    slips = vocabulary()["slips"]
    names: dict[str, list[str]] = {}
    for department, region in departments.items():
        short = rest[department]
        own = (re.findall(r".+?(?:省|市|区|县)", region) or [""])[-1]
        forms = [department, own + short, re.sub(r"(?:省|市|区|县)$", "", own) + short]
        if counts[short] == 1 and len(short) >= 3:
            forms.append(short)
        at = next((i for i, c in enumerate(short) if c in slips and i > 0), None)
        if at is not None and len(short) >= 4:
            forms.append(own + short[:at] + slips[short[at]] + short[at + 1 :])
        names[department] = list(dict.fromkeys(f for f in forms if f))
    return names


def _spoken(department: str, region: str) -> str:
    """The department without its government and the words people leave out."""
    name = re.sub(r"^中共", "", department).removeprefix(region).removeprefix("委")
    for word in vocabulary()["name_drops"]:
        name = re.sub(word, "", name)
    return name


def _latest_years(db: sqlite3.Connection) -> dict[str, int]:
    rows = db.execute("SELECT department, MAX(year) AS year FROM documents GROUP BY department")
    return {r["department"]: r["year"] for r in rows}


def _case(case_id: str, question: str, figure: Figure) -> Case:
    return Case.model_validate(
        {
            "id": case_id,
            "question": question,
            "type": "lookup",
            "expect": {
                "numbers": [float(figure.amount.quantize(Decimal("0.01")))],
                "citation": {"file": figure.file, "page": figure.page, "where": None},
            },
            "evidence": f"{figure.table} · {figure.label} = {figure.amount} 万元, p. {figure.page}",
            "document": figure.file,
            "tags": ["paraphrase", "row_label"],
        }
    )


def open_store(data: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{data / 'caiwen.sqlite3'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def paraphrase_markdown(summary: Summary) -> list[str]:
    """The report's section on the generated paraphrases, by how the department was named."""
    m = summary.metrics()
    failed = [r for r in summary.results if not r.score.correct][:SHOWN]
    return [
        "## Generated paraphrases",
        "",
        f"{m['cases']} questions generated from the stored tables (gold read by SQL). Accuracy "
        f"{m['accuracy']:.3f}, fabricated numbers {m['fabrication']}.",
        "",
        *(f"- {r.case.question} → {r.case.expect.numbers} ({r.case.evidence})" for r in failed),
        "",
    ]
