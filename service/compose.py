"""plan + tool results → the answer text, through the intent registry: the operation's
composer writes it from prompts/answers.yaml, unless a tool refused (then the tool's reason is
the answer); audit findings on the figures used are noted after it.

Every figure in the text is a tool value formatted for reading; every sentence with a figure
carries the numbers of the citations it rests on.
"""

from caiwen.service.citations import CitationRegistry
from caiwen.service.filed import renamed
from caiwen.service.intents import answer_with, operation
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.values import Value
from caiwen.service.writer import Composed, Writer


def compose(plan: Plan, results: list[ToolResult], registry: CitationRegistry) -> Composed:
    writer = Writer(registry)
    composed = answer_with(operation(plan), writer, plan, results)
    notes = _finding_notes(writer, results) + _other_level(writer, plan, results)
    composed.text += notes + _filed_note(writer, plan, results)
    return composed


def _used(results: list[ToolResult]) -> Value | None:
    """The first value the answer rests on (not a ranking's)."""
    return next((v for r in results for v in r.values if v.role != "ranked"), None)


def _filed_note(w: Writer, plan: Plan, results: list[ToolResult]) -> str:
    """Whose document answered, where the question named the department its file is named
    after (the value read from that file)."""
    used = next(
        (
            v
            for r in results
            for v in r.values
            if any(r.citations[i].file == plan.filed_file for i in v.citations)
        ),
        None,
    )
    if plan.filed_as is None or used is None:
        return ""
    fields = {"filed": plan.filed_as, "file": plan.filed_file, "holder": used.department}
    whole = renamed(used.department, used.level, plan.filed_as)  # (无锡's 水务局: 水利局)
    note = "filed_note_whole" if whole else "filed_note"
    return w.fill(note, level=used.level, kind=used.kind, **fields)


def _other_level(w: Writer, plan: Plan, results: list[ToolResult]) -> str:
    """That the department published the year at the other level too (a 单位预算 beside the
    部门预算 the answer used)."""
    used = _used(results)
    if plan.other_level is None or used is None or used.level == plan.other_level:
        return ""
    return w.fill(
        "other_level",
        department=plan.department_name,
        year=used.year,
        level=plan.other_level,
        kind=used.kind,
    )


def _finding_notes(w: Writer, results: list[ToolResult]) -> str:
    """One sentence for each audit finding on a figure the answer uses."""
    notes: dict[str, str] = {}
    for result in results:
        for finding in result.findings:
            cite = w.cited(result, finding.citations)
            message = finding.message.rstrip("。")
            notes.setdefault(message, w.fill("finding_note", message=message, cite=cite))
    return "".join(notes.values())
