"""Answers from the narrative: a definition, and why something changed (or what it is
used for, which units a department has, what it does), quoting the sentence that says so."""

import math
import re
from collections.abc import Callable
from decimal import Decimal
from itertools import takewhile

from caiwen.domain.catalogue import catalogue
from caiwen.domain.ordinals import item_mark, list_style
from caiwen.ingest.lexical import terms, words
from caiwen.service.causes import explains, parts_changed
from caiwen.service.composers.comparisons import change_stated, year_on_year
from caiwen.service.composers.figures import its_parts, one_figure, printed_empty, value
from caiwen.service.details import (
    Comparison,
    Definition,
    FigureRead,
    PassageFound,
    Passages,
    Units,
)
from caiwen.service.labels import core_of, only_described
from caiwen.service.names import organisation
from caiwen.service.phrases import stretches
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.statements import closest
from caiwen.service.understand import (
    planner_vocabulary,
    reason_section,
    text_question,
    text_topic,
    title_key,
)
from caiwen.service.units import ends_with_unit
from caiwen.service.values import Citation, Value, rounded
from caiwen.service.writer import Composed, Results, Writer, number


def definition(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("define_term")
    found = result.detail(Definition)
    body = re.sub(r"^[^：:]{1,30}[：:]", "：", found.text, count=1)
    cite = w.cited(result, [found.citation])
    return Composed(w.fill("definition", term=plan.metric_name, definition=body, cite=cite))


def reason(w: Writer, plan: Plan, results: Results) -> Composed:
    """The change asked about (when there is a comparison) and the sentence that explains it."""
    search = results.one("search_text")
    figures = next((r for r in results.every("compare_years") if r.status == "ok"), None)
    comparison = figures.detail(Comparison) if figures else None
    text = year_on_year(w, figures, comparison) if figures and comparison else ""
    read = results.find("get_metric")
    text = (printed_empty(w, read) if read else "") + text  # 为什么是空的: the table's note
    if read is not None and read.status == "ok" and (figure := read.maybe(FigureRead)):
        if not comparison:  # 花了多少？主要用在哪: the figure, its parts, then its use
            text = one_figure(w, read) + its_parts(w, results.find("breakdown")) + text
        if figure.goal:  # a project only its form names: what the form says it is for
            cite = w.cited(read, [figure.goal_citation] if figure.goal_citation is not None else [])
            return Composed(text + w.fill("project_goal", goal=figure.goal, cite=cite))
    found = search.maybe(Passages)
    not_reasons = planner_vocabulary()["not_reasons"]
    passages = [
        p for p in (found.passages if found else []) if not re.search(not_reasons, p.section or "")
    ]
    who = plan.department_name or w.t["selected_documents"]
    if not passages:
        return Composed(text + w.fill("reason_none", who=who), refused=not text)
    if what := _unstated(passages, plan.query):  # 有多少人, where no sentence states it
        return Composed(text + w.fill("count_unstated", who=who, what=what), refused=not text)
    if re.search(planner_vocabulary()["asks_use"], plan.query):
        comparison = None  # 干什么用的？比上年多了多少: the change said above, its use quoted
    subject, amounts = _subject(plan, comparison, read)
    asked = asked_direction(plan.query)
    actual = _direction(comparison) if comparison else None
    changed = asked in CHANGES
    if comparison and changed and actual != asked:
        text = _premise(w, comparison, asked, actual) + text
    # the direction decides the sentence only when the question asks about a change
    direction = actual if asked == EITHER else (actual or asked) if changed else asked
    yearly = not re.search(planner_vocabulary()["against_budget"], plan.query)
    stated = change_stated(figures, comparison) if figures and comparison and yearly else None
    why = re.search(planner_vocabulary()["why_asked"], plan.query)
    if stated and comparison and not comparison.change.value and not why:
        return Composed(text + _said(w, stated, stated.quote or ""))  # 跟去年比怎么样: 持平
    total = plan.metric_name in planner_vocabulary()["total_metrics"]
    own = amounts if not total else ()
    # the change as the tables give it, else as the question says it (为啥下降了45%多)
    change = _amounts_of(comparison, current=False) if comparison else _said_change(plan.query)
    section = reason_section(plan.metric_name)
    cues = (subject, direction, stated, amounts, section, own, change)
    passage, sentence = best_sentence(passages, plan.query, *cues)
    if unexplained := _change_unexplained(results, sentence, asked, comparison):
        return Composed(text + unexplained, refused=not text)
    opening = text_topic(plan.query, plan.metric_name) is not None
    asks_use = planner_vocabulary()["asks_use"]
    told = [(passage, sentence)]
    if why and re.search(asks_use, plan.query):  # 干嘛用的，为啥放到科技类里: why, besides
        told = _both(told[0], best_sentence(passages, re.sub(asks_use, "", plan.query), *cues))
    for passage, sentence in told:
        citation = quoted(search.citations[passage.citation], passage, sentence, opening)
        text += _said(w, citation, sentence)
    if part := _part_explained(
        sentence, [*passages, *found.explaining] if found else [], direction
    ):
        where, said = part
        text += _said(w, quoted(search.citations[where.citation], where, said), said, "reason_part")
    if listed := _listed(sentence) if counted(plan.query) else 0:
        text += w.fill("listed_count", count=listed)
    flat = _flat(sentence)
    flagged = next((c for c in passage.contradicted if _flat(c.quote) in flat), None)
    if flagged:
        text += w.fill("reason_contradicted", finding=flagged.message)
    return Composed(text)


def _both(
    use: tuple[PassageFound, str], why: tuple[PassageFound, str]
) -> list[tuple[PassageFound, str]]:
    """The sentences saying what a figure is for and why it is so, once each: one where it
    holds the other (主要用于…。…主要原因是…)."""
    if _flat(use[1]) in _flat(why[1]):
        return [why]
    return [use] if _flat(why[1]) in _flat(use[1]) else [use, why]


def units(w: Writer, plan: Plan, results: Results) -> Composed:
    """The units a table by unit prints, each with its total or a figure asked, in the order
    asked (the first few where it asks a few, the first where it asks which one); else the
    passage naming them."""
    listed = results.find("list_units")
    found = listed.maybe(Units) if listed else None
    if listed is None or found is None or not found.units:
        return reason(w, plan, results)
    first = found.units[0]
    own = plan.metric_name and plan.metric_name not in planner_vocabulary()["unit_totals"]
    ordered = found.units[::-1] if plan.order == "asc" else found.units
    counted = re.search(planner_vocabulary()["units_counted"], plan.query)
    if plan.top_n < len(ordered) and not counted:  # ranked: the units under it, not the organ
        ordered = [u for u in ordered if not _the_organ(u.name, first.department)] or ordered
    given = ordered[: plan.top_n]
    orders = w.t["units_order"]
    cut = len(given) < len(ordered)
    lines = "；".join(
        w.fill("unit_line", unit=u.name, value=number(u), unit_of=u.unit, cite=w.marks(listed, u))
        for u in given
    )
    text = w.fill(
        "units_of" if own else "units_first" if cut else "units",
        who=first.department,
        year=first.year,
        kind=w.kind_name(first),
        count=number(found.count) if found.count else len(found.units),
        units=plan.unit_kind or w.t["units_word"],
        metric=plan.metric_name,
        order=orders[f"{plan.order}_first"].format(top=w.counted(len(given)))
        if cut
        else orders[plan.order],
        lines=lines,
    )
    return Composed(text, focus=given[0].name)  # 占全局的多少 next: the unit named first


def _the_organ(unit: str, department: str) -> bool:
    """Whether a unit a table lists is the department's organ itself (无锡市教育局（本级）)."""
    return organisation(unit, None) == organisation(department, None)


def _part_explained(
    sentence: str, passages: list[PassageFound], direction: str | None
) -> tuple[PassageFound, str] | None:
    """Where a reason gives the change only by its parts, the sentence explaining its largest
    part changed the way asked (the total fell: the part that fell most), with its passage."""
    changes = [
        c
        for c in parts_changed(sentence)
        if direction not in CHANGES or c.up == (direction == "up")
    ]
    if not changes:
        return None
    largest = max(changes, key=lambda c: c.size)
    found = [(p, s) for p in passages for s in _sentences(p.text) if s not in sentence]
    return next((f for f in found if explains(f[1], largest)), None) or next(
        (f for f in found if explains(f[1], largest, by_name=True)), None
    )


def _states_own(sentence: str, name: str, amounts: tuple[str, ...]) -> bool:
    """Whether a sentence states a figure's own amounts right after its name (1.因公出国（境）费
    17万元，比上年增加7万元, not 主要原因是因公出国（境）费用增加 of the whole's sentence)."""
    after = _plain(sentence).replace(",", "").split(_plain(name), 1)
    return len(after) > 1 and any(a.replace(",", "") in after[1][:12] for a in amounts)


def _subject(
    plan: Plan, comparison: Comparison | None, read: ToolResult | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a reason's sentence is about, and the amounts it may state: the change's (its
    metric and parts); else the figure read (as the question names it and as its row prints
    it, 体育彩票公益金项目) and its amount (工程管理6,832.94万元，主要用于…, not another unit's
    工程管理)."""
    if comparison:
        return (comparison.metric, *(p.metric for p in comparison.parts)), _amounts_of(comparison)
    if read is None or read.status != "ok":  # (农业普查项目: the text says 农业普查)
        said = plan.metric_name or ""
        return tuple(dict.fromkeys((core_of(said) or said, said))), ()
    figure = read.detail(FigureRead).figure
    return (plan.metric_name or "", figure.name), _written(figure.value)


def _amounts_of(c: Comparison, current: bool = True) -> tuple[str, ...]:
    """How the narrative may write a figure's change: the change and (with ``current``) this
    year's figure, with or without thousands separators, a whole number of 万元 as 7万元 (a
    total's reason follows them; a part's sentence states them right after its name,
    `_states_own`)."""
    return _written(abs(c.change.value), c.current.value if current else Decimal(0))


def _written(*amounts: Decimal) -> tuple[str, ...]:
    """How the narrative may write amounts: with or without thousands separators, a whole
    number of 万元 as 7万元, one place where the second is nought (减少了1237.7万元)."""
    values = [rounded(v) for v in amounts if v]
    whole = [f"{v:,.0f}万元" for v in values if v == v.to_integral_value()]  # 增加7万元
    tenths = [v.quantize(Decimal("0.1")) for v in values if v * 10 % 1 == 0 and v % 1]
    places = [f for v in [*values, *tenths] for f in (f"{v:,f}", f"{v:f}")]
    return (*dict.fromkeys(places), *whole)


def named(w: Writer, plan: Plan, results: Results) -> Composed:
    """A name the catalogue does not know: its row when the document prints one; else the
    sentence of the narrative stating an amount right after it (a project only the text
    names); else why neither."""
    read, *held = results.every("get_metric")
    search = results.find("search_text")
    # a count (执法执勤用车几辆) is what the text states, not a row of money in like words
    counts = re.search(planner_vocabulary()["asks_count"], plan.query)
    asked = plan.metric_name or ""
    figure = read.detail(FigureRead).figure if read.status == "ok" else None
    own = figure is not None and _names(figure, asked)
    how = _reading(figure, asked, bool(counts))
    found = search.maybe(Passages) if search and how else None
    stated = None
    if found and how == "whole":  # 律师管理工作 stated as such beats the row 律师管理
        stated = _first_stating(found.passages[:CANDIDATES], _stated_after(asked))
    elif found:
        stated = _stated_amount(found.passages, asked, how == "loose")
    if search is None or stated is None:
        figure = next((r for r in (read, *held) if r.status == "ok"), None)
        if figure is None:
            said = (read.message or w.t["no_figure"]) + _mentioned(w, search, asked)
            return Composed(said, refused=True)
        if figure is read and (own or not plan.metrics):
            return value(w, plan, results)
        instead = w.fill("named_instead", asked=asked)  # a catalogue word it holds, said so
        return Composed(instead + one_figure(w, figure))
    passage, sentence = stated
    citation = quoted(search.citations[passage.citation], passage, sentence)
    if found and found.instead_of:  # 实际花了多少 of a year only budgeted: the plan, said so
        return Composed(_said(w, citation, sentence, "named_instead_of_决算"), refused=True)
    if _among_uses(sentence, asked):  # 主要用于农贸市场改造提升、出口信用保险补助等: none its own
        if printed := _printed_within(held, asked):  # 干警提租补贴: the row 提租补贴 printed
            return Composed(w.fill("named_instead", asked=asked) + one_figure(w, printed))
        return Composed(
            w.fill("named_among_uses", asked=asked) + _said(w, citation, sentence), refused=True
        )
    return Composed(_said(w, citation, sentence))


def _printed_within(held: list[ToolResult], asked: str) -> ToolResult | None:
    """The first figure read of a catalogue name the name asked holds whole, if any."""
    return next(
        (r for r in held if r.status == "ok" and r.detail(FigureRead).figure.name in asked), None
    )


def _among_uses(sentence: str, asked: str) -> bool:
    """Whether a sentence names what is asked only in a list of what its one amount is used for
    (科学技术支出12,500万元，主要用于农贸市场改造提升、出口信用保险补助等): the name after the
    list begins, and no amount of its own there (not 主要用于浙北医学中心迁建4500.00万元、…;
    not 城市燃气管理4,532.81万元，用于…、…, which names it before)."""
    vocab = planner_vocabulary()
    if re.search(vocab["uses_asked"], asked):
        return False  # 电梯维保、法律顾问这些: the uses asked together are the amount's
    plain = _unbracketed(sentence)
    listed = re.search(vocab["uses_listed"], plain)
    if listed is None or re.search(vocab["an_amount"], plain[listed.start() :]):
        return False
    core = _unbracketed(asked)
    for size in range(len(core), NAMED_LEAST - 1, -1):
        found = [plain.find(core[at : at + size]) for at in range(len(core) - size + 1)]
        if named := [f for f in found if f >= 0]:
            return min(named) > listed.start()
    return False


def _mentioned(w: Writer, search: ToolResult | None, asked: str) -> str:
    """Where the narrative names what is asked whole but states no amount of it: the sentence
    leaving it out of the budget (不含东郊国宾馆（自收自支）), else the first naming it, quoted,
    so the answer says why there is none."""
    found = search.maybe(Passages) if search else None
    if found is None or len(asked) < NAMED_LEAST:
        return ""
    passages, name = found.passages[:CANDIDATES], re.escape(asked)
    left_out = planner_vocabulary()["left_out_said"] + name
    stated = _first_stating(passages, left_out) or _first_stating(passages, name)
    if stated is None:
        return ""
    passage, sentence = stated
    citation = quoted(search.citations[passage.citation], passage, sentence) if search else None
    return _said(w, citation, sentence, "named_mentioned") if citation else ""


def _reading(figure: Value | None, asked: str, counts: bool) -> str | None:
    """How the text is read for a name: not at all where the row read is the name's (a
    catalogue word it only holds, 补贴, is not); for the whole name where the row holds it
    shorter (律师管理 of 律师管理工作); else strictly, by the name's own words, for a count
    (执法执勤用车几辆 is what the text states; 多少在职人员 no amount), a catalogue name (三公经费
    of a unit: its rows, else none) or beside a row of the name's own words; else loosely, by
    the words describing a statement too (气象预报区域大模型, which 气象预报预测 only resembles)."""
    own = figure is not None and _names(figure, asked)
    described = figure is not None and only_described(asked, figure.name)
    shorter = figure is not None and own and figure.name in asked and figure.name != asked
    if own and not (counts or described):
        return "whole" if shorter else None
    known = catalogue().resolve(asked).exact
    return "strict" if counts or known or (own and not described) else "loose"


def _stated_after(name: str) -> str:
    """An amount stated right after the whole name."""
    return re.escape(name) + planner_vocabulary()["stated_amount"]


def _names(figure: Value, asked: str) -> bool:
    """Whether a figure is of the name asked: a row the document prints (read by its label:
    机关事业养老保险基金缺口财政补助资金 of 机关事业养老保险基金缺口补), or a catalogue metric
    whose name holds it or is held whole (not 津贴补贴 of 国三柴油货车提前淘汰补贴)."""
    known = catalogue()
    metric = figure.metric or ""
    printed_row = metric not in known.metrics and metric not in known.subject_names
    return printed_row or asked in figure.name or figure.name in asked


def _stated_amount(
    passages: list[PassageFound], name: str, loose: bool = True
) -> tuple[PassageFound, str] | None:
    """The sentence of the top passages with an amount right after the most of the name (120院前
    急救 is printed 院前急救9,408.00万元); else a sentence naming it that states one amount
    only (专项工作19,800.61万元，主要用于建设…深圳湾区书城): at least NAMED_SHARE of the name,
    and NAMED_LEAST characters."""
    vocab = planner_vocabulary()
    generic = vocab["named_generic"]
    core = re.sub(f"^(?:{generic})+|(?:{generic})+$", "", name)
    core = core if len(core) >= NAMED_LEAST else name  # 驻京经费 is not 驻京
    least = max(NAMED_LEAST, math.ceil(len(core) * NAMED_SHARE))
    said = stretches(core, NAMED_LEAST)
    candidates = passages[:CANDIDATES]
    named = (  # the most of the name first, however it is stated
        _first_stating(candidates, re.escape(s) + vocab["stated_amount"], _says_rest(s, rest))
        or _first_stating(candidates, re.escape(s), _one_amount_of(rest), untitled=True)
        or _under_heading(candidates, re.escape(s))
        for s, rest in said
        if len(s) >= least
    )
    apart = (_first_stating(candidates, s + vocab["stated_amount"]) for s in _in_order(core))
    labelled = (_first_stating(candidates, vocab["named_label"] + re.escape(s)) for s, _ in said)
    found = next((found for found in (*named, *apart, *labelled) if found), None)
    if found or not loose:
        return found
    return closest(candidates, name)  # 搞天气预报AI大模型: its words, not its name


def _says_rest(stretch: str, rest: str) -> Callable[[str], bool]:
    """Whether the words a sentence prints between a stretch of a name and the amount after it
    say some of the rest of the name, where the name goes on after the stretch (气象预报|区域大
    模型项目258.00万元 of 气象预报大模型; not 森防基地|通信保障及无人机26.85万元 of 森防基地的
    租金: what else the place costs)."""
    amount = planner_vocabulary()["an_amount"]

    def says(sentence: str) -> bool:
        plain = _unbracketed(sentence)
        at = plain.find(stretch)
        gap = re.split(amount, plain[at + len(stretch) :])[0] if at >= 0 else ""
        return _holds_rest(gap, rest)

    return says


def _one_amount_of(rest: str) -> Callable[[str], bool]:
    """Whether a sentence states one amount and no change, and says some of the rest of the
    name where the name goes on after the stretch it says."""
    return lambda sentence: _one_amount(sentence) and _holds_rest(_unbracketed(sentence), rest)


def _holds_rest(text: str, rest: str) -> bool:
    """Whether a text says two characters running of the rest of a name (its generic words
    aside), or the name has no rest."""
    rest = re.sub(f"^(?:{planner_vocabulary()['named_generic']})+", "", rest)
    pieces = [rest[at : at + 2] for at in range(len(rest) - 1)]
    return not pieces or any(piece in text for piece in pieces)


def _in_order(name: str) -> list[str]:
    """The words of a name in their order with a few others between them, as a name said
    shorter than printed is (预报大模型项目 of 深圳气象预报区域大模型项目258.00万元); a name of
    one word has no such reading."""
    said = words(name)
    gap = f"[^。；，,：:]{{0,{NAMED_GAP}}}?"
    return [gap.join(map(re.escape, said))] if len(said) > 1 else []


def _under_heading(passages: list[PassageFound], stretch: str) -> tuple[PassageFound, str] | None:
    """The budget sentence of the item a heading naming it opens (4.北方工业大学延庆新校区建设
    项目 … （3）预算安排：2026年安排预算8亿元。), before the next numbered item begins."""
    vocab = planner_vocabulary()
    for passage in passages:
        sentences = [x.replace(" ", "") for x in _sentences(passage.text)]
        for at, sentence in enumerate(sentences):
            named = re.search(stretch, _unbracketed(re.sub(TITLED, "", sentence)))
            if not named or re.search(vocab["an_amount"], sentence):
                continue
            for following in sentences[at + 1 : at + 1 + ITEM_SENTENCES]:
                if re.match(vocab["next_item"], following):
                    break
                if re.search(vocab["item_budget"], following):
                    return passage, f"{sentence}……{following}"
    return None


ITEM_SENTENCES = 8
"""How many sentences after its heading an item's budget is looked for."""


def _one_amount(sentence: str) -> bool:
    """Whether a sentence states one amount and no change: the amount of what it names."""
    vocab = planner_vocabulary()
    amounts = re.findall(vocab["an_amount"], sentence)
    return len(amounts) == 1 and not re.search(vocab["change_said"], sentence)


NAMED_LEAST, NAMED_SHARE = 4, 0.5
"""How much of a name the text must print before an amount for it to be the name's."""
NAMED_GAP = 6
"""How many characters the text may print between two words of a name said shorter."""


def _said(w: Writer, citation: Citation, sentence: str, template: str = "reason") -> str:
    """What the document's narrative says, quoted, with its citation (``template``: how it is
    introduced; named_instead_of_决算: as the plan of a year whose 决算 is not yet published)."""
    return w.fill(
        template,
        who=citation.department,
        year=citation.year,
        kind=f"{citation.level}{citation.kind}",
        sentence=sentence,
        cite=f"[{w.registry.number(citation)}]",
    )


def _named_as(stated: Citation | None) -> tuple[str, ...]:
    """How the narrative names the metric where it states the change (2026年收支预算7,370.46万元
    …: 收支预算)."""
    pattern = planner_vocabulary()["stated_name"]
    found = re.search(pattern, stated.quote or "") if stated else None
    return (found.group(1),) if found else ()


def _states(passage: PassageFound, stated: Citation) -> bool:
    """Whether a passage is of the section stating the change, or quotes its sentence."""
    return passage.section == stated.section or _flat(stated.quote or "")[:30] in _flat(
        passage.text
    )


CHANGES = ("up", "down")
"""The directions a change from the year before takes (not zero, nor against the budget)."""
EITHER = "either"
"""A question asking which way a figure went (是多是少): the way it went decides."""


def asked_direction(question: str) -> str | None:
    """The direction of change a question takes for granted (为什么增加了: up), the first said;
    ``EITHER`` where it asks which (是多是少)."""
    vocab = planner_vocabulary()
    if re.search(vocab["asks_either"], question):
        return EITHER
    asks = vocab["asks_direction"]
    said = [(m.start(), d) for d, p in asks.items() if (m := re.search(p, question))]
    return min(said)[1] if said else None


def _change_unexplained(
    results: Results, sentence: str, asked: str | None, comparison: Comparison | None
) -> str:
    """Why no comparison could be made, where a change is asked about (比去年增加还是减少了？
    什么原因) and the best sentence neither states one nor gives a reason: no sentence about
    something else is quoted in its place."""
    failed = next((r for r in results.every("compare_years") if r.status != "ok"), None)
    if comparison or failed is None or asked not in (*CHANGES, EITHER):
        return ""
    vocab = planner_vocabulary()
    told = "|".join(vocab["states_direction"][d] for d in CHANGES)
    cues = "|".join(vocab["reason_cues"]["why"])
    return "" if re.search(f"{told}|{cues}", sentence) else failed.message or ""


def _direction(c: Comparison) -> str | None:
    change = c.change.value
    return "up" if change > 0 else "down" if change < 0 else None


def _premise(w: Writer, c: Comparison, asked: str, actual: str | None) -> str:
    """Say first that the question's premise is not what the figures show."""
    actual_words, asked_words = w.t["premise_actual"], w.t["premise_asked"]
    return w.fill(
        "reason_premise",
        metric=c.metric,
        actual=actual_words[actual or "flat"],
        asked=asked_words[asked],
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("…")


def quoted(
    citation: Citation, passage: PassageFound, sentence: str, opening: bool = False
) -> Citation:
    """The passage's citation narrowed to the quoted sentence, on the page where it ends (the
    answering sentence closes the quote), or where it starts for the opening of a section."""
    page = citation.page
    key = sentence.replace("\n", "").rstrip("…").split("……")[-1]  # a heading……its item's line
    at = max(passage.text.replace("\n", "").find(key), 0)
    at += 0 if opening else len(key) - 1
    for start_page, start in passage.pages:
        if start <= at:
            page = start_page
    return citation.model_copy(update={"page": page, "quote": sentence})


CANDIDATES = 5
"""The passages whose sentences are weighed (the search finds them without the direction of
change the question takes for granted, so the one stating the real change may rank lower)."""


def best_sentence(
    passages: list[PassageFound],
    question: str,
    subject: tuple[str, ...] = (),
    direction: str | None = None,
    stated: Citation | None = None,
    amounts: tuple[str, ...] = (),
    section: str | None = None,
    own: tuple[str, ...] = (),
    change: tuple[str, ...] = (),
) -> tuple[PassageFound, str]:
    """The passage and sentence that answer a text question: for 为什么 the sentence with a
    reason cue stating the change the question asks about (增加 for 为什么多了), naming the
    metric asked about, in the section of the narrative that states the change (`stated`: the
    reason follows its change), next to the amounts of that change (after 增加15,387.17万元),
    next to the amount of the change itself (`change`: a reason after 减少57,761.58万元 explains
    that change, though another sentence names the metric beside this year's figure),
    stating a part's own amounts after its name (`own`: 因公出国（境）费17万元，比上年增加7万元),
    in the `section` a total's change is explained in, giving a cause rather than only the
    parts that changed, or whose item (the numbered paragraph it closes)
    names the most of the subject (the metric and its parts), then sharing the most words with
    the question, across the top passages, the better ranked first on ties; for 用于什么 the
    same with purpose cues, any cue alike where a figure's amount is known (the sentence
    stating it first, 主要用于 over 用于 after); for the units or duties, the opening of the
    best passage. The quote keeps the item's lead-in."""
    vocab = planner_vocabulary()
    topic = text_topic(question, subject[0] if subject else None)
    if topic is not None:
        count = counted(question)
        first = _topical(passages, topic)
        if count and (stated := _count_or_list(first, count, question)):
            return stated
        topical = (
            sorted(
                (p for p in passages if _of_topic(p, topic)),
                key=lambda p: not re.search(topic, (p.section or "").split(" > ")[-1]),
            )
            or passages[:1]
        )  # (a passage of the section's own title before one under it)
        asked = text_question(question, subject[0] if subject else None) or {}
        first = min(topical, key=lambda p: p.position) if asked.get("from_start") else None
        passage = first or topical[0]
        return passage, _opening(passage, topic)
    use = bool(re.search(vocab["asks_use"], question))
    cues = vocab["reason_cues"]["use" if use else "why"]
    strongest = 1 if use and amounts else len(cues)  # a use: of the figure's sentence first
    words = set(terms(question))
    subject = (*subject, *_named_as(stated))
    named = {w for name in subject for w in terms(name) if len(w) > 1}
    told = vocab["states_direction"].get(direction or "", "$^")

    def score(
        context: list[str], rank: int, passage: PassageFound, near: str
    ) -> tuple[bool, int, bool, bool, bool, bool, bool, bool, bool, bool, int, int, int, int, int]:
        text = _plain("".join(context))
        cued = sum(bool(re.search(cue, context[-1])) for cue in cues)
        unnamed = re.sub("|".join(map(re.escape, filter(None, subject))) or "$^", "", context[-1])
        unnamed = re.sub(CLASSED, "", unnamed)  # 用于社会福利的彩票公益金支出（项） is a name
        absent = direction == "zero" and re.search(told, unnamed)  # 年初不编制, for 为什么没有
        answers = any(re.search(cue, unnamed) for cue in cues) or bool(absent)
        return (
            answers and bool(subject) and _headed_by(context[0], subject[0]),
            min(cued, strongest),
            bool(re.search(told, text)),
            any(
                re.search(rf"(?<![\d.,]){re.escape(a)}(?!\d)", _before_cause(near, context[-1]))
                for a in change
            ),
            bool(subject) and _plain(subject[0]) in text,
            any(amount in _before_cause(near, context[-1]) for amount in amounts),
            cued,
            bool(own) and _states_own(context[-1], subject[0], own),
            bool(section) and bool(re.search(section or "$^", title_key(passage.section or ""))),
            not parts_changed(context[-1]),
            bool(stated) and _states(passage, stated),
            sum(_plain(name) in text for name in subject if name),
            sum(w in text for w in named),
            sum(w in text for w in words),
            -rank,
        )

    candidates = [
        (score(context, rank, passage, near), passage, context)
        for rank, passage in enumerate(passages[:CANDIDATES])
        for ss in [_sentences(passage.text)]
        for i in range(len(ss))
        for context, near in [(_item_context(ss, i), "".join(ss[max(0, i - 2) : i + 1]))]
    ]
    _, passage, context = max(candidates, key=lambda c: c[0])
    sentences = _sentences(passage.text)
    context = _with_its_list(sentences, _with_its_change(sentences, context))
    context = _with_what_follows(sentences, context)
    quote = "".join(context)
    if quote.endswith(("：", ":")):
        sentences = _sentences(passage.text)
        following = sentences.index(context[-1]) + 1
        quote += sentences[following] if following < len(sentences) else ""
    return passage, quote


def _before_cause(near: str, sentence: str) -> str:
    """The words near a sentence (those before it, then its own) up to the cause it gives: a
    change stated there is the one the cause explains (减少了1237.7万元。主要原因一是…), not
    one it gives as the cause (主要原因是公共安全支出增加114.4万元)."""
    cause = re.search(planner_vocabulary()["reason_cues"]["why"][0], sentence)
    return near[: len(near) - len(sentence) + cause.start()] if cause else near


CLASSED = r"[\u4e00-\u9fff、（）()]*?[（(][类款项][）)]"
"""A 功能分类 line's name as the narrative writes it, marked with its level."""


def _headed_by(sentence: str, name: str) -> bool:
    """Whether a numbered item opens with a name (1.因公出国（境）费用：…年初不编制: about
    因公出国, not the 2.公务接待费 item after it, however plainly that one says 原因)."""
    if not ITEM.match(sentence) or not name:
        return False
    heading = re.split(r"[：:，,。\d]", ITEM.sub("", sentence), maxsplit=1)[0]
    return _plain(name) in _plain(heading)


def _said_change(question: str) -> tuple[str, ...]:
    """The amounts and rates a question says a change by (下降了45%多: 45), whole units only,
    so that 45.44% is found."""
    return tuple(re.findall(planner_vocabulary()["said_change"], question))


ITEM = re.compile("^" + item_mark())
TITLE_CHARS = 8
"""A passage's first line is its section's title where it starts with this much of it (the
title in a section path may be cut short with …)."""


def _first_stating(
    passages: list[PassageFound],
    stated: str,
    also: Callable[[str], bool] = bool,
    untitled: bool = False,
) -> tuple[PassageFound, str] | None:
    """The first sentence of the passages (spaces aside) that states what the pattern says: a
    count of units or offices, an amount after a name; and of which ``also`` holds. With
    ``untitled``, not where the pattern is in a title (《北京市落实免费学前教育实施方案》 names a
    document, not what the money is for)."""
    for passage in passages:
        sentences = _sentences(passage.text)
        for i, sentence in enumerate(sentences):
            flat = sentence.replace(" ", "")
            said = re.sub(TITLED, "", flat) if untitled else flat
            if re.search(stated, _unbracketed(said)) and also(flat):
                more = takewhile(lambda s: re.search(stated, s), sentences[i + 1 : i + 3])
                return passage, sentence + "".join(more) if not untitled else sentence
    return None


TITLED = r"《[^》]*》"


def _unbracketed(text: str) -> str:
    """A text as a name in it is said, its brackets left out (北方工业大学延庆新校区（一期）建设
    项目 is asked as 延庆新校区一期建设)."""
    return re.sub(r"[（）()]", "", text)


def _of_topic(passage: PassageFound, topic: str) -> bool:
    """Whether a passage is of a section the topic names, or of one under it (（一）负责处理…
    under 一、部门职责), the part of the document aside (第一部分…基本情况)."""
    part = planner_vocabulary()["document_part"]
    titles = (passage.section or "").split(" > ")
    return any(re.search(topic, t) and not re.match(part, t) for t in titles)


def _unstated(passages: list[PassageFound], question: str) -> str | None:
    """What a count question asks that only a sentence stating it answers (人数), when none of
    the passages found states it."""
    asked, count = text_question(question), counted(question)
    what = asked.get("stated_only") if asked else None
    topical = _topical(passages, asked["section"]) if asked else []
    if what and count and _first_stating(topical, count["states"]) is None:
        return what
    return None


def _topical(passages: list[PassageFound], topic: str) -> list[PassageFound]:
    """The passages weighed for a question about the units, the organisation or the duties:
    those of its sections first."""
    return sorted(passages, key=lambda p: not _of_topic(p, topic))[:CANDIDATES]


def counted(question: str) -> dict[str, str] | None:
    """How the narrative states the count a question asks (几个二级预算单位), if it asks one: the
    pattern of a sentence stating it, and of the lead-in of a list of what is counted."""
    vocab = planner_vocabulary()
    topic = text_topic(question)
    if topic is None or not re.search(vocab["counts_asked"], question):
        return None
    return vocab["stated_count"].get(topic)


def _count_or_list(
    passages: list[PassageFound], count: dict[str, str], question: str
) -> tuple[PassageFound, str] | None:
    """The sentence stating the count asked, else the list of what is counted; the list first
    where the question asks which (包括哪几个单位)."""
    stating = _first_stating(passages, count["states"])
    listing = _first_list(passages, count["lists"])
    if re.search(planner_vocabulary()["names_asked"], question):
        return listing or stating
    return stating or listing


def _first_list(passages: list[PassageFound], lead: str) -> tuple[PassageFound, str] | None:
    """The first list the passages print of what the lead-in pattern names, with its lead-in: a
    line ending in ： followed by two or more numbered lines (“…二级预算单位包括：”,
    “1.烟台市司法局”, …), or by lines each naming a unit (中共上海市普陀区委社会工作部（本级）,
    上海市普陀区社会工作发展服务中心), one a line."""
    for passage in passages:
        lines = passage.text.split("\n")
        for i, line in enumerate(lines):
            leads = line.endswith(("：", ":")) and bool(re.search(lead, line))
            items = list(takewhile(ITEM.match, lines[i + 1 :])) if leads else []
            if len(items) > 1:
                return passage, "".join([line, *items])
            units = list(takewhile(_names_unit, lines[i + 1 :])) if leads else []
            if len(units) > 1:
                return passage, "\n".join([line, *(u.strip() for u in units)])
    return None


def _names_unit(line: str) -> bool:
    return bool(line.strip()) and ends_with_unit(line.strip())


def _listed(sentence: str) -> int:
    """How many numbered items follow a quote's last lead-in, where the last item's number
    says so (0 when it is no such list: a count the quote does not print is not stated)."""
    _, colon, items = sentence.rpartition("：")
    found = re.findall(item_mark(), items) if colon and ITEM.match(items) else []
    last = re.findall(r"(\d+)[.．、]", found[-1]) if found else []
    return len(found) if len(found) > 1 and last and int(last[0]) == len(found) else 0


def _item_context(sentences: list[str], i: int, reach: int = 3) -> list[str]:
    """Sentence i with what leads into it: back to the start of its numbered item when that
    is at most `reach` sentences before, otherwise the sentence before it."""
    for start in range(i, max(i - reach, 0) - 1, -1):
        if ITEM.match(sentences[start]):
            return sentences[start : i + 1]
    return sentences[max(i - 1, 0) : i + 1]


def _with_its_change(sentences: list[str], context: list[str]) -> list[str]:
    """A reason for a change quoted with the sentence stating the change, where it does not
    state it itself (上海: 比2025年增加147万元。国有资本经营预算拨款支出预算为0。财政拨款收入支出
    增加的主要原因是…): back to the nearest of the `reach` sentences before that states one."""
    vocab = planner_vocabulary()
    change, reach = vocab["change_stated"], vocab["change_reach"]
    if re.search(change, "".join(context)) or context[0] not in sentences:
        return context
    first = sentences.index(context[0])
    for start in range(first - 1, max(first - reach, 0) - 1, -1):
        if re.search(change, sentences[start]):
            return [*sentences[start:first], *context]
    return context


def _with_what_follows(sentences: list[str], context: list[str]) -> list[str]:
    """A sentence stating a figure, quoted with the next sentence of its item where that one
    says why or what for and it does not (安全监管（项）支出2,141.67万元，…。主要原因是安全监管
    能力建设…的费用。)."""
    cues = [c for kind in planner_vocabulary()["reason_cues"].values() for c in kind]
    said = "|".join(cues)
    last = context[-1]
    if last not in sentences or re.search(said, last):
        return context
    after = sentences.index(last) + 1
    following = sentences[after] if after < len(sentences) else ""
    if following and not ITEM.match(following) and re.search(said, following):
        return [*context, following]
    return context


def _with_its_list(sentences: list[str], context: list[str]) -> list[str]:
    """A reason opening a list quoted with the rest of its items (深圳: 预算收支增加主要原因说明：
    一是…；支付…；二是…；三是…污水处理服务费增加178,309.00万元。): the sentences after it that
    start with the list's marker or go on from a “；”, up to `list_chars` characters; a reason
    going on past a “；” with no list, to where its sentence ends (湖州卫健委: 主要是2026年市级财政
    安排基建预算1.26亿元…；2026年专项债券安排基建预算1.50亿元…。), not into the next item."""
    last = context[-1]
    if last not in sentences:
        return context
    i = sentences.index(last)
    style = _list_opened(sentences, i)
    if style is None and not last.endswith("；"):
        return context
    more: list[str] = []
    limit = planner_vocabulary()["list_chars"]
    for sentence in sentences[i + 1 :]:
        goes_on = (more or context)[-1].endswith("；") and (style or not ITEM.match(sentence))
        listed = style is not None and re.match(style, sentence)
        if not (listed or goes_on) or len("".join([*context, *more, sentence])) > limit:
            break
        more.append(sentence)
    return [*context, *more]


def _list_opened(sentences: list[str], i: int) -> str | None:
    """The marker style of the list of reasons sentence i opens (…原因说明：一是…) or begins
    (…原因说明： | 1.…)."""
    lead = planner_vocabulary()["reason_list"]
    found = re.search(lead, sentences[i])
    if found:
        after = sentences[i][found.end() :]
        if after:
            return list_style(after)
        return list_style(sentences[i + 1]) if i + 1 < len(sentences) else None
    if i and re.search(lead + "$", sentences[i - 1]):
        return list_style(sentences[i])
    return None


def _plain(text: str) -> str:
    return re.sub('[“”"]', "", text)


def _sentences(text: str) -> list[str]:
    """Sentences, a numbered item after “其中：” or on a line of its own starting its own
    (“3.收支预算减少的主要原因，项目支出减少” ends where the line “二、“三公”经费…” begins)."""
    mark = item_mark()
    ends = r"(?<=[。；！？])|(?<=[：:])(?=" + mark + r")|\n(?=" + mark + ")"
    return [s.replace("\n", "").strip() for s in re.split(ends, text) if s.strip()]


def _opening(passage: PassageFound, topic: str, limit: int = 240) -> str:
    """The start of a passage, past its first line where that is its section's title; where
    it opens with a numbered item, from the item naming the topic, if one does (2．从预算单位
    构成看 after 1．根据部门职责分工，本部门内设机构包括…)."""
    first, _, rest = passage.text.partition("\n")
    title = _plain((passage.section or "").split(" > ")[-1]).rstrip("…")
    titled = rest and title and _plain(first).startswith(title[:TITLE_CHARS])
    body = rest if titled else passage.text
    lines = body.split("\n")
    if ITEM.match(lines[0]):
        naming = (i for i, line in enumerate(lines) if ITEM.match(line) and re.search(topic, line))
        lines = lines[next(naming, 0) :]
    body = "\n".join(lines)
    return body if len(body) <= limit else body[:limit] + "…"
