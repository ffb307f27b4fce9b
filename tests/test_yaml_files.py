"""The knowledge kept as YAML says each thing once: a key written twice in one mapping would
silently replace the first (planner.yaml's names_asked, written again for another use)."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p for folder in ("prompts", "ingest", "domain", "eval") for p in (ROOT / folder).glob("*.yaml")
)


class _Unique(yaml.SafeLoader):
    """A loader refusing a mapping that holds a key twice."""


def _mapping(loader: _Unique, node: yaml.MappingNode) -> dict:
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    twice = {k for k in keys if keys.count(k) > 1}
    if twice:
        raise yaml.constructor.ConstructorError(
            None, None, f"keys written twice: {twice}", node.start_mark
        )
    return loader.construct_mapping(node, deep=True)


_Unique.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def test_there_are_yaml_files() -> None:
    assert any(p.name == "planner.yaml" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_key_is_written_twice(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=_Unique)
