"""`caiwen ingest` and `caiwen samples` as a user runs them."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests import badfiles

CAIWEN = [sys.executable, "-m", "caiwen"]
RECORD_FIELDS = [
    "file",
    "status",
    "document_id",
    "department",
    "region",
    "year",
    "kind",
    "level",
    "pages",
    "tables",
    "cells",
    "chunks",
    "error",
    "format",
    "ocr_pages",
]
D2018 = "示例市示范区政务服务中心2018年度部门决算.pdf"


def caiwen(*args: str, env_data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    if env_data:
        env["CAIWEN_DATA"] = str(env_data)
    return subprocess.run([*CAIWEN, *args], capture_output=True, text=True, env=env, timeout=300)


def test_samples_are_rendered_deterministically(tmp_path: Path, samples: Path) -> None:
    done = caiwen("samples", str(tmp_path / "again"))
    assert done.returncode == 0, done.stderr
    rendered = sorted(Path(line).name for line in done.stdout.split())
    assert rendered == sorted(p.name for p in samples.iterdir())
    for name in rendered:
        assert (tmp_path / "again" / name).read_bytes() == (samples / name).read_bytes()


def test_ingest_json_records_and_exit_status(tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(samples / D2018, folder / D2018)
    badfiles.truncated(samples / D2018, folder / "broken.pdf")

    done = caiwen("ingest", str(folder), "--json", env_data=tmp_path / "data")
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [list(r) for r in records] == [RECORD_FIELDS, RECORD_FIELDS]
    broken, good = records
    assert (broken["status"], broken["document_id"]) == ("failed", None)
    assert good["status"] == "ingested"
    identity = ("department", "region", "year", "kind", "level", "pages")
    assert tuple(good[k] for k in identity) == (
        "示例市示范区政务服务中心",
        "示例市示范区",
        2018,
        "决算",
        "部门",
        17,
    )
    assert good["tables"] == 8 and good["cells"] > 100 and good["chunks"] > 10
    failure_lines = [line for line in done.stderr.splitlines() if "broken.pdf" in line]
    assert len(failure_lines) == 1 and "截断" in failure_lines[0]
    assert (tmp_path / "data" / "caiwen.sqlite3").is_file() and (
        tmp_path / "data" / "chroma"
    ).is_dir()


def test_data_flag_overrides_the_environment(tmp_path: Path, samples: Path) -> None:
    done = caiwen(
        "ingest", str(samples / D2018), "--data", str(tmp_path / "flag"), env_data=tmp_path / "env"
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "flag" / "caiwen.sqlite3").is_file()
    assert not (tmp_path / "env").exists()
    assert "示例市示范区政务服务中心" in done.stdout


def test_a_folder_without_disclosures_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = caiwen("ingest", str(tmp_path / "empty"), "--data", str(tmp_path / "data"))
    assert done.returncode == 1
    assert "没有找到 PDF 或 TXT 文件" in done.stderr


def test_a_file_named_twice_is_ingested_once_then_unchanged_and_a_copy_is_a_duplicate(
    tmp_path: Path, samples: Path
) -> None:
    original = samples / D2018
    copy = shutil.copy(original, tmp_path / "副本.pdf")
    done = caiwen(
        "ingest",
        str(original),
        str(original),
        str(copy),
        "--json",
        "--data",
        str(tmp_path / "data"),
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(Path(r["file"]).name, r["status"]) for r in records] == [
        (D2018, "ingested"),
        (D2018, "unchanged"),
        ("副本.pdf", "duplicate"),
    ]
    assert len({r["document_id"] for r in records}) == 1


def test_the_cli_applies_the_upload_limits_and_its_flags_override_them(
    tmp_path: Path, samples: Path
) -> None:
    data = str(tmp_path / "data")
    big = tmp_path / "大文件.txt"
    big.write_text("示例区测试中心2018年度部门决算\n" + "\n" * 6 * 1024 * 1024)
    done = caiwen("ingest", str(big), "--json", "--data", data)
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1 and record["status"] == "failed"
    assert "超过上限5MB（CAIWEN_MAX_TEXT_MB 或 --max-text-mb）" in record["error"]
    disguised = big.rename(tmp_path / "大文件.pdf")  # a text file is one by its bytes
    done = caiwen("ingest", str(disguised), "--json", "--data", data)
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert "文本文件6.0MB，超过上限5MB" in record["error"]
    done = caiwen("ingest", str(samples / D2018), "--max-pages", "5", "--json", "--data", data)
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1 and "PDF 共17页，超过上限5页" in record["error"]
