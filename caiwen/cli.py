"""The caiwen command line: ingest, ask, serve, worker, eval, audit, feedback, samples,
migrate-store."""

import json
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from caiwen.config import Settings
from caiwen.eval.blind import as_stored, blind_files, blind_markdown
from caiwen.eval.cases import CASES_DIR, Case, CaseError, load_cases
from caiwen.eval.corpus import Corpora, eval_store, ingest_records
from caiwen.eval.paraphrase import cases as paraphrase_cases
from caiwen.eval.paraphrase import open_store, paraphrase_markdown
from caiwen.eval.report import gate, paraphrase_gate, thresholds, to_markdown, write
from caiwen.eval.runner import Runner, Summary
from caiwen.ingest.audit import finding_record
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import NOT_STORED, FileResult, Ingestor, expand
from caiwen.ingest.samples import render_samples, render_variants
from caiwen.ingest.store import Store
from caiwen.ingest.transfer import TransferError, copy_store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.departments import match_departments
from caiwen.service.engine import QuestionError, open_engine
from caiwen.service.feedback import Feedback
from caiwen.service.planner import Scope
from caiwen.service.sessions import Sessions, surface_key

app = typer.Typer(help="财问 caiwen: questions about budget and final-account disclosures.")
err = Console(stderr=True)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data directory (default: $CAIWEN_DATA or ./data)")
]


def settings(data: Path | None) -> Settings:
    base = Settings()
    return base.model_copy(update={"data": data}) if data else base


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF or TXT files, or directories")],
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON record per file")] = False,
    max_pages: Annotated[
        int | None,
        typer.Option(min=1, help="Most pages of a PDF (default: $CAIWEN_MAX_UPLOAD_PAGES)"),
    ] = None,
    max_mb: Annotated[
        float | None, typer.Option(min=0.001, help="Largest file (default: $CAIWEN_MAX_UPLOAD_MB)")
    ] = None,
    max_text_mb: Annotated[
        float | None,
        typer.Option(min=0.001, help="Largest text file (default: $CAIWEN_MAX_TEXT_MB)"),
    ] = None,
) -> None:
    """Ingest disclosure files into the store (SQLite + Chroma). Files over the limits (the same
    as for uploads) fail with the reason, before they are parsed. Exits with 1 when a file was
    rejected (not a disclosure) or failed (could not be read); duplicates do not count."""
    limits = {"max_upload_pages": max_pages, "max_upload_mb": max_mb, "max_text_mb": max_text_mb}
    config = settings(data).model_copy(update={k: v for k, v in limits.items() if v is not None})
    store = Store.in_dir(config.data, config.database_url)
    index = VectorIndex(
        chroma_client(config.data, config.chroma_url), load_embedder(config.embed_model)
    )
    files = expand(paths)
    if not files:
        print("没有找到 PDF 或 TXT 文件：" + "，".join(map(str, paths)), file=sys.stderr)
        raise typer.Exit(1)
    with _Progress(len(files)) as advance:
        ingestor = Ingestor(store, index, config.workers, config.file_limits())
        results = ingestor.ingest(files, advance)
    if as_json:
        for result in results:
            print(json.dumps(result.record(), ensure_ascii=False))
    else:
        _print_summary(results)
    if any(r.status in NOT_STORED for r in results):
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese")],
    department: Annotated[str | None, typer.Option(help="Department the question is about")] = None,
    year: Annotated[int | None, typer.Option(help="Fiscal year")] = None,
    kind: Annotated[str | None, typer.Option(help="预算 or 决算")] = None,
    session: Annotated[str | None, typer.Option(help="Continue this conversation")] = None,
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The answer object as JSON")] = False,
) -> None:
    """Answer a question about the ingested disclosures, citing its sources."""
    if kind not in (None, "预算", "决算"):
        raise typer.BadParameter("只能是 预算 或 决算", param_hint="--kind")
    engine = open_engine(settings(data))
    session = session or Sessions.new_id()
    try:
        answer = engine.ask(question, Scope(department, year, kind), surface_key("cli", session))
    except QuestionError as error:
        print(error, file=sys.stderr)
        raise typer.Exit(2) from error
    answer = answer.model_copy(update={"session_id": session})
    if as_json:
        print(answer.model_dump_json(indent=None))
        return
    print(answer.answer)
    for citation in answer.citations:
        where = "，".join(
            x
            for x in (
                f"第{citation.page}页" if citation.page else "",
                citation.table or "",
                citation.section or "",
                ocr_note(citation.ocr_confidence),
            )
            if x
        )
        print(f"  [{citation.n}] {citation.file} {where}")
    for warning in answer.warnings:
        print(f"注意：{warning}", file=sys.stderr)


@app.command("eval")
def evaluate(
    cases: Annotated[
        list[Path] | None, typer.Argument(help="Case files (default: eval/cases/*.jsonl)")
    ] = None,
    report: Annotated[
        Path, typer.Option(help="Markdown report (the JSON report goes beside it)")
    ] = Path("eval/report.md"),
    planner: Annotated[str, typer.Option(help="rules or llm")] = "rules",
    cache: Annotated[Path, typer.Option(help="Where the evaluation store is kept")] = Path(
        ".cache/eval"
    ),
    blind: Annotated[
        bool,
        typer.Option(
            help="Also run the blind cases (eval/cases/blind) when both corpora are set; "
            "reported, not gated"
        ),
    ] = True,
    paraphrases: Annotated[
        bool, typer.Option(help="Also run the paraphrases generated from the stored documents")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON report")] = False,
) -> None:
    """Score the engine on the gold cases; exit 1 below the thresholds of eval/thresholds.yaml."""
    if planner not in ("rules", "llm"):
        raise typer.BadParameter("rules 或 llm", param_hint="--planner")
    corpora = Corpora.from_env()
    files = cases or [
        p
        for p in sorted(CASES_DIR.glob("*.jsonl"))
        if corpora.real or not p.name.startswith("real-")
    ]
    gold = _cases(files)
    gate_corpora = Corpora(real=corpora.real)
    summary = _run_suite(gold, cache, gate_corpora, planner)
    failures = gate(summary, thresholds())
    sections = {}
    if paraphrases:
        generated = paraphrase_cases(open_store(eval_store(cache, gate_corpora)))
        run = _run_suite(generated, cache, gate_corpora, planner)
        sections["paraphrase"] = (run, paraphrase_markdown(run))
        failures += paraphrase_gate(run, thresholds())
    if blind and corpora.real and corpora.national and blind_files():
        records = ingest_records(eval_store(cache, corpora))
        blind_cases = as_stored(_cases(blind_files()), corpora.national, records)
        run = _run_suite(blind_cases, cache, corpora, planner, strict=True)
        sections["blind"] = (run, blind_markdown(run, corpora.national))
    data_json = write(summary, failures, report, sections)
    if as_json:
        print(json.dumps(data_json, ensure_ascii=False, default=str))
    else:
        print(to_markdown(summary, failures).split("## By document")[0])
        for _, lines in sections.values():
            print("\n".join(lines))
    if failures:
        print("评测未通过：" + "；".join(failures), file=sys.stderr)
        raise typer.Exit(1)


def _cases(files: list[Path]) -> list[Case]:
    try:
        return load_cases(files)
    except CaseError as error:
        raise typer.BadParameter(str(error), param_hint="CASES") from error


def _run_suite(
    gold: list[Case], cache: Path, corpora: Corpora, planner: str, strict: bool = False
) -> Summary:
    """Answer the cases on the evaluation store of these corpora."""
    data = eval_store(cache, corpora)
    engine = open_engine(Settings().model_copy(update={"data": data, "chroma_url": None}))
    if planner == "llm" and engine.llm is None:
        raise typer.BadParameter(
            "需要设置 CAIWEN_LLM_BASE_URL 和 CAIWEN_LLM_MODEL", param_hint="--planner"
        )
    available = {f.name for d in engine.store.documents() for f in d.files}
    return Runner(engine, planner).run(gold, available, strict)


@app.command()
def audit(
    document: Annotated[
        str | None, typer.Argument(help="A document id, file name or department name")
    ] = None,
    all_documents: Annotated[bool, typer.Option("--all", help="Every stored document")] = False,
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON")] = False,
) -> None:
    """Where stored disclosures contradict themselves: the consistency audit's findings,
    errors first, each with both sides and where they are printed."""
    if bool(document) == all_documents:
        raise typer.BadParameter("给出一份文件（编号、文件名或部门名），或者用 --all")
    config = settings(data)
    store = Store.in_dir(config.data, config.database_url)
    docs = [d for d in store.documents() if not d.is_template]
    if document:
        named = set(match_departments(document, [d.department for d in docs]))
        docs = [d for d in docs if document in (d.id, d.file_name) or d.department in named]
        if not docs:
            err.print(f"[red]没有找到“{document}”[/]")
            raise typer.Exit(2)
    reports = [
        {
            "document_id": d.id,
            "file": d.file_name,
            "department": d.department,
            "year": d.year,
            "kind": d.kind,
            "findings": [finding_record(row) for row in store.findings(d.id)],
            "unchecked_tables": [dict(row) for row in store.unchecked_tables(d.id)],
        }
        for d in docs
    ]
    if as_json:
        print(json.dumps({"documents": reports}, ensure_ascii=False))
        return
    for report in reports:
        _print_audit(report)


def _print_audit(report: dict) -> None:
    found = report["findings"]
    print(
        f"{report['file']}（{report['department']} {report['year']}年{report['kind']}）：", end=""
    )
    print(f"{len(found)}处不一致" if found else "没有发现不一致")
    for label, severity in (("错误", "error"), ("提示", "warning")):
        for f in (f for f in found if f["severity"] == severity):
            print(f"  [{label}·{f['title']}] {f['message']}")
            for side in f["sides"]:
                where = "，".join(
                    x
                    for x in (f"第{side['page']}页" if side["page"] else "", side["table"] or "")
                    if x
                )
                print(f"      {where or '说明文字'}：{side['quote'] or side['label']}")
    unchecked = report["unchecked_tables"]
    if unchecked:
        print(f"  未核对合计的表格{len(unchecked)}张（结构未能可靠识别）：")
        for table in unchecked:
            print(f"      第{table['page']}页《{table['title'] or '无标题'}》：{table['reason']}")


@app.command()
def feedback(
    unanswered: Annotated[
        bool, typer.Option(help="The disliked answers, the refusals and the questions asked back")
    ] = False,
    export: Annotated[
        Path | None, typer.Option(help="Write them as draft eval cases (JSON lines) to this file")
    ] = None,
    data: DataOption = None,
) -> None:
    """What visitors said of the answers (👍 / 👎 in the widget and the bots)."""
    entries = Feedback.in_dir(settings(data).data).entries(unanswered)
    for entry in entries:
        rating = {"up": "👍", "down": "👎", None: "  "}[entry.rating]
        why = {"disliked": "", "refused": "（拒答）", "asks_back": "（反问）", "": ""}[entry.why]
        comment = f"  “{entry.comment}”" if entry.comment else ""
        print(f"{rating} {entry.question}{why}{comment}")
    if export is not None:
        lines = [json.dumps(e.draft_case(), ensure_ascii=False) + "\n" for e in entries]
        export.write_text("".join(lines), encoding="utf-8")
        err.print(f"{len(lines)} draft cases written to {export}: add the gold figures")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes sharing the port (uvicorn workers)")
    ] = 1,
    data: DataOption = None,
) -> None:
    """Serve the chat API, the documents API, the widget (/widget.js) and a demo page (/)."""
    from caiwen.service.server import serve as run

    config = settings(data)
    if not config.database_url and not (config.data / "caiwen.sqlite3").exists():
        err.print(f"[yellow]{config.data} 里还没有导入任何文件（先运行 caiwen ingest）[/]")
    run(config, host, port, workers)


@app.command()
def worker(data: DataOption = None) -> None:
    """Ingest the uploaded documents queued in the database until stopped (SIGTERM or Ctrl-C,
    after the file in hand). Run as many as wanted, where they reach the database, the kept
    originals and the vector index; set CAIWEN_API_INGESTS=false on the API then."""
    from caiwen.service.worker import open_worker

    stop = threading.Event()
    for stopping in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stopping, lambda *_: stop.set())
    open_worker(settings(data)).run(stop)


@app.command("migrate-store")
def migrate_store(
    to: Annotated[str, typer.Option("--to", help="An empty PostgreSQL database: postgresql://…")],
    data: DataOption = None,
) -> None:
    """Copy the SQLite store of the data directory into PostgreSQL (then set
    CAIWEN_DATABASE_URL to it); the kept originals and the vector index stay in the data
    directory."""
    config = settings(data)
    source = config.data / "caiwen.sqlite3"
    if not source.exists():
        err.print(f"[red]{config.data} 里没有 SQLite 库（caiwen.sqlite3）[/]")
        raise typer.Exit(2)
    try:
        copied = copy_store(Store(source), Store(source, to))
    except TransferError as error:
        err.print(f"[red]{error}[/]")
        raise typer.Exit(1) from error
    print("，".join(f"{table} {rows} 行" for table, rows in copied.items()))


@app.command()
def samples(
    outdir: Annotated[Path, typer.Argument(help="Where to write the sample PDFs")],
    count: Annotated[
        int | None,
        typer.Option(min=1, help="Generate this many, under other governments and departments"),
    ] = None,
) -> None:
    """Render the sample disclosures (for the demo and for tests without the real corpus), or
    with --count N that many generated ones (the samples again under other names: for
    benchmarks at scale)."""
    try:
        paths = render_variants(outdir, count) if count else render_samples(outdir)
    except ValueError as error:
        err.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    for path in paths:
        print(path)


def ocr_note(confidence: float | None) -> str:
    """How a citation of a scanned page says so."""
    return f"OCR 识别，置信度 {confidence:.2f}" if confidence is not None else ""


class _Progress:
    """A progress bar on stderr for multi-file runs, and one line per failed file."""

    def __init__(self, count: int):
        self.bar = Progress(
            TextColumn("[bold]入库"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
            disable=count < 2 or not err.is_terminal,
        )
        self.task = self.bar.add_task("", total=count)

    def __enter__(self) -> Callable[[FileResult], None]:
        self.bar.start()
        return self.advance

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def advance(self, result: FileResult) -> None:
        self.bar.update(self.task, advance=1, description=Path(result.file).name)
        if result.status in NOT_STORED:
            print(f"{STATUS_WORDS[result.status]} {result.file}: {result.error}", file=sys.stderr)


STATUS_WORDS = {
    "ingested": "已入库",
    "unchanged": "未变化",
    "duplicate": "重复",
    "rejected": "未收录",
    "failed": "失败",
}


def _print_summary(results: list[FileResult]) -> None:
    """One line per file: what was stored, or why not."""
    for r in results:
        name = Path(r.file).name
        if r.status in NOT_STORED:
            print(f"{STATUS_WORDS[r.status]}  {name}: {r.error}")
            continue
        pages = f"{r.pages}页 " if r.pages else ""
        print(
            f"{STATUS_WORDS[r.status]}  {r.department} {r.year}年{r.kind}  "
            f"{pages}{r.tables}张表 {r.cells}个数值 {r.chunks}个段落  ← {name}"
        )
    counts = {
        word: sum(r.status == status for r in results) for status, word in STATUS_WORDS.items()
    }
    print("，".join(f"{word} {n}" for word, n in counts.items() if n) or "没有文件")
