"""paragraphs → facts: the figures the narrative states, with what they are compared to.

“2018年“三公”经费支出合计3.86万元，比上年决算数减少0.5万元” becomes a fact (三公经费, 3.86
万元, base 上年决算数, delta −0.5, direction 减少) with its page, section and the sentence as
quote. A sentence is read left to right: a metric mention opens a subject, an amount states
its value, a comparison phrase sets the base of the changes that follow, a percent after 增长/
下降 is the change rate, 占…% a share and 完成预算的…% a completion rate. Counts (车辆 7 辆,
接待 12 批次) have patterns of their own. The vocabulary is in prompts/metrics.yaml (facts),
compiled by ingest/fact_grammar.py.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from caiwen.domain.catalogue import normalise
from caiwen.domain.ordinals import strip_ordinal
from caiwen.ingest.fact_grammar import Grammar, grammar
from caiwen.ingest.numbers import small_count
from caiwen.ingest.sections import Outline, Paragraph
from caiwen.ingest.tables import Table

_SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
MIN_SAID_AGAIN = 3
"""The fewest last characters of a metric's name that say it again (运行经费, not 经费)."""
SPENT = "支出"
"""What a 功能分类 类's name ends with (住房保障支出), where the text writes it after （类）."""


@dataclass
class Fact:
    metric: str
    kind: str
    """amount | count | share | completion"""
    value: Decimal | None = None
    unit: str = "万元"
    code: str | None = None
    basis: str | None = None
    base: str | None = None
    delta: Decimal | None = None
    percent: Decimal | None = None
    direction: str | None = None
    page: int | None = None
    section: int | None = None
    quote: str = ""
    year: int | None = None
    """The year a figure is stated for, when the sentence names one (“2017年度…177.19万元”)."""


def outline_to_facts(outline: Outline, tables: list[Table]) -> list[Fact]:
    """Every fact stated in the narrative, in reading order."""
    codes = _label_codes(tables)
    qualified = _qualified_labels(tables)
    facts: list[Fact] = []
    titled: set[int] = set()  # (the ids of) those a heading states
    bases: dict[int | None, str] = {}  # the base each section's changes were last stated against
    for paragraph, title in _read_in_order(outline):
        reader = _Reader(grammar(), paragraph, "", codes, facts, qualified, opened=len(facts))
        reader.heading = _heading_metric(outline, paragraph)
        for sentence in _SENTENCE.findall(grammar().drafting_note.sub("", paragraph.text)):
            found = reader.read(sentence)
            _based_as_before(found, bases, _lineage(outline, paragraph.section))
            facts.extend(found)
            titled |= {id(f) for f in found} if title else set()
    said = {(f.metric, f.value) for f in facts if id(f) not in titled}
    return [f for f in facts if id(f) not in titled or (f.metric, f.value) not in said]


def _read_in_order(outline: Outline) -> Iterator[tuple[Paragraph, bool]]:
    """The paragraphs, and the titles stating an amount (（一）本年财政拨款收入2503527.73万元,
    北京's headings), each read as a paragraph of its section, before those after it; each
    with whether it is a title (what a sentence states too is the sentence's, where both do)."""
    amount = grammar().amount
    titles = [
        Paragraph(strip_ordinal(s.title).rstrip("…"), s.id, s.page)
        for s in outline.sections
        if amount.search(s.title)
    ]
    for paragraph in outline.paragraphs:
        while titles and paragraph.section is not None and titles[0].section <= paragraph.section:
            yield titles.pop(0), True
        yield paragraph, False
    yield from ((title, True) for title in titles)


def _based_as_before(
    found: list[Fact], bases: dict[int | None, str], lineage: list[int | None]
) -> None:
    """A change stated with no base takes the one its section's changes (or those of a section
    it is under) were last stated against (烟台: “（三）增减变化情况：…比上年减少1,226.81万元，
    其中：” then “2.支出预算减少1,226.81万元，其中基本支出增加92.17万元，项目支出减少1,318.98
    万元。”)."""
    before = next((bases[s] for s in lineage if s in bases), None)
    for fact in found:
        if fact.delta is not None and fact.base is None and before is not None:
            fact.base = before
        elif fact.base is not None:
            bases[lineage[0]] = before = fact.base


def _lineage(outline: Outline, section: int | None) -> list[int | None]:
    """A section and the sections it is under, nearest first."""
    chain: list[int | None] = [section]
    while (at := chain[-1]) is not None and outline.sections[at].parent is not None:
        chain.append(outline.sections[at].parent)
    return chain


def _heading_metric(outline: Outline, paragraph: Paragraph) -> str | None:
    """The metric a paragraph's section title is the whole name of (（二）公务接待费 over
    “2026年预算安排6.10万元，比上年减少0.10万元”): the subject of its first sentence's first
    clause, when that names none of its own."""
    if paragraph.section is None or paragraph.table is not None:
        return None
    g = grammar()
    title = strip_ordinal(outline.sections[paragraph.section].title).strip()
    match = g.mentions.fullmatch(title)
    return g.mention_metric[match.group(0)] if match else None


def _label_codes(tables: list[Table]) -> dict[str, set[str]]:
    """The document's own subject labels → the codes it prints them with."""
    codes: dict[str, set[str]] = {}
    for table in tables:
        for row in table.rows:
            if row.code:
                codes.setdefault(normalise(strip_ordinal(row.label)), set()).add(row.code)
    return codes


def _qualified_labels(tables: list[Table]) -> re.Pattern[str] | None:
    """The document's row labels that qualify a catalogue name from the front (年末财政拨款结转和
    结余 holds 财政拨款): in the narrative such a label names its own row, not the name it holds."""
    g = grammar()
    labels = {normalise(strip_ordinal(row.label)) for table in tables for row in table.rows}
    qualified = {
        label
        for label in labels
        if label not in g.mention_metric and any(m.start() > 0 for m in g.mentions.finditer(label))
    }
    if not qualified:
        return None
    return re.compile("|".join(map(re.escape, sorted(qualified, key=len, reverse=True))))


@dataclass
class _Reader:
    grammar: Grammar
    paragraph: Paragraph
    sentence: str
    codes: dict[str, set[str]]
    earlier: list[Fact]
    qualified: re.Pattern[str] | None = None
    metric: str | None = None
    code: str | None = None
    base: str | None = None
    fact: Fact | None = None
    mention_end: int = -1
    clause_start: int = 0
    year: int | None = None
    describing: bool = False
    """After 主要用于: the names that follow say what the money was for, not what is stated."""
    explaining: bool = False
    """After 主要原因是: the amounts, rates and names that follow explain a change."""
    unowned: bool = False
    """The last amount read belongs to no metric (a project's, an unnamed subject's)."""
    compared: bool = False
    """A comparison (比上年…) follows the last fact in its clause: the next amount is the base's."""
    found: list[Fact] = field(default_factory=list)
    changed: list[Fact] = field(default_factory=list)
    """The facts whose changes in money the sentence has stated so far, once a change."""
    heading: str | None = None
    """The metric the paragraph's section title names (taken by its first sentence)."""
    opened: int = 0
    """How many facts were read before the paragraph (those after are its own)."""

    def read(self, sentence: str) -> list[Fact]:
        """The facts of the paragraph's next sentence. The metric named last carries over (“…
        行政运行（项）。年初预算为…”); comparison bases and clause state do not."""
        self.sentence, self.found, self.base, self.fact, self.year = sentence, [], None, None, None
        self.changed = []
        self.mention_end, self.clause_start, self.describing = -1, 0, False
        self.explaining = self.unowned = self.compared = False
        if self.heading is not None:
            self.metric, self.code, self.mention_end = self.heading, None, 0
            self.heading = None
        for kind, match in self._tokens():
            getattr(self, f"_{kind}")(match)
        self._by_measure()
        return self.found

    def _by_measure(self) -> None:
        """The counts the sentence states by their measure words after their subject (公务接待
        10批次、152人次), each metric's first, unless a count pattern read it already."""
        done = {f.metric for f in self.found if f.kind == "count"}
        for subject, counted, words in self.grammar.by_measure:
            for window in subject.finditer(self.sentence):
                for said in counted.finditer(window.group(0)):
                    metric = words[said.group("word")]
                    if metric not in done:
                        done.add(metric)
                        unit = self.grammar.units[metric]
                        self._new(metric, "count", value=Decimal(said.group("num")), unit=unit)

    def _tokens(self) -> Iterator[tuple[str, re.Match[str]]]:
        """The sentence's tokens left to right; an earlier-listed kind wins an overlap."""
        g = self.grammar
        kinds = [
            ("project", g.project),
            *(("count", p) for _, _, p in g.counts),
            ("completion", g.completion),
            ("share", g.share),
            ("subject", g.subject),
            *(("named_amount", p) for _, p in g.amount_mentions),
            *((("qualified", self.qualified),) if self.qualified else ()),
            ("mention", g.mentions),
            ("comparison", g.comparison),
            ("change", g.change),
            ("flat", g.flat),
            ("amount", g.amount),
            ("year_token", g.year),
            ("clause", g.clause_break),
            ("purpose", g.purpose),
            ("reason", g.reason),
        ]
        found = [
            (match.start(), priority, kind, match)
            for priority, (kind, pattern) in enumerate(kinds)
            for match in pattern.finditer(self.sentence)
        ]
        taken: list[tuple[int, int]] = []
        for start, _, kind, match in sorted(found, key=lambda t: (t[0], t[1])):
            if any(s < match.end() and start < e for s, e in taken):
                continue
            taken.append((start, match.end()))
            yield kind, match

    def _new(self, metric: str, kind: str, **values: Any) -> Fact:
        fact = Fact(
            metric=metric,
            kind=kind,
            page=self.paragraph.page,
            section=self.paragraph.section,
            quote=self.sentence.strip(),
            **values,
        )
        self.found.append(fact)
        return fact

    def _open(self, metric: str, code: str | None, match: re.Match[str]) -> None:
        self.metric, self.code, self.fact, self.mention_end = metric, code, None, match.end()

    def _purpose(self, match: re.Match[str]) -> None:
        self.describing = True

    def _reason(self, match: re.Match[str]) -> None:
        self.explaining = True

    def _mention(self, match: re.Match[str]) -> None:
        before = self.sentence[: match.start()]
        self.compared = False
        if self.explaining:
            self._part_changed(match)
            return
        if self.describing:
            return
        if (end := self._said_again(match)) is not None:
            self.fact, self.mention_end = None, end
            return
        run = self.grammar.name_run.match(self.sentence, match.end())
        if run and self.grammar.other_expense.fullmatch(run.group(0)):
            self.metric = self.fact = None  # 市本级政府采购业务费3600.00万元: that expense's
            return
        if self.grammar.organisation_end.match(self.sentence[match.end() :]):
            return
        if self.grammar.paid_from.search(before):
            return  # 委托业务费财政拨款预算: the expense's money, not 财政拨款收入
        tail = self.grammar.named_tails.get(self.grammar.mention_metric[match.group(0)])
        if tail and tail.search(before):
            self.metric = self.fact = None  # 安检服务项目支出328.69万元: a project's, not 项目支出
            return
        if self.grammar.covered.search(before):
            self.metric = self.fact = None  # 涉及一般公共预算支出: the projects' money
            return
        if self.grammar.parts_of.search(before) and (
            self.unowned or self.metric in self.grammar.own_parts
        ):
            # “项目…预算数为1018.00万元，其中当年财政拨款898.00万元，上年结转120.00万元”: the
            # parts of an amount that is no figure of the document are not the document's either
            self.metric, self.fact, self.describing = None, None, True
            return
        name = match.group(0)
        codes = self.codes.get(normalise(name), set())
        self._open(self.grammar.mention_metric[name], _only(codes), match)

    def _part_changed(self, match: re.Match[str]) -> None:
        """A change explained by its parts' changes (支出比2025年减少10,586.36万元，主要是基本支出
        增加2,747.86万元，项目支出减少13,334.22万元): each part's change, of the same base, where
        the amount in 万元 follows its name right away."""
        change = self.grammar.change.match(self.sentence, match.end())
        if change is None or change.group("unit") != "万元" or self.base is None:
            return
        sign = 1 if change.group("dir") in self.grammar.increase else -1
        metric = self.grammar.mention_metric[match.group(0)]
        codes = self.codes.get(normalise(match.group(0)), set())
        fact = self._new(metric, "amount", code=_only(codes), base=self.base)
        fact.delta, fact.direction = sign * _decimal(change.group("num")), change.group("dir")

    def _said_again(self, match: re.Match[str]) -> int | None:
        """Where the metric named before ends, said again by its last words after the money it
        is paid from (（一）机关运行经费。2026年一般公共预算财政拨款运行经费2115.63万元): the
        mention qualifies it."""
        said = self.grammar.name_run.match(self.sentence, match.end())
        if self.metric is None or said is None:
            return None
        words = said.group(0)
        own = len(words) >= MIN_SAID_AGAIN and self.metric.endswith(words) and self.metric != words
        return said.end() if own else None

    def _qualified(self, match: re.Match[str]) -> None:
        name = match.group(0)
        self._open(name, _only(self.codes.get(name, set())), match)

    def _named_amount(self, match: re.Match[str]) -> None:
        metric = next(m for m, p in self.grammar.amount_mentions if p is match.re)
        self._open(metric, None, match)

    def _subject(self, match: re.Match[str]) -> None:
        if match.group("lei"):  # 住房保障（类）支出: the 类 by its name with 支出
            name = match.group("lei")
            name += "" if name.endswith(SPENT) else SPENT
            self._open(name, _only(self.codes.get(normalise(name), set())), match)
            return
        name = match.group("xiang")
        self._open(name, self._subject_code(match.group("kuan"), name), match)

    def _clause(self, match: re.Match[str]) -> None:
        self.clause_start, self.year, self.compared = match.end(), None, False

    def _year_token(self, match: re.Match[str]) -> None:
        self.year = int(match.group("year"))

    def _belongs(self, position: int) -> bool:
        """An amount belongs to the metric named before it in its own clause, or in an
        earlier clause when its clause starts with 为/其中/决算为/预算安排 …"""
        if self.metric is None:
            return False
        if self.mention_end >= self.clause_start:
            return True
        prefix = self.grammar.year.sub("", self.sentence[self.clause_start : position]).strip()
        return prefix.startswith(self.grammar.continuations)

    def _subject_code(self, parent: str, name: str) -> str | None:
        parents = self.codes.get(normalise(parent), set())
        return _only({c for c in self.codes.get(normalise(name), set()) if c[:5] in parents})

    def _comparison(self, match: re.Match[str]) -> None:
        self.base = re.sub(r"\s+", "", match.group("base"))
        self.compared = self.fact is not None and self.fact.delta is None
        said = re.match(r"\d{4}", self.base)
        if self.fact is not None and said and self.fact.year == int(said.group()):
            later = self._stated_later_year(self.fact)
            if later is not None:  # 2026年…7.61万元，2025年预算数为9.23万元，和2025年相比…
                self.fact, self.compared = later, False  # the base's amount is said: 7.61's
            else:
                self.fact.year += 1  # “2025年“三公”经费预算13.85万元,比2025年减少”: the year after

    def _stated_later_year(self, base: Fact) -> Fact | None:
        """The amount of the same metric the sentence states before this one, of a later year
        and with no change yet: the one a comparison with this one's year is of."""
        return next(
            (
                f
                for f in reversed(self.found)
                if f is not base
                and f.metric == base.metric
                and f.year is not None
                and base.year is not None
                and f.year > base.year
                and f.delta is None
            ),
            None,
        )

    def _amount(self, match: re.Match[str]) -> None:
        if self.explaining or self.grammar.target.search(self.sentence[: match.start()]):
            return
        if not self._belongs(match.start()):
            self.unowned = True
            return
        assert self.metric is not None
        if self.metric in self.grammar.counted:
            return  # 共有车辆37台 … 设备0台，共计0万元: the money is not the count's
        value = _decimal(match.group("num") or match.group("zero"))
        if self.compared and self.fact is not None and self.fact.value is not None:
            # “收入19,828.57万元比2025年初预算数20,292.85万元减少464.27万元”: the base's amount
            self.fact.delta, self.compared = self.fact.value - value, False
            return
        self.unowned = False
        self.fact = self._new(
            self.metric,
            "amount",
            value=value,
            code=self.code,
            basis=self._basis_before(match.start()),
            year=self.year,
        )

    def _change(self, match: re.Match[str]) -> None:
        if self.fact is None and (whole := self._whole_subject(match.start())):
            self._open(whole, None, match)  # 支出较去年增加…: the whole's change
        elif self.explaining or (self.fact is None and self._own_subject(match.start())):
            return
        number = _decimal(match.group("num"))
        sign = 1 if match.group("dir") in self.grammar.increase else -1
        self.compared = False
        if match["than"]:  # 小于上年预算数29.65万元: the base said after the direction
            self.base = re.sub(r"\s+", "", match["than"])
        target = self.fact or self._earlier_without_change()
        if target is None and self.metric is not None and self._may_open(match["unit"]):
            target = self.fact = self._new(self.metric, "amount", code=self.code)
        if target is None:
            return
        # (扣除中央基建后比2025年执行数增加…: a second change of the figure in its sentence is
        # of the figure with a part set aside, not its own)
        stated = sum(1 for f in self.changed if f is target)
        if match.group("unit") == "%":
            if stated <= 1:  # (减少…万元，减幅55.76%: the first's)
                target.percent = target.percent if target.percent is not None else sign * number
                target.direction = match.group("dir")
        else:
            if not stated:
                target.delta, target.direction = sign * number, match.group("dir")
            self.changed.append(target)
        target.base = self.base or target.base
        if self.sentence.strip() not in target.quote:  # its change stated in a later sentence
            target.quote += self.sentence.strip()
        self.fact = target

    def _may_open(self, unit: str) -> bool:
        """Whether a change with no amount before it states the metric's change: one in 万元
        does; a rate does when its sentence names the metric (“财政拨款支出较上年增长214.10%
        （2017年度财政拨款支出188.33万元）”, its amount stated in an earlier sentence)."""
        return unit == "万元" or self.mention_end >= 0

    def _own_subject(self, position: int) -> bool:
        """Whether a change in a sentence that names no metric has a subject of its own before
        it (“2026年预算比2025年预算增加…”, “相应安排支出预算…，比上年增加…”): then it is not the
        change of the metric an earlier sentence named, as one beginning “比上年增加…” is."""
        return self.mention_end < 0 and not self.grammar.change_lead.fullmatch(self._lead(position))

    def _lead(self, position: int) -> str:
        """What a sentence holds before its comparison (or its change), years taken out."""
        g = self.grammar
        compared = g.comparison.search(self.sentence, 0, position)
        return g.year.sub("", self.sentence[: compared.start() if compared else position])

    def _whole_subject(self, position: int) -> str | None:
        """The whole a change's own subject names (支出 of “支出较去年增加…”), where it names
        one."""
        if self.explaining or not self._own_subject(position):
            return None
        lead = re.sub(r"[\s，,。；;：:]", "", self._lead(position))
        return next((m for p, m in self.grammar.whole_subjects if p.match(lead)), None)

    def _earlier_without_change(self) -> Fact | None:
        """The metric's last stated amount in this section still waiting for its change."""
        for fact in reversed([*self.earlier, *self.found]):
            if fact.metric != self.metric or fact.section != self.paragraph.section:
                continue
            if fact.kind == "amount" and fact.value is not None:
                return fact if fact.delta is None else None
        return None

    def _subject_without_change(self) -> Fact | None:
        """The paragraph's first amount, what it is about, while no change is stated of it."""
        own = self.earlier[self.opened :]
        first = next((f for f in own if f.kind == "amount" and f.value is not None), None)
        return first if first is not None and first.delta is None else None

    def _flat(self, _: re.Match[str]) -> None:
        """No change (与上年持平), of the amount just stated or, in a sentence of its own naming
        the metric, of its amount stated before (2025年“三公”经费预算与2024年持平), or naming
        none, of the paragraph's first (“三公经费”预算数为71万元，其中：…。和2014年相比未发生增减
        变化); a change
        already stated stands, the words only calling it small (比上年执行数增加48.92万元，
        增长0.8%，与上年基本持平)."""
        fact = self.fact
        if fact is None and self.mention_end >= 0 and self.metric is not None and self.base:
            fact = self._earlier_without_change() or self._new(self.metric, "amount")
        elif fact is None and self.mention_end < 0 and self.base and not self.found:
            fact = self._subject_without_change()
        if fact is None or self.base is None or fact.delta or fact.percent:
            return
        fact.delta, fact.base, fact.direction = Decimal(0), self.base, "持平"
        if self.sentence.strip() not in fact.quote:
            fact.quote += self.sentence.strip()
        self.fact = fact

    def _completion(self, match: re.Match[str]) -> None:
        if self.metric is not None:
            self._new(
                self.metric,
                "completion",
                code=self.code,
                unit="%",
                percent=_decimal(match.group("num")),
                base=match.group("of"),
            )

    def _share(self, match: re.Match[str]) -> None:
        if self.metric is not None:
            of = self.grammar.share_of_noise.sub("", match.group("of") or "")
            self._new(
                self.metric,
                "share",
                code=self.code,
                unit="%",
                percent=_decimal(match.group("num")),
                base=of or None,
            )

    def _project(self, match: re.Match[str]) -> None:
        name = normalise(match.group("name"))
        for group, basis in (("budget", "预算数"), ("actual", "决算数")):
            self._new(name, "amount", value=_decimal(match.group(group)), basis=basis)

    def _count(self, match: re.Match[str]) -> None:
        metric, unit, _ = next(c for c in self.grammar.counts if c[2] is match.re)
        number = small_count(next(v for v in match.groups() if v is not None))
        if number is not None:  # (四个二级项目: in characters)
            self._new(metric, "count", value=Decimal(number), unit=unit)

    def _basis_before(self, position: int) -> str | None:
        before = self.sentence[max(0, position - 6) : position]
        return next((b for word, b in self.grammar.basis.items() if word in before), None)


def _only(codes: set[str]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
