"""Rendering for the canvas off the GUI thread: the renderer behind a lock, latest wins."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PIL import Image
from PySide6.QtGui import QImage

from composer.core.findings import Finding
from composer.design import legibility
from composer.design.model import Design
from composer.design.render import Renderer


def to_qimage(image: Image.Image) -> QImage:
    """An independent QImage of a Pillow RGBA image (safe to make on a worker thread)."""
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()


@dataclass(frozen=True)
class Frame:
    design: Design
    width: int
    height: int
    image: QImage
    findings: tuple[Finding, ...]


class CanvasRenderer:
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self._lock = threading.Lock()  # the renderer's caches are not shared across threads

    def render(self, design: Design, width: int, height: int) -> Frame:
        with self._lock:
            rendered = self.renderer.render(design, width, height)
            findings = tuple(legibility.check(rendered, width, height))
            image = to_qimage(rendered.image)
        return Frame(design, width, height, image, findings)
