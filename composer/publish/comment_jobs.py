"""Replies, hides and likes as outbox jobs: their own kind, with the outbox's exactly-once steps.

A job of this kind has ``payload.kind == "comment"`` and ``post_id`` ``comment:<id>`` (it
is no draft's post). It has one step: ``reply`` (visible, so it is looked for on the
platform before it is sent again: a job found with the step in flight after a crash or
a lost answer asks ``find_reply`` first), ``hide`` (setting a flag twice is harmless,
so it simply runs again) or ``like`` (looked for first too, so the platform is asked to
like it once even after a crash mid-like). Finishing writes the job and the comment's new status in one
transaction and adds nothing to the publishing history.
"""

from __future__ import annotations

from typing import Any

from composer.publish import comments
from composer.publish.base import Ctx, Published, Result, Step
from composer.store.comments import Comment
from composer.store.outbox import Job

KIND = "comment"
ACTIONS = ("reply", "hide", "like")
_MARKS = {"reply": "↩", "hide": "⊘", "like": "👍"}


def is_comment_job(job: Job) -> bool:
    return job.payload.get("kind") == KIND


def payload(comment: Comment, action: str, post_remote_id: str, text: str = "") -> dict[str, Any]:
    if action not in ACTIONS:
        raise ValueError(action)
    return {
        "kind": KIND,
        "action": action,
        "comment_id": comment.id,
        "remote_id": comment.remote_id,
        "parent_remote_id": comment.parent_remote_id,
        "post_remote_id": post_remote_id,
        "text": text,
        # What the outbox list shows for this job: whose comment it answers.
        "title": f"{_MARKS[action]} {comment.author}: {comment.text[:60]}",
    }


def _reply(ctx: Ctx) -> Result:
    return {"id": comments.reply(ctx, ctx.payload)}


def _find(ctx: Ctx) -> Result | None:
    found = comments.find_reply(ctx, ctx.payload)
    return None if found is None else {"id": found}


def _hide(ctx: Ctx) -> Result:
    comments.hide(ctx, ctx.payload)
    return {"id": str(ctx.payload["remote_id"])}


def _like(ctx: Ctx) -> Result:
    comments.like(ctx, ctx.payload)
    return {"id": str(ctx.payload["remote_id"])}


def _find_like(ctx: Ctx) -> Result | None:
    return {"id": str(ctx.payload["remote_id"])} if comments.liked(ctx, ctx.payload) else None


def steps(ctx: Ctx) -> list[Step]:
    if ctx.payload["action"] == "reply":
        return [Step("reply", _reply, _find)]
    if ctx.payload["action"] == "like":
        return [Step("like", _like, _find_like)]
    return [Step("hide", _hide)]


def published(ctx: Ctx) -> Published:
    return Published(str(ctx.done(str(ctx.payload["action"])).get("id", "")), "")


def cleanup(ctx: Ctx) -> None:
    """Nothing was uploaded: nothing to clean."""
