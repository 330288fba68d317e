"""What a video file really holds: container, codec, duration and picture size, read
with PyAV (FFmpeg's demuxers and decoders, bundled in its wheels) instead of trusting
the first bytes. A file is refused when no platform Siar posts to would take it.

The limits are the widest any of the platforms allows, so refusing here never blocks a
post one platform would have taken; each platform's own narrower rules (X's 140 s,
Instagram's 15 min, …) are preflight's to say (PLATFORMS.md §1.4, §3.3, §10).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from av import VideoFrame, VideoStream
    from av.container import InputContainer

log = logging.getLogger(__name__)

# Video codecs at least one platform takes: H.264/HEVC everywhere (Facebook, Instagram,
# X, YouTube), VP9/AV1 on Facebook Reels and YouTube, VP8 and MPEG-4 Part 2 on YouTube
# (support.google.com/youtube/answer/4603579, PLATFORMS.md §3.3 and §10.1).
CODECS = {"h264": "H.264", "hevc": "HEVC", "vp9": "VP9", "av1": "AV1", "vp8": "VP8", "mpeg4": "MPEG-4"}
# YouTube takes up to 12 hours and 8K (7680×4320); nothing takes more.
MAX_SECONDS = 12 * 3600
MAX_SIDE = 8192
# Packets read while looking for one picture that decodes (a few seconds of any codec).
_PROBE_PACKETS = 600


@dataclass(frozen=True)
class VideoInfo:
    container: str  # "mp4", "mov" or "webm"
    codec: str  # FFmpeg's name: "h264", "hevc", "vp9", …
    duration: float  # seconds
    width: int  # as displayed (a phone's rotation applied)
    height: int


class VideoRefused(Exception):
    """*code* and *params* name why, for composer.store.media.MediaError."""

    def __init__(self, code: str, **params: str | int | float) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _container(format_names: str, head: bytes) -> str | None:
    names = set(format_names.split(","))
    if head[4:8] == b"ftyp" and names & {"mov", "mp4"}:
        return "mov" if head[8:10] == b"qt" else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and "webm" in names:
        return "webm"
    return None


def probe(path: Path) -> VideoInfo:
    """Open *path* with FFmpeg and decode its first picture; raises ``VideoRefused``."""
    import av

    with path.open("rb") as fh:
        head = fh.read(16)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            kind = _container(container.format.name, head)
            if kind is None:
                raise VideoRefused("media.unreadable")
            if not container.streams.video:
                raise VideoRefused("media.video_no_picture")
            stream = container.streams.video[0]
            codec = stream.codec_context.name
            if codec not in CODECS:
                raise VideoRefused("media.video_codec", codec=codec)
            width, height = stream.codec_context.width, stream.codec_context.height
            if max(width, height) > MAX_SIDE:
                raise VideoRefused("media.video_too_big", width=width, height=height)
            duration = _seconds(container, stream)
            if duration > MAX_SECONDS:
                hours = round(duration / 3600, 1)
                raise VideoRefused("media.video_too_long", hours=int(hours) if hours.is_integer() else hours)
            frame = _first_picture(container, stream)
            if frame is None or duration <= 0 or min(width, height) <= 0:
                raise VideoRefused("media.unreadable")
    except VideoRefused:
        raise
    except (av.FFmpegError, OSError, ValueError, MemoryError) as exc:
        log.info("video refused by FFmpeg: %s", type(exc).__name__)
        raise VideoRefused("media.unreadable") from exc
    if abs(getattr(frame, "rotation", 0)) in (90, 270):  # portrait phone video
        width, height = height, width
    return VideoInfo(kind, codec, duration, width, height)


def _seconds(container: InputContainer, stream: VideoStream) -> float:
    if container.duration:  # in AV_TIME_BASE units (microseconds)
        return float(container.duration) / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _first_picture(container: InputContainer, stream: VideoStream) -> VideoFrame | None:
    import av

    for count, packet in enumerate(container.demux(stream)):
        if count >= _PROBE_PACKETS:
            return None
        for frame in packet.decode():
            if isinstance(frame, av.VideoFrame):
                return frame
    return None
