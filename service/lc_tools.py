"""The tools as LangChain tools: typed arguments from the signatures, descriptions from
prompts/tools.yaml; the model sees a compact JSON result with numbered citations, the engine
keeps the ToolResult."""

import functools
import json
from collections.abc import Callable
from functools import cache
from importlib import resources

import yaml
from langchain_core.tools import BaseTool, StructuredTool

from caiwen.service.citations import current_listener, current_registry
from caiwen.service.results import ToolResult
from caiwen.service.tools import Tools


@cache
def descriptions() -> dict[str, str]:
    """What the model is told about each tool (prompts/tools.yaml)."""
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("tools.yaml").read_text())


def as_langchain(tools: Tools) -> list[BaseTool]:
    return [_wrap(name, method, descriptions().get(name)) for name, method in tools.all().items()]


def _wrap(name: str, method: Callable[..., ToolResult], description: str | None) -> BaseTool:
    @functools.wraps(method)
    def run(*args: object, **kwargs: object) -> tuple[str, ToolResult]:
        listener = current_listener.get()
        if listener is not None:
            listener(name)
        result = method(*args, **kwargs)
        return _for_model(result), result

    return StructuredTool.from_function(
        func=run,
        name=name,
        description=description or (method.__doc__ or name).strip(),
        response_format="content_and_artifact",
    )


def _for_model(result: ToolResult) -> str:
    """The result as the model reads it: citations carry the numbers the answer must use."""
    data = result.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    registry = current_registry.get()
    if registry is not None:
        numbers = [registry.number(c) for c in result.citations]
        data["citations"] = [
            {"n": n, **c} for n, c in zip(numbers, data.get("citations", []), strict=False)
        ]
        for value in data.get("values", []):
            value["citations"] = [numbers[i] for i in value.get("citations", [])]
    return json.dumps(data, ensure_ascii=False)
