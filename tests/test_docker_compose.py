"""The deployment (docker-compose.yml, Dockerfile, .dockerignore), checked without Docker.

The files are parsed and held to the Compose Specification and to what the project needs;
the healthcheck probes are run for real against a stand-in HTTP server.
"""

import importlib.metadata
import importlib.util
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import typer
import yaml
from packaging.specifiers import SpecifierSet

from caiwen.cli import app
from caiwen.config import DEFAULT_EMBED_MODEL
from tests.postgres import Cluster
from tests.wire import send_json

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

COMPOSE_TOP_LEVEL = {"name", "include", "services", "networks", "volumes", "secrets", "configs"}
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TORCH_PIN = "torch==2.13.0"
API_PORT = 8000
CHROMA_PORT = 8000
OPTIONAL_API_SETTINGS = (
    "CAIWEN_LLM_BASE_URL",
    "CAIWEN_LLM_MODEL",
    "CAIWEN_LLM_API_KEY",
    "CAIWEN_ADMIN_TOKEN",
    "CAIWEN_ALLOWED_ORIGINS",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
)
PROBED_PATHS = {"chroma": "/api/v2/heartbeat", "api": "/healthz"}

# The subcommands of `caiwen` (a single-command Typer app would have none).
CLI_COMMANDS = set(getattr(typer.main.get_command(app), "commands", {}))


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return _instructions(DOCKERFILE.read_text(encoding="utf-8"))


# docker-compose.yml


def test_compose_uses_only_the_compose_specification(compose: dict[str, Any]) -> None:
    """No obsolete `version:`, only top-level keys of the specification, no legacy `links`."""
    assert "version" not in compose
    assert set(compose) - COMPOSE_TOP_LEVEL <= {k for k in compose if k.startswith("x-")}
    for name, service in compose["services"].items():
        assert "links" not in service, name
        assert "external_links" not in service, name


def test_compose_is_valid_against_the_compose_specification_schema(
    compose: dict[str, Any],
) -> None:
    """Validated against tests/data/compose-spec.json, a copy of the Compose Specification's
    JSON schema (github.com/compose-spec/compose-spec), kept in the repo so nothing is fetched."""
    schema = json.loads((Path(__file__).parent / "data" / "compose-spec.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(compose)


def test_the_chroma_and_api_services_are_defined(services: dict[str, dict[str, Any]]) -> None:
    assert {"chroma", "api"} <= set(services)


def test_chroma_server_is_the_version_of_the_chromadb_client(
    services: dict[str, dict[str, Any]],
) -> None:
    """Same major.minor as the installed chromadb client, so the HTTP API matches."""
    image, _, tag = services["chroma"]["image"].rpartition(":")
    client = importlib.metadata.version("chromadb")
    assert image == "chromadb/chroma"
    assert tag.split(".")[:2] == client.split(".")[:2], f"server {tag}, client {client}"


def test_chroma_persists_to_a_named_volume(services: dict[str, dict[str, Any]]) -> None:
    chroma = services["chroma"]
    env = _environment(chroma)
    mounts = dict(_volume_mounts(chroma))
    assert env["IS_PERSISTENT"] == "TRUE"
    assert env["ANONYMIZED_TELEMETRY"] == "FALSE"
    assert env["PERSIST_DIRECTORY"] == "/data"
    assert mounts.get("/data") == "named", mounts


def test_api_is_built_from_the_repository_dockerfile(services: dict[str, dict[str, Any]]) -> None:
    build = services["api"]["build"]
    if isinstance(build, str):
        build = {"context": build}
    context = (ROOT / build["context"]).resolve()
    assert context == ROOT
    assert (context / build.get("dockerfile", "Dockerfile")).is_file()


def test_every_dependency_is_a_defined_service(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for target in _depends_on(service):
            assert target in services, f"{name} depends on undefined service {target}"


def test_services_waited_for_as_healthy_define_a_healthcheck(
    services: dict[str, dict[str, Any]],
) -> None:
    waited = {
        target
        for service in services.values()
        for target, condition in _depends_on(service).items()
        if condition == "service_healthy"
    }
    assert "chroma" in waited  # the api waits for it
    for target in waited:
        healthcheck = services[target].get("healthcheck", {})
        assert healthcheck.get("test") and not healthcheck.get("disable"), target


@pytest.mark.parametrize("service", ["api", "worker", "ingest"])
def test_the_caiwen_services_wait_for_healthy_postgres_and_chroma(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    healthy = "service_healthy"
    assert _depends_on(services[service]) == {"postgres": healthy, "chroma": healthy}


@pytest.mark.parametrize("service", ["api", "worker", "ingest"])
def test_the_caiwen_services_share_one_postgresql_database_and_the_data_volume(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    env = _environment(services[service])
    url = urlsplit(env["CAIWEN_DATABASE_URL"])
    postgres = _environment(services["postgres"])
    assert url.scheme == "postgresql" and url.hostname == "postgres" and url.port == 5432
    assert url.username == postgres["POSTGRES_USER"] and url.path == f"/{postgres['POSTGRES_DB']}"
    assert env["CAIWEN_DATABASE_URL"] == _environment(services["api"])["CAIWEN_DATABASE_URL"]
    assert set(_volumes(services[service])) >= set(_volumes(services["api"]))


def test_postgres_sorts_in_the_c_collation_and_keeps_its_data_in_a_named_volume(
    services: dict[str, dict[str, Any]],
) -> None:
    postgres = services["postgres"]
    assert "--locale=C" in _environment(postgres)["POSTGRES_INITDB_ARGS"].split()
    assert dict(_volume_mounts(postgres)).get("/var/lib/postgresql/data") == "named"


def test_two_api_replicas_leave_uploads_to_the_worker(services: dict[str, dict[str, Any]]) -> None:
    api, worker = services["api"], services["worker"]
    assert api["deploy"]["replicas"] == 2
    assert _environment(api)["CAIWEN_API_INGESTS"] == "false"
    assert _argv(worker["command"]) == ["caiwen", "worker"]
    assert _environment(worker)["CAIWEN_CHROMA_URL"] == _environment(api)["CAIWEN_CHROMA_URL"]


def test_postgres_healthcheck_passes_on_a_real_server_and_fails_without_one(
    services: dict[str, dict[str, Any]], postgres: Cluster
) -> None:
    test = services["postgres"]["healthcheck"]["test"]
    assert test[:2] == ["CMD", "pg_isready"]
    argv = [str(postgres.bindir / "pg_isready"), *test[2:]]
    at = argv.index("-p") + 1
    assert argv[at] == "5432"
    argv[at] = str(postgres.port)
    assert subprocess.run(argv, capture_output=True, timeout=30).returncode == 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        argv[at] = str(sock.getsockname()[1])
    assert subprocess.run(argv, capture_output=True, timeout=30).returncode != 0


def test_every_named_volume_is_declared(compose: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for source, kind in _volume_sources(service):
            if kind == "named":
                assert source in declared, f"{name} uses undeclared volume {source}"


def test_ports_are_host_container_strings(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for port in service.get("ports", []):
            assert isinstance(port, str), f"{name}: quote port {port!r} (YAML base-60 trap)"
            match = re.fullmatch(r"(\d+)(?:-(\d+))?:(\d+)", port)
            assert match, f"{name}: {port!r} is not HOST[-LAST]:CONTAINER"
            assert all(1 <= int(p) <= 65535 for p in match.groups() if p), port


def test_api_publishes_a_host_port_per_replica(services: dict[str, dict[str, Any]]) -> None:
    replicas = services["api"]["deploy"]["replicas"]
    assert services["api"]["ports"] == [f"{API_PORT}-{API_PORT + replicas - 1}:{API_PORT}"]


def test_api_data_dir_is_a_named_volume(services: dict[str, dict[str, Any]]) -> None:
    api = services["api"]
    data = _environment(api)["CAIWEN_DATA"]
    assert dict(_volume_mounts(api)).get(data) == "named", data


def test_api_reaches_chroma_by_its_service_name(services: dict[str, dict[str, Any]]) -> None:
    url = urlsplit(_environment(services["api"])["CAIWEN_CHROMA_URL"])
    assert url.scheme == "http"
    assert url.hostname == "chroma"
    assert url.hostname in services
    assert url.port == CHROMA_PORT


def test_api_settings_come_from_the_environment(services: dict[str, dict[str, Any]]) -> None:
    """The embedding model defaults to the project's default; optional settings pass through
    from the shell or .env and are empty when unset."""
    env = _environment(services["api"])
    assert env["CAIWEN_EMBED_MODEL"] == f"${{CAIWEN_EMBED_MODEL:-{DEFAULT_EMBED_MODEL}}}"
    for var in OPTIONAL_API_SETTINGS:
        assert env.get(var) == f"${{{var}:-}}", var


def test_api_restarts_unless_stopped(services: dict[str, dict[str, Any]]) -> None:
    assert services["api"]["restart"] == "unless-stopped"


def test_api_serves_on_all_interfaces_at_its_published_port(
    services: dict[str, dict[str, Any]],
) -> None:
    command = _argv(services["api"]["command"])
    assert command == ["caiwen", "serve", "--host", "0.0.0.0", "--port", str(API_PORT)]


@pytest.mark.parametrize("service", ["api", "worker", "ingest"])
def test_service_commands_are_cli_commands(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    program, subcommand, *_ = _argv(services[service]["command"])
    assert program == "caiwen"
    assert subcommand in CLI_COMMANDS, f"{subcommand!r} not in {sorted(CLI_COMMANDS)}"


def test_ingest_is_a_one_shot_tool_reading_the_corpus(
    services: dict[str, dict[str, Any]],
) -> None:
    ingest = services["ingest"]
    assert ingest["profiles"] == ["tools"]
    assert ingest["restart"] == "no"
    assert _argv(ingest["command"]) == ["caiwen", "ingest", "/corpus"]
    assert "./corpus:/corpus:ro" in ingest["volumes"]
    # the api's data: what it ingests is what the api answers from
    assert _environment(ingest)["CAIWEN_DATA"] == _environment(services["api"])["CAIWEN_DATA"]
    assert set(_volumes(ingest)) >= set(_volumes(services["api"]))


@pytest.mark.parametrize("service", sorted(PROBED_PATHS))
def test_healthcheck_passes_on_200_from_the_probed_path(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    with _http_server(PROBED_PATHS[service], status=200) as port:
        assert _run_probe(services[service], port).returncode == 0


@pytest.mark.parametrize("service", sorted(PROBED_PATHS))
def test_healthcheck_fails_on_an_error_status(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    with _http_server(PROBED_PATHS[service], status=503) as port:
        assert _run_probe(services[service], port).returncode != 0


@pytest.mark.parametrize("service", sorted(PROBED_PATHS))
def test_healthcheck_fails_when_nothing_listens(
    services: dict[str, dict[str, Any]], service: str
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert _run_probe(services[service], port).returncode != 0


# Dockerfile


def test_image_is_python_311_slim(dockerfile: list[tuple[str, str]]) -> None:
    froms = [args for op, args in dockerfile if op == "FROM"]
    assert froms == ["python:3.11-slim"]


def test_torch_cpu_is_installed_first_and_before_the_project(
    dockerfile: list[tuple[str, str]],
) -> None:
    installs = _pip_installs(dockerfile)
    assert installs, "the Dockerfile installs nothing with pip"
    first_step, first_args = installs[0]
    assert TORCH_PIN in first_args
    assert first_args[first_args.index("--index-url") + 1] == TORCH_CPU_INDEX
    project_dir = _copy_destination(dockerfile, ".")
    project_steps = [step for step, args in installs if project_dir in args]
    assert project_steps, f"no `pip install {project_dir}` of the copied project"
    assert first_step < project_steps[0]
    assert not any("-e" in args or "--editable" in args for _, args in installs)


def test_torch_pin_agrees_with_the_project_and_the_makefile() -> None:
    version = TORCH_PIN.split("==")[1]
    torch_req = next(d for d in PYPROJECT["project"]["dependencies"] if d.startswith("torch"))
    assert version in SpecifierSet(torch_req.removeprefix("torch"))
    assert TORCH_PIN in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_image_runs_as_a_non_root_user_who_owns_the_data_dir(
    dockerfile: list[tuple[str, str]],
) -> None:
    users = [args.split(":")[0] for op, args in dockerfile if op == "USER"]
    assert users, "no USER: the container would run as root"
    user = users[-1]
    assert user not in {"root", "0"}
    runs = [args for op, args in dockerfile if op == "RUN"]
    assert any(re.search(rf"\b(useradd|adduser)\b.*\b{user}\b", run) for run in runs)
    assert any(re.search(rf"\bchown\b.*\b{user}\b.*/data\b", run) for run in runs)


def test_image_layout_and_entrypoint(dockerfile: list[tuple[str, str]]) -> None:
    """Work dir /app, data in the /data volume, the service on 8000 by default."""
    last = dict(dockerfile)
    env = [word for op, args in dockerfile if op == "ENV" for word in shlex.split(args)]
    assert last["WORKDIR"] == "/app"
    assert "CAIWEN_DATA=/data" in env
    assert last["VOLUME"] in {"/data", '["/data"]'}
    assert str(API_PORT) in last["EXPOSE"].split()
    assert json.loads(last["CMD"]) == [
        "caiwen",
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        str(API_PORT),
    ]


def test_compose_runs_the_image_default_command(
    services: dict[str, dict[str, Any]], dockerfile: list[tuple[str, str]]
) -> None:
    cmd = next(args for op, args in reversed(dockerfile) if op == "CMD")
    assert _argv(services["api"]["command"]) == json.loads(cmd)


# .dockerignore


def test_build_context_keeps_the_sources_and_drops_local_state() -> None:
    patterns = [
        line.strip().lstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert not any(p.startswith("!") for p in patterns), "re-includes are not handled here"

    def ignored(path: str) -> bool:
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(
            fnmatch(prefix, pattern.replace("**/", "*")) or fnmatch(prefix, pattern)
            for pattern in patterns
            for prefix in prefixes
        )

    needed = ["pyproject.toml", *PYPROJECT["tool"]["setuptools"]["package-dir"].values()]
    needed += [f"{folder}/__init__.py" for folder in needed[1:]]
    for path in needed:
        assert not ignored(path), f"{path} is needed by `pip install` but ignored"
    for path in [".venv", "data", ".git", "corpus/2024/budget.pdf", "ingest/__pycache__"]:
        assert ignored(path), f"{path} would be sent to the Docker daemon"


def test_pip_install_of_the_source_installs_every_module(tmp_path: Path) -> None:
    """The image installs the project as `pip install /src` does, not editable: every module of
    the tree must be in what that installs. A package missing from pyproject's list is left
    out silently (caiwen.service.tools and caiwen.service.composers were: the image's
    `caiwen serve` could not import its engine)."""
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    install += ["--no-build-isolation", "--target", str(target), str(ROOT)]
    subprocess.run(install, check=True, capture_output=True)
    for package, folder in PYPROJECT["tool"]["setuptools"]["package-dir"].items():
        installed = target / package.replace(".", "/")
        for module in (ROOT / folder).rglob("*.py"):
            if "__pycache__" not in module.parts:
                relative = module.relative_to(ROOT / folder)
                assert (installed / relative).is_file(), f"{folder}/{relative} is not installed"


# helpers


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    result = []
    for line in logical:
        op, _, args = line.partition(" ")
        result.append((op.upper(), args.strip()))
    return result


def _pip_installs(dockerfile: list[tuple[str, str]]) -> list[tuple[int, list[str]]]:
    """(instruction index, arguments after `install`) of every `pip install` in a RUN."""
    installs = []
    for step, (op, args) in enumerate(dockerfile):
        if op != "RUN":
            continue
        lexer = shlex.shlex(args, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        for i, word in enumerate(words[:-1]):
            if word.endswith("pip") and words[i + 1] == "install":
                rest = words[i + 2 :]
                end = next((j for j, w in enumerate(rest) if set(w) <= set("&|;<>()")), None)
                installs.append((step, rest[:end]))
    return installs


def _copy_destination(dockerfile: list[tuple[str, str]], source: str) -> str:
    for op, args in dockerfile:
        if op == "COPY":
            *sources, dest = shlex.split(args)
            if sources == [source]:
                return dest
    raise AssertionError(f"the Dockerfile does not COPY {source}")


def _argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(w) for w in command]


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def _depends_on(service: dict[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in deps.items()}


def _volume_sources(service: dict[str, Any]) -> list[tuple[str, str]]:
    """(source, "named" | "bind" | "other") of each volume of a service."""
    return [(source, kind) for source, kind, _ in _volumes(service)]


def _volume_mounts(service: dict[str, Any]) -> list[tuple[str, str]]:
    """(target, kind) of each volume of a service."""
    return [(target, kind) for _, kind, target in _volumes(service)]


def _volumes(service: dict[str, Any]) -> list[tuple[str, str, str]]:
    result = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            source, target = volume.get("source", ""), volume["target"]
            kind = {"volume": "named", "bind": "bind"}.get(volume["type"], "other")
        else:
            source, _, rest = volume.partition(":")
            target = rest.partition(":")[0]
            bind = source.startswith((".", "/", "~", "$"))
            kind = "bind" if bind else "named"
        result.append((source, kind, target))
    return result


def _interpolate(text: str) -> str:
    """Compose's interpolation with no variables set: `$$` is a literal `$`, `${VAR:-x}` is x,
    and any other `$VAR` or `${VAR}` is empty."""

    def substitute(match: re.Match[str]) -> str:
        if match[0] == "$$":
            return "$"
        braced = match[1] or ""
        return braced.partition(":-")[2] if ":-" in braced else ""

    return re.sub(r"\$(?:\$|\{([^}]*)\}|[A-Za-z_][A-Za-z0-9_]*)", substitute, text)


@contextmanager
def _http_server(path: str, status: int) -> Iterator[int]:
    """A local HTTP server answering `status` on `path` and 404 elsewhere; yields its port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            send_json(self, status if self.path == path else 404, {"ok": True})

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _run_probe(service: dict[str, Any], port: int) -> subprocess.CompletedProcess[str]:
    """Run a service's healthcheck here, as Compose would in its container, aimed at `port`."""
    test = service["healthcheck"]["test"]
    assert isinstance(test, list), "use the exec form: [CMD, ...]"
    assert test[0] == "CMD"
    argv = [_interpolate(word) for word in test[1:]]
    container = f"127.0.0.1:{API_PORT}", f"127.0.0.1/{CHROMA_PORT}"
    assert any(address in word for word in argv for address in container), argv
    argv = [
        word.replace(container[0], f"127.0.0.1:{port}").replace(container[1], f"127.0.0.1/{port}")
        for word in argv
    ]
    if argv[0] in {"python", "python3"}:
        argv[0] = sys.executable
    elif shutil.which(argv[0]) is None:
        pytest.skip(f"{argv[0]} is not on this machine")
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
