"""Small real videos made on the spot with PyAV's encoders (no big files in the repo)."""

from __future__ import annotations

import functools
from fractions import Fraction
from pathlib import Path

import av


def make_video(
    path: Path,
    *,
    fmt: str = "mp4",
    codec: str = "libx264",
    size: tuple[int, int] = (64, 48),
    seconds: float = 1.0,
    frames: int = 3,
) -> Path:
    """A video of *frames* grey pictures spread over *seconds* (the last one at the end)."""
    with av.open(str(path), "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=10)
        stream.width, stream.height = size
        stream.pix_fmt = "yuvj420p" if codec == "mjpeg" else "yuv420p"
        stream.codec_context.time_base = Fraction(1, 1000)
        for index in range(frames):
            frame = av.VideoFrame(size[0], size[1], stream.pix_fmt)
            for plane in frame.planes:
                plane.update(bytes([(100 + index) % 256]) * plane.buffer_size)
            frame.pts = round(index * seconds * 1000 / max(frames - 1, 1))
            frame.time_base = Fraction(1, 1000)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def make_sound_only(path: Path) -> Path:
    """An .m4a-like MP4 with an AAC track and no picture."""
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("aac", rate=44100)
        for index in range(10):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
            frame.sample_rate = 44100
            frame.pts = index * 1024
            for plane in frame.planes:
                plane.update(bytes(plane.buffer_size))
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


@functools.cache
def mp4_bytes(size: int = 0) -> bytes:
    """A real H.264 MP4, padded with an ISO-BMFF ``free`` box up to *size* bytes (for
    upload tests that need several chunks; players and FFmpeg skip ``free``).

    Made once per size: the MP4 header carries its creation time, so two encodes a second
    apart differ, and pytest loads tests/publish/conftest.py twice (as ``publish.conftest``
    and as ``tests.publish.conftest``), so FAKE_MP4 was encoded twice and the WordPress
    video test compared the one uploaded with the other (failed under load)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data = make_video(Path(folder) / "clip.mp4").read_bytes()
    pad = size - len(data)
    if pad >= 8:
        data += pad.to_bytes(4, "big") + b"free" + bytes(pad - 8)
    return data
