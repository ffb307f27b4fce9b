"""The targets tool: what a document's 绩效目标表 sets as a target, or its targets' sentences
count, named by a question's words (站点维护数量, 投入路面车辆数)."""

from caiwen.service.details import TargetRead
from caiwen.service.figures import DocumentFigures
from caiwen.service.results import ToolResult
from caiwen.service.targets import TargetLine, best
from caiwen.service.templates import say
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import Level, ToolBase
from caiwen.service.tools.registry import tool
from caiwen.service.values import Citation, Value


class TargetTools(ToolBase):
    @tool()
    def get_target(
        self,
        words: str,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        level: Level | None = None,
        measure: str | None = None,
        project: str | None = None,
    ) -> ToolResult:
        """A target a department's 绩效目标表 sets, or a number its targets' text states (e.g.
        words 站点维护数量, 投入路面车辆数, 发行量), as printed with its comparator and what it
        counts. measure is what the question counts in (个, 次, 人次, 辆); project is the
        project the target is asked of, where the question named one."""
        result = ToolResult(tool="get_target")
        doc = self.box.choose(department, year, kind, None, level)
        if isinstance(doc, Problem):
            doc.on(result)
            return result
        figures = self.box.figures(doc)
        line = best(figures.targets, words, measure, project)
        if line is None:
            result.status = "not_found"
            result.message = say("no_target", words=words, department=doc.department)
            return result
        value = Value(
            name=line.words,
            value=line.number,
            unit=line.unit,
            role="target",
            metric=line.words,
            department=doc.department,
            region=doc.region,
            year=doc.year,
            kind=doc.kind,
            level=doc.level,
            printed=line.printed,
        )
        value = result.add(value, _citation(figures, line))
        result.details = TargetRead(
            target=value, line=line.words, project=line.project, printed=line.printed
        )
        result.formula = f"{line.words} {line.printed}"
        return result


def _citation(figures: DocumentFigures, line: TargetLine) -> Citation:
    """Where the target is printed: its cell's page, box and table."""
    cell = line.cell
    box = (cell["x0"], cell["top"], cell["x1"], cell["bottom"])
    return figures.citation(
        page=cell["page"],
        table=cell["table_title"] or None,
        row=line.project or line.words,
        quote=f"{line.words}{line.printed}",
        bbox=box if cell["x0"] is not None else None,
    )
