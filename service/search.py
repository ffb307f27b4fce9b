"""Hybrid retrieval over narrative chunks: jieba/FTS5 words, Chroma vectors and the chunks
that repeat a long stretch of the question word for word (and, for a question about the units
or duties, the chunks of the section that answers it), fused by reciprocal rank. The
question is widened with the catalogue's names for the colloquial words it uses (招待费 →
公务接待费), so the words of the document are found too."""

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from caiwen.domain.catalogue import normalise
from caiwen.service.causes import explains, parts_changed
from caiwen.service.toolbox import Toolbox
from caiwen.service.understand import title_key

RRF_K = 60
CANDIDATES = 50
PHRASE_CHARS = 6
"""A stretch of the question this long, found word for word, is a name worth matching."""
STATING_CHARS = 30
"""A chunk holding the first this many characters of a sentence holds the sentence."""


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    document_id: str
    text: str
    section: str
    page: int | None
    page_end: int | None
    score: float
    position: int = 0
    """Its place among the chunks of the documents searched (the opening of a section first)."""


def expand(box: Toolbox, query: str) -> str:
    """The query plus the written names of the colloquial words in it."""
    key = normalise(query)
    extra = [
        m.id
        for m in box.catalogue.metrics.values()
        if any(normalise(w) in key for w in m.words) and normalise(m.id) not in key
    ]
    return " ".join([query, *extra])


def search_passages(
    box: Toolbox,
    query: str,
    document_ids: list[str],
    k: int,
    section: str | None = None,
    stating: tuple[str, ...] = (),
) -> list[Passage]:
    """The k best passages of these documents for the query, those under a section whose title
    matches `section` ranked up, and those holding a sentence of `stating` (where the narrative
    states the change asked about: the reason follows it)."""
    if not document_ids or not query.strip():
        return []
    committed = box.store.chunk_ids_of(set(document_ids))
    widened = expand(box, query)
    found = box.store.lexical_search(widened, CANDIDATES * 4)
    lexical = [chunk for chunk, _ in found if chunk in committed][:CANDIDATES]
    chunks = [row for d in document_ids for row in box.store.chunks(d)]
    scores = fuse(
        lexical,
        _vector(box, query, committed),
        phrase_ranking(query, ((row["id"], row["text"]) for row in chunks))[:CANDIDATES],
        _titled(section, chunks),
        _stating(stating, chunks),
    )
    best = list(scores)[:k]
    rows = {row["id"]: row for row in box.store.chunks_by_id(best)}
    return [
        Passage(
            c,
            rows[c]["document_id"],
            _list_continued(rows[c]["text"], chunks[_position(chunks, c) + 1 :]),
            rows[c]["section_path"],
            rows[c]["page"],
            rows[c]["page_end"],
            scores[c],
            _position(chunks, c),
        )
        for c in best
        if c in rows
    ]


TITLE_CHARS = 30
"""A line this long at most may be a section's title inside a chunk."""
ORDINAL = re.compile(r"[（(]?[一二三四五六七八九十\d]+[)）、.．]")
"""How a section's title opens (（二）, 二、, 2.)."""

EXPLAINING = 3
"""At most this many passages explaining the parts a found one gives a change by."""


def explaining(box: Toolbox, found: list[Passage], document_ids: list[str]) -> list[Passage]:
    """The passages explaining the parts the found ones give a change by (主要是…政府性基金预算
    拨款减少80,165.27万元: the paragraph on that fund says why): each chunk of these documents
    stating such a part's amount with a cause, not among those found."""
    changes = [c for p in found for s in _sentences(p.text) for c in parts_changed(s)]
    if not changes:
        return []
    have = {p.chunk_id for p in found}
    rows = [
        row
        for d in document_ids
        for row in box.store.chunks(d)
        if row["id"] not in have
        and any(explains(s, c, by_name=True) for s in _sentences(row["text"]) for c in changes)
    ]
    return [
        Passage(r["id"], r["document_id"], r["text"], r["section_path"], r["page"],
                r["page_end"], 0.0)
        for r in rows[:EXPLAINING]
    ]  # fmt: skip


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；;])", text.replace("\n", "")) if s]


ITEM_NUMBER = re.compile(r"^(\d+)[.．、]")
"""A numbered item's line (6.上海市普陀区万里街道综合行政执法队。)."""
ITEM_CHARS = 40
"""How long an item of a list of names is at most (a longer one is a paragraph of its own)."""


def _position(chunks: list[sqlite3.Row], chunk_id: str) -> int:
    return next(i for i, row in enumerate(chunks) if row["id"] == chunk_id)


def _list_continued(text: str, following: list[sqlite3.Row]) -> str:
    """A passage ending in a numbered list left open, with the items the chunks after it go on
    with: names a line each (a page break had cut 万里街道's six units after the fifth), or
    items each ending in ；(深圳科创局: 主要原因说明：1.…；, then 2.…；3.… on the next page); one
    ending in a colon, with the numbered items after it (上海福彩中心: 主要内容如下：, then 1.…)."""
    lines = text.split("\n")
    for row in following:
        item_text = lines[-1] if ITEM_NUMBER.match(lines[-1]) else lines[-1].rpartition("：")[2]
        last = ITEM_NUMBER.match(item_text)
        opened = lines[-1].rstrip().endswith(("：", ":"))  # 主要内容如下：, the list after it
        if not opened and (last is None or not _left_open(item_text)):
            break
        before = 0 if opened or last is None else int(last[1])
        more = row["text"].split("\n")
        going_on: list[str] = []
        for line in more:
            item = ITEM_NUMBER.match(line)
            expected = before + len(going_on) + 1
            if item is None or int(item[1]) != expected:
                break
            going_on.append(line)
            if not _left_open(line):
                break
        if not going_on:
            break
        lines += going_on
        if len(going_on) < len(more):
            break
    return "\n".join(lines)


def _left_open(line: str) -> bool:
    """Whether a numbered line leaves its list open: a name (short) or an item ending in ；."""
    return len(line) <= ITEM_CHARS or line.rstrip().endswith(("；", ";"))


def fuse(*rankings: list[str]) -> dict[str, float]:
    """Reciprocal-rank fusion: every chunk with its fused score, best first."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, chunk in enumerate(ranking, 1):
            scores[chunk] = scores.get(chunk, 0.0) + 1.0 / (RRF_K + rank)
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


def _stating(sentences: tuple[str, ...], chunks: list[sqlite3.Row]) -> list[str]:
    """The chunks holding one of these sentences (its first STATING_CHARS), in their order."""
    heads = {head for s in sentences if (head := normalise(s)[:STATING_CHARS])}
    if not heads:
        return []
    texts = ((row["id"], normalise(row["text"])) for row in chunks)
    return [chunk for chunk, text in texts if any(h in text for h in heads)]


def _titled(section: str | None, chunks: list[sqlite3.Row]) -> list[str]:
    """The chunks under a section whose title (its title_key) matches the pattern, in the
    documents' order; and a chunk filed under the section above it whose own lines begin that
    section (…职责 14.完成…任务 | （二）机构设置情况 | 根据…), with the chunks after it filed
    the same way, which go on with it (北京市交通委员会所属事业单位14个)."""
    if not section:
        return []
    titled: list[str] = []
    begun: str | None = None  # the path of the chunk a matching title began inside
    for row in chunks:
        path = row["section_path"]
        if re.search(section, title_key(path)) or path == begun:
            titled.append(row["id"])
            continue
        begun = path if _begins(section, row["text"]) else None
        if begun is not None:
            titled.append(row["id"])
    return titled[:CANDIDATES]


def _begins(section: str, text: str) -> bool:
    """Whether a line of the text is a title matching the pattern: a short line opening with
    the ordinal of a heading (（二）机构设置情况; not a table's title)."""
    lines = (line for line in text.splitlines() if len(line) <= TITLE_CHARS)
    return any(ORDINAL.match(line) and re.search(section, title_key(line)) for line in lines)


def phrase_ranking(query: str, chunks: Iterable[tuple[str, str]]) -> list[str]:
    """Chunks that repeat a long stretch of the question word for word (a project's name: 社区
    公共服务中心新建工程), longest stretch first."""
    key = normalise(query)
    found = []
    for chunk_id, text in chunks:
        match = SequenceMatcher(None, key, normalise(text), autojunk=False).find_longest_match()
        if match.size >= PHRASE_CHARS:
            found.append((-match.size, chunk_id))
    return [chunk for _, chunk in sorted(found)]


def _vector(box: Toolbox, query: str, committed: set[str]) -> list[str]:
    """Nearest committed chunks by meaning; empty when there is no vector index (lexical still
    works)."""
    if box.index is None:
        return []
    try:
        return [chunk for chunk, _ in box.index.query(query, CANDIDATES, sorted(committed))]
    except Exception:  # the vector index is an optional layer: degrade to words only
        return []
