"""GET /healthz (the process answers) and GET /readyz (what the service serves from answers,
and is still the store and the index it opened: a data directory moved away under a running
server is found here, not by an upload failing later)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from caiwen.ingest.vectors import file_identity
from caiwen.service.state import Service

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """Whether the store and the vector index answer; without the index, table questions still
    work and text search falls back to words (status ``degraded``), but uploads are refused."""
    service = Service.of(request)
    checks = {"store": _store_problem(service)}
    if checks["store"] is None:
        checks["documents"] = str(len(service.engine.store.documents()))
    index = service.engine.tools.box.index
    checks["vectors"] = "没有向量索引" if index is None else index.problem()
    shown = {name: problem or "ok" for name, problem in checks.items()}
    if checks["store"] is not None:
        return JSONResponse({"status": "unavailable", **shown}, status_code=503)
    return JSONResponse({"status": "ok" if checks["vectors"] is None else "degraded", **shown})


def _store_problem(service: Service) -> str | None:
    store = service.engine.store
    if file_identity(store.path) != service.store_identity:
        return f"数据库文件已被移走或替换（{store.path}）"
    try:
        store.db.execute("SELECT count(*) FROM documents").fetchone()
    except Exception as error:
        return f"数据库不响应（{type(error).__name__}）"
    return None
