"""What a stored document is derived with: the parser version and every rule file ingest
reads (the vocabulary, the OCR corrections, the triage words, the ordinal markers, the metric
catalogue, the audit's rules). Each stored document records their hash; a document derived
with other rules is derived again on the next ingest, even when its file is unchanged."""

import hashlib
from functools import cache
from importlib import resources

from caiwen.ingest.document import PARSER_VERSION

RULE_FILES = (
    ("caiwen.ingest", "vocabulary.yaml"),
    ("caiwen.ingest", "ocr.yaml"),
    ("caiwen.ingest", "triage.yaml"),
    ("caiwen.domain", "ordinals.yaml"),
    ("caiwen.prompts", "metrics.yaml"),
    ("caiwen.prompts", "subjects.yaml"),
    ("caiwen.prompts", "audit.yaml"),
)
"""(package, file) of every rule file read while parsing a document or auditing it."""


@cache
def rules_hash() -> str:
    """The hash of the parser version and the rule files, as this process reads them."""
    digest = hashlib.sha256(f"parser {PARSER_VERSION}\n".encode())
    for package, name in RULE_FILES:
        digest.update(f"{package}/{name}\n".encode())
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]
