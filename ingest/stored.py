"""What a stored document is: its identity, the files it is read from and how their pages map to
its own, and the ids it and its chunks are stored under."""

import hashlib
import sqlite3
from dataclasses import dataclass

from caiwen.ingest.document import ParsedDocument
from caiwen.ingest.identity import Identity


@dataclass(frozen=True)
class StoredFile:
    """A file a stored document is read from (see SourceFile)."""

    name: str
    content_hash: str
    format: str
    part: str
    pages: int | None
    first_page: int = 1


@dataclass(frozen=True)
class StoredDocument:
    id: str
    department: str
    region: str | None
    year: int
    kind: str
    level: str
    is_template: bool
    file_name: str
    format: str
    content_hash: str
    pages: int | None
    files: tuple[StoredFile, ...] = ()
    """The files it is read from, in reading order (one, or the text and the tables parts)."""

    def file_page(self, page: int | None) -> tuple[str, int | None]:
        """The file a document page is printed in, and the page's number in that file."""
        if page is None:
            unpaged = next((f for f in self.files if f.pages is None), None)
            return (unpaged or self.files[0]).name if self.files else self.file_name, None
        for file in reversed(self.files):
            if file.pages is not None and page >= file.first_page:
                return file.name, page - file.first_page + 1
        return self.file_name, page

    def document_page(self, file_name: str | None, page: int | None) -> int | None:
        """The document page of a file's page (the inverse of file_page)."""
        file = next((f for f in self.files if f.name == file_name), None)
        if page is None or file is None or file.pages is None:
            return page
        return file.first_page + page - 1


def document_id(identity: Identity) -> str:
    """Stable across versions of the same disclosure, so links keep working after a re-ingest."""
    ident = identity
    key = f"{ident.region or ''}|{ident.department}|{ident.year}|{ident.kind}|{ident.level}"
    return "d" + hashlib.sha1(key.encode()).hexdigest()[:12]


def chunk_ids(doc_id: str, parsed: ParsedDocument) -> list[str]:
    """Chunk ids carry the file's hash: a new version never reuses an old version's ids."""
    return [f"{doc_id}-{parsed.content_hash[:10]}-{c.index}" for c in parsed.chunks]


def document_of(row: sqlite3.Row, files: tuple[StoredFile, ...]) -> StoredDocument:
    return StoredDocument(
        id=row["id"],
        department=row["department"],
        region=row["region"],
        year=row["year"],
        kind=row["kind"],
        level=row["level"],
        is_template=bool(row["is_template"]),
        file_name=row["file_name"],
        format=row["format"],
        content_hash=row["content_hash"],
        pages=row["pages"],
        files=files,
    )
