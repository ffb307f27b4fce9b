"""Text → words for the lexical index: jieba with the fiscal lexicon, punctuation dropped."""

import logging
import re
import unicodedata
from functools import cache
from importlib import resources

import jieba
import yaml

_WORD = re.compile(r"[\w\u4e00-\u9fff“”]")


@cache
def _lexicon() -> dict[str, list[str]]:
    path = resources.files("caiwen.ingest").joinpath("vocabulary.yaml")
    return yaml.safe_load(path.read_text())["lexicon"]


def lexicon_words() -> list[str]:
    """The fiscal words the vocabulary keeps whole."""
    return list(_lexicon()["words"])


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in _lexicon()["words"]:
        tokenizer.add_word(word, freq=200000)
    return tokenizer


def terms(text: str) -> list[str]:
    """The search words of a text: jieba's search-mode cut, without punctuation or stopwords."""
    stop = set(_lexicon()["stopwords"])
    words = (w.strip().strip("“”") for w in _tokenizer().cut_for_search(text))
    return [w for w in words if w and _WORD.search(w) and w not in stop]


def word_spans(text: str) -> dict[int, int]:
    """Where jieba's exact cut starts each word in a text, and where the word ends."""
    spans, at = {}, 0
    for word in _tokenizer().cut(text):
        spans[at] = at + len(word)
        at += len(word)
    return spans


def is_word(text: str) -> bool:
    """Whether a text is a word of jieba's dictionary or of the vocabulary (管理中心; not 住键委,
    a slip of 住建委)."""
    tokenizer = _tokenizer()
    tokenizer.check_initialized()
    return bool(tokenizer.FREQ.get(text))


@cache
def _tagger() -> "jieba.posseg.POSTokenizer":
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


PROPER_NOUNS = frozenset({"nr", "ns", "nt", "nz"})
"""jieba's tags of the names of people, places, organisations and other proper nouns."""


def names_something(text: str) -> bool:
    """Whether a text opens with a proper noun (比亚迪, 长安汽车: a firm's name), not a common
    word (员工, 老百姓)."""
    first = next(iter(_tagger().cut(text)), None)
    return first is not None and first.flag in PROPER_NOUNS


def words(text: str) -> list[str]:
    """The words of a text in order, each once: jieba's exact cut, without punctuation or
    stopwords (预报大模型 → 预报, 大模型)."""
    stop = set(_lexicon()["stopwords"])
    cut = (w.strip() for w in _tokenizer().cut(text))
    return [w for w in cut if w and _WORD.search(w) and w not in stop]


def fts_tokens(text: str) -> list[str]:
    """The tokens SQLite's FTS5 ``unicode61`` tokenizer cuts from a text: runs of letters,
    digits and private-use characters, case folded (the lexical index's words, so that
    PostgreSQL counts exactly what FTS5 counts)."""
    tokens, current = [], []
    for char in text:
        if unicodedata.category(char)[0] in "LN" or unicodedata.category(char) == "Co":
            current.append(char.lower())
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens
