"""parsed files → disclosures: the text and the tables of one disclosure published as two files
(Jiangsu's 部门预算 with its 公开表 apart; Beijing's text with its tables in an attachment) are
read as one document.

Two files are parts of one disclosure when their identities agree (the department compared in
full or short form: 中共江苏省委办公厅 is 江苏省委办公厅) and one is the text, the other the tables.
The partner may come in the same run or be stored already (its kept original is read again);
a part of this run is not read again: its document keeps the file as read.
"""

from pathlib import Path
from typing import Protocol

from caiwen.ingest.document import ParsedDocument, Part
from caiwen.ingest.identity import department_key
from caiwen.ingest.store import Store

COMPLEMENT = {"text": "tables", "tables": "text"}
ORDER = ("text", "tables")
"""A disclosure reads as its text, then its tables."""


class _Identified(Protocol):
    department: str
    region: str | None
    year: int
    kind: str
    level: str


def part_of(doc: ParsedDocument) -> str:
    """whole, text or tables."""
    return doc.files[0].part if len(doc.files) == 1 else "whole"


Key = tuple[str, str, int, str, str]


def identity_key(ident: _Identified) -> Key:
    """What two parts of one disclosure share."""
    return (
        ident.region or "",
        department_key(ident.department),
        ident.year,
        ident.kind,
        ident.level,
    )


def pair_parts(parsed: dict[Path, ParsedDocument]) -> list[list[Part]]:
    """The parts, in reading order, of the disclosures whose text and tables came as two of
    these files."""
    waiting: dict[Key, dict[str, Part]] = {}
    for path, doc in parsed.items():
        part = part_of(doc)
        if part in COMPLEMENT:
            found = waiting.setdefault(identity_key(doc.identity), {})
            found.setdefault(part, Part(path, path.name, part, doc.read))
    return [[found[p] for p in ORDER] for found in waiting.values() if len(found) == len(ORDER)]


def stored_partner(store: Store, path: Path, doc: ParsedDocument) -> list[Part] | None:
    """The parts, in reading order, of a disclosure whose other part is stored already."""
    part = part_of(doc)
    wanted = COMPLEMENT.get(part)
    if wanted is None:
        return None
    key = identity_key(doc.identity)
    ident = doc.identity
    for stored in store.documents(year=ident.year, kind=ident.kind, level=ident.level):
        if identity_key(stored) != key:
            continue
        for file in stored.files:
            original = store.original(stored, file.name)
            if file.part == wanted and file.content_hash != doc.content_hash and original:
                found = {
                    part: Part(path, path.name, part, doc.read),
                    wanted: Part(original, file.name, wanted),
                }
                return [found[p] for p in ORDER]
    return None
