"""lines → identity: which department or unit of which government, which year, budget or final
accounts, the department's own budget or a single unit's.

A disclosure says what it is on its first pages, in many forms: a title on one line or wrapped
over several (“2026 年深圳市交通运输局（本级）部 / 门预算”), year first or name first, a
region-only title with the unit on a label line (“上海市2026年市级单位预算 / 预算单位：…”), no
title at all (“第一部分2026年度部门预算情况说明”, the department named in the narrative), or
only tables whose titles give the year (“2019年政府采购预算表 部门：…”). The patterns are in
vocabulary.yaml (identity); the file name is the last resort.
"""

from dataclasses import dataclass

from caiwen.ingest.errors import IngestError
from caiwen.ingest.text import compact
from caiwen.ingest.vocabulary import Vocabulary, vocabulary

COVER_LABELS = ("预算主管部门", "预算单位")
MIN_YEAR, MAX_YEAR = 1990, 2100
CENTRAL = "中央"


@dataclass(frozen=True)
class Identity:
    department: str
    region: str | None
    year: int
    kind: str
    level: str
    is_template: bool = False


@dataclass(frozen=True)
class _Title:
    name: str
    """The department the title names ("" when it names none, or only a region)."""
    year: int
    kind: str
    level: str | None
    region: str | None
    """The region a region-only title names (上海市2026年市级单位预算)."""


def find_identity(
    cover: list[str], lines: list[str], file_name: str, cells: list[str] | None = None
) -> Identity:
    """Identity from the title on the first pages, the 部门：/预算单位： lines, the narrative and,
    last, the file name.

    ``cover`` holds the lines of the first pages (or the first lines of a text file), ``lines``
    every line and table label of the document, ``cells`` the text of its table cells (where
    the city may be named that a department's name leaves out).
    """
    vocab = vocabulary()
    texts = [compact(t) for t in lines]
    title = _find_title(cover, texts, file_name, vocab)
    if title is None:
        raise IngestError("未能识别年度和预算/决算类型：不像是部门预算或决算公开文件")
    labelled = _labelled_unit(cover, vocab)
    titled = labelled or _department(title, texts, vocab)
    described = _described(titled, texts, vocab)
    department = described or titled
    if not department:
        raise IngestError("未能识别部门或单位名称：不像是部门预算或决算公开文件")
    is_unit = (
        bool(labelled or described)
        or title.level == "单位"
        or bool(vocab.unit_mark.search(department))
    )
    return Identity(
        department=department,
        region=_settled_region(department, [*texts, *(cells or [])], vocab) or title.region,
        year=title.year,
        kind=title.kind,
        level="单位" if is_unit else "部门",
        is_template=bool(vocab.placeholder.search(department)),
    )


def department_key(name: str) -> str:
    """What two writings of one department's name share: 中国共产党江苏省委员会办公厅, 中共江苏省委
    办公厅 and 江苏省委办公厅 are one department (vocabulary: identity.name_forms)."""
    key = vocabulary().party_prefix.sub("", compact(name))
    for pattern, replacement in vocabulary().name_forms:
        key = pattern.sub(replacement, key)
    return key


def _find_title(
    cover: list[str], texts: list[str], file_name: str, vocab: Vocabulary
) -> _Title | None:
    """The first title found: on the cover pages (joined, then line by line), then in any line
    (a heading or a table title: its year and kind only), then in the file name."""
    joined = "".join(compact(t) for t in cover)
    for text in [joined, *(compact(t) for t in cover)]:
        title = _title(text, vocab, named=True)
        if title is not None:
            return title
    for text in [*texts, compact(file_name)]:
        title = _title(text, vocab, named=False)
        if title is not None:
            return title
    return None


def _title(text: str, vocab: Vocabulary, named: bool) -> _Title | None:
    """A title in the text; ``named``: the name it gives is the department's (a cover title,
    not a table title)."""
    text = vocab.heading_marker.sub("", text)
    for pattern in vocab.titles:
        match = pattern.search(text)
        if not match or not MIN_YEAR <= int(match["year"]) <= MAX_YEAR:
            continue
        name = _clean_name(match["name"] if named else "", vocab)
        if name is None:
            continue
        region = _region(name, vocab)
        only_region = bool(name) and region == name
        return _Title(
            name="" if only_region else name,
            year=int(match["year"]),
            kind=match["kind"],
            level=match["level"],
            region=region if only_region else None,
        )
    return None


def _clean_name(name: str, vocab: Vocabulary) -> str | None:
    """The name as a department's, or None when it is not one (a contents line, a sentence)."""
    name = vocab.name_trim.sub("", name.strip("：:，, "))
    if vocab.name_reject.search(name) or len(name) > vocab.name_max_chars:
        return None
    return name


def _labelled_unit(cover: list[str], vocab: Vocabulary) -> str | None:
    """The unit a unit budget's cover names (“预算单位：上海市普陀区社会福利院”)."""
    for text in map(compact, cover):
        if text.startswith("预算单位") and (name := _labelled_name(text, vocab)):
            return name
    return None


def _department(title: _Title, texts: list[str], vocab: Vocabulary) -> str:
    """The title's name, or a labelled one agreeing with it (the fuller of the two:
    株洲市石峰区政务服务中心 for 石峰区政务服务中心, 长春市信访局（本级） for 长春市信访局); a
    预算主管部门/预算单位 line's name when the title names another or none; last, the name the
    narrative introduces."""
    labelled = [name for text in texts if (name := _labelled_name(text, vocab))]
    on_cover = [
        n for text in texts if text.startswith(COVER_LABELS) and (n := _labelled_name(text, vocab))
    ]
    agreeing = [n for n in labelled if title.name and _agree(n, title.name, vocab)]
    if agreeing or (title.name and not on_cover):
        return max([title.name, *agreeing], key=len)
    if on_cover or labelled:
        return (on_cover or labelled)[0]
    introduced = (m["name"] for t in texts if (m := vocab.narrative_name.match(t)))
    return next((name for name in introduced if _region(name, vocab)), "")


def _described(titled: str, texts: list[str], vocab: Vocabulary) -> str | None:
    """The unit the narrative introduces as founded, where it is another than the titled
    department of the same region and named more often than it: a unit's disclosure under its
    parent's title (郑州市土地储备中心's, titled 郑州市国土资源局2015年度部门预算)."""
    founded = next((m["name"] for t in texts if (m := vocab.founded_name.match(t))), None)
    if not founded or not titled or _agree(founded, titled, vocab):
        return None
    if _region(founded, vocab) != _region(titled, vocab):
        return None
    said = sum(founded in t for t in texts)
    return founded if said > sum(titled in t for t in texts) else None


def _agree(a: str, b: str, vocab: Vocabulary) -> bool:
    """One name is the other with a longer prefix (株洲市…) or without its 本级 mark."""
    a, b = vocab.unit_mark.sub("", a), vocab.unit_mark.sub("", b)
    return a.endswith(b) or b.endswith(a)


def _labelled_name(text: str, vocab: Vocabulary) -> str | None:
    for pattern in vocab.department_labels:
        match = pattern.match(text)
        if match and len(match.group(1)) >= 3:
            return match.group(1)
    return None


def _settled_region(department: str, texts: list[str], vocab: Vocabulary) -> str | None:
    """The region of the department's name; a place written without its 市 is the city the
    document names (福州经济技术开发区生态环境局 → 福州市)."""
    region = _region(department, vocab)
    if region and not vocab.bare_place.search(region):
        return region
    name = vocab.party_prefix.sub("", department)
    text = "".join(texts)
    cities = (name[:size] + vocab.city_suffix for size in range(4, 1, -1))
    return next((city for city in cities if city in text), region)


def _region(department: str, vocab: Vocabulary) -> str | None:
    """The government a department belongs to: the administrative prefix of its name, or the
    central government for a national body."""
    if vocab.central.match(department):
        return CENTRAL
    match = vocab.region.match(vocab.party_prefix.sub("", department))
    region = match.group(1) if match else ""
    return region or None
