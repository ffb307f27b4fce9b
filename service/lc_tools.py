"""The tools as LangChain tools: typed arguments from the signatures, the docstrings as
descriptions; the model sees a compact JSON result, the engine keeps the ToolResult."""

import functools
from collections.abc import Callable

from langchain_core.tools import BaseTool, StructuredTool

from caiwen.service.results import ToolResult
from caiwen.service.tools import Tools


def as_langchain(tools: Tools) -> list[BaseTool]:
    return [_wrap(name, method) for name, method in tools.all().items()]


def _wrap(name: str, method: Callable[..., ToolResult]) -> BaseTool:
    @functools.wraps(method)
    def run(*args: object, **kwargs: object) -> tuple[str, ToolResult]:
        result = method(*args, **kwargs)
        return result.model_dump_json(exclude_none=True, exclude_defaults=True), result

    return StructuredTool.from_function(
        func=run,
        name=name,
        description=(method.__doc__ or name).strip(),
        response_format="content_and_artifact",
    )
