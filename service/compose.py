"""plan + tool results → the answer text, through the intent registry: the operation's
composer writes it from prompts/answers.yaml, unless a tool refused (then the tool's reason is
the answer); audit findings on the figures used are noted after it.

Every figure in the text is a tool value formatted for reading; every sentence with a figure
carries the numbers of the citations it rests on.
"""

from caiwen.service.citations import CitationRegistry
from caiwen.service.intents import operation
from caiwen.service.plan import Plan
from caiwen.service.results import REFUSING, ToolResult
from caiwen.service.writer import Composed, Results, Writer


def compose(plan: Plan, results: list[ToolResult], registry: CitationRegistry) -> Composed:
    op = operation(plan)
    writer = Writer(registry)
    problem = next((r for r in results if r.status in REFUSING | {"ambiguous"}), None)
    if problem is not None and not op.own_refusals:
        message = problem.message or writer.t["no_figure"]
        return Composed(message, refused=problem.status != "ambiguous")
    composed = op.compose(writer, plan, Results(results))
    composed.text += _finding_notes(writer, results)
    return composed


def _finding_notes(w: Writer, results: list[ToolResult]) -> str:
    """One sentence for each audit finding on a figure the answer uses."""
    notes: dict[str, str] = {}
    for result in results:
        for finding in result.findings:
            cite = w.cited(result, finding.citations)
            message = finding.message.rstrip("。")
            notes.setdefault(message, w.fill("finding_note", message=message, cite=cite))
    return "".join(notes.values())
