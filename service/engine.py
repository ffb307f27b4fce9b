"""The chat engine: one agent loop over the tools, planned by the rules or by an LLM.

Every surface — the CLI, the HTTP API, the widget, the bot, the eval — calls ``Engine.ask``
and gets the same answer object. The LLM answer is checked (every number must come from a tool
result); if it fails twice, or the endpoint is down, the rules planner answers instead and the
answer says so.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from langchain.agents import create_agent
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from caiwen.config import Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.answer import Answer, AnswerCitation, AnswerValue, ToolCall
from caiwen.service.citations import (
    CitationRegistry,
    ToolListener,
    current_listener,
    current_registry,
)
from caiwen.service.compose import REFUSING
from caiwen.service.grounding import unsupported
from caiwen.service.highlights import Box, quote_boxes
from caiwen.service.lc_tools import as_langchain
from caiwen.service.llm import chat_model
from caiwen.service.planner import Plan, Planner, Scope
from caiwen.service.results import Citation, ToolResult
from caiwen.service.rules_model import RulesChatModel, Turn, current_turn
from caiwen.service.sessions import Sessions
from caiwen.service.toolbox import Toolbox
from caiwen.service.tools import Tools

HISTORY_TURNS = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QuestionError(ValueError):
    """A question the engine will not take (too long); the message says why, in Chinese."""


@cache
def system_prompt() -> str:
    return resources.files("caiwen.prompts").joinpath("system.md").read_text()


@dataclass
class _Run:
    """What one pass of the agent loop produced."""

    messages: list[BaseMessage]
    registry: CitationRegistry
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        last = self.messages[-1] if self.messages else None
        return last.content if isinstance(last, AIMessage) and isinstance(last.content, str) else ""

    @property
    def results(self) -> list[ToolResult]:
        return [
            m.artifact
            for m in self.messages
            if isinstance(m, ToolMessage) and isinstance(m.artifact, ToolResult)
        ]

    @property
    def failed_tools(self) -> list[str]:
        return [
            str(m.content)[:120]
            for m in self.messages
            if isinstance(m, ToolMessage)
            and (m.status == "error" or not isinstance(m.artifact, ToolResult))
        ]

    @property
    def calls(self) -> list[ToolCall]:
        return [
            ToolCall(name=call["name"], args=call["args"])
            for m in self.messages
            if isinstance(m, AIMessage)
            for call in m.tool_calls
        ]


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
        tools = as_langchain(self.tools)
        self.rules = create_agent(RulesChatModel(), tools)
        self.llm = (
            create_agent(llm, tools, system_prompt=system_prompt()) if llm is not None else None
        )
        self.sessions = Sessions.in_dir(settings.data, ttl_seconds=settings.session_ttl)
        self._planner: tuple[tuple, Planner] | None = None

    def planner(self) -> Planner:
        """The rules planner, rebuilt when the ingested documents change."""
        docs = self.tools.box.documents()
        key = tuple(sorted((d.department, d.year, d.kind) for d in docs))
        if self._planner is None or self._planner[0] != key:
            years: dict[str, list[int]] = {}
            for doc in docs:
                years.setdefault(doc.department, []).append(doc.year)
            self._planner = (key, Planner(self.tools.box.catalogue, list(years), years))
        return self._planner[1]

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
        token = current_listener.set(on_tool)
        try:
            return self._ask(self.check_question(question), scope, session_id, planner)
        finally:
            current_listener.reset(token)

    def _ask(
        self, question: str, scope: Scope | None, session_id: str | None, planner: str | None
    ) -> Answer:
        session_id = session_id or Sessions.new_id()
        turns = self.sessions.turns(session_id)
        previous = Plan.from_dict(turns[-1]["plan"]) if turns else None
        plan = self.planner().plan(question, scope or Scope(), previous)
        answer = None
        warnings: list[str] = []
        if self.llm is not None and planner != "rules":
            answer = self._ask_llm(question, scope or Scope(), turns, session_id, warnings)
        if answer is None:
            answer = self._answer(self._run_rules(plan), session_id, "rules", warnings)
        self.sessions.add(
            session_id, {"question": question, "plan": plan.to_dict(), "answer": answer.answer}
        )
        return answer

    def check_question(self, question: str) -> str:
        """The question cleaned of control characters; QuestionError if it is too long."""
        question = _CONTROL.sub("", question).strip()
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"问题太长了（{len(question)}字），请控制在{limit}字以内。")
        return question

    # -- rules ---------------------------------------------------------------------------------

    def _run_rules(self, plan: Plan) -> _Run:
        registry = CitationRegistry()
        with _context(Turn(plan, registry), registry):
            state = self.rules.invoke({"messages": [HumanMessage(plan.query or "?")]})
        return _Run(state["messages"], registry)

    # -- LLM -----------------------------------------------------------------------------------

    def _ask_llm(
        self,
        question: str,
        scope: Scope,
        turns: list[dict[str, Any]],
        session_id: str,
        warnings: list[str],
    ) -> Answer | None:
        messages = [*_history(turns), HumanMessage(_with_scope(question, scope))]
        for attempt in range(2):
            run = self._run_llm(messages, warnings)
            if run is None:
                return None
            problem = self._problem(run, question)
            if problem is None:
                return self._answer(run, session_id, "llm", warnings)
            if attempt == 0 and problem.startswith("numbers"):
                messages = [*run.messages, HumanMessage(_CORRECTION.format(problem=problem[8:]))]
                continue
            warnings.append(f"LLM 的回答未通过核对（{problem}），已改用规则回答。")
        return None

    def _run_llm(self, messages: list[BaseMessage], warnings: list[str]) -> _Run | None:
        registry = CitationRegistry()
        token = current_registry.set(registry)
        try:
            assert self.llm is not None
            state = self.llm.invoke({"messages": messages}, {"recursion_limit": 12})
        except Exception as error:  # endpoint down, timeout, bad response: the rules answer
            warnings.append(f"LLM 不可用（{type(error).__name__}），已改用规则回答。")
            return None
        finally:
            current_registry.reset(token)
        return _Run(state["messages"], registry)

    def _problem(self, run: _Run, question: str) -> str | None:
        """Why an LLM answer cannot be used, or None."""
        if run.failed_tools:
            return f"工具调用出错：{run.failed_tools[0]}"
        if not run.text.strip():
            return "没有给出回答"
        invented = unsupported(run.text, run.results, question)
        if invented:
            return "numbers: " + "、".join(f"{n:f}" for n in invented)
        return None

    # -- the answer object ---------------------------------------------------------------------

    def _answer(self, run: _Run, session_id: str, planner: str, warnings: list[str]) -> Answer:
        text = run.text
        refused = _refused(run)
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
        return Answer(
            answer=text,
            refused=refused,
            session_id=session_id,
            planner=planner,  # type: ignore[arg-type]
            values=_values(run.results),
            citations=[
                AnswerCitation(
                    n=n, **c.model_dump(exclude={"row", "column", "bbox", "level"})
                ).marking(self._highlight(c))
                for n, c in enumerate(run.registry.items, 1)
                if n in cited
            ],
            tool_calls=run.calls,
            warnings=[*warnings, *run.warnings],
        )

    def _highlight(self, citation: Citation) -> list[Box]:
        """What to mark on the cited page: the cell, or the lines of the quoted sentence."""
        if citation.bbox is not None:
            return [citation.bbox]
        doc = self.store.document(citation.document_id)
        page = doc.document_page(citation.file, citation.page) if doc else None
        if page is None or not citation.quote:
            return []
        return quote_boxes(self.store, citation.document_id, page, citation.quote)


def open_engine(settings: Settings) -> Engine:
    """The engine over the data dir's store and vector index (and the LLM if configured). An
    index that cannot be opened (a Chroma server down) leaves retrieval to words alone."""
    try:
        index: VectorIndex | None = VectorIndex(
            chroma_client(settings.data, settings.chroma_url), load_embedder(settings.embed_model)
        )
    except Exception:  # a missing vector index must not stop table questions
        index = None
    return Engine(Store.in_dir(settings.data), index, settings, chat_model(settings))


_CORRECTION = (
    "你的回答里有工具结果中没有的数字：{problem}。请只使用工具结果中的数字重新回答，不要自己计算。"
)


def _refused(run: _Run) -> bool:
    last = run.messages[-1] if run.messages else None
    if isinstance(last, AIMessage) and "refused" in last.additional_kwargs:
        return bool(last.additional_kwargs["refused"])
    results = run.results
    return bool(results) and all(r.status in REFUSING or not r.values for r in results)


def _values(results: list[ToolResult]) -> list[AnswerValue]:
    seen: dict[tuple, AnswerValue] = {}
    for result in results:
        for v in result.values:
            key = (v.name, v.value, v.department, v.year, v.kind)
            seen.setdefault(
                key,
                AnswerValue(
                    name=v.name,
                    value=float(v.value),
                    unit=v.unit,
                    department=v.department,
                    year=v.year,
                    kind=v.kind,
                    basis=v.basis,
                ),
            )
    return list(seen.values())


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


@contextmanager
def _context(turn: Turn, registry: CitationRegistry) -> Iterator[None]:
    turn_token, registry_token = current_turn.set(turn), current_registry.set(registry)
    try:
        yield
    finally:
        current_turn.reset(turn_token)
        current_registry.reset(registry_token)
