"""Re-ingesting, replacing and rejecting files: the store (SQLite and Chroma) only ever holds
whole, current documents."""

import re
import shutil
from pathlib import Path

import pytest

from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.rules import RULE_FILES, rules_hash
from caiwen.ingest.samples import load_spec, render_document
from tests import badfiles
from tests.support import Ingested

D2018 = "示例市示范区政务服务中心2018年度部门决算.pdf"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def fresh(samples: Path, tmp_path: Path) -> Ingested:
    """A store holding the 2018 sample, private to the test."""
    return Ingested.run(tmp_path / "data", samples / D2018)


def snapshot(ingested: Ingested) -> tuple[dict[str, int], set[str]]:
    return ingested.store.counts(), ingested.index.ids()


def test_a_document_derived_with_other_rules_is_derived_again(
    fresh: Ingested, samples: Path
) -> None:
    """Facts and findings come from the vocabulary, the catalogue and the audit's rules: a
    document stored under other rules (or before documents recorded theirs) is parsed again,
    though its file is unchanged, and then carries the current rules."""
    fresh.store.db.execute("UPDATE documents SET rules_hash = 'older rules'")
    [again] = fresh.ingest(samples / D2018)
    assert again.status == "ingested" and again.document_id == fresh.results[0].document_id
    [stored] = fresh.store.db.execute("SELECT rules_hash FROM documents").fetchall()
    assert stored[0] == rules_hash()
    assert [r.status for r in fresh.ingest(samples / D2018)] == ["unchanged"]


def test_every_rule_file_ingest_reads_is_in_the_rules_hash() -> None:
    """A YAML file read by the ingest or domain code that the hash left out would let stored
    documents go stale when it changes."""
    code = "".join(f.read_text() for d in ("ingest", "domain") for f in (ROOT / d).glob("*.py"))
    read = set(re.findall(r'files\("([\w.]+)"\)\.joinpath\("(\w+\.yaml)"\)', code))
    read |= {("caiwen.prompts", name) for name in re.findall(r'_read\("(\w+\.yaml)"\)', code)}
    assert read and read <= set(RULE_FILES)


def test_reingesting_the_same_directory_changes_nothing(fresh: Ingested, samples: Path) -> None:
    before = snapshot(fresh)
    again = fresh.ingest(samples / D2018)
    assert [r.status for r in again] == ["unchanged"]
    assert [r.document_id for r in again] == [r.document_id for r in fresh.results]
    assert snapshot(fresh) == before


@pytest.mark.parametrize(
    ("make", "status", "reason"),
    [
        (lambda src, out: badfiles.truncated(src, out), "failed", "被截断"),
        (lambda src, out: badfiles.garbled_xref(src, out), "failed", "PDF 文件已损坏"),
        (lambda src, out: badfiles.encrypted(out), "failed", "已加密"),
        (lambda src, out: badfiles.owner_password_only(out), "failed", "已加密（设有权限密码）"),
        (lambda src, out: badfiles.image_only(out), "rejected", "扫描件（OCR 没有识别出文字）"),
        (
            lambda src, out: badfiles.not_a_disclosure(out),
            "rejected",
            "不是预算或决算公开文件：像是通知（“关于召开春季运动会的通知”）",
        ),
        (lambda src, out: badfiles.empty(out), "rejected", "空文件（0 字节）"),
    ],
    ids=[
        "truncated",
        "garbled-xref",
        "encrypted",
        "owner-password-only",
        "image-only",
        "not-a-disclosure",
        "empty",
    ],
)
def test_a_bad_file_fails_with_its_reason_and_leaves_the_store_as_it_was(
    fresh: Ingested, samples: Path, tmp_path: Path, make, status: str, reason: str
) -> None:
    bad = make(samples / D2018, tmp_path / "bad.pdf")
    before = snapshot(fresh)
    [result] = fresh.ingest(bad)
    assert result.status == status
    assert reason in (result.error or "")
    assert result.document_id is None
    assert snapshot(fresh) == before


def test_unsupported_file_type(fresh: Ingested, tmp_path: Path) -> None:
    doc = tmp_path / "预算.docx"
    doc.write_bytes(b"PK\x03\x04")
    [result] = fresh.ingest(doc)
    assert result.status == "failed" and "不支持的文件类型" in (result.error or "")


def test_a_bad_file_does_not_stop_a_multi_file_run(
    fresh: Ingested, samples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(samples / D2018, folder / D2018)
    badfiles.truncated(samples / D2018, folder / "0-broken.pdf")
    results = fresh.ingest(folder)
    assert [(Path(r.file).name, r.status) for r in results] == [
        ("0-broken.pdf", "failed"),
        (D2018, "unchanged"),
    ]


def test_a_changed_file_replaces_its_older_version(fresh: Ingested, tmp_path: Path) -> None:
    old = fresh.doc(D2018)
    old_chunks = {row["id"] for row in fresh.store.chunks(old.id)}
    spec = load_spec("示范区政务服务中心2018决算")
    narrative = next(
        s
        for s in spec["sections"]
        if s["type"] == "text" and any("p" in b and "3.86万元" in b["p"] for b in s["blocks"])
    )
    narrative["blocks"].append({"p": "本年度新增一段更正说明：表格数据以本次公开为准。"})
    changed = render_document(spec, tmp_path / D2018)

    [result] = fresh.ingest(changed)
    assert result.status == "ingested" and result.document_id == old.id
    assert len(fresh.store.documents(department=old.department, year=2018)) == 1
    new_chunks = {row["id"] for row in fresh.store.chunks(old.id)}
    assert not new_chunks & old_chunks
    assert fresh.index.ids() & old_chunks == set()
    assert new_chunks <= fresh.index.ids()
    assert any("更正说明" in text for text in fresh.chunk_texts(fresh.store.document(old.id)))


def test_the_vector_index_follows_the_store(fresh: Ingested) -> None:
    assert fresh.index.ids() == fresh.store.chunk_ids()
    orphan = sorted(fresh.index.ids())[0]
    fresh.store.db.execute("DELETE FROM chunks WHERE id = ?", [orphan])
    Ingestor(fresh.store, fresh.index).sync()
    assert orphan not in fresh.index.ids()


def test_reingesting_a_directory_reports_every_file_unchanged(
    sample: Ingested, samples: Path
) -> None:
    before = snapshot(sample)
    assert [r.status for r in sample.ingest(samples)] == ["unchanged"] * 3
    assert snapshot(sample) == before
