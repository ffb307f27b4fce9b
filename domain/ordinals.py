"""Ordinal markers (domain/ordinals.yaml): 第一部分, 一、, （一）, 1. — the one description of how
disclosures number their parts, headings, table rows and list items. A pattern elsewhere names
a marker as <name> and is expanded here."""

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _ordinals() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.domain").joinpath("ordinals.yaml").read_text())


def expand(pattern: str) -> str:
    """A pattern with each <name> of a marker replaced by the marker's expression."""
    markers = _ordinals()["markers"]
    return re.sub(
        r"<(\w+)>",
        lambda m: f"(?:{markers[m.group(1)]})" if m.group(1) in markers else m.group(0),
        pattern,
    )


@cache
def label_ordinal() -> re.Pattern[str]:
    """The marker a printed label starts with (一、 （一） 1.)."""
    return re.compile(expand(_ordinals()["label"]))


@cache
def item_mark() -> str:
    """The marker that opens an item of a numbered list in running text (1、 （1） 一、)."""
    return expand(_ordinals()["item"])


def list_style(text: str) -> str | None:
    """The expression of the marker style a list item starts with (“二是…” → any “N是”), so
    that the items after it can be told from a new paragraph; None where it starts with none."""
    styles = (expand(style) for style in _ordinals()["listed"])
    style = next((s for s in styles if re.match(s, text)), None)
    return f"(?:{style})" if style else None


def strip_ordinal(label: str) -> str:
    """“一、一般公共预算财政拨款收入” → “一般公共预算财政拨款收入”."""
    return label_ordinal().sub("", re.sub(r"\s+", "", label))
