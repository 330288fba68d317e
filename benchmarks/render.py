"""Renderer speed: a 12-layer 1080×1350 design, a drag, and an export to every size.

    python benchmarks/render.py [--repeat 30]

Budgets (DESIGN.md): render ≤ 40 ms; re-render after dragging one layer ≤ 10 ms; export
every platform size ≤ 400 ms. "Cold" renders start with an empty tile cache (fonts and
decoded images stay loaded, as they do in the app after the first frame).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.commands import SetBox, apply
from composer.design.export import export
from composer.design.model import Box, Design, Layer
from composer.design.render import Renderer
from composer.design.sizes import SIZES
from composer.design.templates import build


def twelve_layer_design() -> Design:
    design = build("kanal-pengaduan")
    extra = (
        Layer(
            "x1",
            "shape",
            "Lingkaran",
            Box("top-right", 0.1, -0.05, 0.3, 0.24),
            props={"shape": "ellipse", "fill": "$accent"},
        ),
        Layer(
            "x2",
            "icon",
            "Ikon",
            Box("top-right", -0.05, 0.15, 0.1, 0.08),
            props={"icon": "bullhorn", "color": "$secondary"},
        ),
        Layer(
            "x3",
            "image",
            "Foto",
            Box("bottom-left", 0.05, -0.12, 0.3, 0.2),
            props={"source": "asset:demo/ruang-pelayanan.jpg", "radius": 0.02},
        ),
    )
    design = dataclasses.replace(design, layers=design.layers + extra)
    assert len(design.layers) == 12, len(design.layers)
    return design


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(samples) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    design = twelve_layer_design()
    loader = ImageLoader()
    Renderer(BrandKit(), loader).render(design, 1080, 1350)  # load fonts and decode images once

    cold = []
    for _ in range(args.repeat):
        renderer = Renderer(BrandKit(), loader)
        start = time.perf_counter()
        renderer.render(design, 1080, 1350)
        cold.append(time.perf_counter() - start)

    renderer = Renderer(BrandKit(), loader)
    renderer.render(design, 1080, 1350)
    target = next(layer for layer in design.layers if layer.name == "Judul")
    drags = []
    current = design
    for step in range(args.repeat):
        box = dataclasses.replace(
            target.box, x=target.box.x + 0.004 * (step + 1), y=target.box.y + 0.002 * (step + 1)
        )
        current, _inverse = apply(current, SetBox(target.id, "tall", box))
        start = time.perf_counter()
        renderer.render(current, 1080, 1350)
        drags.append(time.perf_counter() - start)

    exports = []
    for _ in range(max(3, args.repeat // 5)):
        renderer = Renderer(BrandKit(), loader)
        start = time.perf_counter()
        export(design, list(SIZES), renderer)
        exports.append(time.perf_counter() - start)

    print(f"renderer, {len(design.layers)}-layer design")
    print(f"  render 1080×1350 (cold tiles):      {ms(cold)}   budget 40 ms")
    print(f"  re-render after dragging one layer: {ms(drags)}   budget 10 ms")
    print(f"  export all {len(SIZES)} sizes (render+JPEG): {ms(exports)}   budget 400 ms")


if __name__ == "__main__":
    main()
