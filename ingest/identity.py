"""lines → identity: which department or unit, which year, budget or final accounts."""

from dataclasses import dataclass

from caiwen.ingest.errors import IngestError
from caiwen.ingest.text import compact
from caiwen.ingest.vocabulary import Vocabulary, vocabulary

COVER_LABELS = ("预算主管部门", "预算单位")
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class Identity:
    department: str
    region: str | None
    year: int
    kind: str
    level: str
    is_template: bool = False


@dataclass(frozen=True)
class _Title:
    name: str
    year: int
    kind: str
    level: str


def find_identity(cover: list[str], lines: list[str], file_name: str) -> Identity:
    """Identity from the cover title, the 部门：/预算单位： lines and, last, the file name.

    ``cover`` is the text of the first page (or the first lines of a text file), ``lines``
    every line and table label of the document.
    """
    vocab = vocabulary()
    title = _title(["".join(compact(t) for t in cover), *map(compact, cover[:6]), file_name], vocab)
    if title is None:
        raise IngestError("未能识别年度和预算/决算类型：不像是部门预算或决算公开文件")
    department = _department(title, [compact(t) for t in lines], vocab)
    if not department:
        raise IngestError("未能识别部门或单位名称：不像是部门预算或决算公开文件")
    level = "单位" if any(compact(t).startswith("预算单位") for t in lines[:40]) else title.level
    return Identity(
        department=department,
        region=_region(department, vocab),
        year=title.year,
        kind=title.kind,
        level=level,
        is_template=bool(vocab.placeholder.search(department)),
    )


def _title(candidates: list[str], vocab: Vocabulary) -> _Title | None:
    for text in candidates:
        for pattern in vocab.titles:
            match = pattern.search(text)
            if match and MIN_YEAR <= int(match["year"]) <= MAX_YEAR:
                name = match["name"].strip("：:，, ")
                return _Title(name, int(match["year"]), match["kind"], match["level"])
    return None


def _department(title: _Title, lines: list[str], vocab: Vocabulary) -> str:
    """The labelled name when it agrees with the title (it is usually the fuller one)."""
    labelled = [name for text in lines if (name := _labelled_name(text, vocab))]
    on_cover = [
        n for text in lines if text.startswith(COVER_LABELS) and (n := _labelled_name(text, vocab))
    ]
    if on_cover:
        return on_cover[0]
    fuller = [name for name in labelled if name.endswith(title.name) or title.name.endswith(name)]
    if fuller:
        return max(fuller, key=len)
    if _is_region_only(title.name, vocab) and labelled:
        return labelled[0]
    return title.name


def _labelled_name(text: str, vocab: Vocabulary) -> str | None:
    for pattern in vocab.department_labels:
        match = pattern.match(text)
        if match and len(match.group(1)) >= 3:
            return match.group(1)
    return None


def _is_region_only(name: str, vocab: Vocabulary) -> bool:
    return _region(name, vocab) == name


def _region(department: str, vocab: Vocabulary) -> str | None:
    match = vocab.region.match(department)
    region = match.group(1) if match else ""
    return region or None
