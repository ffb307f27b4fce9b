"""The deterministic planner behind LangChain's chat-model interface: the same agent loop runs
it or an LLM. First turn: the plan's tool calls. After the tools: the composed answer."""

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from caiwen.service.citations import CitationRegistry
from caiwen.service.compose import Composer
from caiwen.service.planner import Plan
from caiwen.service.results import ToolResult


@dataclass
class Turn:
    """What the rules planner knows about the question being answered."""

    plan: Plan
    registry: CitationRegistry


current_turn: ContextVar[Turn | None] = ContextVar("current_turn", default=None)


class RulesChatModel(BaseChatModel):
    """Emits the plan's tool calls, then composes the answer from the tool results."""

    @property
    def _llm_type(self) -> str:
        return "caiwen-rules"

    def bind_tools(self, tools: Any, **kwargs: Any) -> "RulesChatModel":
        return self

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        turn = current_turn.get()
        if turn is None:
            raise RuntimeError("the rules planner runs inside Engine.ask")
        results = _results_since_question(messages)
        calls = turn.plan.tool_calls()
        if results is None and calls:
            message = AIMessage(
                content="",
                tool_calls=[
                    {"name": c["name"], "args": c["args"], "id": f"call_{i}"}
                    for i, c in enumerate(calls)
                ],
            )
        else:
            composed = Composer(turn.registry).compose(turn.plan, results or [])
            message = AIMessage(
                content=composed.text, additional_kwargs={"refused": composed.refused}
            )
        return ChatResult(generations=[ChatGeneration(message=message)])


def _results_since_question(messages: list[BaseMessage]) -> list[ToolResult] | None:
    """The tool results that came back after the last question (None: no tools ran yet)."""
    last_question = max(
        (i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1
    )
    tool_messages = [m for m in messages[last_question + 1 :] if isinstance(m, ToolMessage)]
    if not tool_messages:
        return None
    return [m.artifact for m in tool_messages if isinstance(m.artifact, ToolResult)]
