"""A copy of a video that fits a platform: trimmed to its longest length, or transcoded to
H.264/AAC in MP4 when its codec or container is one the platform refuses (issue 13
item 2: "offer to trim or transcode").

PyAV does the work: it is already Siar's video prober and its wheels bundle one FFmpeg
(with libx264 and the AAC encoder) for every platform, so nothing else is shipped. The
file is streamed packet by packet and frame by frame — never whole in memory — into a
temporary file beside the media store, which the caller imports and then removes.
A trim alone keeps the original streams (a remux: fast, no quality lost) and ends at the
last packet before the limit; a transcode re-encodes picture and sound up to the limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import av

    from composer.core.platforms.base import VideoRules

# What every platform takes (PLATFORMS.md §1.4, §3.3, §10): H.264 High in MP4, yuv420p,
# AAC-LC stereo 48 kHz. "veryfast" keeps a 2-core laptop near real time.
VIDEO_CODEC = "libx264"
AUDIO_CODEC = "aac"
AUDIO_RATE = 48_000
X264_OPTIONS = {"preset": "veryfast", "crf": "21", "profile": "high"}
# A trim stops this far before the limit: a container's duration is its last frame's
# time plus that frame's length, which must not end past the platform's maximum.
TRIM_MARGIN = 1.0


@dataclass(frozen=True)
class FitPlan:
    """What a copy must change: a length to stop at (0 = keep it all), a re-encode."""

    max_seconds: float = 0.0
    transcode: bool = False

    @property
    def needed(self) -> bool:
        return bool(self.max_seconds) or self.transcode


class FitFailed(Exception):
    """FFmpeg could not read or write the video (the detail is for the log)."""


def fit(
    source: Path,
    dest: Path,
    plan: FitPlan,
    progress: Callable[[float], None] = lambda _f: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Write *source* changed as *plan* says to *dest* (an MP4); FitFailed if FFmpeg fails."""
    import av

    try:
        with av.open(str(source), "r") as src, av.open(str(dest), "w", format="mp4") as out:
            if plan.transcode:
                _transcode(src, out, _cut(plan.max_seconds), progress, cancelled)
            else:
                _remux(src, out, _cut(plan.max_seconds), progress, cancelled)
    except (av.FFmpegError, IndexError, ValueError) as exc:
        dest.unlink(missing_ok=True)
        raise FitFailed(str(exc)) from exc
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def _cut(limit: float) -> float:
    return max(limit - TRIM_MARGIN, limit / 2) if limit else 0.0


def _length(src: av.container.InputContainer, limit: float) -> float:
    whole = float(src.duration or 0) / 1_000_000
    return min(whole, limit) if limit and whole else (limit or whole or 1.0)


def _remux(
    src: av.container.InputContainer,
    out: av.container.OutputContainer,
    limit: float,
    progress: Callable[[float], None],
    cancelled: Callable[[], bool],
) -> None:
    """The original streams, packets before *limit* only (no re-encoding)."""
    inputs = [s for s in (*src.streams.video[:1], *src.streams.audio[:1])]
    outputs = {s.index: out.add_stream_from_template(s) for s in inputs}
    length = _length(src, limit)
    reached = 0.0  # packets come in decoding order: report the furthest time so far
    for packet in src.demux(*inputs):
        if cancelled():
            raise InterruptedError("cancelled")
        if packet.dts is None or packet.pts is None:
            continue  # the demuxer's flush packet
        at = float(packet.pts * packet.time_base) if packet.time_base else 0.0
        if limit and at >= limit:
            continue
        packet.stream = outputs[packet.stream.index]
        out.mux(packet)
        reached = max(reached, at)
        progress(min(reached / length, 1.0))


def _transcode(
    src: av.container.InputContainer,
    out: av.container.OutputContainer,
    limit: float,
    progress: Callable[[float], None],
    cancelled: Callable[[], bool],
) -> None:
    """Picture to H.264 yuv420p (even sides), sound to AAC stereo 48 kHz, up to *limit*."""
    import av

    video_in = src.streams.video[0]
    audio_in = src.streams.audio[0] if src.streams.audio else None
    width = video_in.codec_context.width // 2 * 2
    height = video_in.codec_context.height // 2 * 2
    video_out = cast(
        "av.VideoStream", out.add_stream(VIDEO_CODEC, rate=video_in.average_rate or Fraction(30))
    )
    video_out.width, video_out.height, video_out.pix_fmt = width, height, "yuv420p"
    video_out.codec_context.time_base = video_in.time_base or Fraction(1, 90_000)
    video_out.options = dict(X264_OPTIONS)
    audio_out: av.AudioStream | None = None
    resampler = av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE)
    if audio_in is not None:
        audio_out = cast("av.AudioStream", out.add_stream(AUDIO_CODEC, rate=AUDIO_RATE))
        audio_out.layout = "stereo"
    length = _length(src, limit)
    streams = [video_in] + ([audio_in] if audio_in is not None else [])
    for packet in src.demux(*streams):
        if cancelled():
            raise InterruptedError("cancelled")
        for frame in packet.decode():
            if isinstance(frame, av.VideoFrame):
                at = float(frame.time or 0.0)
                if limit and at >= limit:
                    continue
                picture = frame.reformat(width=width, height=height, format="yuv420p")
                picture.pts, picture.time_base = frame.pts, frame.time_base
                out.mux(video_out.encode(picture))
                progress(min(at / length, 1.0))
            elif isinstance(frame, av.AudioFrame) and audio_out is not None:
                if limit and float(frame.time or 0.0) >= limit:
                    continue
                for sound in resampler.resample(frame):
                    out.mux(audio_out.encode(sound))
    out.mux(video_out.encode(None))
    if audio_out is not None:
        for sound in resampler.resample(None):
            out.mux(audio_out.encode(sound))
        out.mux(audio_out.encode(None))


def plan_for(rules: VideoRules, *, container: str, codec: str, seconds: float) -> FitPlan:
    """What a copy must change to meet *rules*: trim a video that is too long, transcode
    one whose codec or container the platform refuses. Too short, too big or the wrong
    shape are not fixed here (an empty plan)."""
    too_long = seconds > rules.max_seconds
    transcode = codec not in rules.codecs or container not in rules.containers
    return FitPlan(rules.max_seconds if too_long else 0.0, transcode)
