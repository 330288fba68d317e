"""Before anything is sent: every reason a platform would refuse the post (blocking) and
every warning (the officer confirms), per account, in the UI language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from composer import platforms
from composer.accounts.model import Account
from composer.core.findings import Finding
from composer.core.media_plan import sent_indexes
from composer.core.platforms import BY_ID
from composer.core.platforms.base import Platform
from composer.core.post import Post
from composer.core.preview import is_enabled, preview_for
from composer.i18n import describe, describe_code

if TYPE_CHECKING:
    from composer.store.media import MediaStore

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    account_id: str
    severity: str
    message: str
    fit: str = ""
    """A video Siar can trim or transcode to clear this check (its media id), else ""."""


def default_accounts(post: Post, accounts: list[Account]) -> list[Account]:
    """The accounts whose platform this post goes to (the officer can change the choice)."""
    return [a for a in accounts if a.platform in BY_ID and is_enabled(post, BY_ID[a.platform])]


FITTABLE = frozenset({"video.duration", "video.codec", "video.container"})


def _video_findings(
    post: Post, platform: Platform, media: MediaStore, probed: dict[str, Any]
) -> list[tuple[Finding, str]]:
    """The platform's video limits against what the file really holds (PyAV probe), each
    with the media id when a trimmed or transcoded copy would clear it."""
    rules = platform.video
    content = post.content_for(platform.id)
    if rules is None:
        return []
    from composer.store import video  # PyAV: loaded only when a video is checked
    from composer.store.video_fit import plan_for

    findings: list[tuple[Finding, str]] = []
    for index in sent_indexes(platform.media_plan(content)):
        item = content.media[index]
        if item.kind != "video":
            continue
        if item.id not in probed:
            path = media.path_for_id(item.id)
            try:
                probed[item.id] = (video.probe(path), path.stat().st_size) if path else None
            except (video.VideoRefused, OSError):
                probed[item.id] = None  # the store refused it at import already; nothing new to say
        found = probed[item.id]
        if found is None:
            continue
        info, size = found
        fit = plan_for(rules, container=info.container, codec=info.codec, seconds=info.duration)
        for finding in rules.findings(
            index,
            item.filename,
            container=info.container,
            codec=info.codec,
            seconds=info.duration,
            size=size,
            aspect=info.width / info.height,
        ):
            fixable = finding.code in FITTABLE and fit.needed and info.duration >= rules.min_seconds
            findings.append((finding, item.id if fixable else ""))
    return findings


def preflight(
    post: Post,
    accounts: list[Account],
    all_accounts: list[Account] | None = None,
    media: MediaStore | None = None,
) -> list[Check]:
    """With *media*, each video is also checked against its platform's limits."""
    checks: list[Check] = []
    everyone = all_accounts if all_accounts is not None else accounts
    probed: dict[str, Any] = {}
    for account in accounts:
        platform = BY_ID.get(account.platform)
        if platform is None:
            continue
        findings = [(f, "") for f in preview_for(post, platform).findings]
        if media is not None:
            findings += _video_findings(post, platform, media, probed)
        for finding, fit in findings:
            if finding.severity in (ERROR, WARNING):
                checks.append(Check(account.id, finding.severity, describe(finding), fit))
        content = post.content_for(account.platform)
        if account.auth != "manual" and not account.health.usable:
            detail = account.health.detail or "api.auth_invalid"
            checks.append(Check(account.id, ERROR, describe_code(detail, {"name": account.name})))
        if platform.required_media is not None:
            kind, code = platform.required_media
            if not any(m.kind == kind for m in content.media):
                checks.append(Check(account.id, ERROR, describe_code(code, {})))
        if (
            account.platform == "instagram"
            and account.settings.get("image_host") == "wordpress"
            and not any(a.platform == "wordpress" and a.auth != "manual" for a in everyone)
        ):
            checks.append(Check(account.id, ERROR, describe_code("api.ig_no_host", {})))
        # A client may know what this account's settings do to the post (TikTok's mode).
        account_checks = getattr(
            platforms.client_for(account.platform, account.auth == "manual"), "preflight", None
        )
        if account_checks is not None:
            for severity, code, params in account_checks(content, account, everyone):
                checks.append(
                    Check(account.id, severity, describe_code(code, {"name": account.name, **params}))
                )
    return checks


def blocking(checks: list[Check]) -> set[str]:
    """Accounts that cannot be sent to until something changes."""
    return {c.account_id for c in checks if c.severity == ERROR}
