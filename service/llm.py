"""The optional language model: any OpenAI-compatible chat endpoint, through langchain-openai."""

from langchain_core.language_models import BaseChatModel

from caiwen.config import Settings


def chat_model(settings: Settings) -> BaseChatModel | None:
    """ChatOpenAI for CAIWEN_LLM_BASE_URL and CAIWEN_LLM_MODEL, or None when not configured."""
    if not (settings.llm_base_url and settings.llm_model):
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key or "none",
        timeout=settings.llm_timeout,
        max_retries=0,
        temperature=0,
    )
