"""The audit's checks of what a reviewer reads before the figures: the years the document
writes, template leftovers, the department's name, and the contents against the body."""

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from caiwen.domain.catalogue import normalise
from caiwen.domain.ordinals import strip_ordinal
from caiwen.ingest.finding import Audited, Finding, Side, audit_rules, message
from caiwen.ingest.vocabulary import vocabulary


@dataclass(frozen=True)
class Place:
    """A piece of the document's text: where it is (for the message), its text, its page."""

    where: str
    text: str
    page: int | None
    table: str | None = None

    def side(self, quote: str | None = None) -> Side:
        return Side(
            label=self.where, value="", page=self.page, table=self.table, quote=quote or self.text
        )


def _places(doc: Audited, kinds: tuple[str, ...]) -> Iterator[Place]:
    """The document's text by kind of place, as audit.yaml names them (documents.places)."""
    names = audit_rules()["documents"]["places"]
    if "section" in kinds:
        yield from (Place(names["section"], s["title"], s["page"]) for s in doc.sections)
    if "table" in kinds:
        for t in doc.tables:
            if t["title"]:
                yield Place(names["table"], t["title"], t["page_start"], t["title"])
    if "label" in kinds:
        for t in doc.tables:
            for text in json.loads(t["labels"]):
                yield Place(names["label"].format(table=t["title"] or ""), text, t["page_start"])
    if "paragraph" in kinds:
        for p in doc.paragraphs:
            yield Place(f"说明文字·{p['section_path'] or '正文'}", p["text"], p["page"])
    if "row" in kinds:
        seen: set[tuple[str, str]] = set()
        for cell in doc.cells:
            key = (cell["table_title"] or "", cell["row_label"])
            if cell["row_label"] and key not in seen:
                seen.add(key)
                where = names["row"].format(table=key[0])
                yield Place(where, cell["row_label"], cell["page"], key[0] or None)
    for role in ("cover", "contents", "running"):
        if role in kinds:
            yield from (
                Place(names[role], p["text"], p["page"]) for p in doc.printed if p["role"] == role
            )


# -- years ---------------------------------------------------------------------------------------


def check_years(doc: Audited) -> Iterator[Finding]:
    """Years in titles, running headers, the cover and the contents are the document's (or the
    year before, where the words after the year mean it); 截至 dates and the years a sentence
    compares with are the years its kind allows (audit.yaml: documents.years). The document's
    year is the one its cover prints (a file stored under another year is consistent with
    itself), else the stored one."""
    rules = audit_rules()["documents"]["years"]
    title_year = re.compile(rules["title_year"])
    previous = re.compile(rules["previous_after"])
    own = _cover_year(doc, title_year)
    seen: set[str] = set()
    for place in _places(doc, ("section", "table", "running", "contents", "cover")):
        for match in title_year.finditer(place.text):
            year = int(match["year"])
            after = place.text[match.end() :]
            allowed = {own} | ({own - 1} if previous.match(after) else set())
            if year not in allowed and place.text not in seen:
                seen.add(place.text)
                yield _year_finding(doc, own, place, year, allowed)
    for sentence in rules["sentences"]:
        pattern = re.compile(sentence["pattern"])
        allowed = {own + offset for offset in sentence[doc.kind]}
        for place in _places(doc, ("paragraph",)):
            for match in pattern.finditer(place.text):
                if int(match["year"]) not in allowed:
                    quote = _sentence_of(place.text, match.start())
                    if _about_another_time(quote, match.group(0), allowed | {own}, title_year):
                        continue
                    yield _year_finding(doc, own, place, int(match["year"]), allowed, quote)


def _about_another_time(
    sentence: str, date: str, allowed: set[int], title_year: re.Pattern[str]
) -> bool:
    """A sentence naming, besides its date, a year the document does not allow is about that
    time, not the document's (a policy quoted in a 绩效目标表: “依据2009年《…》中规定，…截止2008年
    12月31日未报销的…，自2009年1月开始…”)."""
    rest = sentence.replace(date, "", 1)
    return any(int(m["year"]) not in allowed for m in title_year.finditer(rest))


def _cover_year(doc: Audited, title_year: re.Pattern[str]) -> int:
    cover = " ".join(p["text"] for p in doc.printed if p["role"] == "cover")
    match = title_year.search(cover)
    return int(match["year"]) if match else doc.year


def _year_finding(
    doc: Audited, own: int, place: Place, year: int, allowed: set[int], quote: str | None = None
) -> Finding:
    expected = "或".join(f"{y}年" for y in sorted(allowed, reverse=True))
    return Finding(
        "year",
        "",
        message(
            "year",
            where=place.where,
            text=quote or place.text,
            written=year,
            year=own,
            kind=doc.kind,
            expected=expected,
        ),
        [place.side(quote), _identity_side(doc)],
    )


def _identity_side(doc: Audited) -> Side:
    """The document's own year and name, as its cover (or first title) prints them."""
    cover = [p for p in doc.printed if p["role"] == "cover"]
    if cover:
        return Side(
            label="封面", value="", page=cover[0]["page"], quote=" ".join(p["text"] for p in cover)
        )
    first = doc.sections[0] if doc.sections else None
    quote = f"{doc.department}{doc.year}年{doc.kind}"
    return Side(label="文件标题", value="", page=first["page"] if first else None, quote=quote)


def _sentence_of(text: str, position: int) -> str:
    start = max((m.end() for m in re.finditer("[。；;]", text[:position])), default=0)
    end = re.search("[。；;]", text[position:])
    return text[start : position + end.end() if end else len(text)].strip()


# -- template leftovers ----------------------------------------------------------------------------


def check_placeholders(doc: Audited) -> Iterator[Finding]:
    """Placeholders (XX, ××, 某某, （单位名称）), 填报说明 and unfilled template text printed in
    the published document; one finding per leftover, naming where it first occurs."""
    rules = audit_rules()["documents"]
    pattern = re.compile(rules["placeholder"])
    found: dict[str, list[Place]] = defaultdict(list)
    for place in _places(doc, tuple(rules["placeholder_places"])):
        for match in pattern.finditer(place.text):
            found[match.group(0)].append(place)
    for leftover, places in found.items():
        first = places[0]
        more = rules["more_places"].format(count=len(places) - 1) if len(places) > 1 else ""
        quote = _sentence_of(first.text, first.text.find(leftover))
        yield Finding(
            "placeholder",
            "",
            message("placeholder", where=first.where, text=leftover, quote=quote, more=more),
            [first.side(quote), _identity_side(doc)],
        )


# -- the department's name -------------------------------------------------------------------------


def check_department_names(doc: Audited) -> Iterator[Finding]:
    """The department (unit) a table's 编制单位/部门 line or a running header names is the one
    the cover names (in full or short, with or without 本级; the cover's words, not a name
    the store took from the file name)."""
    rules = audit_rules()["documents"]["names"]
    labels = [re.compile(p) for p in rules["labels"]]
    strip = re.compile(rules["strip"])
    own = strip.sub("", _short(doc.department))
    cover = _short(" ".join(p["text"] for p in doc.printed if p["role"] == "cover"))
    found: dict[str, list[Place]] = defaultdict(list)
    for place in _places(doc, ("label", "running")):
        for pattern in labels:
            match = pattern.search(normalise(place.text))
            name = strip.sub("", _short(match["name"])) if match else ""
            if name and name not in cover and not _same_name(name, own, doc):
                found[match["name"]].append(place)
    for name, places in found.items():
        yield Finding(
            "department.name",
            "",
            message(
                "department.name",
                where=places[0].where,
                written=name,
                cover=doc.department,
                count=len(places),
            ),
            [places[0].side(), _identity_side(doc)],
        )


def _short(name: str) -> str:
    """A name with its full words in their short forms (中国共产党 → 中共, 委员会 → 委)."""
    name = normalise(name)
    for full, short in audit_rules()["documents"]["names"]["short_forms"].items():
        name = name.replace(full, short)
    return name


PARTY = "中共"
"""The party's short form (_short), which a committee's office is written with or without."""


def _same_name(name: str, own: str, doc: Audited) -> bool:
    """The same department, written in full or without its region (上海市普陀区财政局 / 普陀区
    财政局 / 财政局) or its party (中共江苏省委办 of 江苏省委办公厅), or its beginning where a
    narrow cell wraps the rest onto another line."""
    name, own = name.removeprefix(PARTY), own.removeprefix(PARTY)
    if name == own or own.endswith(name) or name.endswith(own) or own.startswith(name):
        return True  # in full, short, or cut where the table's cell wraps it
    region = vocabulary().region.match(own)
    short = own[region.end(1) :] if region else own
    return bool(short) and name.endswith(short)


# -- contents against body -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    text: str
    name: str
    printed_page: int | None
    page: int | None


def _entries(doc: Audited) -> list[Entry]:
    """The contents' entries, each with the page it prints (an entry wrapped onto a second
    line, with no ordinal of its own, is joined to the line before)."""
    line = re.compile(audit_rules()["documents"]["contents"]["entry"])
    entries: list[Entry] = []
    for text, page in _contents_lines(doc):
        match = line.match(text)
        if match and match["name"]:
            number = int(match["page"]) if match["page"] else None
            entries.append(Entry(text, match["name"], number, page))
    return entries


def _contents_lines(doc: Audited) -> list[tuple[str, int | None]]:
    toc = vocabulary().toc
    part = re.compile(audit_rules()["documents"]["contents"]["part"])
    lines: list[tuple[str, int | None]] = []
    for p in doc.printed:
        if p["role"] != "contents" or toc.match(p["text"]):
            continue
        text = re.sub(r"\s+", "", p["text"])
        wrapped = strip_ordinal(text) == text and not part.match(text)
        if lines and wrapped and not re.search(r"\d$", lines[-1][0]):
            lines[-1] = (lines[-1][0] + text, lines[-1][1])
        else:
            lines.append((text, p["page"]))
    return lines


def _key(title: str, doc: Audited) -> str:
    """A title as the contents and the body may both print it: no ordinal, year, department,
    code or spaces."""
    rules = audit_rules()["documents"]["contents"]
    key = normalise(strip_ordinal(title))
    key = key.replace(normalise(doc.department), "")
    return re.sub(rules["key_noise"], "", key)


def _names_table(name: str) -> bool:
    """An entry that names a table: it ends in 表, before a qualifier (（功能科目）)."""
    return re.sub(r"[（(][^（(）)]*[）)]$", "", name).endswith("表")


def check_contents_tables(doc: Audited) -> Iterator[Finding]:
    """Every table the contents lists is in the body (a standard table missing is reported by
    the completeness check), and every standard table in the body is listed (when the contents
    lists tables at all)."""
    rules = audit_rules()["documents"]["contents"]
    generic = re.compile(rules["not_a_table"])
    entries = _entries(doc)
    listed = [e for e in entries if _names_table(e.name) and not generic.search(_key(e.name, doc))]
    titled = [t for t in doc.tables if t["title"]]
    if len(listed) < rules["min_tables"] or not titled:
        return
    cat = doc.catalogue
    printed = [_key(line, doc) for t in doc.tables for line in json.loads(t["labels"])]
    table_keys = {_key(t["title"], doc) for t in titled}
    table_families = {f.id for t in titled if (f := cat.family(t["title"]))}
    standard = {n for e in audit_rules()["expected"].get(doc.kind, []) for n in e.split("|")}
    # with as many tables as the contents list, a listed one not found by its name is one
    # whose title was not read (printed after its code, 公开05表, or inside the grid)
    for entry in listed if len(doc.tables) < len(listed) else []:
        family = cat.family(entry.name)
        if family is not None and family.id in standard:
            continue  # a standard table missing is the completeness check's, reported once
        key = _key(entry.name, doc)
        if (
            key not in table_keys
            and not any(line.startswith(key) for line in printed)
            and (family is None or family.id not in table_families)
        ):
            yield Finding(
                "contents.tables",
                "",
                message("contents.tables", detail=rules["missing"].format(entry=entry.name)),
                [Side(label="目录", value="", page=entry.page, quote=entry.text)],
            )
    # the tables listed, and the last line of the contents, which may be one cut short where
    # the contents end (…培训费支)
    naming = [*listed, *entries[-1:]]
    entry_keys = {_key(e.name, doc) for e in naming}
    entry_families = {f.id for e in naming if (f := cat.family(e.name))}
    reported: set[str] = set()
    for table in titled:
        family = cat.family(table["title"])
        key = _key(table["title"], doc)
        if family is None or key in entry_keys or family.id in entry_families or key in reported:
            continue
        reported.add(key)
        yield Finding(
            "contents.tables",
            "",
            message(
                "contents.tables",
                detail=rules["unlisted"].format(table=table["title"], page=table["page_start"]),
            ),
            [
                Side(
                    label=f"{table['title']}",
                    value="",
                    page=table["page_start"],
                    table=table["title"],
                    quote=table["title"],
                ),
                Side(
                    label="目录",
                    value="",
                    page=listed[0].page,
                    quote="；".join(e.name for e in listed),
                ),
            ],
        )


def check_contents_pages(doc: Audited) -> Iterator[Finding]:
    """The page the contents prints for an entry is the page it begins on (by the printed page
    numbers, or, where pages print none, by the offset most entries agree on)."""
    entries = [e for e in _entries(doc) if e.printed_page is not None]
    targets = _targets(doc, entries)
    if len(targets) < audit_rules()["documents"]["contents"]["min_pages"]:
        return
    numbers = _printed_numbers(doc)
    offsets = [page - e.printed_page for e, (page, _) in targets.items() if e.printed_page]
    usual = max(set(offsets), key=offsets.count)
    for entry, (page, side) in targets.items():
        assert entry.printed_page is not None
        actual = numbers.get(page, page - usual) if numbers else page - usual
        if actual != entry.printed_page:
            yield Finding(
                "contents.pages",
                "",
                message(
                    "contents.pages", entry=entry.name, printed=entry.printed_page, actual=actual
                ),
                [Side(label="目录", value="", page=entry.page, quote=entry.text), side],
            )


def _targets(doc: Audited, entries: list[Entry]) -> dict[Entry, tuple[int, Side]]:
    """Where each entry begins in the body: the table or the section of that title."""
    found: dict[Entry, tuple[int, Side]] = {}
    for entry in entries:
        key = _key(entry.name, doc)
        table = next((t for t in doc.tables if t["title"] and _key(t["title"], doc) == key), None)
        section = next((s for s in doc.sections if _key(s["title"], doc) == key), None)
        if table is not None and table["page_start"]:
            side = Side(
                label=table["title"],
                value="",
                page=table["page_start"],
                table=table["title"],
                quote=table["title"],
            )
            found[entry] = (table["page_start"], side)
        elif section is not None and section["page"]:
            found[entry] = (
                section["page"],
                Side(label="章节标题", value="", page=section["page"], quote=section["title"]),
            )
    return found


def _printed_numbers(doc: Audited) -> dict[int, int]:
    """PDF page → the number printed on it."""
    digits = re.compile(r"\d+")
    numbers: dict[int, int] = {}
    for p in doc.printed:
        if p["role"] == "page_number" and p["page"] and (m := digits.search(p["text"])):
            numbers.setdefault(p["page"], int(m.group(0)))
    return numbers
