"""Everything the service says, from prompts/answers.yaml: answer templates, the tools'
messages, the names of values, progress labels, suggestions."""

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def templates() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("answers.yaml").read_text())


def say(key: str, **fields: Any) -> str:
    """A tool's message (``tool_messages``), filled in."""
    return templates()["tool_messages"][key].format(**fields)


def value_name(key: str, **fields: Any) -> str:
    """How a value is named for reading (``value_names``), filled in."""
    return templates()["value_names"][key].format(**fields)
