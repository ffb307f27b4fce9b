"""The names a question can use for what it asks about: the catalogue's names and the labels
the stored documents print (each also without the ending people leave out), found in a
question longest first, without overlaps."""

import re
from collections.abc import Iterable

from caiwen.service.homophones import sound
from caiwen.service.labels import core_of, label_of
from caiwen.service.labels import rules as label_rules
from caiwen.service.phrases import in_order

CHINESE = re.compile(r"[\u4e00-\u9fff]")
OPENING = "（(【["
"""Brackets opening what a stretch said ends before (a label's 本级 after its name)."""
LIST_MARKS = "、，,。；;：:？?！!"
"""Marks between the words of a question, which no stretch a label holds begins with."""


class Lexicon:
    def __init__(
        self,
        catalogue_names: dict[str, str],
        labels: Iterable[str],
        classes: Iterable[tuple[str, str]] = (),
    ):
        """``catalogue_names``: each catalogue name as it may be written (运维 for 运行维护
        too) → the name itself; ``classes``: each name a 功能分类 类 goes by, its former ones too
        (医疗卫生与计划生育支出), with the 类's name: they may be said short."""
        self.names: dict[str, str] = {}
        """Every name as said → the name the tools are asked for."""
        written = {said: name for said, name in catalogue_names.items() if len(said) >= 2}
        self._spelled = set(written)
        self._catalogue = set(written.values())
        for said, name in written.items():
            self.names.setdefault(said, name)
        self._cores: dict[str, list[str]] = {}
        """The catalogue names said without their ending (公车购置) → how the names joining
        them to another begin (公车购置及运)."""
        self._add_cores(written)
        self.labels: set[str] = set()
        self.short_labels: set[str] = set()
        """Labels too short to be found in running text (水利): a name only when quoted."""
        self._by_core: dict[str, set[str]] = {}
        """Each label's core (法律援助 of 法律援助经费特定目标类) → the labels it is the core of."""
        for printed in labels:
            label = label_of(printed)
            if label is not None and len(label) == 2:
                self.short_labels.add(label)
            if label is None or len(label) < 3:
                continue
            self.labels.add(label)
            self._by_core.setdefault(core_of(label), set()).add(label)
            # a label's core is asked as said (each document finds the row it means), unless
            # the label is a catalogue name (公务接待 of 公务接待费)
            asked = label if label in self._catalogue else None
            for said in (label, core_of(label)):
                if len(said) >= 3 and _worded(said):
                    self.names.setdefault(said, asked or said)
        self._slips: dict[str, list[tuple[str, str]]] = {}
        """Each name long enough to be said with a slip (a catalogue name, a label printed), with
        one character blanked → (that character's sound, the name as written)."""
        self._slip_lengths: list[int] = []
        self._add_slips()
        self._by_first: dict[str, list[str]] = {}
        for said in sorted(self.names, key=lambda n: (-len(n), n)):
            self._by_first.setdefault(said[0], []).append(said)
        self._classes: dict[str, list[tuple[str, str]]] = {}
        """Each 类's first character → (its name without 支出, its name)."""
        self.class_names = {name for _, name in classes}
        for said, name in classes:
            core = said.removesuffix("支出")
            self._classes.setdefault(core[0], []).append((core, name))
        self._part = label_rules()["part_chars"]
        self._word_break = label_rules()["part_after"]
        self._holders: dict[str, set[str]] = {}
        """Each stretch of ``part_chars`` characters of a label → the labels holding it."""
        for label in self.labels:
            for at in range(len(label) - self._part + 1):
                self._holders.setdefault(label[at : at + self._part], set()).add(label)

    def _add_cores(self, written: dict[str, str]) -> None:
        """Each catalogue name said without its ending (公车购置 of 公车购置费), where that core
        begins no other name (绩效目标 begins two; 公车购置和运行费 lists two; 公车购置数 counts)
        and joins none (公车购置和运行)."""
        joined = re.compile(label_rules()["name_core_joined"])
        counted = re.compile(label_rules()["name_counted"])
        for said, name in written.items():
            core = core_of(said)
            begun = {
                n
                for w, n in written.items()
                if w.startswith(core) and not joined.match(w, len(core)) and not counted.search(w)
            }
            own = begun == {name} and not joined.search(core)
            if own and len(core) >= label_rules()["name_core_chars"] and core not in self.names:
                self.names[core] = name
                self._cores[core] = [
                    w[: len(core) + 2]
                    for w in written
                    if w.startswith(core) and joined.match(w, len(core))
                ]

    def _add_slips(self) -> None:
        rules = label_rules()
        for said in self.names:
            if len(said) >= rules["slip_chars_spelled" if said in self._spelled else "slip_chars"]:
                for at, char in enumerate(said):
                    blanked = said[:at] + "_" + said[at + 1 :]
                    self._slips.setdefault(blanked, []).append((sound(char), said))
        self._slip_lengths = sorted({len(b) for b in self._slips})

    def find(
        self, text: str, taken: list[tuple[int, int, str]], slips: bool = True
    ) -> list[tuple[int, int, str]]:
        """The names in a text, longest first, none overlapping another or what is taken;
        each as (start, end, the name the tools are asked for); with ``slips``, those written
        with a slip of their sound too."""
        found = list(taken)
        spans = [
            (start, start + len(said), self.names[said])
            for start in range(len(text))
            for said in self._by_first.get(text[start], ())
            if text.startswith(said, start)
            # (公车购置及运行这块: one name joining two, not 公车购置 of 公车购置费)
            and not any(text.startswith(w, start) for w in self._cores.get(said, ()))
        ]
        for start, end, name in sorted(
            [*spans, *self._parts(text), *self._split(text), *self._shortened(text)],
            key=lambda s: (s[0] - s[1], s[0]),
        ):
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, name))
        if not slips:
            return found
        righted = self._righted(text, [s for s in found if s not in taken])
        return self.find(righted, taken, slips=False) if righted != text else found

    def _righted(self, text: str, found: list[tuple[int, int, str]]) -> str:
        """The text with each name written with a slip of its sound written right, so that the
        names around it are read as they would be (政府菜购支出总额: 政府采购支出, not 支出总额)."""
        for start, stop, right in [
            *(s for span in found if (s := self._slipped_on(text, span, found))),
            *self._slipped(text, found),
        ]:
            text = text[:start] + right + text[stop:]
        return text

    def _slipped_on(
        self, text: str, span: tuple[int, int, str], found: list[tuple[int, int, str]]
    ) -> tuple[int, int, str] | None:
        """A name found that begins a longer catalogue name written with a slip in the words
        after it, which nothing found covers (三公 of 三公经废: 三公经费), as written right."""
        start, end, _ = span
        covered = {n for s, e, _ in found if (s, e) != (start, end) for n in range(s, e)}
        for n in reversed(self._slip_lengths):
            stop = start + n
            tail = range(end, stop)
            if stop <= end or stop > len(text) or covered & set(tail):
                continue
            if text[start:stop] in self.names:  # said right, and left unfound on purpose
                continue
            if all(CHINESE.match(text[i]) for i in tail) and (
                right := self._slip_of(text[start:stop])
            ):
                return (start, stop, right)
        return None

    def _slipped(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Catalogue names written with a slip (三工经费 of 三公经费), among the words nothing
        found covers: each stretch with one character of another's sound in its place, the
        longest first, as written right."""
        free = [bool(CHINESE.match(c)) for c in text]
        for start, end, _ in found:
            free[start:end] = [False] * (end - start)
        slipped: list[tuple[int, int, str]] = []
        start = 0
        while start < len(text):
            run = next((n for n in range(start, len(text)) if not free[n]), len(text)) - start
            fits = [n for n in reversed(self._slip_lengths) if n <= run]
            right = next(
                ((n, r) for n in fits if (r := self._slip_of(text[start : start + n]))), None
            )
            if right:
                slipped.append((start, start + right[0], right[1]))
            start += right[0] if right else 1
        return slipped

    def _slip_of(self, said: str) -> str | None:
        """The name a stretch is written with a slip of, as written right."""
        for at, char in enumerate(said):
            blanked = said[:at] + "_" + said[at + 1 :]
            for heard, right in self._slips.get(blanked, ()):
                if CHINESE.match(char) and sound(char) == heard:
                    return right
        return None

    def printed(self, name: str) -> bool:
        """Whether a name is a label the stored documents print, however short (法院)."""
        return name in self.labels or name in self.short_labels

    def printed_only(self, name: str) -> bool:
        """Whether a name found is a label the documents print that no catalogue name is."""
        return name not in self._catalogue

    def holding(self, said: str) -> set[str]:
        """The stored labels a name said holds whole (itself, when it is one), and those it is
        the core of."""
        if said in self.labels:
            return {said}
        cores = self._by_core.get(said, set())
        return cores | {
            label for label in self._holders.get(said[: self._part], ()) if said in label
        }

    def _split(self, text: str) -> list[tuple[int, int, str]]:
        """Catalogue names said with fillers between their words (车辆日常运行 and 公车的日常运行
        of 车辆运行, 公车运行): each found with the fillers left out, spanning them."""
        found = []
        for filler in re.finditer(f"(?:{label_rules()['name_fillers']})+", text):
            cut, width = filler.start(), filler.end() - filler.start()
            joined = text[:cut] + text[filler.end() :]
            for start in range(cut):
                found += [
                    (start, start + len(said) + width, self.names[said])
                    for said in self._by_first.get(joined[start], ())
                    if said in self._spelled
                    and start + len(said) > cut
                    and joined.startswith(said, start)
                ]
        return found

    def _shortened(self, text: str) -> list[tuple[int, int, str]]:
        """The 类 said short, by some of their name's characters in order from its first to its
        last (社保就业 of 社会保障和就业, 文旅体育传媒 of 文化旅游体育与传媒), at least
        ``shortened_chars`` long."""
        least = label_rules()["shortened_chars"]
        found = []
        for start, char in enumerate(text):
            for core, name in self._classes.get(char, ()):
                end = _end_of_shortened(text, start, core)
                if end is not None and least <= end - start < len(core):
                    found.append((start, end, name))
        return found

    def class_said_short(self, said: str) -> str | None:
        """The first 类, by code, whose name holds these characters in order from its first
        (社保: 208 社会保障和就业支出, which every department prints, before 209 社会保险基金支出),
        however few: read so only among other 类 listed."""
        found = [n for core, n in self._classes.get(said[:1], ()) if in_order(said, core)]
        return found[0] if found else None

    def _parts(self, text: str) -> list[tuple[int, int, str]]:
        """The longest stretches of the text that stored labels hold whole, of ``part_chars``
        or more (机关事业养老保险基金缺口 of 机关事业养老保险基金缺口财政补助资金), as said: each
        document's tools find the row it means there (退役安置支出 is 退役安置 where that is
        printed, though another document prints 其他退役安置支出)."""
        found = []
        for start in range(len(text) - self._part + 1):
            if text[start] in LIST_MARKS:  # (、公务用车 of （境）、公务用车: a word begins it)
                continue
            holders = self._holders.get(text[start : start + self._part], set())
            end = start + self._part
            while holders and end < len(text):
                longer = {label for label in holders if text[start : end + 1] in label}
                if not longer:
                    break
                holders, end = longer, end + 1
            while end > start and text[end - 1] in OPENING:  # (市委宣传部（烟台）: no bracket)
                end -= 1
            said = text[start:end]
            if (
                holders
                and core_of(said) not in self.names  # 社会工作事务支出 is the name 社会工作事务
                and _worded(said)
                and self._begins_word(text, start, said, holders)
            ):
                found.append((start, end, said))
        return found

    def _begins_word(self, text: str, start: int, said: str, holders: set[str]) -> bool:
        """Whether a stretch a label holds begins where the asker's word does: where a label
        begins, or after no word (车运行维护 of 公车运行维护 is the middle of one)."""
        before = text[:start] or " "
        return re.search(self._word_break, before) is not None or any(
            label.startswith(said) for label in holders
        )


def _worded(said: str) -> bool:
    """Whether a stretch has words enough to name something: not 2024年 of 2024年经费."""
    return len(CHINESE.findall(said)) >= label_rules()["core_chars"]


def _end_of_shortened(text: str, start: int, name: str) -> int | None:
    """Where a name said by some of its characters in order ends, if the text from ``start``
    says it so, down to its last character."""
    at = 0
    for i in range(start, len(text)):
        at = name.find(text[i], at) + 1
        if at == 0:
            return None
        if at == len(name):
            return i + 1
    return None
