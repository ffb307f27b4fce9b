"""A bot reply as Slack Block Kit and as Mattermost markdown: the answer, a compact table of
its figures, its sources as links to the service's page viewer, and who/when it is about."""

import re
from typing import Any

from caiwen.service.staff import Reply, bot_text

MAX_ROWS = 12
"""Figures shown at most, and sources beyond the ones the text cites (each [n] of the text is
in the list, however many)."""
SECTION_CHARS = 2900
"""Slack refuses a section text over 3000 characters."""


def slack_message(reply: Reply, public_url: str) -> dict[str, Any]:
    """``text`` (the notification fallback) and ``blocks`` for chat.postMessage / respond."""
    blocks: list[dict[str, Any]] = [_section(_slack_escape(reply.text)[:SECTION_CHARS])]
    answer = reply.answer
    if answer:
        rows = _figure_rows(answer)
        if rows:
            table = "\n".join(f"{name}  {value}" for name, value in rows)
            blocks.append(_section(f"*{bot_text()['values_title']}*\n```{table}```"))
        sources = [
            f"<{_link(public_url, c)}|{_slack_escape(_source_label(c))}>" for c in _listed(answer)
        ]
        if sources:
            blocks.append(_section(f"*{bot_text()['sources_title']}*\n" + "\n".join(sources)))
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": _context(answer)}]}
        )
    return {"text": reply.text[:SECTION_CHARS], "blocks": blocks}


def mattermost_text(reply: Reply, public_url: str) -> str:
    """The same reply as markdown (Mattermost renders tables and links)."""
    parts = [reply.text]
    if reply.csv_url:
        parts.append(f"[下载 CSV]({reply.csv_url})")
    answer = reply.answer
    if answer:
        rows = _figure_rows(answer)
        if rows:
            table = "\n".join(f"| {name} | {value} |" for name, value in rows)
            parts.append(f"| {bot_text()['values_title']} | |\n|---|---|\n{table}")
        sources = [f"- [{_source_label(c)}]({_link(public_url, c)})" for c in _listed(answer)]
        if sources:
            parts.append(f"**{bot_text()['sources_title']}**\n" + "\n".join(sources))
        parts.append(f"_{_context(answer)}_")
    return "\n\n".join(parts)


def _listed(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The sources listed: every one the text cites by its [n], and the first MAX_ROWS."""
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


def _link(public_url: str, citation: dict[str, Any]) -> str:
    return public_url.rstrip("/") + citation["view"]["url"]


def _context(answer: dict[str, Any]) -> str:
    figures = _figures(answer)
    source = figures[0] if figures else (answer["citations"][0] if answer["citations"] else None)
    planner = bot_text()["planners"].get(answer["planner"], answer["planner"])
    if source is None:
        return planner
    return bot_text()["context"].format(
        department=source["department"], year=source["year"], kind=source["kind"], planner=planner
    )


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _slack_escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
