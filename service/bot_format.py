"""A bot reply as Slack Block Kit and as Mattermost markdown: the answer (or the 核对 list), a
compact table of its figures, its sources as links to the viewer the widget opens (absolute,
from CAIWEN_PUBLIC_URL; no links without it), who/when it is about, and 👍 / 👎 (Slack's
buttons here; Mattermost's in service/mattermost.py)."""

import json
import re
from collections.abc import Callable
from typing import Any

from caiwen.ingest.audit import audit_rules
from caiwen.service.bot_audit import AuditReport, Listed, Place
from caiwen.service.staff import Reply, absolute, bot_text

MAX_ROWS = 12
"""Figures shown at most, and sources beyond the ones the text cites (each [n] of the text is
in the list, however many)."""
SECTION_CHARS = 2900
"""Slack refuses a section text over 3000 characters."""
RATE_ACTION = "caiwen_rate"
"""The action_id prefix of Slack's 👍 / 👎 buttons (caiwen_rate_up, caiwen_rate_down)."""
Link = Callable[[str, str | None], str]
"""Writes a label linked to a URL (the label alone without one), escaped for the chat."""


def slack_message(reply: Reply, public_url: str | None) -> dict[str, Any]:
    """``text`` (the notification fallback) and ``blocks`` for chat.postMessage / respond."""
    if reply.audit is not None:
        shown = bot_text()["audit"]["shown"]
        lines = audit_lines(reply.audit, public_url, _slack_link, _slack_escape, shown)
        blocks = [_section(line[:SECTION_CHARS]) for line in lines]
    else:
        blocks = [_section(_slack_escape(reply.text)[:SECTION_CHARS])]
    answer = reply.answer
    if answer:
        rows = _figure_rows(answer)
        if rows:
            table = "\n".join(f"{name}  {value}" for name, value in rows)
            blocks.append(_section(f"*{bot_text()['values_title']}*\n```{table}```"))
        sources = [_slack_link(_source_label(c), _link(public_url, c)) for c in _listed(reply)]
        if sources:
            blocks.append(_section(f"*{bot_text()['sources_title']}*\n" + "\n".join(sources)))
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": _context(answer)}]}
        )
        if "answer_id" in answer:
            blocks.append(_rate_buttons(answer))
    return {"text": reply.text[:SECTION_CHARS], "blocks": blocks}


def mattermost_text(reply: Reply, public_url: str | None) -> str:
    """The same reply as markdown (Mattermost renders tables and links)."""
    if reply.audit is not None:
        shown = bot_text()["audit"]["shown"]
        parts = ["\n".join(audit_lines(reply.audit, public_url, _markdown_link, str, shown))]
    else:
        parts = [reply.text]
    if reply.csv_url:
        parts.append(_markdown_link(bot_text()["csv_link"], reply.csv_url))
    answer = reply.answer
    if answer:
        rows = _figure_rows(answer)
        if rows:
            table = "\n".join(f"| {name} | {value} |" for name, value in rows)
            parts.append(f"| {bot_text()['values_title']} | |\n|---|---|\n{table}")
        sources = [
            f"- {_markdown_link(_source_label(c), _link(public_url, c))}" for c in _listed(reply)
        ]
        if sources:
            parts.append(f"**{bot_text()['sources_title']}**\n" + "\n".join(sources))
        parts.append(f"_{_context(answer)}_")
    return "\n\n".join(parts)


def audit_lines(
    report: AuditReport,
    public_url: str | None,
    link: Link,
    escape: Callable[[str], str],
    shown: int | None = None,
) -> list[str]:
    """The 核对 reply: its title, a numbered line for each finding shown (the rule, the
    message with both figures, and both places linked to their views; ``shown`` at most, all
    when None), the rounding-level differences in one line, and how many more there are,
    linked to the whole audit's page."""
    words = bot_text()["audit"]
    who = {"department": report.department, "year": report.year, "kind": report.kind}
    if not report.findings:
        lines = [escape(words["none"].format(**who))]
    else:
        lines = [escape(words["title"].format(count=len(report.findings), **who))]
    listed = report.findings[:shown]
    lines += [_finding_line(n, f, public_url, link, escape) for n, f in enumerate(listed, 1)]
    if report.rounding:
        note = audit_rules()["rounding_note"]
        items = "；".join(f.message.removesuffix(note).rstrip("。") for f in report.rounding)
        lines.append(escape(words["rounding"].format(count=len(report.rounding), items=items)))
    hidden = len(report.findings) - len(listed)
    if hidden > 0:
        url = absolute(public_url, f"/api/documents/{report.document_id}/audit?format=html")
        more = escape(words["more"].format(count=hidden))
        lines.append(f"{more} {link(words['more_link'], url)}" if url else more)
    return lines


def _finding_line(
    n: int, finding: Listed, public_url: str | None, link: Link, escape: Callable[[str], str]
) -> str:
    words = bot_text()["audit"]
    rule = finding.rule
    if finding.severity != "error":
        rule += f"（{words['severity'].get(finding.severity, finding.severity)}）"
    head = escape(words["line"].format(n=n, rule=rule, message=finding.message))
    sides = [
        link(_place_text(p), absolute(public_url, viewer_url(p.view)))
        + (escape(words["side_value"].format(value=p.value)) if p.value else "")
        for p in finding.places
    ]
    return "\n".join([head, *(f"    · {side}" for side in sides)])


def _place_text(place: Place) -> str:
    """Where one side is printed: page, table, row and column, or the sentence quoted."""
    words = bot_text()["audit"]
    parts = [
        words[key].format(**{key: getattr(place, key)})
        for key in ("page", "table", "row", "column")
        if getattr(place, key)
    ]
    if place.quote and not (place.row or place.column):
        chars = words["quote_chars"]
        quote = place.quote if len(place.quote) <= chars else place.quote[:chars] + "…"
        parts.append(words["quote"].format(quote=quote))
    return "".join(parts)


def viewer_url(view: dict[str, str]) -> str:
    """The human page of a view: the page image as it is, a text view as its HTML page (the
    JSON one is for the widget to render)."""
    if view["type"] != "text":
        return view["url"]
    return view["url"] + ("&" if "?" in view["url"] else "?") + "format=html"


def _rate_buttons(answer: dict[str, Any]) -> dict[str, Any]:
    """👍 / 👎 under an answer: each button's value names the answer and its session."""
    words = bot_text()["rate"]
    value = json.dumps({"answer_id": answer["answer_id"], "session": answer["session_id"]})
    return {
        "type": "actions",
        "block_id": RATE_ACTION,
        "elements": [
            {
                "type": "button",
                "action_id": f"{RATE_ACTION}_{rating}",
                "text": {"type": "plain_text", "text": words[rating], "emoji": True},
                "value": value,
            }
            for rating in ("up", "down")
        ],
    }


def _listed(reply: Reply) -> list[dict[str, Any]]:
    """The sources listed: every one the text cites by its [n], and the first MAX_ROWS (none
    for the 核对 list, which links each place itself)."""
    answer = reply.answer
    if answer is None or reply.audit is not None:
        return []
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    return [c for i, c in enumerate(answer["citations"]) if c["n"] in cited or i < MAX_ROWS]


def _figures(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The answer's figures, by role: the audit's own sums and gaps (role finding) are in the
    text's note, not figures of the document."""
    return [v for v in answer["values"] if v["role"] != "finding"]


def _figure_rows(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(v["name"], _amount(v["value"], v["unit"])) for v in _figures(answer)[:MAX_ROWS]]


def _amount(value: float, unit: str) -> str:
    """Amounts and percents with two decimals, counts as they are."""
    return f"{value:,.2f} {unit}" if unit in ("万元", "%") else f"{value:g} {unit}"


def _source_label(citation: dict[str, Any]) -> str:
    where = [
        f"第{citation['page']}页" if citation["page"] else "",
        citation["table"] or (citation["section"] or "").split(" > ")[-1],
    ]
    return f"[{citation['n']}] {citation['file']} " + " ".join(w for w in where if w)


def _link(public_url: str | None, citation: dict[str, Any]) -> str | None:
    return absolute(public_url, viewer_url(citation["view"]))


def _context(answer: dict[str, Any]) -> str:
    """Who and when the answer is about: the department and its document, or (figures of
    several departments, a ranking) how many departments and each year and kind."""
    words = bot_text()
    planner = words["planners"].get(answer["planner"], answer["planner"])
    sources = _figures(answer) or answer["citations"]
    if not sources:
        return planner
    departments = list(dict.fromkeys(s["department"] for s in sources))
    periods = "、".join(dict.fromkeys(f"{s['year']}年{s['kind']}" for s in sources))
    if len(departments) > 1:
        return words["context_many"].format(
            count=len(departments), periods=periods, planner=planner
        )
    return words["context"].format(department=departments[0], periods=periods, planner=planner)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _slack_link(label: str, url: str | None) -> str:
    return f"<{url}|{_slack_escape(label)}>" if url else _slack_escape(label)


def _markdown_link(label: str, url: str | None) -> str:
    return f"[{label}]({url})" if url else label


def _slack_escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
