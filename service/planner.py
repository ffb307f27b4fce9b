"""question + scope + the previous turn → a plan (service/plan.py): what to compute, of which
metric, for which department and period. The intent registry turns it into tool calls.
Deterministic: no model, no network."""

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from caiwen.domain.catalogue import MONEY, Catalogue, Resolution, normalise
from caiwen.ingest.fact_grammar import grammar
from caiwen.ingest.lexical import names_something
from caiwen.ingest.numbers import small_count
from caiwen.ingest.stored import StoredDocument
from caiwen.service.directory import Directory
from caiwen.service.filed import Filed, as_filed, filed_under
from caiwen.service.gazetteer import governments_in, within
from caiwen.service.homophones import sound
from caiwen.service.intents import CONTINUED, FROM_TEXT, ONE_DOCUMENT
from caiwen.service.labels import common_stretch, core_of, label_of, longest_common, names_unit
from caiwen.service.labels import rules as label_rules
from caiwen.service.lexicon import Lexicon
from caiwen.service.names import Organisation, organisation, region_forms
from caiwen.service.names import rules as name_rules
from caiwen.service.parts import STATES_EACH, clauses, merged
from caiwen.service.phrases import (
    asks_whole,
    definition_term,
    named_phrase,
    own_phrase,
    stretches,
    trimmed,
    with_ending,
    without_whole_words,
)
from caiwen.service.plan import (
    ALL_PARTS,
    Compared,
    Department,
    Intent,
    MetricSlot,
    Period,
    Plan,
    Scope,
)
from caiwen.service.targets import TargetLine, best, covers
from caiwen.service.understand import (
    Question,
    Reader,
    clean,
    quoted_amount,
    text_topic,
)
from caiwen.service.units import unit_rows
from caiwen.service.wholes import Wholes

UNIT_FIGURES: frozenset[Intent] = frozenset(
    {"value", "named", "several", "sum", "exists", "share", "breakdown"}
)
"""What a unit's own rows in its department's tables by unit answer (湖州市交通运输行政执法队
三公经费多少, 其中买车的钱多少; the items printed under its name: 技师学院有哪些项目)."""

UNPRINTED_ASKED: frozenset[Intent] = frozenset(
    {"value", "named", "several", "breakdown", "count", "offer"}
)
"""What a question may ask of a unit its department's document prints nothing of apart (下面那几个
城区大队，各自分到多少预算: the answer says none is printed, not the department's total)."""


RANKING: frozenset[Intent] = frozenset({"rank", "rank_within", "units"})
"""Operations ranking what they find, whose clauses after may ask how many or which place."""


class Planner:
    def __init__(
        self,
        catalogue: Catalogue,
        documents: list[StoredDocument],
        rows: Iterable[tuple[str, str | None, str]] = (),
        targets: Callable[[Department, Period], list[TargetLine]] = lambda *_: [],
        saying: Callable[[str], list[tuple[str, str | None]]] = lambda _: [],
        printing: Callable[[Decimal], list[tuple[str, str | None]]] = lambda _: [],
    ):
        """`rows`: (department, region, label) of every row the stored tables print;
        `targets`: the target lines (service/targets.py) of the document a department and
        period mean; `saying`: (department, region) of the documents whose text says a phrase;
        `printing`: those whose tables print an amount (in 万元)."""
        self.catalogue = catalogue
        self.targets = targets
        self.saying = saying
        self.printing = printing
        self.wholes = Wholes(catalogue)
        self.years: dict[str, list[int]] = {}
        """Each department (organisation) → the years it has disclosures for."""
        self.regions: dict[str, str | None] = {}
        self.levels: dict[tuple[str, int], set[str]] = {}
        """(department, year) → the levels (部门, 单位) it published that year."""
        self.kinds: dict[tuple[str, int], set[str]] = {}
        """(department, year) → the kinds (预算, 决算) it published that year."""
        for doc in documents:
            org = organisation(doc.department, doc.region)
            self.years.setdefault(org.name, []).append(doc.year)
            self.regions.setdefault(org.name, org.region)
            self.levels.setdefault((org.name, doc.year), set()).add(doc.level)
            self.kinds.setdefault((org.name, doc.year), set()).add(doc.kind)
        rows = list(rows)
        units = unit_rows(rows)
        self.unit_rows = {o.name: row for o, row in units.items()}
        """Units printed as rows of a stored department's tables, by name: the department's
        own row (本级) too."""
        self.unit_labels = {row.label for row in self.unit_rows.values()}
        """The labels those rows are printed under."""
        stored = [Organisation(n, r) for n, r in self.regions.items()]
        organisations = dict.fromkeys(stored)
        self.directory = Directory(organisations, units)
        self.filed = {
            name: filed
            for name, filed in filed_under(documents).items()
            if filed.holder not in {o.name for o in self.directory.whole(name)}
        }
        """Department names files are named after, which no stored organisation goes by."""
        if self.filed:
            self.directory = Directory([*organisations, *as_filed(self.filed)], units)
        names = catalogue.spellings() | {name: name for name in catalogue.subject_names}
        codes = [code for code in sorted(catalogue.functional) if catalogue.is_class(code)]
        classes = [(catalogue.functional[c], catalogue.functional[c]) for c in codes] + [
            (former, catalogue.functional[c])
            for c in codes
            for former in catalogue.formerly.get(c, ())
        ]
        self.lexicon = Lexicon(names, dict.fromkeys(label for *_, label in rows), classes)
        self.printers: dict[str, set[str]] = {}
        """Each row label → the departments (organisations) whose tables print it."""
        for department, region, label in rows:
            self.printers.setdefault(label, set()).add(organisation(department, region).name)
        self.reader = Reader(catalogue, self.directory, self.lexicon, self.printers)

    def department(self, name: str, level: str | None = None) -> Department:
        """A stored department (or a name as given) with its region, at a level if asked."""
        return Department(name, self.regions.get(name), level)

    def scope_department(self, name: str) -> str | None:
        """The stored department a scope's name means (the widget's page, a CLI flag)."""
        found = self.directory.resolve(name)
        return found[0].name if len(found) == 1 else None

    def plan(self, question: str, scope: Scope, previous: Plan | None = None) -> Plan:
        """The plan of a question, in the context of the asker's scope and the question
        before it; a question of several clauses is planned clause by clause (service/parts)."""
        self.reader.forget()
        if previous is not None and previous.parts:
            if again := self._parts_again(question, scope, previous):
                return self._with_parts(again)
            previous = previous.parts[0]
        planned = self._balanced(self._planned(question, scope, previous), question)
        return self._with_parts(self._remembered(planned, previous) if previous else planned)

    def _balanced(self, plan: Plan, question: str) -> Plan:
        """How 收入 and 支出 meet (收支对得上吗, 差的钱从哪来): this year's income and the money
        carried over, added up against the spending, whatever figures the question quotes of
        them (本年收入才7.36亿，支出却有8.12亿) and wherever it asks the gap again (差额从哪来);
        its other clauses (收入由哪几块构成) are answered besides."""
        words = self.reader.vocab["tally"]
        balance = words["balance"]
        if not re.search(balance, clean(question)):
            return plan
        asking = [p for p in plan.parts if p.department and re.search(balance, clean(p.query))]
        if not asking:
            asked = next((p for p in (plan.parts or [plan]) if p.department), None)
            return self._balance(asked) if asked else plan
        checked = self._balance(asking[0])
        figures = {self.wholes.id(m.name) for m in [checked.metric, *checked.metrics] if m}
        stated = [  # the figures it quotes, and the gap asked again (差额从哪来)
            p
            for p in plan.parts
            if (p.intent in ("value", "named") and self.wholes.id(p.metric_name or "") in figures)
            or re.search(words["gap"], clean(p.query))
        ]
        parts = [checked, *(p for p in plan.parts if p not in asking and p not in stated)]
        return parts[0] if len(parts) == 1 else replace(plan, parts=parts)

    def _balance(self, plan: Plan) -> Plan:
        words = self.reader.vocab["tally"]
        whole = MetricSlot(words["balance_whole"])
        parts = [MetricSlot(name) for name in words["balance_parts"]]
        return replace(
            plan, intent="tally", metric=whole, whole=whole, metrics=parts, quoted=[], parts=[]
        )

    def _planned(self, question: str, scope: Scope, previous: Plan | None) -> Plan:
        earlier = previous.earlier if previous else []
        whole = self._plan_one(question, scope, previous)
        pieces = self._subjects_joined(clauses(question))
        if len(pieces) < 2 and (each := self._names_each(question)):
            parts = [self._plan_one(asked, scope, previous) for asked in each]
            whose = {"department": whole.department, "period": whole.period}
            return Plan("parts", query=question, parts=parts, **whose)
        quoted_parts = len(whole.quoted) >= 3  # 增加388.34万，基本支出19.34万、项目支出369万
        if whole.quoted and not quoted_parts and self._tallied(whole, question).intent == "tally":
            whole.quoted = []  # 那5个项目加起来和项目支出1531.45万一致吗: the whole as said
        if len(pieces) < 2 and not whole.quoted:
            whole = self._added_up(whole, question, [*earlier, *named([previous])])
            self._inside_named(whole, self.reader.read(question))
            planned = self._shares(self._tallied(self._summed(whole, question), question))
            each = self._each(planned, None, question)
            if len(each) < 2:
                each = self._shares_again(planned, previous, question)
                planned = each[0] if len(each) == 1 else planned  # (各占多大比例: those listed)
            if len(each) > 1:  # 那出国费和接待费呢
                whose = {"department": planned.department, "period": planned.period}
                planned = Plan("parts", query=question, parts=each, **whose)
            return self._audited(planned, question)
        pieces = self._governed(pieces, question)
        plans: list[Plan] = []
        asked: list[Plan] = []  # the clauses quoting no amount, nor going on from one that does
        stated: list[Plan] = []  # the clauses quoting one
        for i, piece in enumerate(pieces):
            before = plans[-1] if plans else previous
            at = next((j for j in range(len(plans) - 1, -1, -1) if plans[j].intent in RANKING), -1)
            if at >= 0 and self._ranks_again(piece):
                before = plans[at]  # 最多的是哪个项目，多少钱？最少的又是哪个: that ranking's
            if plans and (counted := self._count_only(piece, plans[at])):
                plans[at] = replace(plans[at], top_n=counted)  # 哪几个项目花钱最多？说前三个
                continue
            if plans and (ordered := self._order_only(piece, before)):
                plans[-1] = ordered  # 钱主要花在哪几类？按功能分类从多到少排一下
                continue
            if plans and (ends := self._ends_asked(piece, plans[-1])):
                plans[-1] = ends  # 学前、小学、初中这几项，哪项最多、哪项最少
                continue
            one = self._the_rest(self._plan_one(piece, scope, before, clause=i > 0), piece, before)
            if i + 1 < len(pieces) and re.match(self.reader.vocab["within"], pieces[i + 1]):
                self._inside_named(one, self.reader.read(piece))  # …里的公用经费多少？其中…
            if i > 0:
                one = self._added_up(one, piece, [*earlier, *named([previous, *plans])])
                one = self._whole_changed_too(one, piece, plans)
            each = [self._summed(p, piece) for p in self._each(one, before, piece)]
            if i > 0 and _listed_before(each, before, self._each_only(piece)):
                continue  # 哪三项花钱最多？各多少？: the ranking gives each amount
            if i > 0 and _said_again(one, before, self._each_only(piece)):
                continue  # 哪个多，多多少: the difference the clause before asks
            if i > 0 and _share_of_ranked(one, before):
                continue  # 哪一块最多？占项目支出的百分之多少: the ranking says its share
            if i > 0 and before and before.intent in RANKING and self._amount_only(piece):
                continue  # 哪个单位预算最多？多少钱？: the ranking says its amount
            continued = i > 0 and [p.intent for p in each] == [before.intent] * len(each)
            shares = self._share_stated(piece, scope, before)
            plans += [*each, *shares]
            asked += shares
            if self.reader.quotes(piece):
                stated += each
            elif not continued:
                asked += each
        if whole.quoted:
            return self._checked(whole, asked, stated, question)
        # a clause only offered what the document holds, beside one asking something, set its
        # scene (开省人代会，每位代表一天的食宿标准是多少钱)
        plans = [p for p in plans if p.intent != "offer"] or plans
        plans = self._scene_set(plans)
        summed = self._summed(merged(plans, question, whole), question)
        if summed.intent == "need_department" and summed.region is None:  # 北京市…，今年…
            summed.region = next((p.region for p in plans if p.region), None)
        return self._audited(self._shares(self._tallied(summed, question)), question)

    def _items_again(self, plan: Plan, previous: Plan) -> None:
        """A ranking or a breakdown of the figure of the same department the one before divided
        into the items a table lists it by (花在哪些项目上？, then 哪一块最多) is of those items
        again."""
        ranked = plan.intent in ("rank_within", "breakdown")
        same = plan.metric == previous.metric and plan.department == previous.department
        if not (previous.by_item and ranked and same and plan.metric):
            return
        found = self.catalogue.resolve(plan.metric.name).metrics
        item = self.reader.vocab["item_metric"]
        listed = bool(found) and (bool(found[0].listed_in) or found[0].id == item)  # not 水利
        plan.by_item = plan.by_item or listed

    def _given_to_another(self, plan: Plan, text: str) -> None:
        """What one body no stored document nor table names is given (给重庆大学安排了多少科研
        经费, 福州科技局给福州大学的校地合作; 给长安汽车拨了多少补贴, a name no stored text says)
        is asked by the body's name: what the text says of it, else nothing the tables hold (not
        the 项目支出 the words after it name)."""
        if plan.metric is None or plan.intent not in ("value", "several", "named"):
            return
        body = self._body_given(clean(text), plan.department)
        if body is None:
            return
        if any(body in label for label in self.printers):
            return  # 给社会办医院的补贴: a line the tables print
        if not any(m.end - m.start == len(body) for m in self.directory.find(body)):
            plan.intent, plan.metric, plan.metrics = "named", MetricSlot(body), []

    def _body_given(self, text: str, department: Department | None) -> str | None:
        """The body a question asks what is given to: said with the word of its kind (大学,
        集团), or by a proper name alone (比亚迪, 长安汽车) that the store knows nothing in and no
        stored text says, of the department asked where one is (深圳住建局给万科: 烟台住建局's
        text says 万科, not 深圳's)."""
        if kind := re.search(self.reader.vocab["given_to_body"], text):
            return kind["body"]
        named = re.search(self.reader.vocab["given_to_name"], text)
        if named is None:
            return None
        body = named["body"]
        read = self.reader.read(body)
        said = {organisation(*d).name for d in self.saying(body)}
        asked = {organisation(department.name, department.region).name} if department else said
        if read.named or read.departments or read.regions or said & asked:
            return None
        # (给员工的, 给老百姓上的: common words, whatever the stored texts say)
        return body if names_something(body) else None

    def _scene_set(self, plans: list[Plan]) -> list[Plan]:
        """Beside a clause asking what no disclosure prints, the clauses asking nothing (办一件
        法律援助案子, 安排了69.78万元出国经费) set its scene, and those after it naming nothing
        of their own ask on about it (包给了哪家公司？合同各多少钱; 给了哪几家，每家多少): they are
        not asked of the tables."""
        first = next((i for i, p in enumerate(plans) if p.intent == "undisclosed"), None)
        if first is None:
            return plans
        asking = self.reader.vocab["asks_anything"]
        return [
            p
            for i, p in enumerate(plans)
            if p.intent == "undisclosed"
            or (re.search(asking, p.query) and (i < first or self.reader.read(p.query).named))
        ]

    def _default_top(self, plan: Plan, text: str) -> int:
        """How many a ranking gives when the question says no number: within one figure the
        largest, or a few where it asks which ones (哪几个项目钱最多); of a department's units
        all of them, unless it asks the most or the least, then as within a figure; across
        departments ten."""
        vocab = self.reader.vocab
        several = re.search(vocab["several_asked"], text)
        each = re.search(vocab["units_each"], text)  # 下面几个单位各多少？哪家最多: all, in order
        if plan.intent == "units" and (each or not re.search(vocab["units_ranked"], text)):
            return ALL_PARTS
        if plan.intent not in ("rank_within", "units"):
            return 10
        return int(vocab["several_top"]) if several else 1

    def _unit_kind(self, plan: Plan, text: str) -> str | None:
        """The kind of unit a ranking of a department's units asks about (哪所学校, 那些区管理局
        里): the first named of ``unit_kinds``; none where units at large are said beside it."""
        if plan.intent != "units":
            return None
        ranked = re.search(self.reader.vocab["unit_rank"], text)
        said = ranked.group(0) if ranked else ""
        if re.search(self.reader.vocab["unit_kinds_joined"], said):
            return None  # 那几个分局和下属单位里: all of them
        kinds = self.reader.vocab["unit_kinds"]
        return next((k for k in kinds if k in said), None)

    def _ranks_within_one(self, q: Question, previous: Plan | None, clause: bool) -> bool:
        """Whether a ranking is of one department's parts: it names one department, or goes on
        from the parts the clause or turn before listed (主要花在哪几块？最多的三个是什么) or
        from the one department's figure the clause before named (项目支出有11个一级项目，哪三
        个钱最多), and no words of departments or units ranked (哪个部门, 全市排第几, 下属哪个单
        位)."""
        vocab = self.reader.vocab
        listed = previous is not None and previous.intent in ("breakdown", "rank_within")
        named = clause and previous is not None and previous.intent == "value"
        listed = listed or (named and previous is not None and previous.department is not None)
        one = len(q.departments) == 1 or (listed and not q.departments)
        others = f"{vocab['across_departments']}|{vocab['unit_rank']}"
        return one and not re.search(others, q.residue)

    def _ranks_again(self, piece: str) -> bool:
        """Whether a clause asks only for a ranking, naming no figure nor department."""
        said = self.reader.read(piece)
        return said.operation == "rank" and not said.metrics and not said.departments

    def _each_only(self, piece: str) -> bool:
        """Whether a clause names nothing and asks only 各多少."""
        said = self.reader.read(piece)
        return not said.metrics and bool(re.search(self.reader.vocab["each"], piece))

    def _amount_only(self, piece: str) -> bool:
        """Whether a clause names nothing and asks only how much (多少钱？, 是多少)."""
        said = self.reader.read(piece)
        asked = re.fullmatch(self.reader.vocab["amount_only"], clean(piece).strip("。？?！!，, "))
        return bool(asked) and not (said.metrics or said.departments)

    def _order_only(self, piece: str, before: Plan | None) -> Plan | None:
        """A clause asking only to order the parts the clause before listed (从多到少排一下):
        those parts ranked, all of them."""
        said = clean(piece).strip("。？?！!，, ")
        if before is None or before.intent != "breakdown":
            return None
        if not re.match(self.reader.vocab["order_only"], said):
            return None
        order = self.reader.read(piece).order
        return replace(before, intent="rank_within", order=order, top_n=ALL_PARTS)

    def _ends_asked(self, piece: str, before: Plan) -> Plan | None:
        """A clause asking only which is largest or smallest after figures listed (学前、小学、
        初中这几项，哪项最多): those figures, with that end of them said."""
        said = self.reader.read(piece)
        listed = [m.name for m in before.lines]
        if before.intent != "several" or len(listed) < LISTED_ENDS or said.top_n is not None:
            return None  # (花钱最多的两项: the largest lines of a figure)
        if not self._ranks_again(piece) or re.search(self.reader.vocab["share_words"], piece):
            return None  # (哪一块占比最大: the shares)
        if any(self.wholes.inside(w, p) for w in listed for p in listed if w != p):
            return None  # (三公经费里，出国、公车、招待: the parts of one whole)
        return replace(before, ends=[*before.ends, said.order])

    def _count_only(self, piece: str, before: Plan | None) -> int | None:
        """How many a clause asks of the ranking before it, when that is all it says (说前三个,
        列出前五个; of the units ranked by a figure, 哪几个下属单位最多？列前三名和金额; 第二大呢:
        down to the second)."""
        ranked = before is not None and before.intent in RANKING
        said = clean(piece).strip("。？?！!，, ")
        if ranked and (place := re.match(self.reader.vocab["place_only"], said)):
            n = place["n"]  # 第二大呢: the ranking down to its second
            return small_count(n)
        counted = re.match(self.reader.vocab["count_only"], said)
        return self.reader.read(piece).top_n if ranked and counted else None

    def _added_up(self, plan: Plan, piece: str, metrics: list[MetricSlot]) -> Plan:
        """A clause or turn adding up or comparing what was named before it, naming nothing
        itself (培训呢？两项加起来多少？ after 开会花多少钱; 这两个加起来多少 or 哪个多 after
        出国经费 and 那接待费呢): the sum, or the difference of two, of the figures named before;
        a whole named with its parts is not added to them."""
        said = self.reader.read(piece)
        text, vocab = clean(piece), self.reader.vocab
        summed = re.search(vocab["sum"], text) or re.search(vocab["turn_sum"], text)
        if said.metrics or not (summed or re.search(vocab["difference"], text)):
            return plan
        if plan.intent not in ("value", "named", "several", "sum", "breakdown"):
            return plan  # (各多少，差多少 names nothing to break down: the two before)
        metrics = list({(m.name, m.fund, m.column): m for m in metrics}.values())
        whole = self.wholes.holding([m.name for m in metrics])
        if summed and whole and len(parts := [m for m in metrics if m.name != whole]) > 1:
            metrics = parts  # (三公经费：出国、公车、接待各多少？三项加起来: its parts)
        if re.search(vocab["two_turns"], text):
            metrics = metrics[-2:]
        if len(metrics) < 2 or not (summed or len(metrics) == 2):
            return plan
        intent = "sum" if summed else "difference"
        return replace(plan, intent=intent, metric=metrics[0], metrics=metrics)

    def _remembered(self, plan: Plan, previous: Plan) -> Plan:
        """A turn asking another figure of the department and year of the turn before (那接待费
        呢) keeps the figures asked before it, for a later 这两个加起来."""
        figures = ("value", "named")
        if plan.intent not in figures or previous.intent not in figures:
            return plan
        if (plan.department, plan.period) != (previous.department, previous.period):
            return plan
        if plan.metric is None or previous.metric in (None, plan.metric):
            return plan
        earlier = [*previous.earlier, previous.metric][-self.reader.vocab["turn_figures"] :]
        return replace(plan, earlier=earlier)

    def _share_stated(self, piece: str, scope: Scope, before: Plan | None) -> list[Plan]:
        """A share a clause states (基本支出占本年支出64.37%) asked again (基本支出占本年支出多少),
        so that the share the tables give stands beside the one stated."""
        text = clean(piece)
        asked = re.sub(self.reader.vocab["share_stated"], r"\g<lead>多少", text)
        if asked == text:
            return []
        plan = self._plan_one(asked, scope, before, clause=True)
        return [plan] if plan.intent == "share" and plan.metric else []

    def _audited(self, plan: Plan, question: str) -> Plan:
        """A figure's text asked against its tables (三公经费文字和表八对得上吗): its parts are
        shown too, where the catalogue divides it (the three of 三公), each other figure named
        as every table prints it (说明里的公用经费和表九的商品和服务支出), and the years' figures
        where the question speaks of a change (说明里比2025年减少的数)."""
        if plan.intent != "audit" or plan.metric is None:
            return plan
        parted = self.catalogue.divided(plan.metric.name)
        more = [replace(plan, intent="breakdown")] if parted else []
        others = [m for m in plan.metrics if m != plan.metric]  # each named, in every table
        more += [replace(plan, metric=m, metrics=[]) for m in others]
        if re.search(self.reader.vocab["change_said"], clean(question)):
            more.append(replace(plan, intent="yoy"))
        return merged([plan, *more], question, plan) if more else plan

    def _checked(self, whole: Plan, asked: list[Plan], stated: list[Plan], question: str) -> Plan:
        """Amounts quoted to be checked (说明里写1815万，表里是1837.55万，为什么不一样) are one
        check of them all; the figures the clauses stating them name besides the check's own
        are shown (公用经费 of 表里公用经费1837.55万), a change quoted (说比上年减少35万、下降
        39.7%) is checked against the years' figures, and a clause asking something else (为啥
        减这么多) is answered besides."""
        checked = ("audit", "need_department", "value", "named", "several", "sum")
        others = [p for p in asked if p.intent not in checked]  # 到底是多少: the check says
        figures = ("value", "named", "several")
        own = [whole.metric]
        others += [p for p in stated if p.intent in figures and (p.metrics or [p.metric]) != own]
        if whole.metric and re.search(self.reader.vocab["change_said"], clean(question)):
            others.insert(0, replace(whole, intent="yoy", quoted=[]))
        return merged([whole, *others], question, whole) if others else whole

    def _summed(self, plan: Plan, question: str) -> Plan:
        """Several figures asked added up (会议费和培训费加起来, 水电费) are summed, unless each is
        asked on its own too (一共多少，基本支出和项目支出各多少) or one holds another; a whole
        with a part left out (三公经费除了出国以外的) is its other parts summed; a part left out
        and the rest asked for (除了财政拨款还有别的钱吗) is its whole's parts."""
        text = clean(question)
        vocab = self.reader.vocab
        left = re.search(vocab["left_out"], text)
        listed = plan.intent in ("breakdown", "exists")  # 还有哪些, 还有别的钱吗
        if left and listed and plan.metric and left["left"] in plan.metric.name:
            whole = self._whole_of(plan.metric.name)  # 收入除了财政拨款还有哪些: its whole's parts
            return replace(
                plan, intent="breakdown", metric=MetricSlot(whole, plan.metric.basis), metrics=[]
            )
        if left and plan.metric and plan.intent in ("value", "named", "several", "sum"):
            wholes = [*(m.name for m in plan.metrics), plan.metric.name]  # 三公经费除去公务接待费
            found = (self._other_parts(whole, left["left"]) for whole in wholes)
            if others := next(filter(None, found), None):
                metrics = [MetricSlot(name, plan.metric.basis) for name in others]
                return replace(plan, intent="sum", metric=metrics[0], metrics=metrics)
        if plan.intent != "several" or re.search(vocab["each"], text):
            return plan
        if re.search(vocab["difference"], text) and len(parts := self._apart(plan)) == 2:
            return replace(plan, intent="difference", metric=parts[0], metrics=parts)
        if self._holding(plan) or re.search(vocab["within"], text):
            return plan  # 三公经费总共多少，其中公务接待费多少: a whole and its part, not added
        summed = re.search(vocab["sum"], text) and not self._own_total(question)
        return replace(plan, intent="sum") if summed else plan

    def _own_total(self, question: str) -> bool:
        """Whether the words adding up (一共) ask a total of their own clause, one of several
        (预算一共多少？财政拨了多少: the budget's total, beside the other figure)."""
        asked = clauses(question)
        summing = [c for c in asked if re.search(self.reader.vocab["sum"], c)]
        return len(asked) > 1 and all(len(self.reader.read(c).metrics) < 2 for c in summing)

    def _apart(self, plan: Plan) -> list[MetricSlot]:
        """The figures asked apart from one holding others asked (基本支出里人员经费比公用经费多
        多少: 人员经费 and 公用经费; 基本支出和项目支出差多少: both)."""
        whole = self._holding(plan)
        return [m for m in plan.metrics if m.name != whole]

    @staticmethod
    def _shares(plan: Plan) -> Plan:
        """A share asked of several parts of one whole (各占多少) is asked of each."""

        def each(p: Plan) -> list[Plan]:
            if p.intent != "share" or len(p.metrics) < 2:
                return [p]
            return [replace(p, metric=m, metrics=[]) for m in p.metrics]

        parts = [one for p in (plan.parts or [plan]) for one in each(p)]
        if parts == (plan.parts or [plan]):
            return plan
        return Plan(
            "parts", query=plan.query, department=plan.department, period=plan.period, parts=parts
        )

    def _tallied(self, plan: Plan, question: str) -> Plan:
        """Parts asked whether they add up to their whole (基本支出加项目支出，和总的支出预算对得上
        吗; 三公经费三项加起来跟总数对得上吗) check the sum. The whole is the figure named whose
        catalogue parts hold another one named, else the one the check is asked of; the parts
        are the others (none: the whole's own parts)."""
        words = self.reader.vocab["tally"]
        text = clean(question)
        plans = plan.parts or [plan]
        checked = any(p.intent == "audit" for p in plans) or re.search(words["checked"], text)
        named = list(dict.fromkeys(m for p in plans for m in (p.metrics or [p.metric]) if m))
        listed = self.reader.read(question).metrics  # 政府采购货物、工程、服务加起来对吗: all three
        one_part = len(named) == 1 and not self.catalogue.divided(named[0].name)
        if one_part and named[0].name in listed and len(listed) > 1:
            named = [replace(named[0], name=name) for name in listed]
        by_unit, by_item = (bool(re.search(words[k], text)) for k in ("units", "items"))
        if not (named or by_unit or by_item) or plans[0].department is None:
            return plan
        listed = (by_unit or by_item) and re.search(words["listed_added"], text)
        summed = checked and (re.search(words["added"], text) or listed)
        left_out = re.search(self.reader.vocab["left_out"], text)  # 除了公车以外剩下的: a sum
        gap = len(named) > 1 and re.search(words["gap"], text) and not left_out  # 差的是什么钱
        if not (summed or gap):
            return plan
        if by_unit or by_item:  # 下面5家单位的预算加起来, 那5个项目加起来: the whole they make
            default = words["unit_whole"] if by_unit else words["item_whole"]
            known = (m.name for m in named if self.wholes.id(m.name) and self._money(m.name))
            whole = MetricSlot(next(known, default))
            return replace(
                plans[0], intent="tally", query=question, metric=whole, whole=whole, metrics=[],
                by_unit=by_unit, by_item=by_item and not by_unit,
            )  # fmt: skip
        whole = self._whole_among(named, plans)
        if whole is None:  # several named, none holding the others: no whole to check against
            return plan
        parts = [m for m in named if m != whole]
        return replace(
            plans[0], intent="tally", query=question, metric=whole, whole=whole, metrics=parts
        )

    def _money(self, name: str) -> bool:
        """Whether a name is of an amount, not of a count (几个项目加起来 adds the projects'
        money, not 绩效目标项目数)."""
        found = self.catalogue.resolve(name).metrics
        return not found or found[0].unit == MONEY

    def _whole_among(self, named: list[MetricSlot], plans: list[Plan]) -> MetricSlot | None:
        """The whole of parts checked: the one named alone, or the one named whose catalogue
        parts hold another, or the one whole the catalogue divides into all those named; else
        none (福州交警支队支出总表里，行政运行和其他公安支出加起来等于公安合计吗 names no whole
        the catalogue knows)."""
        if len(named) == 1:
            return named[0]
        holding = self.wholes.holding([m.name for m in named])
        if holding is None:  # parts alone: the one whole the catalogue divides into them all
            wholes = [frozenset(self.catalogue.wholes_of(m.name)) for m in named]
            common = frozenset.intersection(*wholes)
            return replace(named[0], name=next(iter(common))) if len(common) == 1 else None
        return next((m for m in named if m.name == holding), None)

    def _whole_changed_too(self, plan: Plan, piece: str, plans: list[Plan]) -> Plan:
        """A change asked of nothing named, after a clause asking a whole and one asking its
        parts (三公经费多少？出国、接待、公车各多少，比2025年变化多少): the whole's change too."""
        if plan.intent != "yoy" or len(plans) < 2 or self.reader.read(piece).metrics:
            return plan
        asked = plan.metrics or ([plan.metric] if plan.metric else [])
        whole = plans[-2].metric if plans[-2].intent in ("value", "named") else None
        names = [m.name for m in asked]
        if (
            whole is None
            or whole in asked
            or self.wholes.holding([whole.name, *names]) != whole.name
        ):
            return plan
        return replace(plan, metric=whole, metrics=[whole, *asked])

    def _the_rest(self, plan: Plan, piece: str, before: Plan | None) -> Plan:
        """A clause asking for what is left after the part the clause before named, naming no
        figure itself (财政拨款占几成？剩下的钱都从哪来，各多少): the whole that part is of, broken
        down, as 除了财政拨款还有哪些 is."""
        rest = re.match(self.reader.vocab["the_rest"], clean(piece))
        if before is None or before.metric is None or rest is None:
            return plan
        part = before.metric.name
        wholes = [before.whole.name] if before.whole else []
        divided = [w for w in [*wholes, self._whole_of(part)] if self._other_parts(w, part)]
        named = self.reader.read(clean(piece)[rest.end() :]).metrics  # (剩下的钱: no 结余 here)
        whole = {self.wholes.id(w) for w in divided}
        if not divided or any(self.wholes.id(n) not in whole for n in named):
            return plan  # (其余的项目支出: a figure of its own; 从哪来 is the income's)
        slot = MetricSlot(divided[0], before.metric.basis)
        return replace(plan, intent="breakdown", metric=slot, metrics=[], whole=None)

    def _other_parts(self, whole: str, left: str) -> list[str]:
        """The catalogue's parts of a whole but the one a phrase names (出国, 车, 公车), or none
        when the whole has no parts or the phrase names none of them."""
        catalogue = self.reader.catalogue
        found = catalogue.resolve(whole).metrics
        parts = list(found[0].parts) if found else []
        said = normalise(left)

        def named(part: str) -> bool:
            metric = catalogue.resolve(part).metrics
            return any(said in normalise(n) for m in metric[:1] for n in m.names)

        kept = [p for p in parts if not named(p)]
        return kept if 0 < len(kept) < len(parts) else []

    def _parts_again(self, question: str, scope: Scope, previous: Plan) -> Plan | None:
        """A follow-up naming only another figure (那公务接待费呢？) after a question of several
        parts about one figure (三公经费今年多少，去年多少？) asks each part again of it; one
        naming only another department, level or year (那局本级呢？) asks each part of that."""
        q = self.reader.read(question)
        said_more = q.operation or q.departments or q.year or q.relative_year is not None
        names = {self._asked_of(p) for p in previous.parts}
        whose = q.departments or q.level or q.year or q.relative_year is not None
        if (q.followup or q.pronoun) and whose and not (q.operation or q.metrics):
            # 那局本级呢？ / 杭州市气象局的呢？: each part asked again of that (the units a
            # department lists, of a level: its total; a unit's figure, of a level: its own)
            total = MetricSlot(self.reader.vocab["default_metric"])
            before = [
                replace(p, intent="value", metric=total)
                if q.level and (p.intent == "units" or self._is_unit(p.metric))
                else p
                for p in previous.parts
            ]
            parts = [self._leveled(self._plan_one(question, scope, part), q) for part in before]
            parts = list({(p.intent, p.metric, p.department): p for p in parts}.values())
            if len(parts) == 1:
                return replace(parts[0], query=question)
            return replace(previous, query=question, department=parts[0].department, parts=parts)
        if not q.followup or said_more or len(names) != 1:
            return None
        plan = self._plan_one(question, scope, previous.parts[0])
        if plan.metric is None or plan.metric_name in names:
            return None
        many = plan.metrics if len(plan.metrics) > 1 else []  # 那出国和公车的钱呢: each of both
        asked = names.pop()
        parts = [
            replace(
                p,
                query=question,
                intent="several" if many and p.intent == "value" else p.intent,
                metric=plan.metric if p.metric_name == asked or not p.metric else p.metric,
                metrics=[plan.metric if m.name == asked else m for m in p.metrics]
                if asked != p.metric_name
                else many,
            )
            for p in previous.parts
        ]
        return replace(previous, query=question, parts=parts)

    def _asked_of(self, plan: Plan) -> str | None:
        """The figure a part of a question asks about: of two figures asked where one holds the
        other (三公经费里公车运维费多少钱), the one held."""
        names = [m.name for m in plan.metrics]
        whole = self.wholes.holding(names) if plan.intent == "several" else None
        inner = [n for n in names if n != whole]
        return inner[0] if whole and len(inner) == 1 else plan.metric_name

    def _is_unit(self, metric: MetricSlot | None) -> bool:
        """Whether a figure asked is a unit's row (杭州市交通运输行政执法队 of 分到多少)."""
        return metric is not None and metric.name in self.unit_rows

    @staticmethod
    def _leveled(plan: Plan, q: Question) -> Plan:
        """A plan asked again of a level (那局本级呢？): of the department itself, not of the
        unit under it the question before asked about."""
        if q.level and plan.department and plan.department.unit:
            plan.department = replace(plan.department, unit=None, level=q.level)
        return plan

    def _names_each(self, question: str) -> list[str]:
        """A question asking each of several names no catalogue word is in, joined (城市低保和
        农村低保分别安排了多少钱, 立法工作和监督工作各安排了多少): the question of each, without
        the word asking each."""
        q = self.reader.read(question)
        vocab = self.reader.vocab
        said = self._said_name(q)[0]
        names = [n for n in re.split(vocab["joins_names"], said) if n]
        each = re.search(vocab["each"], q.text)
        if q.metrics or len(names) < 2 or not each or said not in q.text:
            return []
        if any(len(n) < NAMED_EACH for n in names):
            return []  # (第一批、第二批: the second said short of the first's name)
        asked = re.sub(vocab["each"], "", q.text)
        return [asked.replace(said, name, 1) for name in names]

    def _each(self, plan: Plan, before: Plan | None, piece: str) -> list[Plan]:
        """A clause asking “各…” of the figures the clause before it named is asked of each; so
        is one asking why (or how) several figures it names changed (那出国费和接待费呢 after a
        why-question)."""
        if plan.intent == "reason" and len(plan.metrics) > 1:
            return [replace(plan, metric=m, metrics=[]) for m in plan.metrics]
        if before is None or plan.intent == "several":
            return [plan]
        if not re.search(self.reader.vocab["each"], piece):
            return [plan]
        if before.intent == "several" and plan.metric == before.metric:
            # of the figures named before, a whole holding the others (支出里，基本支出和项目支出
            # 各是多少、各占多大比例) is no part of itself
            return [replace(plan, metric=m, metrics=[]) for m in self._apart(before)]
        if before.intent != "parts" or (plan.metric and self._known(plan.metric.name)):
            return [plan]
        figures = [p for p in before.parts if p.intent in ("several", "value", "named")]
        if len(figures) != len(before.parts):
            return [plan]
        # (基本支出、项目支出和机动经费各多少，分别占多大比例: the catalogue's figures and a
        # label's, asked apart, each asked again)
        named = [m for p in figures for m in (p.metrics or [p.metric]) if m is not None]
        return [replace(plan, metric=m, metrics=[]) for m in named]

    def _years_each(self, q: Question) -> bool:
        """Whether a turn asks a figure of each of the two years compared before (这两年各是
        多少)."""
        return bool(re.search(self.reader.vocab["years_each"], q.text))

    def _changed_said(self, q: Question) -> bool:
        """Whether a question speaks of a change (涨了多少, 少了)."""
        return bool(re.search(self.reader.vocab["change_words"], q.text))

    def _items_about(self, plan: Plan, q: Question) -> None:
        """Projects asked by a word of their names (跟医疗救助有关的项目有哪些): the projects
        listed item by item whose names hold it, whatever figure the word itself names."""
        about = re.search(self.reader.vocab["items_about"], q.text)
        if about is None:
            return
        plan.intent = "rank_within" if plan.intent == "rank_within" else "breakdown"
        plan.metric, plan.metrics = MetricSlot(self.reader.vocab["item_metric"], q.basis), []
        plan.by_item, plan.about = True, about["about"]

    def _whole_said(self, plan: Plan, q: Question, previous: Plan) -> str | None:
        """The whole a clause naming no figure asks by saying the whole (总的, 总数, 整体) after
        one asking parts of it (基本支出和项目支出各多少？和去年比总的少了多少): the whole they
        make up, not each part."""
        if plan.intent not in ("yoy", "value") or len(previous.metrics) < 2:
            return None
        if not re.search(self.reader.vocab["whole_said"], q.text):
            return None
        found = self.wholes.each_share([m.name for m in previous.metrics], "")
        return found[1] if found else None

    def _each_again(self, plan: Plan, q: Question, previous: Plan) -> bool:
        """Whether a turn naming no figure asks each of the several the turn before asked
        (那其中气象服务中心的这两项分别是多少): those figures again, not the first one's parts."""
        return (
            plan.intent == "breakdown"
            and previous.intent in ("several", "sum")
            and len(previous.metrics) > 1
            and bool(re.search(self.reader.vocab["each"], q.text))
        )

    def _shares_again(self, plan: Plan, previous: Plan | None, question: str) -> list[Plan]:
        """A turn naming only figures (那出国和公车呢) after one asking a figure's share asks the
        share of each of the whole asked before, not of one in the other; one naming nothing,
        asking each (各占多大比例), after a whole's parts were listed, each part's share of it."""
        each = self._parts_shares(plan, previous, question) if plan.intent == "share" else []
        if each:
            return each
        if previous is None or previous.intent != "share" or plan.intent != "share":
            return [plan]
        q = self.reader.read(question)
        if q.operation == "share" or len(q.metrics) < 2 or previous.whole is None:
            return [plan]
        return [
            replace(plan, metric=MetricSlot(m, q.basis), whole=previous.whole) for m in q.metrics
        ]

    def _parts_shares(self, plan: Plan, previous: Plan | None, question: str) -> list[Plan]:
        """Each part's share of a whole listed the turn before (基本支出和项目支出各是多少, then
        各占多大比例; 花钱最多的是哪三类, then 这三类各占总支出多少比例): the breakdown or the
        ranking again, which gives them, or each part asked of the whole; the turn naming no
        figure but that whole or the total."""
        if previous is None or not re.search(self.reader.vocab["each"], question):
            return []
        own = {self.wholes.id(n) for n in self.reader.read(question).metrics}
        whole = {self.wholes.id(previous.metric.name)} if previous.metric else set()
        if own - whole - {self.wholes.id(t) for t in self.reader.vocab["total_metrics"]}:
            return []
        if previous.intent in ("breakdown", *RANKING) and previous.metric:
            return [replace(previous, query=question)]
        figures = [m.name for m in [previous.metric, *previous.metrics] if m]
        whole = self.wholes.holding(figures) if previous.intent == "several" else None
        parts = [m for m in previous.metrics if m.name != whole] if whole else []
        return [replace(plan, metric=m, whole=MetricSlot(whole), metrics=[]) for m in parts]

    def _governed(self, pieces: list[str], question: str) -> list[str]:
        """A clause naming a department several governments have, of the one government the
        question names in another clause (烟台老小区加装电梯，住建局安排了多少钱), is read of it."""
        regions = set(self.reader.read(question).regions)
        if len(regions) != 1:
            return pieces
        region = regions.pop()
        read = [self.reader.read(piece) for piece in pieces]
        return [
            region + piece if any(len(m) > 1 for m in q.departments) and not q.regions else piece
            for piece, q in zip(pieces, read, strict=True)
        ]

    def _subjects_joined(self, pieces: list[str]) -> list[str]:
        """A clause that only names whom the question is about (杭州和泉州的公安局，谁的三公经费
        更多; 北京统计局和深圳公安局本级，谁的…), a figure and where inside it to look to rank
        inside (科学技术支出下面，哪三项最多), or how to look at the figures (按经济分类看，…), is
        the subject of the clause after it, not a question of its own."""
        vocab = self.reader.vocab
        joined: list[str] = []
        subject = ""
        for i, piece in enumerate(pieces):
            q = self.reader.read(piece)
            rest = re.sub(vocab["subject_particles"], "", q.residue)
            rest = re.sub(vocab["subject_document"], "", rest)
            rest = re.sub(name_rules()["places_count"], "", rest)
            rest = re.sub(_level_words(), "", rest)  # 本级
            named = q.departments or q.unknown_department  # 交警支队下面那几个城区大队，…
            only_named = named and not (q.metrics or q.operation or rest)
            listed = vocab["listed"]  # 排第一的那个里头
            pointing = any(re.search(listed[w], piece) for w in ("place", "last"))
            inside = (
                re.search(vocab["subject_inside"], piece)
                and (
                    q.metrics
                    or re.search(f"{vocab['item_asked']}|{vocab['units_inside']}", piece)
                    or pointing
                )
                and q.operation in (None, "count", "rank", "units")  # 几个一级项目里，哪个预算最多
            )
            viewpoint = re.search(vocab["subject_viewpoint"], clean(piece))  # 按经济分类看，…
            figures = self._figures_only(q) and i + 1 < len(pieces)  # 基本支出里商品和服务支出，…
            inside = inside or (figures and self.reader.read(pieces[i + 1]).operation == "rank")
            ranked = i + 1 < len(pieces) and re.search(vocab["units_ranked"], pieces[i + 1])
            units = ranked and re.search(vocab["units_inside"], piece)  # 下面各单位，哪个最多
            if i + 1 < len(pieces) and (only_named or inside or viewpoint or units):
                subject += piece
                continue
            joined.append(subject + piece)
            subject = ""
        return joined

    def _figures_only(self, q: Question) -> bool:
        """Whether a clause only names figures, one inside another (基本支出里商品和服务支出)."""
        left = q.residue
        for _, name in q.named:
            left = left.replace(name, "", 1)
        inside = self.reader.vocab["part_inside"]
        return bool(q.metrics) and not q.operation and not re.sub(f"{inside}|[，,的\\s]", "", left)

    def _plan_one(
        self, question: str, scope: Scope, previous: Plan | None, clause: bool = False
    ) -> Plan:
        """The plan of one question, or of a clause after the clause before it (`clause`: the
        metric an earlier clause named carries into a later one naming none)."""
        q = self.reader.read(question)
        vocab = self.reader.vocab
        if previous and (chosen := self._chosen(q, previous)):
            asked = previous.query.replace(previous.unknown_department or "", chosen, 1)
            return self._plan_one(asked, scope, None)
        if previous and (pointed := self._pointed(q, previous)):
            return self._plan_one(pointed, scope, replace(previous, listed=[]), clause)
        if _undisclosed(q, vocab):  # what is disclosed: that year's
            plan = Plan(
                "undisclosed", query=question, department=self._department(q, scope, previous)
            )
            self._when(plan, q, scope, previous)
            return plan
        self._in_context(q, scope, previous)
        self._by_disclosure(q)
        self._per_region(q)
        filed_as = self._unfiled(q)
        self._printed_by_one(q)
        ambiguous = next((i for i, m in enumerate(q.departments) if len(m) > 1 or q.confirm), None)
        if ambiguous is not None:
            return Plan(
                "ambiguous",
                query=question,
                candidates=q.departments[ambiguous],
                unknown_department=q.mentions[ambiguous],
            )
        plan = Plan(self._intent(q, previous, clause), query=q.residue or question)
        plan.department = self._department(q, scope, previous)
        plan.compared = list(dict.fromkeys(Compared(self.department(m[0])) for m in q.departments))
        if plan.intent == "compare_departments":
            self._pair_years(plan, q)
        plan.unknown_department = q.unknown_department
        if plan.department is None and (printer := self._printer(q)):
            plan.department, plan.unknown_department = printer, None
        if plan.department is None and (spelt := self._spelt(q)):
            plan.department, plan.unknown_department = spelt, None
        if plan.intent == "rank" and len(set(q.regions)) == 1 and not q.departments:
            plan.region = q.regions[0]
        self._metric(plan, q, previous, clause)
        self._given_to_another(plan, question)
        self._spent(plan, q)
        self._when(plan, q, scope, previous)
        if target := self._target(plan, q, previous):
            return target
        self._budget_of_spending(plan, q)
        self._two_years(plan, q)
        if previous is not None and not clause:
            self._across_turns(plan, q, previous)
        if previous is not None:
            self._items_again(plan, previous)
        self._unit(plan, q)
        self._unprinted_unit(plan, q)
        self._named_unit(plan)
        self._unit_share(plan)
        if filed_as is not None and not filed_as.organ_itself:
            plan.filed_as, plan.filed_file = filed_as.name, filed_as.file
            if q.level is not None and not filed_as.whole:  # its own 部门 or 本级 document:
                plan.intent = "filed"  # neither is stored (a unit's is)
        plan = self._settle(plan, q)
        self._body_asked_alone(plan, q)  # (a name it settled on: SOS儿童村 of 自己的总预算)
        plan = self._units_compared(plan, q, previous)
        if plan.intent == "need_department" and previous and previous.intent == "ambiguous":
            return self._asked_again(question, previous)
        # 平均每辆车的… (an amount; a clause after one counting takes its operation: asked per
        # one, not counted: 有多少个编制？平均每个人的人员经费是多少)
        if q.per and plan.metric and self._per_amount(plan):
            plan.intent, plan.per = "average", MetricSlot(q.per["per"])
            if not re.search(q.per["unless"], plan.metric.name):  # 运行维护费 of the cars
                plan.metric = replace(plan.metric, name=q.per["of"] + plan.metric.name)
        return plan

    def _target(self, plan: Plan, q: Question, previous: Plan | None) -> Plan | None:
        """A clause asking a target of its department's 绩效目标表 by the target's own words
        (路面投入几辆清障车 after 清障车保障经费多少钱), of the project the clause before named."""
        rule = self.reader.vocab["target"]
        if plan.department is None or q.operation not in (None, "count", "reason"):
            return None
        counted = re.search(f"(?:几|多少)万?(?P<measure>{rule['measures']})", q.text)
        asked = counted or re.search(rule["asks"], q.text)
        loose = not asked and plan.intent == "named" and not re.search(rule["money"], q.text)
        if not (asked or loose) or self._asks_why(q.text):
            return None
        measure = counted["measure"] if counted else None
        project = previous.metric_name if previous and previous.metric else None
        lines = self.targets(plan.department, plan.period)
        whole = self._target_words(q.residue or q.text)
        line = best(lines, whole, measure, project)
        if loose and (line is None or not covers(line, whole)):
            return None  # 多少演出人员: a name the catalogue does not know, printed as a target
        said = [whole] if line else []
        if line is None or not covers(line, whole):  # 用电量、用水量: each where it is set
            items = [self._target_words(i) for i in re.split(rule["items"], q.residue or q.text)]
            found = {best(lines, w, measure, project): w for w in items}
            if None not in found and len(found) == len(items) > 1:
                said = list(found.values())
        if not said:
            return None
        return Plan(
            "target",
            query=q.residue or q.text,
            metric=MetricSlot(said[0]),
            metrics=[MetricSlot(w) for w in said] if len(said) > 1 else [],
            department=plan.department,
            period=plan.period,
            project=project,
            measure=measure,
        )

    def _asks_why(self, text: str) -> bool:
        """Whether a question asks why (为什么), not what a text part states (多少人)."""
        return any(
            op == "reason" and re.search(p, text) for op, p in self.reader.vocab["operations"]
        )

    def _target_words(self, text: str) -> str:
        """A clause's words for a target: without the catalogue's names and the words of
        asking."""
        for start, end, name in self.lexicon.find(text, []):
            if not self.lexicon.printed_only(name):
                text = text[:start] + " " * (end - start) + text[end:]
        rule = self.reader.vocab["target"]
        return re.sub(f"(?:几|多少)万?(?:{rule['measures']})?|{rule['noise']}", "", text)

    def _with_parts(self, plan: Plan) -> Plan:
        """The plan, each of its figures marked whether it is answered with its parts
        (三公经费), as people asking expect; a turn going on from one asks it afresh."""
        found = self.catalogue.resolve(plan.metric.name).metrics if plan.metric else []
        plan.with_parts = (
            plan.intent in ("value", "prior_year")
            and bool(found)
            and not (plan.metric and plan.metric.fund)
            and found[0].id in self.reader.vocab["with_parts"]
        )
        plan.parts = [self._with_parts(p) for p in plan.parts]
        return plan

    def _unfiled(self, q: Question) -> Filed | None:
        """A department name a unit's file is named after means the unit's document; among
        several meanings, it is the name as said (上海市教育局, to choose from), unless the
        unit is one of them (福州科技局: 科学技术局, whose file is named 科技创新局). Returns
        the name, where the question named it alone."""
        said = None
        for i, meanings in enumerate(q.departments):
            if len(meanings) == 1 and meanings[0] in self.filed:
                filed = self.filed[meanings[0]]
                said, q.departments[i] = said or filed, [filed.holder]
            else:
                holders = {m: self.filed[m].holder for m in meanings if m in self.filed}
                q.departments[i] = [m for m in meanings if holders.get(m) not in meanings]
        return said

    def _printer(self, q: Question) -> Department | None:
        """With no department named, the one department (of the government named, if one is)
        whose tables print the row the question names (烟台市特种设备检验研究院的特种检验工作
        经费: a row of 烟台市市场监督管理局's 项目支出 table), a row of its own, not one every
        document prints (支出总计); where no table prints it, the one whose text says it, or
        says the longest head of it that any text says (四环主路 of 四环主路大修)."""
        own = [n for n in q.metrics if not self.catalogue.resolve(n).exact]
        if q.metrics and not own and (longer := self._within(q, q.metrics)):
            own = [longer]  # 国三柴油货车提前淘汰补贴, holding 补贴
        labels = {label for name in own for label in self.lexicon.holding(name)}
        found = self._of_region({d for label in labels for d in self.printers.get(label, ())}, q)
        said = own if own or q.metrics or q.unknown_department else [self._said_name(q)[0]]
        for head in [] if found or len(said) != 1 else _heads(said[0], self.reader.vocab):
            found = self._of_region({organisation(*d).name for d in self.saying(head)}, q)
            if found:
                break  # 北京四环主路大修: the one text of 北京 that says 四环主路
        return self.department(found.pop(), q.level) if len(found) == 1 else None

    def _printed_by_one(self, q: Question) -> None:
        """Of the departments a short name may mean, the one whose tables print the row the
        question names (工信局应急物资储备: 烟台市工业和信息化局's project; 执法总队的文化旅游体育与
        传媒支出: 文化和旅游局's, not 应急管理局's), where one does; where
        none does, the one whose text says the longest stretch of the words the question names
        that any of them says (宣传部建深圳湾区书城: 深圳's says 深圳湾区书城), where one does."""
        labels = {label for name in q.metrics for label in self.lexicon.holding(name)}
        printing = {d for label in labels for d in self.printers.get(label, ())}
        for i, names in enumerate(q.departments):
            if len(names) > 1 and not q.confirm:
                one = printing & set(names) or self._quoting(q, set(names))
                one = one or self._said_by(q, set(names))
                if len(one) == 1:
                    q.departments[i] = list(one)

    def _quoting(self, q: Question, names: set[str]) -> set[str]:
        """Of these departments, those whose tables print every amount the question quotes in
        万元 (执法总队三公表里出国费38万，…因公出国费才18万: 文化和旅游局's)."""
        amounts = [found for said in q.quoted if (found := quoted_amount(said))]
        held = [a for a, unit in amounts if unit == "万元"]
        if not held or len(held) != len(amounts):
            return set()
        printing = ({organisation(*d).name for d in self.printing(a)} for a in held)
        return set.intersection(*printing) & names

    def _said_by(self, q: Question, names: set[str]) -> set[str]:
        """Of these departments, those whose text says the longest stretch of the words the
        question names that any of them says; none where it names or counts a figure every
        table may print (机关运行经费, 绩效目标项目数), which texts need not say."""
        counted = self.reader.count_metrics(q.residue)  # 多少个项目纳入了绩效目标管理
        if any(self.catalogue.resolve(n).exact for n in [*q.metrics, *counted]):
            return set()
        phrase = self._said_name(q)[0]
        said = stretches(phrase, self.reader.vocab["said_head_chars"])[:STRETCHES]
        for stretch, _ in said:
            if saying := {organisation(*d).name for d in self.saying(stretch)} & names:
                return saying
        return set()

    def _of_region(self, departments: set[str], q: Question) -> set[str]:
        if not q.regions:
            return departments
        return {d for d in departments if self.regions.get(d) in q.regions}

    def _spelt(self, q: Question) -> Department | None:
        """A body the directory does not know by the name said, but one stored name alone is
        close to (上海确权登记中心: 上海市自然资源确权登记事务中心), as the tools read it: the
        department the question and the turns after it are about."""
        name = q.unknown_department
        stored = [Organisation(n, r) for n, r in self.regions.items()]
        found = self.directory.spelt_close(name, stored) if name else []
        return self.department(found[0], q.level) if len(found) == 1 else None

    def _pointed(self, q: Question, previous: Plan) -> str | None:
        """A follow-up pointing at an item the answer before listed, with the item's name in
        place of the words pointing: by its place (排第一那个主要花在啥上面, 最后一个呢) or by
        words of its name that name no department nor catalogue figure (信访大厅那笔钱 of 信访
        大厅运行, 文化产业那笔钱 of 文化产业发展专项资金)."""
        listed, vocab = previous.listed, self.reader.vocab["listed"]
        if not listed or q.departments:
            return None
        for found in re.finditer(vocab["place"], q.text):
            n = found["n"]
            place = small_count(n) or 0
            if 0 < place <= len(listed):
                return _put(q.text, found, listed[place - 1])
        if found := re.search(vocab["first"], q.text):  # 最大那个: the ranking's first
            return _put(q.text, found, listed[0])
        if found := re.search(vocab["last"], q.text):
            return _put(q.text, found, listed[-1])
        if printed := self._listed_end(q, previous):
            return printed
        said = q.unknown_department or self._own_word(q)
        shared = {item: common_stretch(said, item) for item in listed} if said else {}
        named = [item for item, stretch in shared.items() if self._names_item(stretch, q.text)]
        if len(named) != 1 or shared[named[0]] == named[0]:  # (the item named in full: as is)
            return None
        return q.text.replace(shared[named[0]], named[0], 1)

    def _listed_end(self, q: Question, previous: Plan) -> str | None:
        """A follow-up naming one item the answer before listed by the last words of its name
        (资本金注入 of 国有企业资本金注入, though 资本金注入 is an 经济分类 款 too): that item;
        not the whole they were listed of (科学技术支出, not its 其他科学技术支出)."""
        listed, whole = previous.listed, previous.metric_name
        whole = whole and (self.wholes.id(whole) or whole)
        for _, said in q.named:
            holding = [item for item in listed if item.endswith(said)]
            if said in listed or len(holding) != 1 or len(said) < MIN_LISTED_END:
                continue
            if (self.wholes.id(said) or said) == whole:
                continue
            return q.text.replace(said, holding[0], 1)
        return None

    def _names_item(self, stretch: str, text: str) -> bool:
        """Whether a stretch of a listed item's name said in a question names it: long enough,
        or long enough to point with right before the words pointing (轨道那一项)."""
        vocab = self.reader.vocab["listed"]
        if len(stretch) >= vocab["shared"]:
            return True
        pointed = re.escape(stretch) + vocab["pointing"]
        return len(stretch) >= vocab["shared_pointed"] and re.search(pointed, text) is not None

    def _own_word(self, q: Question) -> str:
        """What a question names in its own words, where it names nothing the catalogue or the
        document's labels know (文化产业 of 文化产业那笔钱), else ''."""
        phrase, _ = self._said_name(q)
        return "" if q.metrics or self.catalogue.resolve(phrase).exact else phrase

    def _chosen(self, q: Question, previous: Plan) -> str | None:
        """The candidate a reply to a clarifying question picks, by its government alone (无锡的;
        深圳的 of 中共深圳市委宣传部) or by its name, when the reply asks nothing of its own."""
        if previous.intent != "ambiguous" or q.metrics or q.operation:
            return None
        named = {name for mention in q.departments for name in mention}
        picked = [
            c
            for c in previous.candidates
            if c in named or (not named and self._governed_by(c, q.regions))
        ]
        return picked[0] if len(picked) == 1 else None

    @staticmethod
    def _asked_again(question: str, before: Plan) -> Plan:
        """A turn naming no department after a clarifying question it does not answer (医保局…？
        then 那招待费呢): the same choice, asked again of it; a reply picking one then asks
        this turn of the one picked."""
        said = before.unknown_department or ""
        return replace(before, query=f"{said}{question}" if said not in question else question)

    def _governed_by(self, name: str, regions: list[str]) -> bool:
        """Whether a stored department is of one of these governments (or inside one)."""
        return any(
            org.region and any(org.region.startswith(r) for r in regions)
            for org in self.directory.resolve(name)
        )

    def _unit(self, plan: Plan, q: Question) -> None:
        """A unit with no disclosure of its own (泉州市看守所): its total is its row in the
        department's document; another figure of it, its own rows in the tables by unit (the
        tools say when none prints it: the department's figure would be wrong). A department's
        own part (本级) is read by the tools, from its rows in the tables by unit of the 部门
        document where it published no 单位 one."""
        if plan.department is None:
            return
        name = plan.department.name
        row = self.unit_rows.get(name)
        if row is None or name in self.regions:
            return
        plan.department = self.department(row.department)
        vocab = self.reader.vocab
        # (another unit's row asked before: 湖州交通技师学院的预算, then 那水上应急救援中心呢)
        other_row = plan.metric is not None and plan.metric.name in self.unit_labels - {row.label}
        asks_total = asks_whole(q.residue, vocab) or (
            plan.metric.name in vocab["unit_totals"] or other_row
            if plan.metric
            else not self.reader.names_own(q.residue)  # not 看守所的“智慧看守”项目经费
        )
        own = None if asks_total or not plan.metric else self._units_own(row.label, plan.metric)
        if asks_total and (plan.intent in ("value", "yoy") or other_row):
            plan.intent, plan.metric = (
                "value",
                MetricSlot(row.label, plan.metric and plan.metric.basis),
            )
        elif own is not None:
            plan.intent, plan.metric = "value", own
        if (asks_total or own or plan.intent in UNIT_FIGURES) and plan.department is not None:
            plan.department = replace(plan.department, unit=row.label)  # what follows asks of it
        else:
            plan.unknown_department = row.label
            plan.intent = "unknown_department"

    def _unprinted_unit(self, plan: Plan, q: Question) -> None:
        """A body named beside its department that no document or row prints (北京市司法局给北京市
        法律援助中心安排了多少, 重庆市规划和自然资源局给渝中区规划自然资源局安排了多少): asked of
        it, so the answer says it is not printed apart, not the department's total; so is a
        district inside the department's city (专项转移支付分给朝阳区多少)."""
        name, department = plan.unknown_department, plan.department
        if department is None or department.unit:
            return
        if not name:
            district = next((r for r in q.regions if within(r, department.region or "")), None)
            if district is None or plan.intent not in UNPRINTED_ASKED:
                return
            if not (plan.metric and self.catalogue.resolve(plan.metric.name).exact):
                self._unit_asked(plan, district)  # (its share is no row, nor a text's)
            plan.department = replace(department, unit=district)
            return
        forms = region_forms(department.region)
        said = governments_in(name)
        inside = bool(said) and said[0][0] == 0 and within(said[0][2], department.region or "")
        same_region = name.startswith((department.name, *forms)) or inside  # not 那济南的呢
        if plan.intent in UNPRINTED_ASKED and same_region:
            plan.department, plan.unknown_department = replace(department, unit=name), None

    def _named_unit(self, plan: Plan) -> None:
        """A body named after its department as a name no document prints (深圳建筑工务署教育工程
        管理中心今年预算多少): a unit asked of, not a row of like words (工程管理)."""
        name = plan.metric.name if plan.metric and plan.intent == "named" else ""
        if names_unit(name) and not self.lexicon.holding(name):
            self._unit_asked(plan, name)

    def _body_asked_alone(self, plan: Plan, q: Question) -> None:
        """Any name asked of its own budget (SOS儿童村自己今年的总预算, …单独的预算): a body,
        whatever its name ends with, not a sentence naming it."""
        name = plan.metric.name if plan.metric and plan.intent == "named" else ""
        if name and re.match(self.reader.vocab["own_budget_asked"], q.text.partition(name)[2]):
            self._unit_asked(plan, name)

    def _unit_asked(self, plan: Plan, name: str) -> None:
        """A body asked of as a unit of its department, whose figures the answer says are not
        printed apart; not a unit a table prints, the department's own name mistyped, nor
        money of a kind for whom (补贴社会办医院)."""
        if plan.department is None or plan.department.unit or name in self.unit_rows:
            return
        known = (m.name for m in plan.metrics if self.catalogue.resolve(m.name).exact)
        mistyped = longest_common(name, plan.department.name) * 2 >= len(name)
        if mistyped or next(known, None):
            return
        plan.department = replace(plan.department, unit=name)
        total = MetricSlot(self.reader.vocab["default_metric"])
        plan.intent, plan.metric, plan.metrics = "value", total, []

    def _units_compared(self, plan: Plan, q: Question, previous: Plan | None) -> Plan:
        """A department and a unit under it, or two of its units, compared (杭州市气象局本级和气象
        服务中心的三公经费各是多少; 局本级和下面的气象服务中心分别多少): no two departments, but
        one document's rows by unit, each asked as its own figure; the department said with
        本级 is its own part. Naming no figure, they are asked the figure asked before of the
        department, else their totals."""
        names = [c.department.name for c in plan.compared]
        rows = {n: row for n in names if (row := self.unit_rows.get(n)) and n not in self.regions}
        homes = {row.department for row in rows.values()}
        if not rows or len(homes) != 1:
            return plan
        home = self.department(homes.pop())
        others = set(names) - set(rows)
        compared = plan.intent == "compare_departments" and others and others <= {home.name}
        own = q.level == "单位" and not others  # 局本级 said beside its unit
        if not (compared or own):
            return plan
        if own:
            names = [home.name, *names]
        asked = [
            replace(home, unit=rows[n].label) if n in rows else replace(home, level=q.level)
            for n in names
        ]
        metric = plan.metric if q.metrics else self._asked_before(previous, home)
        each = [
            replace(plan, intent="value", metric=metric, department=d, compared=[Compared(d)],
                    parts=[])
            for d in asked
        ]  # fmt: skip
        return Plan("parts", query=plan.query, department=home, period=plan.period, parts=each)

    def _asked_before(self, previous: Plan | None, home: Department) -> MetricSlot:
        """The figure asked before of a department, else its total."""
        same = previous and previous.department and previous.department.name == home.name
        if same and previous and previous.metric:
            return previous.metric
        return MetricSlot(self.reader.vocab["tally"]["unit_whole"])

    def _unit_share(self, plan: Plan) -> None:
        """A unit's share (机关事务服务中心占全部门的百分之几, 服务中心的收入占整个气象局的多少) is
        its row's total of the department's total (of income, where it asks about income); of
        a figure it names (公路与运输管理中心三公经费占全局的比例), its own figure of the
        department's."""
        unit = plan.department.unit if plan.department else None
        if plan.intent != "share" or unit is None:
            return
        vocab = self.reader.vocab
        asked = plan.metric.name if plan.metric else ""
        if asked and asked not in vocab["unit_totals"] and not self._income(asked):
            plan.whole = MetricSlot(asked)
            return
        plan.metric, plan.whole = MetricSlot(unit), MetricSlot(self._total_of(asked))

    def _income(self, metric: str) -> bool:
        return metric in self.reader.vocab["income_metrics"] or "收入" in metric

    def _total_of(self, metric: str) -> str:
        """The total a share of a figure is of when none is named: income's or spending's."""
        vocab = self.reader.vocab
        return vocab["income_whole"] if self._income(metric) else vocab["share_whole_default"]

    def _units_own(self, unit: str, metric: MetricSlot) -> MetricSlot | None:
        """The one row the department prints for a unit's own item: its label is the unit's
        name and the item's (杭州市北郊监狱狱政设施建设 of 北郊监狱的狱政设施建设项目)."""
        core = core_of(label_of(metric.name) or metric.name)
        rows = [
            label
            for label in self.lexicon.labels
            if label.startswith(unit) and core in label[len(unit) :]
        ]
        return MetricSlot(rows[0], metric.basis) if len(rows) == 1 else None

    def _in_context(self, q: Question, scope: Scope, previous: Plan | None) -> None:
        """A name that could mean several departments means the one the asker is looking at
        (the scope) or was just asking about, when that is one of them; else the one of the
        same government (交警支队的呢 after 杭州公安局), when one is."""
        context = {
            name
            for name in (
                self.scope_department(scope.department) if scope.department else None,
                previous.department_name if previous else None,
            )
            if name
        }
        regions = {r for name in context for r in self._regions_of(name)}
        for i, meanings in enumerate(q.departments):
            chosen = [m for m in meanings if m in context]
            if len(meanings) > 1 and not chosen and not q.regions:  # of the same government
                chosen = [m for m in meanings if self._regions_of(m) & regions]
            if len(meanings) > 1 and len(chosen) == 1:
                q.departments[i] = chosen

    def _by_disclosure(self, q: Question) -> None:
        """A name several departments share means the one that published the disclosure the
        question names, when one did (信访局三公经费决算: only 国家信访局 published a 决算)."""
        if q.kind is None and q.year is None:
            return
        for i, meanings in enumerate(q.departments):
            fitting = [
                m
                for m in meanings
                if any(
                    (q.year is None or year == q.year)
                    and (q.kind is None or q.kind in self.kinds.get((m, year), set()))
                    for year in self.years.get(m, [])
                )
            ]
            if len(meanings) > 1 and len(fitting) == 1:
                q.departments[i] = fitting

    def _regions_of(self, name: str) -> set[str]:
        """The governments of a stored department or of a unit its tables print."""
        return {o.region for o in self.directory.whole(name) if o.region}

    def _per_region(self, q: Question) -> None:
        """A department several governments have, named once after several of them (无锡、福州、
        北京这三个城市的商务局), is each one's; named of one, with another government said alone
        (深圳的生态环境局…比北京的), the other's namesake too."""
        regions = list(dict.fromkeys(q.regions))
        if len(regions) < 2:
            return
        for i, found in enumerate(q.departments):
            each = [next((n for n in found if self.regions.get(n) == r), None) for r in regions]
            if len(found) > 1 and all(each):
                q.departments[i : i + 1] = [[name] for name in each if name]
                q.mentions[i : i + 1] = [q.mentions[i]] * len(each)
                return
        if len(q.departments) == 1 and len(q.departments[0]) == 1:
            # 深圳的生态环境局三公比北京的多多少: the same department of the other government
            named = q.departments[0][0]
            others = [r for r in regions if r not in self._regions_of(named)]
            found = [self.directory.namesakes(named, r)[1] for r in others]
            if found and all(len(f) == 1 for f in found):
                q.departments += [[f[0].name] for f in found]
                q.mentions += [q.mentions[0]] * len(found)

    def _intent(self, q: Question, previous: Plan | None, clause: bool = False) -> Intent:
        op, vocab = q.operation, self.reader.vocab
        if len(q.quoted) >= 2 and re.search(vocab["quoted_against"], q.text):
            return "audit"  # 一会儿说增加2214.39万元，一会儿说增加2228.78万元，到底是多少
        distinct = {m[0] for m in q.departments if m}  # (发改委那个域外农场办: one body, twice)
        if len(distinct) >= 2 and op in (None, "rank", "count", "yoy", "breakdown"):
            return "compare_departments"
        executed = vocab["ranked_execution"]
        if (
            op in (None, "budget_vs_actual", "rank", "rank_within", "yoy", "reason")
            and re.search(executed["asks"], q.text)
            and re.search(executed["executed"], q.text)
        ):
            return "execution_rank"  # 哪一项执行率最低, 哪些项目花的比年初预算还多
        if op == "breakdown" and q.top_n is not None:
            return "rank_within"  # 公用经费最多的三项各是多少钱: the first three of its parts
        if op in (None, "rank") and self._by_economic(q.metrics, q):
            return "rank_within" if op else "breakdown"  # 按经济分类看, 按经济分类最多的三项
        named = q.departments or (previous and previous.department and not q.regions)
        if op == "rank" and named and re.search(vocab["unit_of_item"], q.text):
            return "rank_within"  # 哪个单位的哪个项目: the projects, each printed with its unit
        if op == "rank" and named and re.search(vocab["unit_rank"], q.text):
            return "units"  # 哪个单位的三公最多: the department's units, largest first
        if op == "breakdown" and named and re.search(vocab["units_each"], q.text):
            return "units"  # 下属单位各多少: each of them
        if (
            op == "rank"
            and re.search(f"{vocab['rank_within']}|{vocab['item_asked']}", q.text)
            and not re.search(vocab["across_departments"], q.residue)
        ):
            return "rank_within"
        if op == "rank" and self._ranks_within_one(q, previous, clause):
            return "rank_within"  # 项目支出最多的三个是什么: of one department's parts
        if op == "rank" and previous and previous.intent == "units" and not q.departments:
            return "units"  # 那最少的是哪家, 哪家最多、哪家最少: of the same units
        if op in (None, "definition") and re.search(vocab["item_asked"], q.text):
            return "breakdown"  # 有哪些项目, 项目是什么: the items a table lists
        asked = f"{vocab['difference']}|{vocab['sum']}"
        if op is None and len(q.metrics) > 1 and re.search(asked, q.text):
            return "value"  # 那人员经费和公用经费差多少: their difference, whatever came before
        amount = op is None and previous and previous.intent == "breakdown" and q.metrics
        if amount and re.search(vocab["asks_amount"], q.text):
            return "value"  # 家具用具多少钱 after 政府采购都买了什么: the item's amount
        if op is None and previous and self._continues(q) and previous.intent in CONTINUED:
            amount = previous.intent == "yoy" and self._amount_after(q)
            return "value" if amount else previous.intent
        if op is None and previous and previous.intent == "reason" and self._why_too(q):
            return "reason"  # 那住房保障那块呢 after 城乡社区支出为啥少了: its why too
        return op or "value"  # type: ignore[return-value]

    def _amount_after(self, q: Question) -> bool:
        """Whether a clause after a change asked asks an amount instead: of another year (那
        2024年呢), or of a part inside (里面搞培训的钱有多少)."""
        vocab = self.reader.vocab
        another_year = q.year is not None or q.relative_year is not None
        inside = re.match(vocab["part_inside"], q.text) and re.search(vocab["asks_amount"], q.text)
        return another_year or bool(inside)

    def _why_too(self, q: Question) -> bool:
        """Whether a follow-up asking nothing of its own (那X呢, naming another figure) after a
        why-question asks the same of that figure; one asking an amount (那人员工资安排了多少)
        or another year (那2024年呢) asks that figure alone."""
        another_year = q.year is not None or q.relative_year is not None
        said = re.search(self.reader.vocab["asks_amount"], q.text)
        return (q.followup or q.pronoun) and bool(q.metrics) and not (said or another_year)

    @staticmethod
    def _continues(q: Question) -> bool:
        """Whether a question continues the one before (takes what it leaves out from it): a
        follow-up (那…, …呢, 它), or one naming no department of its own. A question naming a
        department, not as a follow-up, is complete in itself: nothing leaks into it."""
        return q.followup or q.pronoun or not (q.departments or q.unknown_department)

    def _pair_years(self, plan: Plan, q: Question) -> None:
        """Give each compared department the year written next to it (城管局2024年、政务服务
        中心2018年): after it, or before it when the question starts with a year; a department
        named with two years is compared in both."""
        marks = sorted([(at, "d", i) for at, i in q.places] + [(at, "y", y) for at, y in q.years])
        if len({y for _, y in q.years}) < 2:
            return
        forward = marks[0][1] == "y"
        pairs: list[tuple[int, int | None]] = []
        waiting: list[int] = []
        last: int | None = None
        for _, what, item in marks:
            if what == "d":
                pairs += [(item, y) for y in waiting]
                waiting, last = [], item
            elif forward or last is None:
                waiting.append(item)
            else:
                pairs.append((last, item))
        paired = {i for i, _ in pairs}
        pairs += [(i, None) for i in range(len(q.departments)) if i not in paired]
        pairs = list(dict.fromkeys(pairs))
        compared = (Compared(self.department(q.departments[i][0]), y) for i, y in pairs)
        plan.compared = list(
            dict.fromkeys(compared)
        )  # (发改委那个域外农场办: one body, named twice)

    def _department(self, q: Question, scope: Scope, previous: Plan | None) -> Department | None:
        named = [m[0] for m in q.departments if len(m) == 1]
        if named:
            return self.department(named[0], q.level)
        if previous and previous.department:
            level = q.level or previous.department.level
            name = self._namesake(q, previous.department) or previous.department.name
            found = self.department(name, level)
            if name == previous.department.name and not q.level:  # still of the unit asked
                return replace(found, unit=previous.department.unit)
            return found
        if scope.department:
            found = self.scope_department(scope.department)
            return self.department(found or scope.department, q.level)
        return None

    def _namesake(self, q: Question, before: Department) -> str | None:
        """A follow-up naming only another government (福州的呢？) asks about the department of
        the same name there; where that government has none, about one that is not stored."""
        regions = set(q.regions) - {before.region}
        if not q.followup or len(regions) != 1:
            return None
        said, found = self.directory.namesakes(before.name, regions.pop())
        if len(found) == 1:
            return found[0].name
        q.unknown_department = q.unknown_department or said or None
        return None

    def _metric(self, plan: Plan, q: Question, previous: Plan | None, clause: bool) -> None:
        metrics = self._qualified(self._distinct(q.metrics))
        counting = bool(q.followup and previous and previous.intent == "count" and not metrics)
        counted = self.reader.count_metrics(q.residue, counting)
        continued = previous and (clause or q.followup or self._continues(q))
        if continued and self._count_by_measure(plan, q, previous, metrics):
            return
        if len(counted) > 1 and plan.intent in ("count", "value", "breakdown"):
            plan.intent, plan.metrics, plan.metric = (
                "several",
                _slots(counted, q.basis),
                MetricSlot(counted[0], q.basis),
            )
            return
        if plan.intent == "count" and not counted and self._parts_counted(metrics, q):
            plan.intent, plan.counted = "breakdown", True  # 财政拨款支出涉及几个功能大类
            plan.metric = MetricSlot(metrics[0], q.basis)
        elif plan.intent == "count" and (counted or metrics):
            plan.metric = MetricSlot((counted or metrics)[0], q.basis)
        elif plan.intent == "exists" and counted:  # 有车吗, 有公车吗: the cars counted
            plan.metric = MetricSlot(counted[0], q.basis)
        elif metrics:
            plan.metric = MetricSlot(metrics[0], q.basis)
            if plan.intent == "reason" and len(metrics) > 1:  # 那出国费和接待费呢: of each
                plan.metrics = _slots(metrics, q.basis)
            if plan.intent == "rank_within" and (inner := self._innermost(q, metrics)):
                plan.metric = MetricSlot(inner, q.basis)  # 基本支出里商品和服务支出哪一项最多
            # (其中采购服务 after 政府采购: a part of that figure, not a name of its own)
            asked_before = previous.metric.name if previous and previous.metric else ""
            taken_out = re.match(self.reader.vocab["within"], q.residue)
            inside = taken_out and all(m in asked_before for m in metrics)
            own = plan.intent in ("value", "reason") and not inside
            if own and (said := self._within(q, metrics)):  # 离退休支出为什么少了: its own
                plan.intent = "named" if plan.intent == "value" else plan.intent
                plan.metric = MetricSlot(said, q.basis)
                office = re.search(self.reader.vocab["internal_office"], said)  # 来访接待管理处
                plan.metrics = [] if office else _slots(metrics, q.basis)  # holds no 接待 asked
                metrics = [said]
        elif plan.intent in ("compare_departments", "rank") and counted:
            plan.metric = MetricSlot(counted[0])
        elif (
            plan.intent in ("value", "named", "several", "sum")
            and q.followup
            and own_phrase(q.residue, self.reader.vocab)
        ):  # 暖气费呢？ after 水电费: that phrase alone (剩下那块机动经费: with its 经费)
            own = own_phrase(q.residue, self.reader.vocab)
            plan.metric = MetricSlot(with_ending(own, q.residue, self.reader.vocab), q.basis)
            plan.intent = "value" if plan.intent in ("several", "sum") else plan.intent
        elif previous and previous.focus and q.pronoun:  # 这个项目是干什么的: the one named
            plan.metric = previous.focus
        elif (
            previous
            and previous.metric
            and (clause or self._continues(q))
            and (clause or plan.intent in CONTINUED | {"reason", "rank_within", "units"})
            and not (plan.intent in ("value", "share", "count") and self._own_thing(q))
            and not self._use_of_own_thing(plan, q)
        ):  # (那最少的是哪项？ after 应急管理事务下面哪三项最多: of the same whole; not 巨灾保险
            # 安排了多少钱 after the projects ranked, nor 单价20万以上的设备有几台 after the cars
            # counted, naming its own)
            plan.metric = previous.metric
            if self._each_again(plan, q, previous):  # 这两项分别是多少: each, not their parts
                plan.intent = "several"
            if plan.intent in ("several", "sum", "yoy") or previous.intent == "named":
                plan.metrics = previous.metrics
            if whole := self._whole_said(plan, q, previous):  # 和去年比总的少了多少
                plan.metric, plan.metrics = MetricSlot(whole, q.basis), []
        elif previous and previous.intent == "units" and self._continues(q):
            # 那水务局本级呢 after its units ranked: the total they are ranked by
            plan.metric = MetricSlot(self.reader.vocab["default_rank_metric"], q.basis)
        if plan.intent == "breakdown" and (whole := self._whole_beside(q, metrics)):
            plan.metric, metrics = MetricSlot(whole, q.basis), [whole]  # 买车和日常运行各多少
        if plan.intent in ("value", "named", "breakdown", "several", "sum") and len(metrics) > 1:
            plan.intent = "sum" if plan.intent == "sum" else "several"
            plan.metrics = _slots(metrics, q.basis)
        elif plan.intent == "yoy" and len(metrics) > 1:  # 会议费和培训费比上年多了还是少了
            plan.metrics = _slots(metrics, q.basis)
        added = re.search(self.reader.vocab["tally"]["added"], q.text)  # a sum checked: _tallied
        if plan.intent == "audit" and len(metrics) > 1 and not added:  # 说明里的公用经费和表里的…
            plan.metrics = _slots(metrics, q.basis)
        if plan.intent in ("several", "sum") and not plan.metrics:  # 其中人员经费多少？ after two
            plan.intent = "value"
        if plan.intent == "share":
            self._part_and_whole(plan, q, metrics)
            if previous and previous.metric and (clause or q.followup or q.pronoun):
                self._share_of_previous(plan, q, previous)
                self._share_within_previous(plan, q, previous.metric)
                self._each_of_previous(plan, q, previous, metrics)
            elif previous and previous.focus:  # 占全局的多少 (opening with 占) after the units
                self._share_of_previous(plan, q, previous)
            if previous and previous.whole and not metrics and plan.metric == previous.metric:
                plan.whole = previous.whole  # 杭州市气象局的呢？ after a share: of the same whole
            elif self._another_part(plan, q, previous, metrics):
                plan.whole = previous.whole  # 那政府性基金呢？ after a share: of the same whole
            same = plan.whole and plan.metric and plan.whole.name == plan.metric.name
            told = "|".join(self.reader.vocab["states_direction"].values())
            if same and re.search(told, q.text):
                plan.intent = "yoy"  # 比上年增加多少？增长百分之几: the rate of the change
        if previous and previous.metric and (clause or q.followup):
            self._part_of_previous(plan, q, previous.metric)
        self._part_inside(plan, q)
        if previous and previous.metric and (clause or q.followup):
            self._fund_of_previous(plan, q, previous.metric)
        two = plan.intent == "several" and len(plan.metrics) == 2
        if two and not self._listed(plan.metrics, q):  # 地质灾害防治里一般公共预算多少
            line, fund = self._line_and_fund(plan.metrics, q)
            self._fund_of_previous(replace(plan, intent="value", metric=fund), q, line, plan)
        elif plan.intent == "several":
            self._lines_of_fund(plan, q, self._wholes_over(plan, q))
            self._such_as(plan, q)
        self._fund_said(plan, q)
        line = previous.metric if previous and (clause or q.followup) else None
        self._line_columns(plan, q, line)
        if previous and (clause or q.followup or self._continues(q)):
            self._cost_of_count(plan, q, previous, metrics)
            self._own_parts_after(plan, q, previous)
        self._default_metric(plan, q)
        if previous and previous.leaves and clause and plan.metric == previous.metric:
            plan.leaves = plan.intent in ("rank_within", "breakdown")  # 花在哪几项上？最多的三项
        if plan.intent == "several" and plan.whole is None:  # 买车和养车各多少: 公务用车…费 too
            made_of = self.wholes.made_of([m.name for m in plan.metrics if not m.column])
            plan.whole = MetricSlot(made_of, q.basis) if made_of else None

    def _cost_of_count(self, plan: Plan, q: Question, before: Plan, metrics: list[str]) -> None:
        """A clause asking what the things counted before it cost (有几个项目做了绩效目标，涉及
        多少钱; 买几辆车，要花多少钱) asks for the count's amount; asking what each costs (每个多少
        钱) or what they are called (叫啥), for that amount item by item; asking which costs most
        (钱最多的是哪个, 最大的是哪个), for them ranked by it."""
        vocab = self.reader.vocab
        own = [m for m in metrics if not re.search(vocab["costs"], m)]  # 花多少: of the total too
        ranked = plan.intent in RANKING  # (naming nothing of its own: 最大的是哪个 too)
        named = re.search(vocab["counted_called"], q.text)  # 叫啥: the things counted, by name
        asked = ranked or named or re.search(vocab["costs"], q.text)
        costs_only = not q.metrics and not self.reader.names_own(q.residue)
        if before.by_item and costs_only and re.search(vocab["costs"], q.text):
            plan.intent, plan.metric, plan.by_item = before.intent, before.metric, True
            return  # 叫啥，多少钱: the things counted, item by item, with their amounts
        if before.intent != "count" or own or not asked:
            return
        found = self.catalogue.resolve(before.metric_name or "").metrics
        if not (found and found[0].amount):
            return
        plan.intent, plan.metric = "value", MetricSlot(found[0].amount, q.basis)
        if ranked:  # 钱最多的是哪个: the things counted, the costliest first
            plan.intent, plan.by_item = "rank_within", True
        elif named or re.search(vocab["each"], q.text):
            plan.intent, plan.by_item = "breakdown", True

    def _count_by_measure(self, plan: Plan, q: Question, before: Plan, metrics: list[str]) -> bool:
        """A clause asking only a measure (多少人, 几个人) after one about what it counts (接待了
        几次, 出国花了多少钱) asks that thing's count in the measure: 公务接待人次, 因公出国人数."""
        catalogue = self.catalogue
        asked = re.search(self.reader.vocab["measure_asked"], q.text)
        named = catalogue.resolve(before.metric_name or "").metrics
        if asked is None or not named or any(catalogue.resolve(m).exact for m in metrics):
            return False
        for _, _, words in grammar().by_measure:
            group = {*words.values()}
            amounts = {catalogue.metrics[m].amount for m in group}
            if named[0].id in group | amounts and (metric := words.get(asked["measure"])):
                plan.intent, plan.metric, plan.metrics = "count", MetricSlot(metric), []
                return True
        return False

    def _spent(self, plan: Plan, q: Question) -> None:
        """A fund named as money received but asked how it was spent (一般公共预算拨款…实际花了
        多少, 财政拨款执行了多少) is the fund's spending, where the catalogue has it."""
        if re.search(self.reader.vocab["spent"]["words"], q.residue):
            self._as_spending(plan)

    def _as_spending(self, plan: Plan) -> None:
        """A fund named as money received (一般公共预算财政拨款), read as its spending."""
        catalogue, spent = self.reader.catalogue, self.reader.vocab["spent"]
        received, spending = spent["received"], spent["spending"]
        if plan.metric is None or received in plan.metric.name:
            return
        found = catalogue.resolve(plan.metric.name).metrics
        if not found or not found[0].id.endswith(received):
            return
        its_spending = found[0].id.removesuffix(received) + spending
        if its_spending in catalogue.metrics:
            plan.metric = replace(plan.metric, name=its_spending)

    def _within(self, q: Question, names: list[str]) -> str | None:
        """The name the catalogue words said are only parts of (国三柴油货车提前淘汰补贴 holds
        补贴, 葡萄酒产业发展专项资金 holds 产业发展 and 专项资金): the words said around them,
        ``name_more_chars`` more, no catalogue name themselves and no words of a sentence
        (人员的工资, 钱大部分都是项目支出, 审计业务这个科目支出 and 说明里写收入19302万 ask for
        工资, 项目支出, 审计业务 and 收入)."""
        vocab = self.reader.vocab
        said, _ = self._said_name(q)
        if q.operation == "reason":
            said = re.sub(f"(?:{vocab['reason_tail']}|{vocab['asks_use']}).*$", "", said)
        rest = said
        for name in [*names, *(n for _, n in q.named)]:
            rest = rest.replace(name, "")
        longer = len(without_whole_words(rest, vocab)) >= vocab["name_more_chars"]
        inside = all(n in said for n in names)
        joined = len(names) > 1 and re.search(vocab["joins_names"], said)
        if not (inside and longer) or joined or re.search(vocab["not_in_names"], said):
            return None
        found = self.catalogue.resolve(said)
        return None if found.exact or self._said_more_fully(rest, found, names) else said

    def _said_more_fully(self, rest: str, found: Resolution, names: list[str]) -> bool:
        """Whether the words said around a catalogue name are more of that same name
        (公车运行维护 of 公车运行: 维护 of 公务用车运行维护费), not a name of their own."""
        said = {m.id for name in names for m in self.catalogue.resolve(name).metrics}
        metrics = found.metrics
        return (
            len(metrics) == 1
            and metrics[0].id in said
            and any(rest in name for name in metrics[0].names)
        )

    def _part_of_previous(self, plan: Plan, q: Question, before: MetricSlot) -> None:
        """“政府采购多少，其中采购服务的有多少” / “其中服务类的呢” / then “工程呢”: a clause
        naming the metric before it again, or words the catalogue does not know, asks for the
        part of it (or of its whole) that its words tell apart (服务 of 政府采购服务)."""
        resolve = self.catalogue.resolve
        found = resolve(before.name).metrics
        if len(found) != 1 or plan.intent not in CONTINUED:
            return
        said = resolve(plan.metric.name).metrics if plan.metric else []
        if said and [m.id for m in said] != [found[0].id]:
            return
        wholes = [
            found[0],
            *(self.catalogue.metrics[w] for w in self.catalogue.wholes_of(found[0].id)),
        ]
        parts = [part for whole in wholes for part in self.wholes.parts_said(whole, q.residue)]
        if len(parts) == 1 and not (plan.intent == "breakdown" and self._undivided(parts[0])):
            plan.metric = MetricSlot(parts[0], q.basis or before.basis)

    def _undivided(self, name: str) -> bool:
        """Whether the catalogue names no parts of a metric and it is no subject line (公务用车
        购置费): asked for its parts, the whole it is a part of is meant."""
        found = self.catalogue.resolve(name).metrics
        return bool(found) and not (found[0].parts or found[0].code)

    def _fund_of_previous(
        self, plan: Plan, q: Question, before: MetricSlot, into: Plan | None = None
    ) -> None:
        """A clause naming only a fund after a line (地质灾害防治一共安排多少？其中一般公共预算
        安排了多少), or a line and then a fund (地质灾害防治里一般公共预算多少): the line as that
        fund's tables print it (set in ``into``, the plan itself by default)."""
        vocab = self.reader.vocab
        funds = vocab["fund_metrics"]
        if plan.intent not in ("value", "named") or plan.metric is None:
            return
        whole = self.catalogue.resolve(before.name)
        if whole.exact and any(m.id in vocab["total_metrics"] for m in whole.metrics):
            return  # 交通管理局的钱里，财政拨款有多少: the fund's own total
        wholes = self.catalogue.wholes_of
        if set(wholes(plan.metric.name)) & set(wholes(before.name)):
            return  # 那财政拨款收入呢 after 上年结转: a part of the same whole, in its place
        found = self.catalogue.resolve(plan.metric.name).metrics
        only = re.match(vocab["fund_only"], plan.metric.name) or (found and found[0].id in funds)
        fund = next((f for f, said in vocab["funds"].items() if re.search(said, q.text)), None)
        line = not any(m.id in funds for m in whole.metrics)
        if fund and only and line:
            into = into or plan
            into.intent, into.metric, into.metrics = "named", replace(before, fund=fund), []

    def _line_and_fund(
        self, metrics: list[MetricSlot], q: Question
    ) -> tuple[MetricSlot, MetricSlot]:
        """The two names of a line and a fund, as 地质灾害防治里一般公共预算多少 says them; a
        fund said first holds the line after it (财政拨款里的信访业务, 财政拨款安排的水利工程建设
        支出)."""
        first, second = metrics
        between = q.text.partition(first.name)[2].partition(second.name)[0]
        vocab = self.reader.vocab
        if re.match(vocab["fund_only"], first.name) and re.fullmatch(vocab["fund_holds"], between):
            return second, first
        return first, second

    def _listed(self, metrics: list[MetricSlot], q: Question) -> bool:
        """Whether two names are said as a list (一般公共预算和其他收入各多少), each asked, not a
        line and the fund it is asked of."""
        first, second = metrics
        between = q.text.partition(first.name)[2].partition(second.name)[0]
        return bool(re.fullmatch(self.reader.vocab["list_joint"], between))

    def _such_as(self, plan: Plan, q: Question) -> None:
        """Figures listed as examples (基本支出、项目支出这些各是多少, …等): every part of the whole
        they are parts of, as the document prints them, not only those said."""
        at, name = q.named[-1] if q.named else (0, "")
        if not name or not re.match(self.reader.vocab["such_as"], q.text[at + len(name) :]):
            return
        wholes = [set(self.catalogue.wholes_of(m.name)) for m in plan.lines]
        common = set.intersection(*wholes) if wholes else set()
        whole = next((w for w in self.catalogue.wholes_of(plan.lines[0].name) if w in common), None)
        if whole:
            plan.intent, plan.metric, plan.metrics = "breakdown", MetricSlot(whole, q.basis), []

    def _wholes_over(self, plan: Plan, q: Question) -> str:
        """Figures said as the whole the ones listed after them are under (普通教育下面学前、小学、
        初中这几项): not asked themselves. What the question says of them, to be passed over."""
        over = self.reader.vocab["whole_over"]
        said = [
            (at, name, under.group(0))
            for i, (at, name) in enumerate(q.named[1:-2], start=1)
            if q.text.startswith(name, at) and (under := re.match(over, q.text[at + len(name) :]))
        ]
        wholes = {name for _, name, _ in said}
        if said and len([m for m in plan.metrics if m.name not in wholes]) >= 2:
            plan.metrics = [m for m in plan.metrics if m.name not in wholes]
        return "|".join(re.escape(name + under) for _, name, under in said)

    def _lines_of_fund(self, plan: Plan, q: Question, passed: str = "") -> None:
        """A fund said first and the lines it holds listed after it (财政拨款支出分到社会保障和
        就业、卫生健康、住房保障这几块; 财政拨款里，普通教育下面学前、小学…, the whole between
        ``passed`` over): the fund's total, and each line as that fund's tables print it."""
        vocab = self.reader.vocab
        first, *lines = plan.metrics
        fund = next((f for f, said in vocab["funds"].items() if re.search(said, first.name)), None)
        end = q.text.find(first.name) + len(first.name)
        at = next((at for at, name in q.named if name == lines[0].name and at >= end), None)
        between = q.text[end:at] if at is not None else ""  # (社保 of 社会保障和就业支出)
        between = re.sub(passed, "", between) if passed else between
        said = first.name in q.text  # (一般公共预算、国资预算…: read as 一般公共预算资金, no fund)
        if not re.match(vocab["fund_only"], first.name) or fund is None or not said:
            return
        if re.fullmatch(vocab["fund_holds"], between) and not any(m.fund for m in lines):
            plan.metrics = [first, *(replace(m, fund=fund) for m in lines)]

    def _line_columns(self, plan: Plan, q: Question, before: MetricSlot | None) -> None:
        """A line's own columns asked (公路养护的基本支出和项目支出各多少; 公路养护一共多少？其中
        基本支出和项目支出各多少): the cells of the line's row under them, not the department's
        基本支出. The line is named first, or by the clause before one opening with 其中; a
        line is a subject of the tables or a label of the document's, no catalogue whole."""
        said = plan.metrics or ([plan.metric] if plan.metric else [])
        if plan.intent not in ("value", "named", "several") or not said:
            return
        vocab, heads = self.reader.vocab, label_rules()["line_columns"]
        asked = [m for m in said if self.wholes.id(m.name) in heads]
        if not asked:
            return
        line = said[0] if len(said) == len(asked) + 1 and said[0] not in asked else None
        joined = q.text.partition(line.name)[2].partition(asked[0].name)[0] if line else ""
        if line is None or not re.fullmatch(vocab["column_joined"], joined):
            after = before and len(said) == len(asked) and re.match(vocab["column_after"], q.text)
            line = before if after else None
        if line is None or line.fund or line.column:
            return
        found = self.catalogue.resolve(line.name)
        if found.exact and any(m.code is None for m in found.metrics):
            return  # 三公经费, 本年支出合计: a whole, not a line of the tables
        slots = [replace(line, column=self.wholes.id(m.name)) for m in asked]
        plan.intent = "several" if len(slots) > 1 else "value"
        plan.metric, plan.metrics = slots[0], slots if len(slots) > 1 else []

    def _fund_said(self, plan: Plan, q: Question) -> None:
        """A line asked of a fund the question names beside it (行政运行里一般公共预算多少): the
        line as that fund's tables print it; ranked or divided, its lines as they print them
        (财政拨款里水利这块，哪三项钱最多). A fund's own total is no line of a fund."""
        vocab = self.reader.vocab
        asked = ("value", "named", "rank_within", "breakdown")
        if plan.intent not in asked or plan.metric is None or plan.metric.fund:
            return
        said = re.sub(vocab["fund_denied"], "", q.residue.replace(plan.metric.name, ""))
        fund = next((f for f, w in vocab["funds"].items() if re.search(w, said)), None)
        owned = self.catalogue.resolve(plan.metric.name).metrics
        if fund and not any(m.id in vocab["fund_metrics"] or fund in m.id for m in owned):
            plan.metric = replace(plan.metric, fund=fund)

    def _inside_named(self, plan: Plan, q: Question) -> None:
        """A figure named inside another named right before it (一般公共预算基本支出里工资福利
        支出, 基本支出当中的办公费), in a question of one clause or in a clause the next goes on
        from with 其中, is that figure as the whole's tables print it."""
        if plan.intent != "several":
            return
        names = [m.name for m in plan.metrics]
        inside = self.reader.vocab["part_inside"]
        for at, said in q.named:
            if not re.match(inside, q.text[at + len(said) :]) or said not in names:
                continue
            inner = [n for n in names if n != said and self.wholes.inside(said, n)]
            columns = label_rules()["line_columns"]
            if (column := self.wholes.id(said)) in columns:
                plan.metrics = [  # 基本支出里，工资福利、商品和服务…各多少: its column's cells
                    replace(m, column=column) if m.name in inner and not self._column(m) else m
                    for m in plan.metrics
                ]
            if len(inner) == 1:  # (三公经费里出国、公车、接待各多少: each, and the whole)
                plan.intent, plan.metric = "value", plan.metrics[names.index(inner[0])]
                plan.metrics = []
                return
            if plan.whole is None and len(names) >= 3 and said == names[0]:
                # 机关运行经费里，会议费和差旅费各安排了多少: asked within it, whatever they are
                # (基本支出里人员经费和公用经费分别多少: the whole said first, where they are)
                plan.whole, plan.metrics = plan.metrics[0], plan.metrics[1:]
                return

    def _column(self, metric: MetricSlot) -> bool:
        """Whether a figure is read by a column of its own or is one (人员经费 of 基本支出)."""
        return bool(metric.column) or self.wholes.id(metric.name) in label_rules()["line_columns"]

    def _part_inside(self, plan: Plan, q: Question) -> None:
        """A part said in its own short words inside the whole named before it (政府采购里服务类
        多少, 三公经费当中接待的): that part; of a share (政府采购里，服务占多少), its share of
        that whole. Parts the catalogue does not know are those of the whole's breakdown so
        named (综合管理里头，编外人员和辅警经费各占多少)."""
        inside = re.search(self.reader.vocab["part_inside"], q.residue)
        left_out = re.search(self.reader.vocab["left_out"], q.text)  # 三公经费里除了公车以外的
        asked = plan.intent in ("value", "named", "share", "breakdown")
        if not asked or plan.metric is None or not inside or left_out:
            return
        found = self.catalogue.resolve(plan.metric.name).metrics
        parts = self.wholes.parts_said(found[0], q.residue[inside.end() :]) if found else []
        if not parts and (own := self._own_parts_inside(plan.metric.name, q)):
            plan.intent, plan.named_parts = "breakdown", own
            plan.by_item = bool(found and found[0].parts)  # 政府采购里某某会议经费: an item
        if len(parts) != 1 or plan.intent == "breakdown":
            return
        if plan.intent == "share":
            plan.metric, plan.whole = MetricSlot(parts[0], plan.metric.basis), plan.metric
        else:
            plan.intent, plan.metric = "value", MetricSlot(parts[0], plan.metric.basis)

    def _own_parts_inside(self, whole: str, q: Question) -> list[str]:
        """The parts a question names in its own words right inside the whole it names before
        them (综合管理里头，编外人员和辅警经费各占多少 → 编外人员, 辅警经费), none of them a
        figure the catalogue knows nor a fund (行政运行里一般公共预算多少)."""
        vocab = self.reader.vocab
        at = q.residue.find(whole)
        within = f"{vocab['inside_lead']}(?:{vocab['part_inside']})"
        inside = re.match(within, q.residue[at + len(whole) :]) if at >= 0 else None
        said = (
            re.match(vocab["part_said"], q.residue[at + len(whole) + inside.end() :])
            if inside
            else None
        )
        if said is None:
            return []
        if any(re.search(fund, said.group(0)) for fund in vocab["funds"].values()):
            return []
        parts = [p for p in re.split(vocab["parts_joint"], said["part"]) if len(p) >= 2]
        levels = _level_words()  # 三公经费里局本级占了多少: a level, no part
        if any(self.catalogue.resolve(p).exact or re.search(levels, p) for p in parts):
            return []
        return parts

    def _own_parts_after(self, plan: Plan, q: Question, before: Plan) -> None:
        """A clause opening with 其中 that names, in its own words, parts of a line no catalogue
        names asked before it (福彩公益金今年安排了多少？其中老年人福利类和儿童福利类各多少):
        that line's parts so named, as its text lists them."""
        vocab = self.reader.vocab
        opened = re.match(vocab["column_after"], q.text)
        line = before.metric.name if before.metric and before.intent == "named" else None
        said = re.match(vocab["part_said"], q.text[opened.end() :]) if opened else None
        if line is None or said is None or self._known(line):
            return
        parts = [p for p in re.split(vocab["parts_joint"], said["part"]) if len(p) >= 2]
        kinds = f"(?:{vocab['name_endings']}|{vocab['kind_endings']})$"  # not 补助区县, a field
        if parts and all(re.search(kinds, p) and not self._known(p) for p in parts):
            plan.intent, plan.metric, plan.metrics = "breakdown", before.metric, []
            plan.named_parts = parts

    def _default_metric(self, plan: Plan, q: Question) -> None:
        """The metric an operation means when the question names none (and the 功能分类 类
        for “哪一类”); the term of a definition as written."""
        vocab = self.reader.vocab
        if plan.intent in ("breakdown", "rank_within", "value", "named", "several"):
            self._items_about(plan, q)
        if plan.intent == "breakdown" and plan.metric and re.search(vocab["bought"], q.text):
            plan.by_item = True  # 政府采购买了些啥: the items its table lists
        counted = self.catalogue.resolve(plan.metric.name).metrics[:1] if plan.metric else []
        if plan.intent in ("rank_within", "breakdown") and counted and counted[0].amount:
            plan.metric, plan.by_item = MetricSlot(counted[0].amount), True  # 绩效目标的项目分别
            # 叫啥: what the things it counts cost, item by item
        said = self.catalogue.resolve(plan.metric.name) if plan.metric else None
        # (a project of its own name holding a word of 项目支出, 市级人才专项经费, is no 项目支出)
        projects = said and said.exact and said.metrics[0].id == vocab["item_metric"]
        if plan.intent == "rank_within" and projects and re.search(vocab["items_counted"], q.text):
            plan.by_item = True  # 项目支出最多的三个: projects, counted in 个
        if plan.intent == "breakdown" and projects and re.search(vocab["divided_asked"], q.text):
            plan.by_item = True  # 项目支出主要花在哪: its projects, where a table lists them
        found = self.catalogue.resolve(plan.metric.name).metrics if plan.metric else []
        listed = found and found[0].listed_in and not projects  # 政府采购里哪一项最大: its items
        if plan.intent == "rank_within" and listed and re.search(vocab["item_of_listed"], q.text):
            plan.by_item = True
        if plan.intent in ("rank_within", "breakdown") and re.search(vocab["item_asked"], q.text):
            plan.by_item = True  # the items of what it names, else of 项目支出 (not of a count)
            found = self.catalogue.resolve(plan.metric.name).metrics if plan.metric else []
            if not plan.metric or (found and found[0].unit != MONEY):  # 一级项目有几个, then…
                plan.metric = MetricSlot(vocab["item_metric"])
        spent = re.search(vocab["spent_where"], q.text)
        whole = (
            plan.intent == "breakdown" or (spent and plan.intent == "rank_within")
        ) and not plan.metric
        named = [plan.metric.name] if plan.metric else []
        if plan.intent in ("rank_within", "breakdown") and self._by_economic(named, q):
            plan.metric = MetricSlot(vocab["economic_metric"])
        elif plan.intent in ("rank_within", "breakdown") and self._by_class(plan, q):
            plan.metric = MetricSlot(vocab["class_metric"])
        elif whole:
            plan.metric = MetricSlot(vocab["spending_metric"])
        if plan.intent in ("rank", "rank_within", "compare_departments") and not plan.metric:
            plan.metric = MetricSlot(vocab["default_rank_metric"])
        self._all_sources(plan, q)
        spent = vocab["fund_spent"].get(self.wholes.id(plan.metric.name)) if plan.metric else None
        by_function = re.search(vocab["by_class"], q.text)
        # (an income the catalogue does not divide, 政府性基金那4165万分到哪几块: where it goes)
        income = self.catalogue.metrics.get(self.wholes.id(plan.metric.name)) if spent else None
        undivided = income is not None and not income.parts
        divided = plan.intent in ("rank_within", "breakdown") and (by_function or undivided)
        if spent and plan.metric and divided:
            plan.metric = MetricSlot(spent, plan.metric.basis)
        deepest = plan.intent == "rank_within" and q.top_n in (None, 1) and not plan.by_item
        plan.deepest = bool(deepest and re.search(vocab["deepest_asked"], q.text))
        wholes = {vocab["class_metric"], *vocab["whole_funds"]}  # 一般公共预算支出里，按项级
        by_class = plan.metric and self.wholes.id(plan.metric.name) in wholes
        leaves = plan.intent in ("rank_within", "breakdown") and by_class
        plan.leaves = bool(leaves and re.search(vocab["leaves_asked"], q.text))
        # (项目支出最多的是哪个科目？排第二的呢: its 项 ranked, not the 类 it divides into)
        subjects = plan.intent == "rank_within" and re.search(vocab["subjects_asked"], q.text)
        many = (q.top_n or 1) > 1 or re.search(vocab["leaves_asked"], q.text)
        plan.leaves = plan.leaves or bool(subjects and many and not plan.by_item)
        # (the smallest line asked, 哪一项最少: of all the lines with none under them, not the
        # smallest 类's, which may be one line of all of it)
        plan.leaves = plan.leaves or (plan.deepest and q.order == "asc")
        plan.deepest = plan.deepest and not plan.leaves
        if re.search(vocab["class_level_said"], q.text):  # 按功能科目（类）看，最多的两类
            plan.deepest = plan.leaves = False
        if plan.intent == "budget_vs_actual" and not plan.metric:
            phrase, _ = self._said_name(q, "budget_words", "difference")
            plan.metric = MetricSlot(phrase or vocab["default_budget_metric"])
        changed = re.search(vocab["change_words"], q.text) and not text_topic(q.text)
        if plan.intent == "reason" and not plan.metric and changed:  # not 有多少个单位
            own = self._own_thing(q, "reason_said")  # 给公交的运营补助为什么少了: that line's
            plan.metric = MetricSlot(own or vocab["default_reason_metric"])
        if plan.intent == "definition":
            plan.metric = _slot(definition_term(q.residue, vocab)) or plan.metric
        whole = asks_whole(q.residue, vocab)
        if plan.intent in ("value", "yoy", "share") and not plan.metric and whole:
            plan.metric = MetricSlot(vocab["default_metric"])

    def _all_sources(self, plan: Plan, q: Question) -> None:
        """Where the money comes from (收入从哪来, 最多的三个来源), asked of a year's income: all
        the money, with what was carried over into the year (its total's with_carried)."""
        if plan.intent not in ("rank_within", "breakdown") or plan.metric is None:
            return
        found = self.catalogue.resolve(plan.metric.name).metrics[:1]
        vocab = self.reader.vocab
        sources = re.search(vocab["sources_asked"], q.text)
        gap = re.search(vocab["tally"]["gap"], q.text)  # (差的钱哪来的: the rest of figures said)
        if found and found[0].with_carried and sources and not gap:
            plan.metric = MetricSlot(found[0].with_carried, plan.metric.basis)

    def _by_class(self, plan: Plan, q: Question) -> bool:
        """A question about the 功能分类 类 naming no metric of its own (“哪一类功能支出最多”)."""
        vocab = self.reader.vocab
        if not re.search(vocab["by_class"], q.text):
            return False
        if plan.metric is None:
            return True
        named = self.catalogue.resolve(plan.metric.name).metrics
        if not named:  # a line the tables print (公立医院这块，哪三类医院, “法院”这一款): its parts
            return not self.lexicon.printed(plan.metric.name)
        return named[0].id in vocab["class_totals"]

    def _by_economic(self, names: list[str], q: Question) -> bool:
        """A question about the 经济分类 类 (按经济分类看钱主要花在哪), of no metric of its own but
        a whole of the spending or of a fund (一般公共预算支出按经济分类)."""
        vocab = self.reader.vocab
        wholes = {*vocab["class_totals"], *vocab["whole_funds"]}
        found = (self.catalogue.resolve(n).metrics for n in names)
        whole = all(f and f[0].id in wholes for f in found)
        return whole and bool(re.search(vocab["by_economic"], q.text))

    def _qualified(self, names: list[str]) -> list[str]:
        """A subject named under its parent is that one child: 城乡社区管理事务的行政运行 →
        2120101 (行政运行 alone is a line of many 款)."""
        if len(names) < 2:
            return names
        parents = [m.code for m in self.catalogue.resolve(names[0]).metrics if m.code]
        children = {
            m.code
            for m in self.catalogue.resolve(names[1]).metrics
            if m.code and any(m.code != p and m.code.startswith(p) for p in parents)
        }
        return [children.pop(), *names[2:]] if len(children) == 1 else names

    def _distinct(self, names: list[str]) -> list[str]:
        """The names that resolve to a metric or name a printed row, one name per metric, by
        the metric each names first (三公经费预算表 … 三公经费; 请客吃饭的公务接待费)."""
        seen: dict[tuple[tuple[str, str | None], ...], str] = {}
        for name in names:
            key = tuple((m.id, m.code) for m in self.catalogue.resolve(name).metrics[:1])
            printed = name in self.lexicon.labels or self.lexicon.printed_only(name)
            if printed and not self.catalogue.resolve(name).exact:
                key = ((name, None),)
            if key and key not in seen:
                seen[key] = name
        return list(seen.values())

    def _part_and_whole(self, plan: Plan, q: Question, metrics: list[str]) -> None:
        """Which named metric is the part and which the whole: the one followed by 里/中
        (“三公经费中公务用车费占比”, “招待费在三公里占多少”) is the whole, else the one after 占
        (“工资占基本支出多少”); with one name (said once or twice), the whole is where that
        metric belongs; a fund said before a line (一般公共预算基本支出里, 一般公共预算里基本支
        出) is none of them, but the fund the part is of."""
        named = self._first_of_each([(at, m) for at, m in q.named if m in metrics])
        if len(named) < 2:
            named = self._first_of_each(
                [(at, m) for at, m in q.named if self.catalogue.resolve(m).metrics]
            )
        named, fund = self._fund_of_line(named, q)
        if fund and len(named) == 1:  # 一般公共预算里基本支出占多少: of the fund's spending
            plan.metric = MetricSlot(named[0][1], q.basis, fund=fund)
        self._shares_of(plan, q, named)
        if fund and plan.metric and not plan.metric.fund:
            plan.metric = replace(plan.metric, fund=fund)

    def _fund_of_line(
        self, named: list[tuple[int, str]], q: Question
    ) -> tuple[list[tuple[int, str]], str | None]:
        """The names of a share without a fund said right before the line after it, and that
        fund (一般公共预算基本支出里, 一般公共预算的项目支出, 财政拨款里的基本支出)."""
        vocab = self.reader.vocab
        for i, ((at, _), (after, _)) in enumerate(itertools.pairwise(named)):
            said = q.text[at:after]
            for fund, word in vocab["funds"].items():
                if re.fullmatch(f"(?:{word})[\u4e00-\u9fff]{{0,2}}?{vocab['fund_holds']}", said):
                    return named[:i] + named[i + 1 :], fund
        return named, None

    def _shares_of(self, plan: Plan, q: Question, named: list[tuple[int, str]]) -> None:
        """The part and the whole of a share, of the names it says (see `_part_and_whole`)."""
        each = re.search(self.reader.vocab["each"], q.text)
        said = [m for _, m in named] or [m.name for m in [plan.metric] if m]  # (its parts' words)
        if each and (found := self.wholes.each_share(said, q.residue)):
            parts, whole = found  # 基本支出和项目支出各占多少, 政府采购的货物和服务各占多少
            plan.metrics, plan.whole = _slots(parts, q.basis), MetricSlot(whole)
            plan.metric = plan.metrics[0]
            return
        known = [m for m in said if self.wholes.id(m)]
        if each and len(said) > 2 and (found := self.wholes.each_share(known, q.residue)):
            # 基本支出、项目支出和预留机动经费各占多少: each of the whole the known ones make up
            plan.metrics, plan.whole = _slots(said, q.basis), MetricSlot(found[1])
            plan.metric = plan.metrics[0]
            return
        if len(named) < 2 and self._organ_inside(plan, q, named):
            plan.whole = plan.metric  # 三公经费里局本级占了多少: of the department's 三公经费
            return
        if len(named) < 2:  # 预算里人员支出占多少, 占总数的比重: of the budget's total
            vocab = self.reader.vocab
            inside = re.search(vocab["document_inside"], q.text) or self._of_total(q.text)
            whole = self._fund_spent(plan.metric)  # 一般公共预算(里)的项目支出占比多少
            whole = whole or (self._total_of(plan.metric_name) if inside else None)
            plan.whole = MetricSlot(whole or self._whole_of(plan.metric_name))
            return
        (first_at, first), (_, second) = named[:2]
        inside = re.compile(self.reader.vocab["share_inside"])
        if inside.match(q.text, first_at + len(first)):
            first, second = second, first
        if self.wholes.id(first) != self.wholes.id(second) and self.wholes.inside(first, second):
            second = self._whole_of(first)  # 公车（买车加养车）占多少: no share of its own part
        plan.metric, plan.whole = MetricSlot(first), MetricSlot(second)

    def _organ_inside(self, plan: Plan, q: Question, named: list[tuple[int, str]]) -> bool:
        """Whether the organ itself (本级) is said inside the one figure named (三公经费里局
        本级占了多少): its share of the department's."""
        if not (plan.department and plan.department.level == "单位" and named):
            return False
        at, said = named[0]
        after = q.text[at + len(said) :]
        inside = re.match(self.reader.vocab["part_inside"], after)
        return bool(inside and re.search(_level_words(), after))

    def _first_of_each(self, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Each metric where it is first said, by whatever name (项目支出 … 项目支出占多少, 出国
        出境的费用占多少: one metric each)."""
        first: dict[str, tuple[int, str]] = {}
        for at, m in named:
            first.setdefault(self.wholes.id(m) or m, (at, m))
        return list(first.values())

    def _innermost(self, q: Question, metrics: list[str]) -> str | None:
        """Of several figures named, the one to rank inside: the last said, as people name the
        wider first (部门支出里，自然资源事务下面; 基本支出里，商品和服务支出哪三项), not the
        total a ranking's own words name (“水利”这个款下面，哪两项支出最大), nor one of several
        parts listed after their whole (政府采购里货物、工程、服务哪块最多: the whole's)."""
        totals = self.reader.vocab["class_totals"]
        said = [n for _, n in sorted(q.named) if n in metrics]
        named = [n for n in said if self.wholes.id(n) not in totals] or said
        holding = self.wholes.holding(named)
        if holding and sum(self.wholes.inside(holding, n) for n in named if n != holding) > 1:
            return holding
        return named[-1] if named else None

    def _another_part(
        self, plan: Plan, q: Question, previous: Plan | None, metrics: list[str]
    ) -> bool:
        """Whether a follow-up names only another part of the whole a share was asked of."""
        return bool(
            previous
            and previous.intent == "share"
            and previous.whole
            and q.followup
            and len(metrics) == 1
            and plan.metric
            and self.wholes.inside(previous.whole.name, plan.metric.name)
        )

    def _each_of_previous(self, plan: Plan, q: Question, before: Plan, metrics: list[str]) -> None:
        """“那各占多少？” after a question naming several figures asks each one's share of
        their whole (the one the clause names after 占, else the one it checked them against,
        else the first that holds them all)."""
        asked = [m.name for m in before.metrics]
        said = plan.whole.name if plan.whole and metrics == [plan.whole.name] else None
        each = re.search(self.reader.vocab["each"], q.text)
        if (metrics and not said) or len(asked) < 2 or not each:
            return
        found = self.wholes.each_share(asked, "")
        whole = said or (before.whole.name if before.whole else found[1] if found else None)
        whole = whole or self._total_of(asked[0])  # …预留机动经费各多少，各占百分之几: of the total
        if whole:
            plan.metrics, plan.whole = list(before.metrics), MetricSlot(whole)
            plan.metric = plan.metrics[0]

    def _share_of_previous(self, plan: Plan, q: Question, before: Plan) -> None:
        """“公务接待花多少？占三公经费的比例是多少？”: a clause opening with 占 names only the
        whole; the part is the figure the clause before asked for (of several, the last that is
        not that whole: “三公经费里因公出国费是多少，占三公经费的比例是多少”), or the item its
        answer named where the clause points at it (这个项目占…) or asked none (the unit the
        units ranked name first)."""
        said = re.sub(self.reader.vocab["time_lead"], "", q.residue)
        if not (self._opens_with_share(said) and (plan.metric or before.focus)):
            return
        own = plan.metric if q.metrics else None
        figures = [before.metric] if self._named_itself(before) else before.metrics
        asked = [m for m in (figures or [before.metric]) if m and m != own]
        part = asked[-1] if asked else before.metric
        if before.focus and (q.pronoun or before.metric is None):
            part = before.focus  # 这个项目占全部项目支出…, 占全局预算的多少: the one named
        # a clause naming no figure of its own is of the whole the part belongs to (其中服务类多
        # 少，占比多少: of 政府采购), or of the total where it says so (占总预算的多少)
        name = part.name if part else ""
        of_total = self._total_of if self._of_total(said) else self._whole_of
        whole = self._fund_spent(part) or of_total(name)
        plan.metric, plan.whole = part, own or MetricSlot(whole)

    def _of_total(self, text: str) -> bool:
        """Whether a share is said to be of all, in the words after 占 (占总数的比重, 占总预算的
        多少, 占全部的比例)."""
        vocab = self.reader.vocab
        after = re.search(f"{vocab['share_verb']}[^，,。？?；;]*", text)
        return bool(after and re.search(vocab["share_of_total"], after.group(0)))

    def _opens_with_share(self, said: str) -> bool:
        """Whether a clause opens with 占 (or a character of its sound, in a clause asking a
        share: 站总支出的比例是多少)."""
        vocab = self.reader.vocab
        lead = re.match(vocab["share_lead"], said)
        verb = said[lead.end() : lead.end() + 1] if lead else ""
        if verb == vocab["share_verb"]:
            return True
        heard = bool(verb) and sound(verb) == sound(vocab["share_verb"])
        return heard and bool(re.search(vocab["share_words"], said[lead.end() + 1 :]))

    def _named_itself(self, plan: Plan) -> bool:
        """Whether a name the catalogue does not know is what a plan asks, not the words it
        holds: a line the tables print (杭州市北郊监狱狱政设施建设), or a name holding no printed
        line whole (城乡居民医保基金补助, holding a label's first words only); not one holding a
        line with words of its own around it (干警提租补贴（住房补贴: the line 提租补贴)."""
        name = plan.metric_name or ""
        if plan.intent != "named" or not name:
            return False
        held = (m.name for m in plan.metrics if m.name in name)
        return name in self.printers or not any(line in self.printers for line in held)

    def _share_within_previous(self, plan: Plan, q: Question, before: MetricSlot) -> None:
        """A share clause naming only a part of the figure asked before it (政府采购预算多少？
        货物类占了多大比重？) asks for that part's share of that figure."""
        found = self.catalogue.resolve(before.name).metrics
        whole_said = plan.whole and any(plan.whole.name == said for _, said in q.named)
        if not found or whole_said or plan.metric is None:
            return
        parts = self.wholes.parts_said(found[0], q.residue)
        if len(parts) == 1:
            plan.metric, plan.whole = MetricSlot(parts[0], q.basis), before
        elif plan.metric.name != before.name and self.wholes.inside(before.name, plan.metric.name):
            plan.whole = before

    def _unknown_metric(self, q: Question, plan: Plan) -> tuple[Intent, MetricSlot | None]:
        """A question naming nothing the catalogue or the stored labels know: its own words go
        to the tools (they read the document's rows in like words, or say what it does print);
        a department asked only how it changed, its total's change; a department with nothing
        asked of it is offered what its document discloses; the help
        text only when the question names nothing at all."""
        vocab = self.reader.vocab
        phrase, named = self._said_name(q, "difference", "asks_either")  # 决算差多少, 多还是少
        said_total = re.search(f"{re.escape(phrase)}(?:{vocab['total_said']})", named)
        if phrase and (said_total or not self.catalogue.resolve(phrase).exact):
            phrase = self._total_line(phrase)  # 收支总额, 收支预算一共 → 收支总计
        asks = plan.intent != "value" or re.search(
            f"{vocab['asks_amount']}|{vocab['fiscal']}", q.text
        )
        if phrase and asks:
            known = self.catalogue.resolve(phrase).exact
            # (a count of what no catalogue name counts, 单价20万以上的设备: read as printed too)
            unnamed = plan.intent in ("value", "count") and not known
            intent: Intent = "named" if unnamed else plan.intent
            return intent, MetricSlot(phrase, q.basis)
        if q.departments and plan.intent == "yoy":  # 今年跟去年比多了还是少了: its total
            return plan.intent, MetricSlot(self.reader.vocab["default_metric"], q.basis)
        if q.departments:
            return "offer", None
        return "help", None

    def _own_thing(self, q: Question, *noise: str) -> str:
        """The thing a question names in its own words (without these other words), no question
        word among them (巨灾保险安排了多少钱, not 哪个花得多); '' for none."""
        phrase, _ = self._said_name(q, *noise)
        vocab = self.reader.vocab
        phrase = re.sub(f"{vocab['own_thing_around']}|{vocab['quoted']}", "", phrase)  # 那笔110万的
        words = f"{vocab['asks_anything']}|{vocab['pointing_words']}|{vocab['not_own_thing']}"
        own = len(phrase) >= vocab["own_name_chars"] and not re.search(words, phrase)
        return phrase if own else ""

    def _use_of_own_thing(self, plan: Plan, q: Question) -> str:
        """The thing a question asking what something is used for names in its own words (体彩
        公益金那一块具体拿去干嘛了: a project the tables print as 体育彩票公益金项目)."""
        asks_use = self.reader.vocab["asks_use"]
        if plan.intent != "reason" or not re.search(asks_use, q.text):
            return ""
        return self._own_thing(q, "asks_use")

    def _said_name(self, q: Question, *noise: str) -> tuple[str, str]:
        """What the question names in its own words (without these other words), with the money
        word that ends it (三工经费, 葡萄酒产业发展专项资金), and the words it is read from."""
        vocab = self.reader.vocab
        named = named_phrase(q.residue, vocab, *noise)
        phrase = trimmed(named, vocab) if without_whole_words(named, vocab).strip("　 ") else ""
        if re.fullmatch(vocab["quoted"], phrase):
            phrase = ""  # 总共4个亿的预算: an amount quoted names nothing
        return with_ending(phrase, named, vocab), named

    def _total_line(self, phrase: str) -> str:
        """The catalogue's total line of a phrase said with a word of the whole, or of one it
        knows only as the name of a total (收支总额, 收支 → 收支总计), else the phrase."""
        names = (phrase + ending for ending in self.reader.vocab["total_endings"])
        return next((n for n in names if self.catalogue.resolve(n).exact), phrase)

    def _whole_beside(self, q: Question, metrics: list[str]) -> str | None:
        """The whole whose parts are asked by one of them joined to words naming no figure,
        the whole itself named or not (公车那块买车和日常运行维护各安排多少: 公车's parts)."""
        wholes = {m: self._beside_a_sibling(q, m) for m in metrics}
        found = [w for w in wholes.values() if w]
        if len(found) != 1:  # (购置费、运行费各多少: both parts named, each asked)
            return None
        others = [m for m, w in wholes.items() if not w]
        return found[0] if all(self.wholes.id(o) == found[0] for o in others) else None

    def _beside_a_sibling(self, q: Question, name: str) -> str | None:
        """The whole of a part the catalogue does not divide, joined (和, 与, 、) to words that
        name no figure (买车和日常运行各安排了多少: 公务用车购置费 and, said loosely, its
        sibling 运行费): the whole whose parts are asked."""
        found = self.catalogue.resolve(name).metrics
        if not found or found[0].parts:
            return None
        joins = self.reader.vocab["joins_names"]
        said = re.escape(name)
        joined = re.search(f"{said}(?:{joins})|(?:{joins}){said}", q.text)
        wholes = self.catalogue.wholes_of(found[0].id)
        return wholes[0] if joined and wholes else None

    def _fund_spent(self, line: MetricSlot | None) -> str | None:
        """The spending of the fund a line is asked of (项目支出 of 一般公共预算): the whole its
        share is of when none is named."""
        fund = line.fund if line else None
        return self.reader.vocab["fund_spending"].get(fund) if fund else None

    def _whole_of(self, metric: str | None) -> str:
        resolved = self.catalogue.resolve(metric).metrics if metric else []
        if resolved and (parents := self.catalogue.wholes_of(resolved[0].id)):
            return parents[0]
        return self._total_of(metric)

    def _total_of(self, metric: str | None) -> str:
        """The document's total on the side of a metric: its income's, or its spending's."""
        vocab = self.reader.vocab
        resolved = self.catalogue.resolve(metric).metrics if metric else []
        income = bool(resolved) and resolved[0].id in vocab["income_metrics"]
        return vocab["income_whole" if income else "share_whole_default"]

    def _when(self, plan: Plan, q: Question, scope: Scope, previous: Plan | None) -> None:
        """The year and kind: written, else carried from the previous question about the same
        department, else the scope's (when the question stays in the scope's department), else
        the latest (of the kind said, 决算: the latest 决算); 去年/今年 count from that; a second
        year is the comparison base."""
        same_department = previous is not None and previous.department_name == plan.department_name
        name = plan.department_name
        in_scope = not scope.department or name == self.scope_department(scope.department)
        have = self.years.get(name or "", [])
        year = q.year or (scope.year if in_scope else None)
        if q.year is None and previous and same_department:
            going_on = not q.departments and plan.intent not in ("reason", "yoy")
            year = (_year_asked(previous) if going_on else previous.period.year) or year
        anchor = (scope.year if in_scope else None) or max(have, default=None)
        before = q.year is None and bool(re.search(self.reader.vocab["year_before_said"], q.text))
        if before and (q.relative_year or 0) < 0 and previous and same_department:
            anchor = previous.period.year  # 18年的…？上年是多少: the year before that one
        if not have and (q.relative_year or 0) > 0:  # of a name not known as said, 明年 is
            # after the latest year stored (今年 and 去年 wait for the department found)
            anchor = anchor or max((y for ys in self.years.values() for y in ys), default=None)
        if q.relative_year is not None and anchor:
            year = anchor + q.relative_year
        kind = (
            q.kind
            or (previous.period.kind if previous and same_department else None)
            or (scope.kind if in_scope else None)
        )
        plan.order, plan.top_n = q.order, q.top_n or self._default_top(plan, q.text)
        plan.unit_kind = self._unit_kind(plan, q.text)
        base = q.base_year
        if q.relative_base is not None and anchor:
            base = anchor + q.relative_base
        if plan.intent == "rank" and year is None:
            year = _busiest_year(self.years)
        elif year is None and plan.intent not in ("list_documents", "compare_departments"):
            of_kind = [y for y in have if kind in self.kinds.get((name or "", y), set())]
            year = max(of_kind or have, default=None)  # (departments compared: each its latest)
        if year is not None and self._held_at_end(plan, q, year):
            year += 1  # 截至2025年底共有多少辆车: what the 2026 budget states it holds
        if year is not None and self._executed_before(plan, year, kind):
            plan.intent, base, year, kind = "budget_vs_actual", year, year + 1, "预算"
            default = self.reader.vocab["default_budget_metric"]
            if not q.metrics and (plan.metric is None or plan.metric.name == default):
                plan.metric = MetricSlot(self.reader.vocab["default_metric"])  # the whole
        if year is not None and self._prior_year(plan, year, kind):
            held = self._holding(plan)
            whole = next((m for m in plan.metrics if m.name == held), None)
            plan.metric, plan.metrics = (whole, []) if whole else (plan.metric, plan.metrics)
            plan.intent, base, year = "prior_year", year, year + 1
        elif plan.intent == "prior_year" and not self._changed_said(q):
            plan.intent = "value"  # 今年呢？ after one: a year stored, read as such
        if base is not None and base == year and previous and previous.base:
            base = previous.base.year  # 2018年的决算支出是多少？跟2019年比: 2019 against 2018
        if previous and previous.base and q.year is None and self._years_each(q):
            plan.intent, base = "yoy", previous.base.year  # 其中招待费这两年各是多少
        plan.period = Period(year, kind)
        plan.base = Period(base) if base else None
        self._other_level(plan)

    @staticmethod
    def _two_years(plan: Plan, q: Question) -> None:
        """A figure asked of two years written (2018年和2019年的三公经费分别是多少) is their
        comparison, which states both."""
        years = {year for _, year in q.years}
        if len(years) == 2 and plan.metric and plan.intent in ("value", "breakdown"):
            plan.intent = "yoy"
            plan.period = replace(plan.period, year=max(years))
            plan.base = Period(min(years))

    def _across_turns(self, plan: Plan, q: Question, before: Plan) -> None:
        """A follow-up asking the same figure of another department (长春市信访局呢？) keeps both
        departments; one asking how far apart they are then (两个差多少) compares them."""
        same = plan.metric == before.metric and plan.metric is not None
        other = plan.department and before.department and plan.department != before.department
        if same and other and q.followup and plan.intent in ("value", "named", "count"):
            first = Compared(before.department, before.period.year)  # type: ignore[arg-type]
            plan.compared = [first, Compared(plan.department, plan.period.year)]  # type: ignore[arg-type]
        elif (
            same
            and len(before.compared) == 2
            and not q.departments
            and re.search(self.reader.vocab["difference"], q.text)
        ):
            plan.intent, plan.compared = "compare_departments", list(before.compared)
            plan.period = Period(None, plan.period.kind)

    def _budget_of_spending(self, plan: Plan, q: Question) -> None:
        """The budget (年初预算) asked of a year only its 决算 discloses (财政局2024年年初预算
        多少) is that budget against what was spent: the 决算 prints both."""
        if plan.intent != "value" or q.basis != "预算数" or plan.department is None:
            return
        kinds = self.kinds.get((plan.department.name, plan.period.year or 0), set())
        if plan.period.kind in (None, "决算") and kinds == {"决算"}:
            plan.intent = "budget_vs_actual"  # (年初预算和决算差多少: the whole's)
            plan.metric = plan.metric or MetricSlot(self.reader.vocab["default_budget_metric"])
            self._as_spending(plan)

    def _prior_year(self, plan: Plan, year: int, kind: str | None) -> bool:
        """A figure of the year before the first stored one is read from the next year's
        comparison with it; what was actually spent (决算) not from a budget's: that states the
        year's budget. Several figures asked are each read so, but a whole asked with its parts
        (三公经费和公务接待费) is the whole's comparison, which states its parts', as it does
        for a whole asked by its parts (那2025年的呢 after 三公经费分哪几块)."""
        name = plan.department_name or ""
        have, following = self.years.get(name, []), self.kinds.get((name, year + 1), set())
        told = following - {"预算"} if kind == "决算" else following
        asked = plan.intent in ("value", "named", "count", "several", "breakdown", "prior_year")
        return asked and year not in have and bool(told)

    def _executed_before(self, plan: Plan, year: int, kind: str | None) -> bool:
        """Whether the execution of a year no document of the department is of (去年实际执行了
        多少, 2025年的执行数) is asked of the next year's budget, which compares itself with that
        year's execution (比上年执行数增加48.92万元); its 决算 asked (2025年决算支出) is not
        disclosed."""
        name = plan.department_name or ""
        spent = plan.intent == "budget_vs_actual"
        following = self.kinds.get((name, year + 1), set())
        return spent and year not in self.years.get(name, []) and "预算" in following

    def _held_at_end(self, plan: Plan, q: Question, year: int) -> bool:
        """Whether a count of what is held at the end of a year no document of the department
        is of (截至2025年12月, 2025年底) is what the next year's document states."""
        have = self.years.get(plan.department_name or "", [])
        return (
            plan.intent == "count"
            and bool(re.search(self.reader.vocab["held_at_end"], q.text))
            and year not in have
            and year + 1 in have
        )

    def _holding(self, plan: Plan) -> str | None:
        """The figure asked that holds another one asked (三公经费 of 公务接待费), if any."""
        return self.wholes.holding([m.name for m in plan.metrics]) if plan.metrics else None

    def _other_level(self, plan: Plan) -> None:
        """The level of the department's other disclosure of the year, when the question does
        not say which it wants (the answer uses the 部门 one and says the other exists)."""
        if plan.department is None or plan.department.level or plan.period.year is None:
            return
        levels = self.levels.get((plan.department.name, plan.period.year), set())
        if len(levels) > 1:
            plan.other_level = "单位"

    def _settle(self, plan: Plan, q: Question) -> Plan:
        """Questions that cannot go to the tools as they stand."""
        if (
            plan.unknown_department
            and not q.departments
            and not (plan.intent in FROM_TEXT and plan.department)
        ):
            plan.intent = "unknown_department"
        elif plan.intent == "compare_departments" and len(plan.compared) < 2:
            plan.intent = "value"
        elif plan.intent in CONTINUED and not plan.metric:
            plan.intent, plan.metric = self._unknown_metric(q, plan)
        elif (
            plan.intent in ("value", "count") and plan.metric and not self._known(plan.metric.name)
        ):
            plan.intent = "named"  # a figure the catalogue does not know: its row, or the text
        if plan.intent in ONE_DOCUMENT and not plan.department:
            plan.intent = "need_department"
            plan.region = q.regions[0] if len(set(q.regions)) == 1 else None  # 北京市的哪个
        if plan.intent == "audit":
            plan.quoted = list(q.quoted)  # looked for where the document prints them
        if plan.intent in ("value", "reason") and self._parts_asked(plan, q):
            plan.intent = "breakdown"
        if plan.intent == "reason" and not plan.metric and (own := self._use_of_own_thing(plan, q)):
            plan.metric = MetricSlot(own, q.basis)
        if plan.intent == "reason" and plan.metric:  # 公车的钱为什么增加了: the text says its name
            found = self.catalogue.resolve(plan.metric.name)
            if found.exact and len(found.metrics) == 1 and not found.metrics[0].code:
                plan.metric = replace(plan.metric, name=found.metrics[0].id)
        return self._several_named(plan)

    def _several_named(self, plan: Plan) -> Plan:
        """Figures asked together where some are names no table prints (基本支出、项目支出、机动
        经费分别多少, of a file stating 单位预留机动经费 in its text alone): those asked each as a
        name the text may state, the others together."""
        said = [m for m in plan.metrics if self._known(m.name) or self.lexicon.holding(m.name)]
        own = [m for m in plan.metrics if m not in said]
        money = f"(?:{self.reader.vocab['name_endings']})$"
        if plan.intent != "several" or not own or not said:
            return plan
        if not all(re.search(money, m.name) for m in own):
            return plan  # (辅助人员补助经费-拱北海关: one line's name, cut)
        together = replace(plan, metric=said[0], metrics=said if len(said) > 1 else [])
        together.intent = "several" if len(said) > 1 else "value"
        named = [replace(plan, intent="named", metric=m, metrics=[]) for m in own]
        return Plan(
            "parts",
            query=plan.query,
            department=plan.department,
            period=plan.period,
            parts=[together, *named],
        )

    def _parts_asked(self, plan: Plan, q: Question) -> bool:
        """Whether the question asks what a figure the catalogue divides is made of, in words
        that otherwise ask what it is for (三公经费都用在哪, 政府采购买的是货物还是服务)."""
        parted = plan.metric is not None and self.catalogue.divided(plan.metric.name)
        return bool(parted) and bool(re.search(self.reader.vocab["parts_asked"], q.text))

    def _parts_counted(self, metrics: list[str], q: Question) -> bool:
        """Whether a count asks how many parts an amount is made of (支出涉及几个类级科目,
        项目支出分几大类), not a count the document states."""
        found = self.catalogue.resolve(metrics[0]).metrics if metrics else []
        money = bool(found) and found[0].unit == MONEY
        return money and bool(re.search(self.reader.vocab["parts_counted"], q.text))

    def _per_amount(self, plan: Plan) -> bool:
        """Whether a plan asks an amount, which can be asked per one of a count (人员经费 after
        有多少个编制; not 车辆 of 有几辆车 itself)."""
        if plan.intent in ("value", "named"):
            return True
        metrics = self.catalogue.resolve(plan.metric.name).metrics if plan.metric else []
        return plan.intent == "count" and all(m.unit == MONEY for m in metrics)

    def _known(self, metric: str) -> bool:
        return self.catalogue.resolve(metric).exact


def _heads(phrase: str, vocab: dict[str, Any]) -> list[str]:
    """A phrase and its heads, longest first, down to the shortest that still names something
    of its own (四环主路大修, 四环主路大, 四环主路)."""
    return [phrase[:n] for n in range(len(phrase), vocab["said_head_chars"] - 1, -1)]


NAMED_EACH = 4
"""How long each of several names asked each must be to stand for what it names alone."""

LISTED_ENDS = 3
"""How many figures a list names at least for the largest or smallest of them to be asked (two
are compared: 哪个多)."""

MIN_LISTED_END = 3
"""How many last words of a listed item's name a follow-up says at least to name it."""

STRETCHES = 40
"""How many stretches of the words said are looked for in the texts: those of a name up to
twelve characters long (one query each)."""


def _put(text: str, pointing: re.Match[str], item: str) -> str:
    """A text with an item's name in place of the words pointing at it, keeping the word
    saying inside it (排第一的那个里头 → 综合管理里头)."""
    return text[: pointing.start()] + item + (pointing["inside"] or "") + text[pointing.end() :]


def named(plans: list[Plan | None]) -> list[MetricSlot]:
    """The figures plans ask, in order."""
    return [m for p in plans if p for m in (p.metrics or [p.metric]) if m is not None]


def _slot(name: str | None, basis: str | None = None) -> MetricSlot | None:
    return MetricSlot(name, basis) if name else None


def _slots(names: list[str], basis: str | None = None) -> list[MetricSlot]:
    return [MetricSlot(n, basis) for n in names]


def _busiest_year(years: dict[str, list[int]]) -> int | None:
    counts: dict[int, int] = {}
    for values in years.values():
        for year in set(values):
            counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _said_again(plan: Plan, before: Plan | None, each_only: bool) -> bool:
    """A clause asking again the sum or the difference the clause before asks, naming none of
    its figures (基本支出和项目支出哪个多，多多少), or, naming nothing (``each_only``), each of
    the figures it lists (…哪项最多，各多少)."""
    again = before is not None and plan.intent == before.intent
    if again and each_only and plan.intent == "several" and before is not None:
        return [m.name for m in plan.metrics] == [m.name for m in before.metrics]
    return again and plan.intent in ("difference", "sum") and len(plan.metrics) < 2


def _share_of_ranked(plan: Plan, before: Plan | None) -> bool:
    """Whether a clause asks the share of the whole the clause before ranked, in that whole
    itself (哪一块最多？占项目支出的百分之多少): the ranking gives its first part's share."""
    whole = plan.whole.name if plan.intent == "share" and plan.whole else None
    ranked = before is not None and before.intent in RANKING and before.metric_name == whole
    return whole is not None and ranked and plan.metric_name == whole


def _listed_before(each: list[Plan], before: Plan | None, each_only: bool) -> bool:
    """Whether a clause only asks for the amounts of the parts the clause before it ranked, or
    (``each_only``: naming nothing, asking 各多少) for each of the figures or units the clause
    before states (会议费是不是比三公经费还多？各多少: the difference states both)."""
    if before is None or not all(p.intent == "breakdown" for p in each):
        return False
    if before.intent == "rank_within":
        return len(each) == 1 and each[0].metric == before.metric
    if before.intent == "units":  # 哪家预算最多？排第二的是哪家，各多少: the units' own amounts
        return each_only
    stated = before.intent in STATES_EACH and len(before.metrics) > 1 and each_only
    return stated and all(p.metric in before.metrics and not p.by_item for p in each)


def _year_asked(plan: Plan) -> int | None:
    """The year a plan asks about: of a figure read from the next year's document (prior_year),
    that earlier year, which a clause or turn going on from it without naming the department
    asks too (那去年的三公是多少？公车和接待各占多少), unless it asks why or how it changed
    (为啥降了这么多: into the year of the document stating it)."""
    if plan.intent == "prior_year" and plan.base:
        return plan.base.year
    return plan.period.year


def _level_words() -> str:
    """The words saying a document's level (本级, 部门预算, 含下属单位…), as one pattern."""
    return "|".join(name_rules()["levels"].values())


def _undisclosed(q: Question, vocab: dict[str, Any]) -> bool:
    """Whether a question asks for a detail the disclosures never hold (`undisclosed`), the
    pay of a person it names among them (`person_paid`, read once the department's name and
    the year are left out)."""
    return bool(
        re.search(vocab["undisclosed"], q.text) or re.search(vocab["person_paid"], q.residue)
    )
