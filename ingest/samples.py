"""Sample corpus generator: renders YAML document specs into PDFs shaped like real disclosures.

All figures and texts live in ``sample_data/*.yaml``; this module is a generic renderer that lays
out covers, tables of contents, narrative text and ruled tables the way published 部门预算 and
部门决算 PDFs do, including the quirks the ingest parser has to cope with: Latin runs (digits,
``.``, ``%``, ``“ ”``) set in Times-Roman below the Chinese baseline, justified lines that wrap
mid-sentence, multi-row headers with merged cells, tables continued across pages with or without
a repeated header, and landscape pages for wide tables.

Spec schema. Top level: ``kind`` (决算 | 预算), ``department``, ``region`` (metadata only),
``year``, ``decimals`` (amount decimals, default 2) and ``sections``, each starting a new page:

* ``cover``: ``lines`` of ``{text, size}``.
* ``toc``: ``title``, ``entries`` of ``[level, text]``, optional ``leaders`` (dot leaders).
* ``text``: ``blocks``, each one of ``h1`` (centred part title), ``h2``/``h3``/``h4`` (一、/
  （一）/1、 headings) or ``p`` (justified paragraph); gets the running header.
* ``table``: ``title``, optional ``heading`` (an ``h1`` above it), ``code`` (right of the
  title), ``left``/``unit`` (the line under the title), ``orientation``, ``decimals``,
  ``row_height``, ``page_breaks`` (body row indices starting a page), ``repeat_header`` and
  ``note`` (a line or a list). ``columns`` are logical: ``{w, kind: text|amount, align, split}``
  where ``split`` (e.g. [3, 2, 2] for 类/款/项) spreads a subject code over several physical
  columns. ``header`` rows use physical columns, ``rows`` logical ones; a cell is a scalar
  (``~`` = blank, numbers in amount columns are formatted) or ``{text, cols, rows}`` for a merged
  cell. Missing trailing cells are blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from caiwen.ingest.sample_pages import (
    HEADING,
    STYLES,
    TOC_LEADING,
    TOKEN,
    Writer,
    draw_tokens,
    text_block,
    tokens_width,
)
from caiwen.ingest.sample_tables import render_table

SPEC_DIR = Path(__file__).with_name("sample_data")
VARIANTS = Path(__file__).with_name("sample_variants.yaml")
TITLE_SUFFIX = {"决算": "年度部门决算", "预算": "年部门预算"}


def sample_specs() -> list[str]:
    """Names of the bundled specs, sorted."""
    return sorted(path.stem for path in SPEC_DIR.glob("*.yaml"))


def load_spec(name: str) -> dict[str, Any]:
    """Parse the bundled spec ``name`` (a value of :func:`sample_specs`)."""
    return yaml.safe_load((SPEC_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def document_title(spec: dict[str, Any]) -> str:
    """E.g. 示例市示范区政务服务中心2018年度部门决算: the running header and the file stem."""
    return f"{spec['department']}{spec['year']}{TITLE_SUFFIX[spec['kind']]}"


def render_document(spec: dict[str, Any], path: Path, department: str | None = None) -> Path:
    """Render ``spec`` to ``path``; ``department`` replaces the spec's department name."""
    if department:
        spec = replace_text(spec, spec["department"], department)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = Writer(path, document_title(spec), int(spec.get("decimals", 2)))
    for section in spec["sections"]:
        _RENDERERS[section["type"]](writer, section)
    writer.canvas.save()
    return path


def render_samples(outdir: Path) -> list[Path]:
    """Render every bundled spec into ``outdir``, named after :func:`document_title`."""
    specs = [load_spec(name) for name in sample_specs()]
    return [render_document(spec, outdir / f"{document_title(spec)}.pdf") for spec in specs]


def replace_text(node: Any, old: str, new: str) -> Any:
    """``old`` replaced by ``new`` in every string of a spec."""
    if isinstance(node, str):
        return node.replace(old, new)
    if isinstance(node, list):
        return [replace_text(item, old, new) for item in node]
    if isinstance(node, dict):
        return {key: replace_text(value, old, new) for key, value in node.items()}
    return node


def _render_cover(writer: Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"))
    y = writer.size[1] * 0.62
    for line in section["lines"]:
        size = float(line["size"])
        tokens = TOKEN.findall(line["text"])
        x = (writer.size[0] - tokens_width(tokens, size)) / 2
        draw_tokens(writer.canvas, x, y, tokens, size)
        y -= size * 2.2


def _render_toc(writer: Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"))
    text_block(writer, STYLES["h1"], section["title"])
    for level, text, *page in section["entries"]:
        writer.ensure(TOC_LEADING)
        writer.y -= TOC_LEADING
        x = writer.left + level * 2 * HEADING.size
        tokens = TOKEN.findall(text)
        number = TOKEN.findall(str(page[0])) if page else []
        if section.get("leaders"):
            room = writer.right - x - tokens_width(tokens + number, HEADING.size)
            tokens += ["…"] * int(room // tokens_width(["…"], HEADING.size))
        elif number:
            tokens += [" "]
        draw_tokens(writer.canvas, x, writer.y, tokens + number, HEADING.size)


def _render_text(writer: Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"), running=True)
    for block in section["blocks"]:
        ((kind, text),) = block.items()
        text_block(writer, STYLES[kind], text)


_RENDERERS = {
    "cover": _render_cover,
    "toc": _render_toc,
    "text": _render_text,
    "table": render_table,
}


def render_variants(outdir: Path, count: int, reuse: bool = False) -> list[Path]:
    """``count`` disclosures: the bundled specs in turn, each turn under another government and
    department (``sample_variants.yaml``); ValueError past the names there. With ``reuse``, a
    file already at its path is taken as rendered (a benchmark's documents, rendered once)."""
    own = yaml.safe_load(VARIANTS.read_text(encoding="utf-8"))["own"]
    specs = [load_spec(name) for name in sample_specs()]
    paths = []
    for number, (city, district, department) in enumerate(variant_names(count)):
        spec = renamed(specs[number % len(specs)], own, city, district, department)
        path = outdir / f"{document_title(spec)}.pdf"
        paths.append(path if reuse and path.exists() else render_document(spec, path))
    return paths


def variant_names(count: int) -> list[tuple[str, str, str]]:
    """(city, district, department) of each of the first ``count`` generated disclosures: the
    bundled specs in turn, each turn under the next names; ValueError past the names there."""
    names = yaml.safe_load(VARIANTS.read_text(encoding="utf-8"))
    specs = len(sample_specs())
    pairs = [(g, d) for d in names["departments"] for g in names["governments"]]
    if not 0 < count <= len(pairs) * specs:
        raise ValueError(f"可生成 1 到 {len(pairs) * specs} 份文件，不是 {count}")
    return [(*pairs[number // specs][0], pairs[number // specs][1]) for number in range(count)]


def renamed(
    spec: dict[str, Any], own: dict[str, str], city: str, district: str, department: str
) -> dict[str, Any]:
    """The spec under another city, district and department, in every string."""
    short = spec["department"].removeprefix(own["city"] + own["district"])
    spec = replace_text(spec, spec["department"], city + district + department)
    spec = replace_text(spec, own["city"], city)
    spec = replace_text(spec, own["district"], district)
    return replace_text(spec, short, department)
