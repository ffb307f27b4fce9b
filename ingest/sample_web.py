"""Sample disclosures as web pages: the same YAML specs as ``samples``, published the way a
government site publishes a disclosure in HTML — inside a page of navigation, link lists and a
footer, with the narrative in paragraphs and the tables as ``<table>``s with merged cells.

The figures are those of the PDF samples, so a test can read both and compare.
"""

from html import escape
from pathlib import Path
from typing import Any

from caiwen.ingest.sample_tables import table_spans
from caiwen.ingest.samples import document_title, load_spec, sample_specs

SITE = "示例市人民政府门户网站"
NAVIGATION = ("首页", "政务公开", "政务服务", "互动交流", "预算/决算")
LINKS = ("国务院部门网站", "地方政府网站", "市直部门网站")
HEADINGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "p": "p"}


def render_web_page(spec: dict[str, Any], path: Path) -> Path:
    """Write ``spec`` as a web page to ``path``."""
    title = document_title(spec)
    body = [_nav(NAVIGATION), f'<div class="article"><h1>{escape(title)}</h1>']
    for section in spec["sections"]:
        body.extend(_SECTIONS.get(section["type"], _skip)(section, int(spec.get("decimals", 2))))
    body += ["</div>", _nav(LINKS), f'<div class="footer">主办单位：{SITE}</div>']
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}-{SITE}</title><style>td {{border: 1px solid}}</style></head>"
        f"<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def render_web_samples(outdir: Path) -> list[Path]:
    """Every bundled spec as a web page in ``outdir``."""
    specs = [load_spec(name) for name in sample_specs()]
    return [render_web_page(spec, outdir / f"{document_title(spec)}.html") for spec in specs]


def _nav(names: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f'<li><a href="#">{escape(n)}</a></li>' for n in names) + "</ul>"


def _skip(section: dict[str, Any], decimals: int) -> list[str]:
    """Covers and contents are a printed document's; the page has its title instead."""
    return []


def _text(section: dict[str, Any], decimals: int) -> list[str]:
    out = []
    for block in section["blocks"]:
        ((kind, text),) = block.items()
        tag = HEADINGS[kind]
        out.append(f"<{tag}>{escape(str(text))}</{tag}>")
    return out


def _table(section: dict[str, Any], decimals: int) -> list[str]:
    out = [f"<h2>{escape(section['heading'])}</h2>"] if "heading" in section else []
    out.append(f'<p style="text-align:center"><b>{escape(section["title"])}</b></p>')
    label = " ".join(section.get(k, "") for k in ("left", "code", "unit")).strip()
    if label:
        out.append(f"<p>{escape(label)}</p>")
    header, body = table_spans(section, int(section.get("decimals", decimals)))
    out.append('<table border="1" cellspacing="0">')
    for tag, rows in (("th", header), ("td", body)):
        for row in rows:
            cells = "".join(
                f"<{tag}{_spans(span.cols, span.rows)}>{escape(span.text)}</{tag}>" for span in row
            )
            out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    notes = section.get("note", [])
    out.extend(f"<p>{escape(n)}</p>" for n in ([notes] if isinstance(notes, str) else notes))
    return out


def _spans(cols: int, rows: int) -> str:
    return (f' colspan="{cols}"' if cols > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")


_SECTIONS = {"text": _text, "table": _table}
