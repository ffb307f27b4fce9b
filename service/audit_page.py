"""A document's audit as a page to open (GET /api/documents/{id}/audit?format=html, where the
bots' “另有N处” points): every finding as the bots list them, each place linked to its marked
page."""

import html

from caiwen.service.bot_audit import AuditReport
from caiwen.service.bot_format import audit_lines


def audit_page(report: AuditReport, base_url: str) -> str:
    """The page: the bots' 核对 lines, all of them, as paragraphs with links."""
    lines = audit_lines(report, base_url, _link, html.escape, shown=None)
    body = "".join(f"<p>{line.replace(chr(10), '<br>')}</p>" for line in lines)
    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(report.department)} {report.year}{html.escape(report.kind)}</title>"
        "<style>body{font:1rem/1.7 sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
        "p:first-child{font-weight:600}</style>" + body + "</html>"
    )


def _link(label: str, url: str | None) -> str:
    text = html.escape(label)
    return f'<a href="{html.escape(url)}">{text}</a>' if url else text
