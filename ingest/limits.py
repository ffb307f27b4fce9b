"""How big a file the ingest takes: the same limits for `caiwen ingest` and for uploads, checked
before a file is parsed, so an oversized file fails at once with its reason instead of
embedding for minutes."""

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from caiwen.ingest.errors import IngestError
from caiwen.ingest.triage import sniff

MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """None: no limit."""

    max_bytes: int | None = None
    max_pages: int | None = None
    """Of a PDF."""
    max_text_bytes: int | None = None
    """Of a text file (TXT, HTML): a disclosure's text is tens of kilobytes."""

    def check(self, path: Path) -> None:
        """IngestError when the file is over a limit; the message names the setting to raise."""
        size = path.stat().st_size
        if self.max_bytes is not None and size > self.max_bytes:
            raise IngestError(
                f"文件{size / MB:.1f}MB，超过上限{self.max_bytes / MB:g}MB"
                "（CAIWEN_MAX_UPLOAD_MB 或 --max-mb）"
            )
        with path.open("rb") as file:
            head = file.read(4096)
        if sniff(head) != "pdf":  # by its bytes, as parse_file reads it, whatever its name
            if self.max_text_bytes is not None and size > self.max_text_bytes:
                raise IngestError(
                    f"文本文件{size / MB:.1f}MB，超过上限{self.max_text_bytes / MB:g}MB"
                    "（CAIWEN_MAX_TEXT_MB 或 --max-text-mb）"
                )
            return
        pages = _pages(path)
        if self.max_pages is not None and pages is not None and pages > self.max_pages:
            raise IngestError(
                f"PDF 共{pages}页，超过上限{self.max_pages}页"
                "（CAIWEN_MAX_UPLOAD_PAGES 或 --max-pages）"
            )


def _pages(path: Path) -> int | None:
    """The PDF's page count, or None when it cannot be read (parsing then says why)."""
    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception:
        return None
