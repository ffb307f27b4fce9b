"""The generated paraphrases (eval/paraphrase.py): every question's gold is a figure the
document prints in a row under the label asked about, read here by SQL of the test's own; the
questions are the same for the same store, and they name the department in many ways."""

from decimal import Decimal

from caiwen.eval.paraphrase import cases, open_store, vocabulary
from tests.support import Ingested

PRINTED = """
SELECT c.amount FROM cells c JOIN documents d ON d.id = c.document_id
WHERE d.file_name = ? AND replace(c.row_label, ' ', '') LIKE ? AND c.amount IS NOT NULL
"""


def test_every_gold_figure_is_printed_in_a_row_of_the_label_asked(sample: Ingested) -> None:
    db = open_store(sample.data)
    generated = cases(db)
    assert generated
    for case in generated:
        label = case.evidence.split(" · ")[1].split(" = ")[0]
        printed = {
            Decimal(r["amount"]).quantize(Decimal("0.01"))
            for r in db.execute(PRINTED, (case.document, f"%{label}"))
        }
        gold = Decimal(str(case.expect.numbers[0])).quantize(Decimal("0.01"))
        assert gold in printed, case.question


def test_the_questions_are_the_same_for_the_same_store(sample: Ingested) -> None:
    db = open_store(sample.data)
    assert [c.question for c in cases(db)] == [c.question for c in cases(db)]


def test_each_figure_is_asked_in_several_ways(sample: Ingested) -> None:
    generated = cases(open_store(sample.data))
    per_figure = vocabulary()["per_figure"]
    by_figure: dict[str, set[str]] = {}
    for case in generated:
        by_figure.setdefault(case.evidence + case.document, set()).add(case.question)
    assert len(generated) == per_figure * len(by_figure)
    assert sum(len(q) > 1 for q in by_figure.values()) >= 0.9 * len(by_figure)
    departments = {c.question[:6] for c in generated}
    assert len(departments) > len({c.document for c in generated})
