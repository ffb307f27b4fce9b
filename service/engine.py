"""The chat engine: question → plan → tool calls → composed answer, planned by the rules or by
an LLM.

Every surface — the CLI, the HTTP API, the widget, the bot, the eval — calls ``Engine.ask``
and gets the same answer object. The rules plan calls the tools directly and composes from
their results; the LLM runs in a LangChain agent loop over the same tools. Its answer is
checked (every number must come from a tool result); if it fails twice, or the endpoint is
down, the rules answer it instead and the answer says so. Both become an answer in one place.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from caiwen.config import Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.answer import Answer, AnswerCitation, AnswerPlace, AnswerValue, ToolCall
from caiwen.service.answer_cache import AnswerCache, cache_key
from caiwen.service.charts import chart_of
from caiwen.service.citations import (
    CitationRegistry,
    Numbered,
    Source,
    SourceKey,
    ToolListener,
    finish,
    source_key,
)
from caiwen.service.compose import compose
from caiwen.service.followups import follow_ups
from caiwen.service.grounding import unsupported
from caiwen.service.highlights import Box, place_boxes
from caiwen.service.intents import operation
from caiwen.service.labels import project_labels
from caiwen.service.lc_tools import Answering, as_langchain
from caiwen.service.llm import chat_model
from caiwen.service.plan import Department, MetricSlot, Period, Plan, Scope
from caiwen.service.planner import Planner
from caiwen.service.results import REFUSING, ToolResult
from caiwen.service.sessions import Sessions
from caiwen.service.targets import TargetLine
from caiwen.service.templates import templates
from caiwen.service.toolbox import Problem, Toolbox
from caiwen.service.tools import Tools

HISTORY_TURNS = 3
PLACE = {"row", "column", "quote"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QuestionError(ValueError):
    """A question the engine will not take (too long); the message says why, in Chinese."""


@cache
def system_prompt() -> str:
    return resources.files("caiwen.prompts").joinpath("system.md").read_text()


@dataclass
class Run:
    """What answering produced, by the rules or by the LLM: the text, whether it refuses, the
    tool calls and their results, and the citations as numbered."""

    text: str
    refused: bool
    calls: list[ToolCall]
    results: list[ToolResult]
    registry: CitationRegistry
    focus: str | None = None
    """The item the answer named as what was asked (service/writer.Composed.focus)."""
    listed: list[str] = field(default_factory=list)
    """The items the answer listed (service/writer.Composed.listed)."""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    """Why an LLM answer cannot be used: a tool call failed, it said nothing, or it wrote
    numbers no tool result holds."""

    reason: Literal["tool_failed", "empty", "invented"]
    detail: str = ""

    def describe(self) -> str:
        return _llm_text(self.reason, detail=self.detail)


class Engine:
    def __init__(
        self,
        store: Store,
        index: VectorIndex | None,
        settings: Settings,
        llm: BaseChatModel | None = None,
    ):
        self.store = store
        self.settings = settings
        self.tools = Tools(Toolbox(store, index))
        self.calls = self.tools.all()
        self.llm = (
            create_agent(llm, as_langchain(self.tools), system_prompt=system_prompt())
            if llm is not None
            else None
        )
        self.sessions = Sessions.in_dir(
            settings.data, settings.database_url, ttl_seconds=settings.session_ttl
        )
        self._planner: tuple[int, Planner] | None = None
        self.kept = AnswerCache(settings.answer_cache)

    def planner(self) -> Planner:
        """The rules planner, rebuilt when the ingested documents change."""
        key = self.store.generation()
        if self._planner is None or self._planner[0] != key:
            docs = self.tools.box.documents()
            rows = [*self.store.row_labels(), *project_labels(self.store.unfigured_cells())]
            planner = Planner(
                self.tools.box.catalogue,
                docs,
                rows,
                self._targets,
                self.store.departments_saying,
                self.store.departments_printing,
            )
            self._planner = (key, planner)
        return self._planner[1]

    def _targets(self, department: Department, period: Period) -> list[TargetLine]:
        """The target lines of the document a department and period mean (none when they mean
        no one document)."""
        box = self.tools.box
        doc = box.choose(department.name, period.year, period.kind, None, department.level)
        return [] if isinstance(doc, Problem) else box.figures(doc).targets

    def ask(
        self,
        question: str,
        scope: Scope | None = None,
        session_id: str | None = None,
        planner: str | None = None,
        on_tool: ToolListener | None = None,
    ) -> Answer:
        """Answer a question (in the context of its session); QuestionError if it is too long.
        ``on_tool`` hears the name of each tool as it starts."""
        question = self.check_question(question)
        scope = scope or Scope()
        session_id = session_id or Sessions.new_id()
        turns = self.sessions.turns(session_id)
        by_rules = self.llm is None or planner == "rules"
        key = cache_key(self.store.generation(), question, scope, _last_plan(turns))
        kept = self.kept.get(key) if by_rules else None
        if kept is not None:
            plan_kept, answer = kept
            for call in answer.tool_calls if on_tool is not None else []:
                on_tool(call.name)
            answer = answer.model_copy(update={"session_id": session_id})
        else:
            plan_kept, answer = self._planned(question, scope, turns, session_id, by_rules, on_tool)
            if by_rules and answer.planner == "rules":
                self.kept.put(key, plan_kept, answer)
        self.sessions.add(
            session_id, {"question": question, "plan": plan_kept, "answer": answer.answer}
        )
        return answer

    def _planned(
        self,
        question: str,
        scope: Scope,
        turns: list[dict[str, Any]],
        session_id: str,
        by_rules: bool,
        on_tool: ToolListener | None,
    ) -> tuple[dict[str, Any], Answer]:
        """The question planned and answered (by the LLM unless ``by_rules``, falling back to
        the rules): the plan as a session keeps it, and the answer."""
        plan = self.planner().plan(question, scope, _previous(turns))
        warnings: list[str] = []
        run = None if by_rules else self._ask_llm(question, scope, turns, on_tool, warnings)
        answered_by = "rules" if run is None else "llm"
        run = run or self._run_rules(plan, on_tool)
        plan.focus = MetricSlot(run.focus) if run.focus else None  # what 这个项目 means next
        plan.listed = run.listed  # what 排第一那个 means next
        return plan.to_dict(), self._answer(run, session_id, answered_by, warnings)

    def check_question(self, question: str) -> str:
        """The question cleaned of control characters; QuestionError if it is too long."""
        question = _CONTROL.sub("", question).strip()
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(_llm_text("too_long", length=len(question), limit=limit))
        return question

    # -- rules: the plan's calls, then the composer ------------------------------------------

    def _run_rules(self, plan: Plan, on_tool: ToolListener | None) -> Run:
        """The plan's tool calls, then its composer, which numbers the sources as it cites
        them (the answer renumbers them in the order the text cites them)."""
        registry = CitationRegistry()
        calls = operation(plan).calls(plan)
        results = []
        for call in calls:
            if on_tool is not None:
                on_tool(call.name)
            results.append(self.calls[call.name](**call.args))
        composed = compose(plan, results, registry)
        return Run(
            composed.text, composed.refused, calls, results, registry, composed.focus,
            composed.listed,
        )  # fmt: skip

    def follow_ups(self, session_id: str) -> list[str]:
        """The questions worth asking after the session's last answer (service/followups.py):
        asked for once the answer is shown, since checking them costs a few tool calls."""
        previous = _previous(self.sessions.turns(session_id))
        return follow_ups(previous, self._answers) if previous is not None else []

    def _answers(self, plan: Plan) -> bool:
        """Whether the tools answer the plan from the documents (a follow-up worth offering):
        its calls only, without composing the text."""
        calls = operation(plan).calls(plan)
        return bool(calls) and all(self.calls[c.name](**c.args).status == "ok" for c in calls)

    # -- LLM: the agent loop, checked ---------------------------------------------------------

    def _ask_llm(
        self,
        question: str,
        scope: Scope,
        turns: list[dict[str, Any]],
        on_tool: ToolListener | None,
        warnings: list[str],
    ) -> Run | None:
        messages = [*_history(turns), HumanMessage(_with_scope(question, scope))]
        for attempt in range(2):
            answering = Answering(CitationRegistry(), on_tool)
            try:
                assert self.llm is not None
                config = answering.config() | {"recursion_limit": 12}
                state = self.llm.invoke({"messages": messages}, config)
            except Exception as error:  # endpoint down, timeout, bad response: the rules answer
                warnings.append(_llm_text("unavailable", error=type(error).__name__))
                return None
            rejection = _rejection(state["messages"], question)
            if rejection is None:
                return _llm_run(state["messages"], answering.registry)
            if attempt == 0 and rejection.reason == "invented":
                correction = _llm_text("correction", numbers=rejection.detail)
                messages = [*state["messages"], HumanMessage(correction)]
                continue
            warnings.append(_llm_text("rejected", problem=rejection.describe()))
        return None

    # -- the answer object ---------------------------------------------------------------------

    def _answer(self, run: Run, session_id: str, planner: str, warnings: list[str]) -> Answer:
        numbered = finish(run.text, run.registry)
        return Answer(
            answer=numbered.text,
            refused=run.refused,
            session_id=session_id,
            planner=planner,  # type: ignore[arg-type]
            values=_values(run.results, numbered.numbers()),
            citations=self._citations(numbered),
            tool_calls=run.calls,
            warnings=[*warnings, *run.warnings],
            chart=chart_of(run.results),
        )

    def _citations(self, numbered: Numbered) -> list[AnswerCitation]:
        return [
            AnswerCitation(
                n=n,
                **source.citation.model_dump(exclude={"row", "column", "bbox", "level"}),
                places=[
                    AnswerPlace(row=p.row, column=p.column, quote=p.quote) for p in source.places
                ],
            ).marking(self._highlight(source))
            for n, source in enumerate(numbered.sources, 1)
        ]

    def _highlight(self, source: Source) -> list[Box]:
        """What to mark on the cited page: the cells, or the lines of the quoted sentences."""
        boxes = [box for place in source.places for box in place_boxes(self.store, place)]
        return list(dict.fromkeys(boxes))


def open_engine(settings: Settings) -> Engine:
    """The engine over the data dir's store and vector index (and the LLM if configured). An
    index that cannot be opened (a Chroma server down) leaves retrieval to words alone."""
    try:
        index: VectorIndex | None = VectorIndex(
            chroma_client(settings.data, settings.chroma_url), load_embedder(settings.embed_model)
        )
    except Exception:  # a missing vector index must not stop table questions
        index = None
    store = Store.in_dir(settings.data, settings.database_url)
    return Engine(store, index, settings, chat_model(settings))


def _llm_text(key: str, **fields: Any) -> str:
    return templates()["engine"][key].format(**fields)


def _previous(turns: list[dict[str, Any]]) -> Plan | None:
    """The plan of the session's last turn (none when a turn was saved in another shape, by an
    older version)."""
    last = _last_plan(turns)
    if last is None:
        return None
    try:
        return Plan.from_dict(last)
    except (KeyError, TypeError):
        return None


def _last_plan(turns: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The session's last turn's plan as saved."""
    return turns[-1].get("plan") if turns else None


def _tool_results(messages: list[BaseMessage]) -> list[ToolResult]:
    return [
        m.artifact
        for m in messages
        if isinstance(m, ToolMessage) and isinstance(m.artifact, ToolResult)
    ]


def _final_text(messages: list[BaseMessage]) -> str:
    last = messages[-1] if messages else None
    return last.content if isinstance(last, AIMessage) and isinstance(last.content, str) else ""


def _rejection(messages: list[BaseMessage], question: str) -> Rejection | None:
    """Why an LLM answer cannot be used, or None."""
    failed = [
        str(m.content)[:120]
        for m in messages
        if isinstance(m, ToolMessage)
        and (m.status == "error" or not isinstance(m.artifact, ToolResult))
    ]
    if failed:
        return Rejection("tool_failed", failed[0])
    text = _final_text(messages)
    if not text.strip():
        return Rejection("empty")
    invented = unsupported(text, _tool_results(messages), question)
    if invented:
        return Rejection("invented", "、".join(f"{n:f}" for n in invented))
    return None


def _llm_run(messages: list[BaseMessage], registry: CitationRegistry) -> Run:
    results = _tool_results(messages)
    calls = [
        ToolCall(name=call["name"], args=call["args"])
        for m in messages
        if isinstance(m, AIMessage)
        for call in m.tool_calls
    ]
    refused = bool(results) and all(r.status in REFUSING or not r.values for r in results)
    return Run(_final_text(messages), refused, calls, results, registry)


def _values(results: list[ToolResult], numbers: dict[SourceKey, int]) -> list[AnswerValue]:
    """The tool results' values, each once, with the numbers of the sources it is printed in
    (those the answer cites)."""
    seen: dict[tuple, AnswerValue] = {}
    for result in results:
        for v in result.values:
            cited = [numbers.get(source_key(result.citations[i])) for i in v.citations]
            key = (v.name, v.value, v.role, v.part_of, v.department, v.year, v.kind)
            if key in seen:
                seen[key].citations = _union(seen[key].citations, cited)
                continue
            seen[key] = AnswerValue(
                name=v.name,
                value=float(v.value),
                unit=v.unit,
                department=v.department,
                year=v.year,
                kind=v.kind,
                basis=v.basis,
                role=v.role,
                metric=v.metric,
                part_of=v.part_of,
                level=v.level,
                region=v.region,
                rank=v.rank,
                printed=v.printed,
                citations=_union([], cited),
            )
    return list(seen.values())


def _union(numbers: list[int], more: list[int | None]) -> list[int]:
    return sorted({*numbers, *(n for n in more if n is not None)})


def _history(turns: list[dict[str, Any]]) -> list[BaseMessage]:
    messages: list[BaseMessage] = []
    for turn in turns[-HISTORY_TURNS:]:
        messages += [HumanMessage(turn["question"]), AIMessage(turn["answer"])]
    return messages


def _with_scope(question: str, scope: Scope) -> str:
    parts = [
        f"{label}={value}"
        for label, value in (("部门", scope.department), ("年度", scope.year), ("类型", scope.kind))
        if value
    ]
    return f"{question}\n（提问范围：{'；'.join(parts)}）" if parts else question
