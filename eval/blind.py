"""Blind cases (eval/cases/blind/*.jsonl): questions written without sight of the rules, over
documents not yet worked on, run on a store holding every corpus at once. Reported, never
gated: split into the documents of the tuned regions, the held-out regions (eval/heldout.yaml)
and the shared corpus, and by the class of question (the case's tags)."""

import csv
from importlib import resources
from pathlib import Path

import yaml

from caiwen.eval.cases import CASES_DIR, Case
from caiwen.eval.runner import CaseResult, Summary
from caiwen.ingest.document import content_hash

BLIND_DIR = CASES_DIR / "blind"
MANIFEST = "MANIFEST.tsv"
SHARED = "shared corpus"
TUNED = "tuned regions"
HELD_OUT = "held-out regions"


def blind_files() -> list[Path]:
    return sorted(BLIND_DIR.glob("*.jsonl"))


def heldout_regions() -> set[str]:
    text = resources.files("caiwen.eval").joinpath("heldout.yaml").read_text(encoding="utf-8")
    return set(yaml.safe_load(text)["regions"])


def regions(national: Path) -> dict[str, str]:
    """Each national file (its MANIFEST.tsv path) → the government it belongs to."""
    with (national / MANIFEST).open(encoding="utf-8") as rows:
        return {r["path"]: r["region"] for r in csv.DictReader(rows, delimiter="\t")}


def split(summary: Summary, national: Path) -> dict[str, list[CaseResult]]:
    """The results by where their document comes from: the shared corpus, a tuned region or a
    held-out region."""
    region_of, held = regions(national), heldout_regions()
    groups: dict[str, list[CaseResult]] = {SHARED: [], TUNED: [], HELD_OUT: []}
    for result in summary.results:
        region = region_of.get(result.case.document or "")
        group = SHARED if region is None else HELD_OUT if region in held else TUNED
        groups[group].append(result)
    return groups


def as_stored(cases: list[Case], national: Path, records: list[dict[str, object]]) -> list[Case]:
    """The cases with each gold file named as the store names it: a national file that is a
    byte-for-byte copy of one ingested before it (the crawler saves 国家信访局's budget under
    several cities' names) is cited under the first one's name."""
    first: dict[str, str] = {}
    for record in records:
        path = Path(str(record["file"]))
        if path.is_file() and path.is_relative_to(national):
            first.setdefault(content_hash(path), path.name)
    renamed = []
    for case in cases:
        gold = case.expect.citation
        path = national / gold.file if gold else None
        if gold is None or path is None or not path.is_file():
            renamed.append(case)
            continue
        stored = first.get(content_hash(path), path.name)
        citation = gold.model_copy(update={"file": stored})
        expect = case.expect.model_copy(update={"citation": citation})
        renamed.append(case.model_copy(update={"expect": expect}))
    return renamed


def by_tag(summary: Summary) -> dict[str, list[CaseResult]]:
    groups: dict[str, list[CaseResult]] = {}
    for result in summary.results:
        for tag in result.case.tags or ["(none)"]:
            groups.setdefault(tag, []).append(result)
    return dict(sorted(groups.items()))


def blind_markdown(summary: Summary, national: Path) -> list[str]:
    """The report's section on the blind cases."""
    m = summary.metrics()
    return [
        "## Blind cases",
        "",
        f"{m['cases']} cases written without sight of the rules, run on one store holding the "
        f"samples, the shared corpus and the national corpus. Accuracy {m['accuracy']:.3f}, "
        f"fabricated numbers {m['fabrication']}. First-run scores: eval/blind.md.",
        "",
        "| documents | cases | accuracy |",
        "|---|---|---|",
        *_rows(summary, split(summary, national)),
        "",
        "| class | cases | accuracy |",
        "|---|---|---|",
        *_rows(summary, by_tag(summary)),
        "",
        "| type | cases | accuracy |",
        "|---|---|---|",
        *_rows(summary, summary.by("type")),
        "",
    ]


def _rows(summary: Summary, groups: dict[str, list[CaseResult]]) -> list[str]:
    return [
        f"| {name} | {len(results)} | {summary.accuracy(results):.3f} |"
        for name, results in groups.items()
        if results
    ]
