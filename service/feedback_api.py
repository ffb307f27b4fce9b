"""POST /api/feedback (👍 / 👎 on an answer, with an optional comment) and GET /api/feedback
(the admin's list of rated, disliked, refused and asked-back answers)."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field

from caiwen.service.auth import check_admin
from caiwen.service.feedback import FeedbackError, Rating
from caiwen.service.state import Service

router = APIRouter(prefix="/api", tags=["feedback"])


class FeedbackRequest(BaseModel):
    answer_id: int = Field(ge=1, le=2**31 - 1)
    session_id: str = Field(min_length=1, max_length=64)
    rating: Rating
    comment: str = Field("", max_length=1000)


@router.post("/feedback")
def give_feedback(body: FeedbackRequest, request: Request) -> dict[str, bool]:
    """Rate an answer of the asker's session (the last rating counts)."""
    service = Service.of(request)
    service.check_rate(request)
    try:
        service.feedback.rate(body.answer_id, body.session_id, body.rating, body.comment)
    except FeedbackError as error:
        raise HTTPException(404, str(error)) from error
    return {"saved": True}


@router.get("/feedback")
def list_feedback(
    request: Request,
    unanswered: bool = False,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rated answers, or (``unanswered``) the disliked ones, the refusals and the
    questions asked back, newest first; admin token required."""
    service = Service.of(request)
    check_admin(service.settings.admin_token, authorization, "反馈列表已关闭")
    return {"answers": [e.record() for e in service.feedback.entries(unanswered)]}
