"""pdfplumber pages whose characters are read with only what the ingest uses.

pdfplumber turns every pdfminer object into a dict of all its attributes, each resolved
through ``resolve_all``; for a text page that is most of the work after pdfminer's own
content-stream parsing (a fifth of ``Page.objects`` on the national corpus). A character
needs its text, box, size and matrix, and its colours for the narrative's shading; it is built
here directly from pdfminer's ``LTChar``. Rectangles, lines, curves and images (what tables
and OCR are found from) are read by pdfplumber as before.
"""

from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTItem
from pdfminer.pdfpage import PDFPage
from pdfplumber.utils.exceptions import PdfminerException


class LeanPage(pdfplumber.page.Page):
    """A pdfplumber page whose chars carry the attributes below, and nothing else."""

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        if type(obj) is not LTChar:
            return super().process_object(obj)
        left, top_edge = self.mediabox[:2]  # pdfplumber's arithmetic, float for float
        top = (self.height - obj.y1) + top_edge
        return {
            "object_type": "char",
            "page_number": self.page_number,
            "text": obj.get_text(),
            "size": obj.size,
            "matrix": obj.matrix,
            "upright": obj.upright,
            "x0": obj.x0 + left,
            "x1": obj.x1 + left,
            "y0": obj.y0,
            "y1": obj.y1,
            "width": obj.width,
            "height": obj.height,
            "top": top,
            "bottom": (self.height - obj.y0) + top_edge,
            "doctop": self.initial_doctop + top,
            "non_stroking_color": _colour(obj.graphicstate.ncolor),
            "stroking_color": _colour(obj.graphicstate.scolor),
        }


def lean_pages(pdf: pdfplumber.PDF) -> list[LeanPage]:
    """The PDF's pages, numbered from 1, as pdfplumber's ``PDF.pages`` lays them out; kept as
    the PDF's own (``PDF.close`` closes them instead of walking the page tree again)."""
    pages: list[LeanPage] = []
    doctop = 0.0
    for number, page in enumerate(_pdfminer_pages(pdf), 1):
        pages.append(LeanPage(pdf, page, page_number=number, initial_doctop=doctop))
        doctop += pages[-1].height
    pdf._pages = [*pages]
    return pages


def _pdfminer_pages(pdf: pdfplumber.PDF) -> Iterator[PDFPage]:
    pages = PDFPage.create_pages(pdf.doc)
    while True:
        try:
            yield next(pages)
        except StopIteration:
            return
        except Exception as error:  # what pdfplumber's PDF.pages raises for a broken page tree
            raise PdfminerException(error) from error


def _colour(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)
