"""Answers about parts and wholes: a share, a breakdown, the largest (or smallest) part."""

import re
from difflib import SequenceMatcher

from caiwen.domain.catalogue import normalise
from caiwen.service.composers.figures import lone_lines, stated_part, unit_printed
from caiwen.service.details import Breakdown, Part, ShareOf, Stated
from caiwen.service.labels import rules as label_rules
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.understand import planner_vocabulary
from caiwen.service.values import Value
from caiwen.service.writer import Composed, Results, Writer, money, number

SUBPARTS = 8
"""At most this many of a part's own parts are listed (the rest are in the tool result)."""


def share(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("share")
    s = result.detail(ShareOf)
    fields = {
        "who": s.whole.department,  # the document's (a unit's part is of its department's)
        "year": s.part.year,
        "metric": s.part.name,
        "part": number(s.part),
        "part_unit": _unit_said(w, result, s.part, s.said),
        "whole_name": s.whole.name,
        "whole": number(s.whole),
        "whole_unit": unit_printed(w, s.whole),
        "cite": w.marks(result, s.part, s.whole, s.share),
    }
    if s.share is None:
        return Composed(w.fill("share_of_zero", **fields))
    written = w.fill("share_written", written=f"{s.written:f}") if s.written is not None else ""
    text = w.fill("share", percent=number(s.share), written=written, **fields)
    return Composed(text + _stated(w, result, s))


def _stated(w: Writer, result: ToolResult, s: ShareOf) -> str:
    """The narrative's own percent where it is not the tables' one, and the base it is of."""
    if s.stated is None or s.share is None:
        return ""
    text = w.fill("share_stated", stated=number(s.stated), cite=w.marks(result, s.stated))
    if s.stated_part is not None:
        text += w.fill(
            "share_stated_part",
            metric=s.part.name,
            said=number(s.stated_part),
            part=number(s.part),
        )
    elif s.base is not None and s.left_out is not None:
        text += w.fill(
            "share_stated_base",
            base_name=s.base.name,
            base=number(s.base),
            whole_name=s.whole.name,
            whole=number(s.whole),
            left=number(s.left_out),
            named=_named(w, result, s.left_out),
        )
    else:
        text += w.fill("share_stated_other", percent=number(s.share))
    return text + "。"


def _named(w: Writer, result: ToolResult, left_out: Value) -> str:
    """What the whole holds beyond the base, where the document prints it as a figure."""
    if left_out.role != "figure":
        return ""
    return w.fill("share_left_named", name=left_out.name, cite=w.marks(result, left_out))


def breakdown(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("breakdown")
    b = result.detail(Breakdown)
    if plan.named_parts:
        return _named_parts(w, plan, result, b)
    unlisted = _items_unlisted(plan, b)
    lines = [
        _part_line(w, result, part) + _subparts(w, result, part)
        for part in _about(plan, b.kinds or b.parts)
    ]
    text = w.fill(
        "breakdown_counted" if b.count else "breakdown",
        count=number(b.count) if b.count else None,
        who=b.whole.department,
        year=b.whole.year,
        metric=b.whole.name,
        value=number(b.whole),
        unit=_unit_said(w, result, b.whole, b.whole_said),
        cite=w.marks(result, b.whole),
        parts=lone_lines(w, result, b) + "；".join(lines),
    )
    if b.unbalanced is not None:
        said = "stated_rest" if b.stated else "unbalanced"
        text += w.fill(said, total=money(b.unbalanced), whole=money(b.whole.value))
    if b.kinds:
        text += w.fill(
            "breakdown_items", items="；".join(stated_part(w, result, i.value) for i in b.parts)
        )
    if b.narrated:
        text += w.fill(
            "breakdown_narrated", parts="、".join(stated_part(w, result, v) for v in b.narrated)
        )
    if b.instead_of:
        who, year = b.whole.department, b.whole.year
        instead = "breakdown_instead_items" if plan.by_item else "breakdown_instead"
        said = w.fill(instead, who=who, year=year, asked=b.instead_of, metric=b.whole.name)
        text = said + text
    if unlisted:  # 具体有哪几个项目: no table names them; the lines shown are not what was asked
        text = w.fill("unlisted_items", metric=b.whole.name) + text
    listed = [part.value.name for part in b.kinds or b.parts]
    return Composed(text + _all_funds(w, b), refused=bool(unlisted), listed=listed)


def _named_parts(w: Writer, plan: Plan, result: ToolResult, b: Breakdown) -> Composed:
    """The parts asked by their own words, each with its amount and share of the whole; those
    none of its parts is named as, said to be not listed apart (refused where none is)."""
    parts = b.kinds or b.parts
    found = {said: _called(b.kinds, said) or _called(b.parts, said) for said in plan.named_parts}
    named = {id(part): part for part in found.values() if part is not None}  # 立法费和法制专刊: one
    lines = [_part_line(w, result, part) for part in named.values()]
    whole = {
        "who": b.whole.department,
        "year": b.whole.year,
        "metric": b.whole.name,
        "value": number(b.whole),
        "unit": _unit_said(w, result, b.whole, b.whole_said),
        "cite": w.marks(result, b.whole),
    }
    text = w.fill("breakdown", **whole, parts="；".join(lines)) if lines else ""
    missing = [said for said, part in found.items() if part is None]
    if missing:
        listed = "、".join(p.value.name for p in parts)
        unlisted = "parts_unlisted_too" if lines else "parts_unlisted"
        text += w.fill(unlisted, **whole, asked="、".join(missing), listed=listed)
    return Composed(text, refused=not lines, listed=[p.value.name for p in parts])


def _called(parts: list[Part], said: str) -> Part | None:
    """The one part a question's words name: its name holds them, or they hold its name; else
    its name holds them in two stretches (消费贷款贴息 of 个人消费贷款财政贴息、…贷款贴息资金),
    or holds them without their fillers and word of money; else holds most of them in their
    order (第十三届省人代会一次会议的经费 of 江苏省第十三届人代会一次会议经费会议费)."""
    key = normalise(said)
    named = [p for p in parts if key in normalise(p.value.name) or normalise(p.value.name) in key]
    core = re.sub(label_rules()["name_fillers"], "", re.sub(MONEY_WORD, "", key))
    named = named or [p for p in parts if _in_two(key, normalise(p.value.name))]
    named = named or [p for p in parts if len(core) >= 2 and core in normalise(p.value.name)]
    named = named or _mostly_in(parts, core.replace("的", ""))
    return named[0] if len({p.value.value for p in named}) == 1 else None


def _mostly_in(parts: list[Part], core: str) -> list[Part]:
    """The parts whose names hold the most of a phrase's words, in stretches of two characters
    or more in their order, where that is at least ``close`` of them."""
    if len(core) < label_rules()["core_chars"]:
        return []
    held = {id(p): _held(core, normalise(p.value.name)) for p in parts}
    most = max(held.values(), default=0.0)
    return [p for p in parts if held[id(p)] == most] if most >= label_rules()["close"] else []


def _held(core: str, name: str) -> float:
    blocks = SequenceMatcher(None, core, name, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 2) / len(core)


def _about(plan: Plan, parts: list[Part]) -> list[Part]:
    """The parts whose names hold the words asked about (跟医疗救助有关的项目), where any do."""
    if not plan.about:
        return parts
    key = normalise(plan.about)
    return [p for p in parts if key in normalise(p.value.name)] or parts


MONEY_WORD = "(?:费用|经费|资金|费|的钱)$"
"""A word of money a part is said with that its printed name may lack (戒毒人员的生活费 of
强制隔离戒毒人员生活)."""


def _in_two(key: str, name: str) -> bool:
    """Whether a name holds the words in two stretches of two characters or more, in order."""
    for cut in range(2, len(key) - 1):
        at = name.find(key[:cut])
        if at >= 0 and name.find(key[cut:], at + cut) >= 0:
            return True
    return False


def _items_unlisted(plan: Plan, b: Breakdown) -> bool:
    """Whether the question names the items of a whole no table lists (具体有哪几个项目); asked
    only where the money goes (主要花在哪几块，按金额排一下), the whole's lines answer."""
    return b.unlisted and bool(re.search(planner_vocabulary()["items_named"], plan.query))


def _part_line(w: Writer, result: ToolResult, part: Part) -> str:
    return w.fill(
        "breakdown_part",
        metric=part.value.name,
        value=number(part.value),
        unit=_part_unit(w, result, part),
        percent=_share(part),
        cite=w.marks(result, part.value),
    )


def rank_within(w: Writer, plan: Plan, results: Results) -> Composed:
    """The largest (or smallest) part of a whole, and the largest of its own parts; or as many
    of its parts as asked, in order (科学技术支出下面哪三块钱最多)."""
    result = results.one("breakdown")
    b = result.detail(Breakdown)
    if _items_unlisted(plan, b):  # 哪个项目最多, where no table names projects
        return Composed(w.fill("unlisted_items", metric=b.whole.name), refused=True)
    if not b.parts:
        return Composed(result.message or w.t["no_parts"], refused=True)
    ordered = sorted(b.parts, key=lambda p: p.value.value, reverse=plan.order == "desc")
    most = w.t["rank_most"][plan.order]
    whole = {
        "who": b.whole.department,
        "year": b.whole.year,
        "metric": b.whole.name,
        "most": most,
        "total": number(b.whole),  # 一共多少？哪个最多: the whole is stated too
        "total_unit": _unit_said(w, result, b.whole, b.whole_said),
        "total_cite": w.marks(result, b.whole),
    }
    if plan.top_n > 1 and len(ordered) > 1:
        ranked = ordered[: plan.top_n]
        items = "；".join(
            w.fill("rank_within_item", rank=i, **_ranked(w, result, p))
            for i, p in enumerate(ranked, 1)
        )
        text = w.fill("rank_within_list", n=w.counted(len(ranked)), items=items, **whole)
        return Composed(text + _all_funds(w, b), listed=[p.value.name for p in ranked])
    top = ordered[0]
    text = w.fill("rank_within", **whole, **_ranked(w, result, top))
    if top.parts and top.value.value:
        pick = max if plan.order == "desc" else min
        first = pick(top.parts, key=lambda v: v.value)
        text += w.fill(
            "rank_within_inner",
            most=most,
            top=first.name,
            value=number(first),
            unit=unit_printed(w, first),
            cite=w.marks(result, first),
        )
    focus = top.value.metric
    if b.deepest:
        line = b.deepest[-1]
        focus = line.name  # 这笔补助 next: the line named last, by its printed name
        path = "、".join(v.name for v in b.deepest[:-1])
        text += w.fill(
            "rank_within_deepest",
            line=line.name,
            value=number(line),
            unit=unit_printed(w, line),
            cite=w.marks(result, line),
            path=w.fill("rank_within_path", path=path) if path else "",
            share=_deepest_share(w, b),
        )
    return Composed(text + _all_funds(w, b), focus=focus, listed=[top.value.name])


def _deepest_share(w: Writer, b: Breakdown) -> str:
    if b.deepest_share is None:
        return ""
    return w.fill("rank_within_deepest_share", whole=b.whole.name, percent=number(b.deepest_share))


def _all_funds(w: Writer, b: Breakdown) -> str:
    """That the lines given are of all funds, where the fund asked prints none of them."""
    if b.fund_undivided is None:
        return ""
    return w.fill("fund_undivided", fund=b.fund_undivided, metric=b.whole.name)


def _ranked(w: Writer, result: ToolResult, part: Part) -> dict[str, str]:
    """How a ranked part is said: its name, amount, unit, marks and share of the whole."""
    return {
        "top": part.value.name,
        "value": number(part.value),
        "unit": _part_unit(w, result, part),
        "cite": w.marks(result, part.value),
        "percent": _share(part),
    }


def _part_unit(w: Writer, result: ToolResult, part: Part) -> str:
    return _unit_said(w, result, part.value, part.said)


def _unit_said(w: Writer, result: ToolResult, value: Value, said: Stated | None) -> str:
    """A part's unit, with the amount its table prints in another unit and the narrative's
    rounding of it where it states one (82,430,239元, 说明写作8243万元)."""
    if said is None or not value.printed:
        return unit_printed(w, value)
    printed, cite = value.printed, w.mark(result, said.citation)
    fields = {"printed": printed, "said": f"{said.value:f}", "unit": said.unit, "cite": cite}
    return value.unit + w.fill("printed_said", **fields)


def _share(part: Part) -> str:
    return number(part.share) if part.share is not None else "—"


def _subparts(w: Writer, result: ToolResult, part: Part) -> str:
    shown = [v for v in part.parts if v.value]
    if not shown:
        return ""
    items = "、".join(
        w.fill("subpart", metric=v.name, value=number(v), cite=w.marks(result, v))
        for v in shown[:SUBPARTS]
    )
    more = w.t["more_subparts"] if len(shown) > SUBPARTS else ""
    return w.fill("subparts", items=items, more=more)
