"""Secrets a request presents (the admin token, the Mattermost token), compared in constant
time, so the time a refusal takes says nothing about how much of the secret was right."""

import hmac

from fastapi import HTTPException


def same_secret(given: str | None, expected: str) -> bool:
    """Whether ``given`` is ``expected``, in time independent of where they differ."""
    return hmac.compare_digest((given or "").encode(), expected.encode())


def check_admin(token: str | None, authorization: str | None, closed: str = "上传已关闭") -> None:
    """403 when what the token opens is off (no admin token set; ``closed`` says what), 401
    unless ``Bearer <token>``."""
    if not token:
        raise HTTPException(403, f"未配置 CAIWEN_ADMIN_TOKEN，{closed}。")
    scheme, _, given = (authorization or "").partition(" ")
    if not (scheme.lower() == "bearer" and same_secret(given.strip(), token)):
        raise HTTPException(401, "需要管理员令牌（Authorization: Bearer …）。")
