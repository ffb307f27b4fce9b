"""The tools as LangChain tools for the LLM planner: typed arguments from the signatures,
descriptions from prompts/tools.yaml; the model sees a compact JSON result with numbered
citations, the engine keeps the ToolResult. What one answer needs — its citation numbers and
who listens for tool progress — comes with each call, in the run's config."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, StructuredTool
from langchain_core.tools.base import create_schema_from_function

from caiwen.service.citations import CitationRegistry, ToolListener
from caiwen.service.results import ToolResult
from caiwen.service.tools import Tools
from caiwen.service.tools.registry import TOOLS

ANSWER = "caiwen_answer"
"""The key of the answer being built in a run's ``configurable``."""


@dataclass
class Answering:
    """What the tools of one answer share: its citation numbers, and who hears each tool
    start."""

    registry: CitationRegistry
    listener: ToolListener | None = None

    def config(self) -> RunnableConfig:
        return {"configurable": {ANSWER: self}}


@cache
def descriptions() -> dict[str, str]:
    """What the model is told about each tool (prompts/tools.yaml)."""
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("tools.yaml").read_text())


def as_langchain(tools: Tools) -> list[BaseTool]:
    return [_wrap(name, method) for name, method in tools.all().items()]


def _wrap(name: str, method: Callable[..., ToolResult]) -> BaseTool:
    def run(config: RunnableConfig, **arguments: Any) -> tuple[str, ToolResult]:
        answering: Answering = config["configurable"][ANSWER]
        if answering.listener is not None:
            answering.listener(name)
        result = method(**arguments)
        return _for_model(result, answering.registry), result

    return StructuredTool.from_function(
        func=run,
        name=name,
        description=descriptions()[name],
        args_schema=create_schema_from_function(name, method),
        response_format="content_and_artifact",
    )


def _for_model(result: ToolResult, registry: CitationRegistry) -> str:
    """The result as the model reads it: citations carry the numbers the answer must use."""
    data = result.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    numbers = registry.number_all(result.citations)
    data["citations"] = [
        {"n": n, **c} for n, c in zip(numbers, data.get("citations", []), strict=False)
    ]
    for value in data.get("values", []):
        value["citations"] = [numbers[i] for i in value.get("citations", [])]
    return json.dumps(data, ensure_ascii=False)


def _check() -> None:
    """Every tool is described to the model."""
    missing = set(TOOLS) - set(descriptions())
    if missing:
        raise KeyError(f"tools without a description in prompts/tools.yaml: {missing}")


_check()
