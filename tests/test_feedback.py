"""The feedback store (service/feedback.py) and `caiwen feedback`: answers kept with their
question, scope and plan; the disliked ones, the refusals and the questions asked back listed
and exported as draft eval cases that eval/cases.py loads."""

import sqlite3
from pathlib import Path

import pytest

from caiwen.eval.cases import load_cases
from caiwen.service.feedback import FEEDBACK_FILE, Feedback, FeedbackError
from caiwen.service.plan import Scope
from tests.support import Ingested
from tests.test_cli import caiwen

SAMPLE = Scope("示范区政务服务中心", 2018)


def kept(
    sample: Ingested, feedback: Feedback, question: str, scope: Scope = SAMPLE
) -> tuple[int, str]:
    """The id the answer is kept under, and its session."""
    answer = sample.engine.ask(question, scope)
    plan = sample.engine.sessions.turns(answer.session_id)[-1]["plan"]
    return feedback.record(question, scope, plan, answer), answer.session_id


def test_the_unanswered_are_listed_and_exported_as_draft_cases(sample: Ingested, tmp_path: Path):
    feedback = Feedback.in_dir(tmp_path)
    liked = kept(sample, feedback, "三公经费是多少")
    disliked = kept(sample, feedback, "招待费花了多少")
    kept(sample, feedback, "局长的工资是多少")
    kept(sample, feedback, "三公经费是多少", Scope())  # which department? asked back
    feedback.rate(*disliked, "down", "想看预算数")
    feedback.rate(*liked, "up")
    with pytest.raises(FeedbackError):
        feedback.rate(liked[0], "another-session", "up")

    listed = caiwen(
        "feedback",
        "--unanswered",
        "--export",
        str(tmp_path / "cases.jsonl"),
        "--data",
        str(tmp_path),
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "   三公经费是多少（反问）",
        "   局长的工资是多少（拒答）",
        "👎 招待费花了多少  “想看预算数”",
    ]
    cases = load_cases([tmp_path / "cases.jsonl"])
    assert [(c.question, c.type, c.tags) for c in cases] == [
        ("三公经费是多少", "ambiguous", ["feedback", "asks_back"]),
        ("局长的工资是多少", "unanswerable", ["feedback", "refused"]),
        ("招待费花了多少", "lookup", ["feedback", "disliked"]),
    ]
    assert cases[2].scope is not None and cases[2].scope.department == "示范区政务服务中心"


def test_the_file_is_migrated_once_and_keeps_its_answers(sample: Ingested, tmp_path: Path):
    kept(sample, Feedback.in_dir(tmp_path), "三公经费是多少")
    again = Feedback.in_dir(tmp_path)
    assert len(again.db.execute("SELECT id FROM answers").fetchall()) == 1
    version = sqlite3.connect(tmp_path / FEEDBACK_FILE).execute("PRAGMA user_version")
    assert version.fetchone()[0] == 1
