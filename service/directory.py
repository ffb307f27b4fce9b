"""Which organisations and governments a question names, however it names them: the full name,
a name without or with a shortened region (深圳交通局), an everyday abbreviation (人社局, 发改委,
区府办), the end of the name (福利院), or a one-character slip (社会福利苑). Every match is scored
(prompts/names.yaml); a mention means its best-scored organisations, narrowed by a government
the question also names."""

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from caiwen.domain.catalogue import normalise
from caiwen.ingest.lexical import is_word
from caiwen.service.departments import match_departments
from caiwen.service.gazetteer import governments_in
from caiwen.service.homophones import Homophones, sound
from caiwen.service.names import (
    Names,
    Organisation,
    is_abbreviation,
    level_char,
    names_of,
    region_forms,
    rules,
    spoken_units,
    unit_of,
)
from caiwen.service.phrases import in_order

UNSAID_CHARS = 4
"""An abbreviation said without its unit word (无锡人社) is at most this long."""
RESOLVED = 4096
"""Names resolved on their own that a directory remembers (a scope's department is resolved
several times for each question, and again for every question asked from the same page)."""
DIGIT = re.compile(r"[0-9０-９]")
"""No name is written with a digit slipped in for a character."""
EXTENDED_BY = 2
"""How much longer a name with a slip must be than the name it holds to take its place."""
LONGEST_SPAN = 16
"""The longest department name a question spells out, in characters (after its region)."""


@dataclass(frozen=True)
class Mention:
    """A stretch of the question naming one organisation, or several it cannot tell apart."""

    start: int
    end: int
    text: str
    organisations: tuple[Organisation, ...]
    how: str
    score: float

    @property
    def resolved(self) -> Organisation | None:
        return self.organisations[0] if len(self.organisations) == 1 else None


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    region: str


class Directory:
    """The organisations of the stored documents and every name they go by."""

    def __init__(self, organisations: Iterable[Organisation], units: Iterable[Organisation] = ()):
        stored, units = list(organisations), list(units)
        self.names = {org: names_of(org) for org in dict.fromkeys([*stored, *units])}
        self._units = frozenset(units) - set(stored)
        """Organisations known only as rows of others' tables, with no document of their own."""
        self._exact: dict[str, list[Organisation]] = {}
        self._masked: dict[str, list[tuple[str, Organisation]]] = {}
        self._stems: dict[tuple[str, str], dict[Stem, list[Organisation]]] = {}
        """(a unit word as said, the first character said) → the stems it may abbreviate, each
        with the organisations whose stem it is (the same department of many governments)."""
        self._own_stems: dict[tuple[str, str], dict[Stem, list[Organisation]]] = {}
        """... and the same of the stems of bodies' own words (Names.own_stems)."""
        self._tails: dict[str, list[Organisation]] = {}
        self._regions: dict[str, str] = {}
        self._governments: set[str] = set()
        """The governments the stored regions are made of (上海市 and 普陀区 of 上海市普陀区)."""
        self._full: set[tuple[str, Organisation]] = set()
        """(a name, the organisation it is the full name of, with any form of its region)."""
        for org, names in self.names.items():
            self._index(org, names)
        for above in self._governments - set(self._regions.values()):
            for form in region_forms(above):  # 株洲 of 株洲市石峰区: its organisations are inside
                self._regions.setdefault(form, above)
        self._region_order = sorted(self._regions, key=len, reverse=True)
        self._region_lengths = sorted({len(r) for r in self._regions if len(r) >= 2}, reverse=True)
        self._lengths = sorted({len(n) for n in self._exact}, reverse=True)
        self._typo_lengths = sorted({len(k) for k in self._masked}, reverse=True)
        self._spoken = sorted({s for forms in rules()["unit_words"].values() for s in forms})
        self._resolved = functools.lru_cache(maxsize=RESOLVED)(self._resolve)
        self._found = functools.lru_cache(maxsize=RESOLVED)(self._find)
        self._wholes = functools.lru_cache(maxsize=RESOLVED)(self._whole)
        self._homophones = Homophones(
            [
                *self._exact,
                *(s.stem for stems in self._stems.values() for s in stems),
                *self._regions,
            ],
            rules()["blurred_sounds"],
        )

    def _index(self, org: Organisation, names: Names) -> None:
        for name in names.exact:
            self._exact.setdefault(name, []).append(org)
            if len(name) >= rules()["typo_min_chars"]:
                for key in _masks(name):
                    self._masked.setdefault(key, []).append((name, org))
        for tail in names.tails:
            self._tails.setdefault(tail, []).append(org)
        level = level_char(org.region)
        for index, pairs in ((self._stems, names.stems), (self._own_stems, names.own_stems)):
            for stem, unit in pairs:
                for spoken in spoken_units(unit):
                    for first in {stem[0], level} - {None}:
                        stems = index.setdefault((spoken, first), {})
                        stems.setdefault(Stem(stem, unit, level), []).append(org)

        for form in region_forms(org.region):
            self._regions.setdefault(form, org.region or "")
        self._full |= {(name, org) for name in (org.name, *_region_names(org))}
        self._governments |= {full for _, _, full in governments_in(org.region or "")}

    # -- governments -----------------------------------------------------------------------------

    def unknown_regions(self, text: str) -> list[RegionMention]:
        """Governments a text names that no stored document belongs to (广州, 西安市)."""
        return [
            RegionMention(start, end, full)
            for start, end, full in governments_in(text)
            if text[start:end] not in self._regions
            and full not in self._regions
            and full not in self._governments
            and not _in_place_name(text, start, end)
        ]

    def regions(self, text: str) -> list[RegionMention]:
        """The governments a text names (普陀, 深圳市, 江苏), longest first at each place; not
        the short name inside a place's (深圳湾)."""
        found: list[RegionMention] = []
        for form in self._region_order:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                at_place = _in_place_name(text, start, end)
                if not at_place and not any(r.start < end and start < r.end for r in found):
                    found.append(RegionMention(start, end, self._regions[form]))
                start = text.find(form, end)
        return sorted(found, key=lambda r: r.start)

    # -- organisations ---------------------------------------------------------------------------

    def find(self, text: str) -> list[Mention]:
        """The organisations a text names, in reading order, without overlaps (kept until
        `forget`: a plan reads the same clauses again and again)."""
        return list(self._found(normalise(text)))

    def forget(self) -> None:
        """Drop the texts found so far (the names' own readings, `whole`, stay)."""
        self._found.cache_clear()

    def _find(self, text: str) -> tuple[Mention, ...]:
        chosen = _without_overlaps([*self._exact_spans(text), *self._spoken_spans(text)])
        # (names said with a slip up to their unit word, 重庆规划自然资原局, before a region and a
        # name's first words alone, 重庆规划; other slips after, which may run into the next word:
        # 杭州公安今年 is no slip of 杭州公安局)
        typos = list(self._typos(text))
        ends = self._unit_word_ends(text)
        whole = [t for t in typos if t.end in ends]
        chosen = _without_overlaps([*whole, *self._sound_slips(text, chosen)], chosen)
        chosen = _without_overlaps(self._bare_stems(text), chosen)
        chosen = _without_overlaps(typos, _extended(typos, chosen))
        chosen = [self._also_ending(_with_unit_word(m, text)) for m in chosen]
        chosen = _without_overlaps([_head_said(m, text) for m in chosen])
        regions, unknown = self.regions(text), self.unknown_regions(text)
        shared = [c for m in chosen for c in _coordinated(m, regions, text)]
        starts = {m.start for m in chosen}
        said = self._region_characters(text, [*regions, *unknown])
        characters = [r for r in said if r.end in starts]
        characters += self._region_slips(text, chosen, [*regions, *unknown, *characters])
        regions = sorted([*regions, *characters], key=lambda r: r.start)
        chosen = [
            _of_unknown_region(m, unknown) or _narrowed(m, regions, text, self._same_stem)
            for m in chosen
        ]
        chosen = [_with_region_character(m, characters) for m in chosen]
        if not (regions or unknown):
            chosen = [self._of_every_region(m) for m in chosen]
        return tuple(sorted([*chosen, *shared], key=lambda m: m.start))

    def _region_characters(self, text: str, taken: list[RegionMention]) -> list[RegionMention]:
        """Stored governments said by their one character at the start of a word (苏 of 江苏省:
        苏高院), where no government's name (``taken``) is: an organisation's name may follow."""
        return [
            RegionMention(at, at + 1, self._regions[short])
            for at, char in enumerate(text)
            if (short := rules()["region_characters"].get(char)) in self._regions
            and (at == 0 or not re.match(rules()["inside_word"], text[at - 1]))
            and not any(r.start <= at < r.end for r in taken)
        ]

    def _region_slips(
        self, text: str, chosen: list[Mention], taken: list[RegionMention]
    ) -> list[RegionMention]:
        """Stored governments written with one character of another's sound right before an
        organisation's name (杭洲交通运输局, 福洲医保局), where no government is written: an
        organisation's name may follow."""
        slipped = []
        for mention in chosen:
            if any(r.end == mention.start for r in taken):
                continue
            for start in (mention.start - n for n in self._region_lengths if n <= mention.start):
                region = self._region_slip(text[start : mention.start])
                if region and not (start and re.match(rules()["inside_word"], text[start - 1])):
                    slipped.append(RegionMention(start, mention.start, region))
                    break
        return slipped

    def _region_slip(self, said: str) -> str | None:
        """The stored government a stretch names with one character of another's sound, or of
        a sound many speakers do not tell apart from it (深证 of 深圳)."""
        for at, char in enumerate(said):
            for alike in self._homophones.alike(char, blurred=True):
                if (form := said[:at] + alike + said[at + 1 :]) in self._regions:
                    return self._regions[form]
        return None

    def spelt_close(self, name: str, names: Iterable[Organisation]) -> list[str]:
        """Of these organisations, those a name is a close spelling of, of the government it is
        said with, if any (北京交通运输职业学院 is no 上海交通职业技术学院)."""
        said = {r.region for r in self.regions(normalise(name)) if r.start == 0}
        chosen = [o.name for o in names if not said or o.region in said]
        return match_departments(name, list(dict.fromkeys(chosen)))

    def resolve(self, name: str, region: str | None = None) -> list[Organisation]:
        """The organisations a name given on its own means (a tool argument, a widget's scope):
        the best mention covering most of it, narrowed to a region when one is given."""
        return list(self._resolved(name, region))

    def _resolve(self, name: str, region: str | None) -> tuple[Organisation, ...]:
        key = normalise(name)
        mentions = [m for m in self.find(key) if (m.end - m.start) * 2 >= len(key)]
        best = max(mentions, key=lambda m: (m.end - m.start, m.score), default=None)
        rest = key[best.end :] if best else ""
        if best and (unit_of(rest) or rest in rules()["unit_words"]) and runs_on(best, rest):
            best = None  # 深圳市城市|更新局, 重庆市规划|院: another body's name
        found = list(best.organisations) if best else []
        if region:
            found = [o for o in found if o.region == region] or found
        return tuple(found)

    def whole(self, name: str) -> set[Organisation]:
        """The organisations a name means all of it, its government and its unit word aside:
        上海市信访局 is 上海市信访办公室 and 无锡市发展和改革局 is 无锡市发展和改革委员会;
        上海市交通运输局 is not 上海交通职业技术学院, whose name holds 上海交通."""
        return set(self._wholes(normalise(name)))

    def _whole(self, key: str) -> frozenset[Organisation]:
        start = max([0, *(r.end for r in self.regions(key) if r.start == 0)])
        end = len(key) - len(unit_of(key) or "")
        covering = [m for m in self.find(key) if m.start <= start and m.end >= end]
        return frozenset(org for m in covering for org in m.organisations)

    def namesakes(self, name: str, region: str) -> tuple[str, list[Organisation]]:
        """A stored organisation's name said of another government (福州市商务局 of 无锡市商务局
        and 福州市: what “福州的呢？” asks about), and the organisations it names there."""
        names = next((n for org, n in self.names.items() if org.name == name), None)
        if names is None or not names.core:
            return "", []
        said = region + names.core
        return said, [o for o in self.resolve(said, region) if o.region == region]

    def _exact_spans(self, text: str) -> Iterable[Mention]:
        scores = rules()["scores"]
        for length in self._lengths:
            for start in range(len(text) - length + 1):
                said = text[start : start + length]
                orgs = self._exact.get(said)
                if orgs:
                    how = "name" if any((said, o) in self._full for o in orgs) else "alias"
                    yield Mention(start, start + length, said, tuple(orgs), how, scores[how])

    def _spoken_spans(self, text: str, own: bool = True) -> Iterable[Mention]:
        """Abbreviations and tails: stretches ending with a unit word as people say it (with
        ``own``, of bodies' own words too)."""
        scores = rules()["scores"]
        regions = self.regions(text)
        said = [*regions, *self._region_characters(text, [*regions, *self.unknown_regions(text)])]
        after = {r.end: r.region for r in said}
        kind_said = re.compile(rules()["unit_word_as_kind"])
        for spoken in self._spoken:
            for end in _ends(spoken, text):
                if kind_said.match(text, end - len(spoken)):
                    continue  # 人社局部门预算: the kind of document, no unit word
                for start in range(max(0, end - LONGEST_SPAN), end - len(spoken)):
                    said = text[start:end]
                    under = not own or _after_department(text, start)
                    ending = said in self._tails and not _inside_word(text, start, after)
                    tails = self._tails[said] if ending else []
                    if orgs := self._abbreviations(said, spoken, after.get(start), under):
                        # (自然资源局: 烟台's 自然资源和规划局 abbreviated, 重庆's 规划和自然资源局
                        # by the end of its name)
                        how = "abbreviation"
                        yield Mention(start, end, said, _unique((*orgs, *tails)), how, scores[how])
                    elif tails:
                        yield Mention(start, end, said, _unique(tails), "tail", scores["tail"])

    def _also_ending(self, mention: Mention) -> Mention:
        """A name that only units printed in others' tables go by also means the organisations
        with documents whose names end in it (考试院: 深圳市考试院, a row of 深圳's 人社局, and
        上海市职业能力考试院, a file of its own)."""
        orgs = mention.organisations
        if not orgs or not set(orgs) <= self._units:
            return mention
        ending = [o for o in self._tails.get(mention.text, []) if o not in self._units]
        return replace(mention, organisations=_unique((*orgs, *ending))) if ending else mention

    def _abbreviations(
        self, said: str, spoken: str, region: str | None, under: bool
    ) -> list[Organisation]:
        """The organisations ``said`` abbreviates, ending in the unit word ``spoken``: by their
        stems, else by their bodies' own words (交管局; 那下面南山管理局), unless said right after
        a department's name (福田分局 of 医保局福田分局: an office under that department, not a
        body under another's)."""
        for index in (self._stems, self._own_stems) if not under else (self._stems,):
            if orgs := _closest(_abbreviated(said, index.get((spoken, said[0]), {}), region)):
                return orgs
        return []

    def _same_stem(self, mention: Mention, region: str) -> tuple[Organisation, ...]:
        """The one organisation of a government with the stem of the mention's organisations
        (烟台市信访局 for 信访办: the office of that function, whatever its unit word there), or
        else the one whose stem the characters said before the unit word abbreviate (深圳交通委:
        深圳市交通运输局; 北京交通局: 北京市交通委员会)."""
        stems = {stem for o in mention.organisations for stem, _ in self.names[o].stems}
        found = tuple(
            o
            for o, names in self.names.items()
            if o.region == region and any(stem in stems for stem, _ in names.stems)
        )
        if len(found) == 1:
            return found
        spoken = max((s for s in self._spoken if mention.text.endswith(s)), key=len, default="")
        said = mention.text[: len(mention.text) - len(spoken)] if spoken else ""
        abbreviated = set(_closest(self._abbreviating(said, region))) if said else set()
        return tuple(abbreviated) if len(abbreviated) == 1 else ()

    def _abbreviating(self, said: str, region: str) -> list[tuple[str, Organisation]]:
        """(stem, organisation) of a government's departments whose stems the characters said
        right after it abbreviate, whatever unit word of a department is said after them (not
        a body under one: 上海住建委 is no 住房和城乡建设管理委员会人才开发评价中心)."""
        parents = tuple(rules()["parent_units"])
        return [
            (stem, o)
            for o, names in self.names.items()
            if o.region == region
            for stem, unit in names.stems
            if unit in parents
            and not any(p in stem for p in parents)
            and is_abbreviation(said + unit, stem, unit, level_char(region), after_region=True)
        ]

    def _of_every_region(self, mention: Mention) -> Mention:
        """A department named with no government is that office of every government holding
        one, whatever its unit word there (规划和自然资源局: 重庆市规划和自然资源局 and 北京市规划
        和自然资源委员会; 经信局: 北京市经济和信息化局 and 重庆市经济和信息化委员会), unless it
        is said with a unit word kept (住建委: 北京市住房和城乡建设委员会, no city's 住建局)."""
        orgs = mention.organisations
        if mention.how == "name":  # 国家信访局: its full name, its government in it
            return mention
        stems = {stem for o in orgs for stem, _ in self.names[o].stems}
        said, levels = {o.region for o in orgs}, {level_char(o.region) for o in orgs}
        more = tuple(
            o
            for o, names in self.names.items()
            if o.region not in said
            and level_char(o.region) in levels  # 区府办: the office of a district's government
            and any(stem in stems for stem, _ in names.stems)
        )
        unit = next((u for u in rules()["kept_unit_words"] if mention.text.endswith(u)), None)
        if unit:  # 商务委: the 商务委员会 of any government, not another's 商务局
            more = tuple(
                o for o in more if o.name.endswith(tuple(rules()["kept_unit_words"][unit]))
            )
        if not (orgs and more):
            return mention
        return replace(mention, organisations=_unique((*orgs, *more)))

    def _bare_stems(self, text: str) -> Iterable[Mention]:
        """A department said by its government and the start of its stem, no unit word after
        (深圳公安出国要花多少钱, 北京统计): the one organisation of that government whose stem
        it begins, the longest begun (a stem said whole first)."""
        least, score = rules()["abbreviation_min_chars"], rules()["scores"]["abbreviation"]
        for region in self.regions(text):
            after = text[region.end : region.end + LONGEST_SPAN]
            begun: dict[tuple[int, bool], set[Organisation]] = {}
            for org, names in self.names.items():
                if org.region != region.region:
                    continue
                for stem, _ in names.stems:
                    if (n := _common_start(stem, after)) >= least:
                        begun.setdefault((n, n == len(stem)), set()).add(org)
            if not begun:  # 无锡人社: an abbreviation of its stem, the unit word left unsaid
                begun = self._unsaid_units(region.region, after)
            if not begun:  # 重庆科委: an abbreviation of its stem, another unit word said
                begun = self._other_unit_words(region.region, after)
            if begun and len(orgs := begun[max(begun)]) == 1:  # 公安 all said: not 公安局交通管理
                end = region.end + max(begun)[0]
                yield Mention(
                    region.start, end, text[region.start : end], tuple(orgs), "abbreviation", score
                )

    def _unsaid_units(self, region: str, after: str) -> dict[tuple[int, bool], set[Organisation]]:
        """The organisations of a government whose name the characters after it abbreviate
        with the unit word left unsaid (人社 of 人力资源和社会保障局, 住建 of 住房和城乡建设局),
        by how many characters say it."""
        least = rules()["abbreviation_min_chars"]
        found: dict[int, list[tuple[str, Organisation]]] = {}
        for org, names in self.names.items():
            if org.region != region:
                continue
            for stem, unit in names.stems:
                for n in range(least, min(len(stem), UNSAID_CHARS) + 1):
                    if is_abbreviation(after[:n] + unit, stem, unit, level_char(region)):
                        found.setdefault(n, []).append((stem, org))
        # of those the same characters fit, the shortest stem (人社: not 人社综合服务中心)
        return {(n, False): set(_closest(stems)) for n, stems in found.items()}

    def _other_unit_words(
        self, region: str, after: str
    ) -> dict[tuple[int, bool], set[Organisation]]:
        """The organisation of a government whose stem the characters after it abbreviate,
        said with a unit word its name does not end with (重庆科委 for 重庆市科学技术局: the
        name it had, or the word of another city's office), by how many characters say it."""
        found: dict[tuple[int, bool], set[Organisation]] = {}
        for n in range(1, UNSAID_CHARS + 1):
            for spoken in (s for s in self._spoken if after.startswith(s, n)):
                if orgs := set(_closest(self._abbreviating(after[:n], region))):
                    found[(n + len(spoken), False)] = orgs
        return found

    def _unit_word_ends(self, text: str) -> set[int]:
        """Where a unit word, as people say it, ends in a text."""
        return {end for word in self._spoken for end in _ends(word, text)}

    def _sound_slips(self, text: str, chosen: list[Mention]) -> Iterable[Mention]:
        """Abbreviations typed with a character that sounds like the name's (住键局 for 住建局),
        where a unit word ends nothing found yet: read again with the sound-alike in place."""
        score = rules()["scores"]["typo"]
        for end in self._unit_word_ends(text) - {m.end for m in chosen}:
            start = max(0, end - LONGEST_SPAN)
            for at in range(start, end - 1):
                for alike in self._homophones.alike(text[at]):
                    said = text[start:at] + alike + text[at + 1 : end]
                    for m in self._spoken_spans(said, own=False):
                        span = (start + m.start, end)
                        if (
                            m.end == len(said)
                            and m.start <= at - start
                            and not is_word(text[slice(*span)])
                        ):  # 管理中心 is no slip of 观澜河流域管理中心 said short
                            yield Mention(*span, text[slice(*span)], m.organisations, "typo", score)

    def _typos(self, text: str) -> Iterable[Mention]:
        """Names written with one character wrong (社会福利苑, 交通远输局)."""
        score = rules()["scores"]["typo"]
        for length in self._typo_lengths:
            for start in range(len(text) - length + 1):
                said = text[start : start + length]
                if said in self._exact or DIGIT.search(said) or is_word(said):
                    continue  # 万里街道2023年 is no slip of 万里街道办, 管理中心 of any name
                orgs = [
                    o
                    for key in _masks(said)
                    for name, o in self._masked.get(key, ())
                    if name != said
                ]
                if orgs and not _splits_unit_word(text, start + length):
                    yield Mention(start, start + length, said, _unique(orgs), "typo", score)


def runs_on(mention: Mention, rest: str) -> bool:
    """Whether a name said short (北京市生态环境) runs on into another body's name, in words its
    organisations' names do not have (监测中心; not 执法局 of 深圳城管执法局)."""
    own = "".join(o.name for o in mention.organisations)
    return mention.how == "abbreviation" and not set(rest) <= set(own)


@dataclass(frozen=True)
class Stem:
    """What an abbreviation is read against: a stem, its unit word and the level character of
    its government (is_abbreviation)."""

    stem: str
    unit: str
    level: str | None


def _abbreviated(
    said: str, stems: dict[Stem, list[Organisation]], region: str | None
) -> list[tuple[str, Organisation]]:
    """(stem, organisation) of the stems ``said`` abbreviates; right after the name of a
    government (``region``), a shorter abbreviation of its own organisations too."""
    found = []
    for s, orgs in stems.items():
        if is_abbreviation(said, s.stem, s.unit, s.level):
            found += [(s.stem, o) for o in orgs]
        elif region and is_abbreviation(said, s.stem, s.unit, s.level, after_region=True):
            found += [(s.stem, o) for o in orgs if o.region == region]
    return found


def _closest(stems: list[tuple[str, Organisation]]) -> list[Organisation]:
    """The organisations an abbreviation says the most of, in each government: 应急局 is the
    应急管理局, not the 应急管理综合行政执法监督局 (its stem is the shortest that the characters
    said fit); 住建局 is 无锡's 住房和城乡建设局 as well as 深圳's 住房和建设局."""
    shortest: dict[str | None, int] = {}
    for stem, o in stems:
        shortest[o.region] = min(shortest.get(o.region, len(stem)), len(stem))
    return [o for stem, o in stems if len(stem) == shortest[o.region]]


def _common_start(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _with_unit_word(mention: Mention, text: str) -> Mention:
    """A name said without its unit word, then that word (深圳交警|局 of 深圳市公安局交通管理局):
    the word is the name's, not left to be read as a figure's name."""
    units = {unit_of(o.name) for o in mention.organisations}
    spoken = [s for u in units if u for s in spoken_units(u)]
    if unit_of(mention.text) or mention.text.endswith(tuple(spoken)):
        return mention  # (卫健委 before 委托: said already)
    said = next((s for s in spoken if text.startswith(s, mention.end)), None)
    said = said or next((s for s in spoken if _slipped_unit_word(text, mention.end, s)), None)
    if said is None:
        return mention
    end = mention.end + len(said)
    return replace(mention, end=end, text=mention.text + text[mention.end : end])


def _slipped_unit_word(text: str, at: int, word: str) -> bool:
    """Whether a unit word is written at a place with a character of its sound in place of its
    own (上海审计据 for 审计局), beginning no word (北京交通为什么 is no 交通委)."""
    written = text[at : at + len(word)]
    return (
        len(written) == len(word)
        and all(
            "\u4e00" <= c <= "\u9fff" and sound(c) == sound(w)
            for c, w in zip(written, word, strict=True)
        )
        and not any(is_word(text[at : at + n]) for n in (2, 3))
    )


def _splits_unit_word(text: str, end: int) -> bool:
    """Whether a unit word or a fiscal word runs across `end` (烟台市大数据中|心: the text names
    a 中心, not the 大数据局 written with a slip; 科学技术支|出: a 功能分类 line)."""
    words = {w for said in rules()["unit_words"].values() for w in said if len(w) > 1}
    words |= set(rules()["cut_words"])
    return any(text[end - i : end - i + len(w)] == w for w in words for i in range(1, len(w)))


def _after_department(text: str, start: int) -> bool:
    """Whether the name of a department ends right before ``start`` (医保局|福田分局)."""
    return start > 0 and any(u.endswith(text[start - 1]) for u in rules()["parent_units"])


def _inside_word(text: str, start: int, after_region: dict[int, str]) -> bool:
    """Whether a name's end found here is the end of a longer word instead."""
    if start == 0 or start in after_region:
        return False
    return re.match(rules()["inside_word"], text[start - 1]) is not None


def _head_said(mention: Mention, text: str) -> Mention:
    """A unit named by its own words after the name of the body it is under, said with a
    character or two left out (上海市住房城乡建设管理委员会人才开发评价中心 of 上海市住房和城乡建设
    管理委员会人才开发评价中心): one mention, from the first character of that name."""
    name = normalise(mention.organisations[0].name) if mention.resolved else ""
    said = text[mention.start : mention.end]
    head = name[: -len(said)] if name.endswith(said) else ""
    least = len(head) - rules()["head_chars_left_out"]
    for start in range(max(0, mention.start - len(head)), mention.start - least + 1):
        before = text[start : mention.start]
        if head and before[:1] == head[:1] and in_order(before, head):
            return replace(mention, start=start, text=text[start : mention.end])
    return mention


def _without_overlaps(
    candidates: Iterable[Mention], chosen: list[Mention] | None = None
) -> list[Mention]:
    """The longest mentions first, the better scored of equal ones, none overlapping another."""
    chosen = list(chosen or [])
    for mention in sorted(candidates, key=lambda m: (-(m.end - m.start), -m.score, m.start)):
        if not any(c.start < mention.end and mention.start < c.end for c in chosen):
            chosen.append(mention)
    return chosen


def _extended(longer: list[Mention], chosen: list[Mention]) -> list[Mention]:
    """A longer mention of the same organisations, starting where they do and two characters
    longer at least, takes the place of those it holds (江苏政协办工厅, its slip aside, is all
    of 江苏政协 and more: nothing of it is left to be read as a figure's name; 万里街道三 of
    万里街道三公经费 is no slip of 万里街道办)."""
    for mention in sorted(longer, key=lambda m: m.start - m.end):
        overlapping = [c for c in chosen if c.start < mention.end and mention.start < c.end]
        held = [
            c
            for c in overlapping
            if mention.start == c.start and c.end + EXTENDED_BY <= mention.end
        ]
        same = all(set(c.organisations) == set(mention.organisations) for c in held)
        if held and held == overlapping and same:
            chosen = [*(c for c in chosen if c not in held), mention]
    return chosen


def _of_unknown_region(mention: Mention, unknown: list[RegionMention]) -> Mention | None:
    """A department of a government no stored document belongs to (广州市审计局) is unknown:
    it names no stored organisation, whatever namesakes other cities have."""
    before = next((r for r in unknown if mention.start - 1 <= r.end - 1 < mention.end), None)
    if before is None:
        return None
    text = before.region + mention.text[max(0, before.end - mention.start) :]
    return Mention(before.start, mention.end, text, (), "unknown_region", mention.score)


def _with_region_character(mention: Mention, characters: list[RegionMention]) -> Mention:
    """A mention with the character of its government said right before it (苏高院), which
    is then part of how it is named."""
    said = next((r for r in characters if r.end == mention.start), None)
    if said is None or not mention.organisations:
        return mention
    return replace(mention, start=said.start)


def _narrowed(
    mention: Mention,
    regions: list[RegionMention],
    text: str,
    same_stem: Callable[[Mention, str], tuple[Organisation, ...]],
) -> Mention:
    """A mention means the organisations of the government written right before it (深圳交通局),
    or, when it could mean several or says only the end of another's name (a tail), of the one
    government the question names. Of a government holding no such organisation, those of the
    governments inside it (上海财政局 → 上海市普陀区财政局, to be confirmed), or its one
    organisation of the same stem (烟台信访办 → 烟台市信访局), or none: then the mention names
    the department of that government (上海应急管理局 → 上海市应急管理局, which its units' names
    may hold)."""
    before = _written_before(mention, regions, text)
    region = before.region if before else None
    if region is None and len(regions) == 1:
        one = regions[0].region  # 烟台市建设工程质量和安全监督站: never 深圳's 安全监督站
        elsewhere = not any(o.region and o.region.startswith(one) for o in mention.organisations)
        partly = elsewhere and mention.how == "tail"
        region = one if len(mention.organisations) > 1 or partly else None
    if region is None:
        return mention
    orgs = mention.organisations
    same = tuple(o for o in orgs if o.region == region)
    inside = tuple(o for o in orgs if o.region and o.region.startswith(region))
    if not (same or inside) and (namesake := same_stem(mention, region)):
        return Mention(mention.start, mention.end, mention.text, namesake, "alias", mention.score)
    if not (same or inside):
        said = _written_from(region, regions, mention, text)
        said = said or region + mention.text.removeprefix(region[:-1]).removeprefix(region[-1:])
        return Mention(mention.start, mention.end, said, (), "not_in_region", mention.score)
    how = mention.how if same else "inside_region"
    return Mention(mention.start, mention.end, mention.text, same or inside, how, mention.score)


def _written_from(
    region: str, regions: list[RegionMention], mention: Mention, text: str
) -> str | None:
    """The name as written from its government to its end, where the characters between them
    are of the name (北京市电影事业发展中心, not 北京市发展中心: a body asked by its own name)."""
    for said in regions:
        gap = text[said.end : mention.start]
        if said.region == region and said.end <= mention.start and _of_a_name(gap):
            return text[said.start : mention.end]
    return None


def _of_a_name(gap: str) -> bool:
    """Whether characters between a government and a name's end are part of the name (some:
    a name said right after its government is written with the government's full name)."""
    inside = all(re.match(rules()["inside_word"], c) for c in gap)
    return 0 < len(gap) <= LONGEST_SPAN and inside


def _written_before(
    mention: Mention, regions: list[RegionMention], text: str
) -> RegionMention | None:
    """The government written right before a mention (深圳交通局), or before how many places
    it names (北京、深圳、无锡三个城市的应急管理局); the level character it ends with may begin
    the mention (北京市口岸办: 市口岸办 is how 深圳 says its own)."""
    return next(
        (
            r
            for r in regions
            if r.end <= mention.start + 1
            and r.start < mention.start
            and re.fullmatch(f".?|(?:{rules()['places_count']})的?", text[r.end : mention.start])
        ),
        None,
    )


def _coordinated(mention: Mention, regions: list[RegionMention], text: str) -> list[Mention]:
    """杭州和泉州的公安局: a department named once after governments joined by 和, 与 or 、 is
    that department of each; the one written right before it is the mention's own."""
    joined: list[Mention] = []
    after = _written_before(mention, regions, text)
    while after is not None:
        before = next(
            (
                r
                for r in regions
                if r.end == after.start - 1 and re.fullmatch(rules()["coordination"], text[r.end])
            ),
            None,
        )
        same = tuple(o for o in mention.organisations if before and o.region == before.region)
        if before and same:
            said = text[before.start : before.end] + mention.text
            joined.append(Mention(before.start, before.end, said, same, mention.how, mention.score))
        after = before
    return joined


def _region_names(org: Organisation) -> list[str]:
    return [form + org.name.removeprefix(org.region or "") for form in region_forms(org.region)]


def _masks(name: str) -> list[str]:
    return [name[:i] + "\0" + name[i + 1 :] for i in range(len(name))]


def _unique(orgs: Iterable[Organisation]) -> tuple[Organisation, ...]:
    return tuple(dict.fromkeys(orgs))


def _in_place_name(text: str, start: int, end: int) -> bool:
    """Whether a government's short name is the start of a place's (深圳湾, 北京路, 上海站)."""
    short = not text[start:end].endswith(tuple(rules()["region_levels"]))
    return short and bool(re.match(rules()["place_after"], text[end:]))


def _ends(word: str, text: str) -> Iterator[int]:
    """Where each occurrence of a word in a text ends, left to right, none overlapping."""
    start = text.find(word)
    while start >= 0:
        yield start + len(word)
        start = text.find(word, start + len(word))
