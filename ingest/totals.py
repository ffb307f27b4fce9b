"""tables → tables: a table whose total row is printed under the organisation's own name (深圳
prints the 预算单位 in a column where others print 合计: 深圳市审计局 10,737.69 above its
subjects, 深圳市人力资源和社会保障局 above its 本级 and its units) has that row labelled 合计,
as every other template's total is."""

from caiwen.domain.catalogue import normalise
from caiwen.ingest.tables import Table
from caiwen.ingest.vocabulary import vocabulary


def own_rows_to_totals(tables: list[Table], department: str) -> list[Table]:
    """Label 合计 the row naming the document's own organisation, in each table with no total
    row of its own. A name printed across several rows (深圳's 三公 table: 2025年, 2026年,
    增减变化 beside one 预算单位) labels none of them alone."""
    own, total = normalise(department), vocabulary().total_label
    for table in tables:
        rows = table.rows
        if any(total.match(row.label) for row in rows):
            continue
        at = next(
            (i for i, r in enumerate(rows) if r.code is None and normalise(r.label) == own), None
        )
        if at is not None and not (at + 1 < len(rows) and not rows[at + 1].label):
            rows[at].label = TOTAL
    return tables


TOTAL = "合计"
