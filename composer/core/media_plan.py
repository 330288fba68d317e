"""What happens to each attachment on each platform: posted, converted or refused.

A post never leaves with fewer media than the preview showed unless the officer was
told (issue 13 item 1). Each platform's ``media_plan`` says, per attachment, what its
client sends; the preview turns every conversion into an info finding and every refusal
into a warning (the post can still go without it) or an error (nothing would be left to
post), and ``publish.prepare.payload`` sends exactly the attachments the plan posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.core.findings import Finding, error, info, warning
from composer.core.post import PlatformContent

POSTED = "posted"
CONVERTED = "converted"
REFUSED = "refused"


@dataclass(frozen=True)
class MediaFate:
    """What a platform's client does with one attachment."""

    index: int  # into PlatformContent.media
    fate: str  # POSTED, CONVERTED or REFUSED
    code: str = ""  # the finding's code: why it is converted or refused
    limit: int = 0  # the platform's limit the code refers to, if any

    @property
    def sent(self) -> bool:
        return self.fate != REFUSED


def plan_findings(content: PlatformContent, plan: tuple[MediaFate, ...]) -> list[Finding]:
    """One finding per converted or refused attachment, naming it."""
    nothing_left = not content.text.strip() and not any(f.sent for f in plan)
    findings: list[Finding] = []
    for fate in plan:
        if fate.fate == POSTED:
            continue
        item = content.media[fate.index]
        params: dict[str, str | int | float] = {"index": fate.index + 1, "name": item.filename}
        if fate.limit:
            params["limit"] = fate.limit
        if fate.fate == CONVERTED:
            findings.append(info(fate.code, "media", **params))
        elif nothing_left:
            findings.append(error(fate.code, "media", **params))
        else:
            findings.append(warning(fate.code, "media", **params))
    return findings


def sent_indexes(plan: tuple[MediaFate, ...]) -> list[int]:
    return [f.index for f in plan if f.sent]
