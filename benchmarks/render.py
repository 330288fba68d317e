"""Renderer speed, measured honestly against a peer and against plain Pillow, in one run.

    python benchmarks/render.py [--repeat 30]

The card (issue 17): 1080×1350, a full-canvas vertical gradient, a two-line title, six
numbered steps and a footer. It is drawn three ways, interleaved in rounds so the shared
machine's noise falls on all three alike:

- Siar, truly cold: a new Renderer per render with every cache cleared (fonts, text
  widths, gradients, text rasters), as the first frame after start-up.
- satori 0.63.2 + @resvg/resvg-js 2.6.2 on the same card (benchmarks/peer/card.mjs; run
  `npm ci` in benchmarks/peer once). Cold too: fresh font buffers per render.
- plain Pillow, drawing the same card directly (the floor for any Pillow renderer).

Also: exporting the card to all 7 platform sizes (cold renderer, render + each
platform's encoder), PNG and JPEG encoding of one 1080×1350 frame, and the re-render
after dragging one layer of a 12-layer design. Medians and ratios from the same run;
``figures()`` returns them for benchmarks/run_all.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from composer.design.assets import ImageLoader  # noqa: E402
from composer.design.brand import DEFAULT_COLORS, BrandKit  # noqa: E402
from composer.design.commands import SetBox, apply  # noqa: E402
from composer.design.export import encode, export  # noqa: E402
from composer.design.model import Box, Design, Layer  # noqa: E402
from composer.design.render import Renderer, clear_caches  # noqa: E402
from composer.design.sizes import SIZES, parse_size  # noqa: E402
from composer.design.templates import build  # noqa: E402

PEER = Path(__file__).resolve().parent / "peer"
FONTS = ROOT / "composer" / "assets" / "fonts"
WIDTH, HEIGHT = 1080, 1350
CARD = {
    "title": "Cara Membuat Paspor Elektronik",
    "steps": [
        "Unduh M-Paspor dan buat akun",
        "Pilih kantor imigrasi dan jadwal",
        "Unggah KTP, KK dan akta lahir",
        "Bayar PNBP dalam 2 jam",
        "Datang untuk foto dan wawancara",
        "Ambil paspor setelah 4 hari kerja",
    ],
    "footer": "imigrasi.go.id · 0812-0000-0000",
    "top": DEFAULT_COLORS["primary"],
    "bottom": DEFAULT_COLORS["secondary"],
    "accent": DEFAULT_COLORS["accent"],
    "primary": DEFAULT_COLORS["primary"],
    "title_px": round(0.075 * WIDTH),
    "step_px": round(0.036 * WIDTH),
    "footer_px": round(0.026 * WIDTH),
}


def card_design() -> Design:
    """The issue's card as a Siar design (the same words and sizes as the peer's)."""
    white = "#FFFFFF"
    layers = (
        Layer(
            "bg",
            "shape",
            "Latar",
            Box("top-left", 0, 0, 1, 1),
            props={"gradient": {"from": CARD["top"], "to": CARD["bottom"], "angle": 90}},
        ),
        Layer(
            "title",
            "text",
            "Judul",
            Box("top-left", 0.07, 0.06, 0.86, 0.18),
            props={
                "text": CARD["title"],
                "font": "heading",
                "weight": "bold",
                "size": 0.075,
                "color": white,
                "line_height": 1.1,
            },
        ),
        Layer(
            "steps",
            "list",
            "Langkah",
            Box("top-left", 0.07, 0.26, 0.86, 0.6),
            props={
                "items": CARD["steps"],
                "numbered": True,
                "size": 0.036,
                "color": white,
                "marker_fill": CARD["accent"],
                "marker_color": CARD["primary"],
            },
        ),
        Layer(
            "footer",
            "text",
            "Kaki",
            Box("bottom", 0, -0.03, 0.86, 0.04),
            props={
                "text": CARD["footer"],
                "size": 0.026,
                "weight": "semibold",
                "color": white,
                "align": "center",
                "valign": "middle",
            },
        ),
    )
    return Design("card", "Kartu langkah", layers, background="#FFFFFF")


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


# --- the three renderers ---------------------------------------------------------------


def siar_cold(design: Design, loader: ImageLoader) -> tuple[float, Image.Image]:
    clear_caches()
    start = time.perf_counter()
    image = Renderer(BrandKit(), loader).render(design, WIDTH, HEIGHT).image
    return time.perf_counter() - start, image


def pillow_plain() -> tuple[float, Image.Image]:
    """The card drawn directly with Pillow: fonts opened each time, no caches."""
    start = time.perf_counter()
    top, bottom = _hex(CARD["top"]), _hex(CARD["bottom"])
    column = Image.new("RGB", (1, HEIGHT))
    column.putdata(
        [
            tuple(round(a + (b - a) * y / (HEIGHT - 1)) for a, b in zip(top, bottom, strict=True))
            for y in range(HEIGHT)
        ]
    )
    image = column.resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(FONTS / "Inter-Bold.otf"), CARD["title_px"])
    semi = ImageFont.truetype(str(FONTS / "Inter-SemiBold.otf"), CARD["step_px"])
    marker_px = round(CARD["step_px"] * 1.9)
    black = ImageFont.truetype(str(FONTS / "InterDisplay-ExtraBold.otf"), round(marker_px * 0.5))
    foot = ImageFont.truetype(str(FONTS / "Inter-SemiBold.otf"), CARD["footer_px"])
    left = round(WIDTH * 0.07)
    words, line, lines = CARD["title"].split(), "", []
    for word in words:  # wrap the title to the column
        if line and draw.textlength(f"{line} {word}", font=bold) > WIDTH * 0.86:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for i, text in enumerate(lines):
        draw.text((left, HEIGHT * 0.06 + i * CARD["title_px"] * 1.1), text, font=bold, fill="white")
    row_h = HEIGHT * 0.6 / len(CARD["steps"])
    for i, step in enumerate(CARD["steps"]):
        cy = HEIGHT * 0.26 + row_h * (i + 0.5)
        draw.ellipse([left, cy - marker_px / 2, left + marker_px, cy + marker_px / 2], fill=CARD["accent"])
        draw.text((left + marker_px / 2, cy), str(i + 1), font=black, fill=CARD["primary"], anchor="mm")
        draw.text((left + marker_px * 1.35, cy), step, font=semi, fill="white", anchor="lm")
    draw.text((WIDTH / 2, HEIGHT * 0.95), CARD["footer"], font=foot, fill="white", anchor="mm")
    return time.perf_counter() - start, image


def peer(repeat: int, out: Path | None = None) -> dict[str, list[float]] | None:
    """satori + resvg timings (ms), or None when node or the peer's packages are missing."""
    node = shutil.which("node")
    if node is None or not (PEER / "node_modules" / "satori").is_dir():
        return None
    args = [node, str(PEER / "card.mjs"), str(FONTS), str(repeat)] + ([str(out)] if out else [])
    done = subprocess.run(args, input=json.dumps(CARD), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return None
    result: dict[str, list[float]] = json.loads(done.stdout)
    return result


def _hex(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


# --- measuring -------------------------------------------------------------------------


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def figures(repeat: int = 30, rounds: int = 3) -> dict[str, Any]:
    """Every figure of this benchmark (milliseconds, medians; ratios from the same run)."""
    design = card_design()
    loader = ImageLoader()
    siar_cold(design, loader)  # imports and first-use set-up, not counted
    pillow_plain()
    siar: list[float] = []
    plain: list[float] = []
    peer_render: list[float] = []
    peer_png: list[float] = []
    per_round = max(1, repeat // rounds)
    for _ in range(rounds):
        siar += [siar_cold(design, loader)[0] for _ in range(per_round)]
        plain += [pillow_plain()[0] for _ in range(per_round)]
        got = peer(per_round)
        if got is not None:
            peer_render += [ms / 1000 for ms in got["render_ms"]]
            peer_png += [ms / 1000 for ms in got["png_ms"]]

    frame = siar_cold(design, loader)[1]
    png_spec = parse_size(f"{WIDTH}x{HEIGHT}")
    jpeg_spec = next(s for s in SIZES if (s.width, s.height) == (WIDTH, HEIGHT))
    png, jpeg = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        encode(frame, png_spec)
        png.append(time.perf_counter() - start)
        start = time.perf_counter()
        encode(frame, jpeg_spec)
        jpeg.append(time.perf_counter() - start)
    pillow_png = []
    for _ in range(max(5, repeat // 3)):  # Pillow's default PNG settings, for comparison
        start = time.perf_counter()
        frame.save(io.BytesIO(), "PNG")
        pillow_png.append(time.perf_counter() - start)

    exports = []
    for _ in range(max(5, repeat // 3)):
        clear_caches()
        start = time.perf_counter()
        export(design, list(SIZES), Renderer(BrandKit(), loader))
        exports.append(time.perf_counter() - start)

    twelve = twelve_layer_design()
    renderer = Renderer(BrandKit(), loader)
    renderer.render(twelve, WIDTH, HEIGHT)
    target = next(layer for layer in twelve.layers if layer.name == "Judul")
    drags = []
    current = twelve
    for step in range(repeat):
        box = dataclasses.replace(
            target.box, x=target.box.x + 0.004 * (step + 1), y=target.box.y + 0.002 * (step + 1)
        )
        current, _inverse = apply(current, SetBox(target.id, "tall", box))
        start = time.perf_counter()
        renderer.render(current, WIDTH, HEIGHT)
        drags.append(time.perf_counter() - start)
    twelve_cold = []
    for _ in range(max(5, repeat // 3)):
        clear_caches()
        start = time.perf_counter()
        Renderer(BrandKit(), loader).render(twelve, WIDTH, HEIGHT)
        twelve_cold.append(time.perf_counter() - start)

    out: dict[str, Any] = {
        "siar_cold_ms": _median_ms(siar),
        "pillow_plain_ms": _median_ms(plain),
        "peer_ms": _median_ms(peer_render) if peer_render else None,
        "peer_png_ms": _median_ms(peer_png) if peer_png else None,
        "png_encode_ms": _median_ms(png),
        "png_encode_pillow_default_ms": _median_ms(pillow_png),
        "jpeg_encode_ms": _median_ms(jpeg),
        "export_7_sizes_ms": _median_ms(exports),
        "export_7_sizes_p95_ms": _p95_ms(exports),
        "twelve_layer_cold_ms": _median_ms(twelve_cold),
        "drag_ms": _median_ms(drags),
        "drag_p95_ms": _p95_ms(drags),
        "samples": len(siar),
    }
    out["speedup_vs_peer"] = out["peer_ms"] / out["siar_cold_ms"] if out["peer_ms"] else None
    out["ratio_to_plain_pillow"] = out["siar_cold_ms"] / out["pillow_plain_ms"]
    return out


def report(f: dict[str, Any]) -> str:
    peer_line = (
        f"  satori 0.63.2 + resvg 2.6.2, same card:  {f['peer_ms']:7.1f} ms   "
        f"Siar is {f['speedup_vs_peer']:.1f}× faster   target ≥ 5×"
        if f["peer_ms"]
        else "  satori + resvg: not measured (install node, then `npm ci` in benchmarks/peer)"
    )
    peer_png = f"   (resvg's PNG: {f['peer_png_ms']:.1f} ms)" if f["peer_png_ms"] else ""
    return "\n".join(
        [
            f"renderer, the 1080×1350 card (gradient, title, six steps, footer), medians of {f['samples']}",
            f"  Siar, cold (new renderer, caches cleared): {f['siar_cold_ms']:7.1f} ms",
            peer_line,
            f"  plain Pillow, same card:                {f['pillow_plain_ms']:7.1f} ms   "
            f"Siar / plain Pillow = {f['ratio_to_plain_pillow']:.2f}×",
            f"  export all {len(SIZES)} sizes (cold render + encoder): median {f['export_7_sizes_ms']:6.1f} ms"
            f"   p95 {f['export_7_sizes_p95_ms']:6.1f} ms   target ≤ 250 ms",
            f"  PNG encode 1080×1350 (fast setting):    {f['png_encode_ms']:7.1f} ms   target ≤ 40 ms{peer_png}"
            f"   (Pillow's default: {f['png_encode_pillow_default_ms']:.1f} ms)",
            f"  JPEG encode 1080×1350 (Instagram's):    {f['jpeg_encode_ms']:7.1f} ms",
            "renderer, 12-layer template design",
            f"  render 1080×1350 (cold tiles):      median {f['twelve_layer_cold_ms']:6.1f} ms",
            f"  re-render after dragging one layer: median {f['drag_ms']:6.1f} ms   p95 {f['drag_p95_ms']:6.1f} ms"
            "   budget 10 ms",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--save", type=Path, help="folder to save Siar's, Pillow's and the peer's card")
    args = parser.parse_args()
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        siar_cold(card_design(), ImageLoader())[1].save(args.save / "siar.png")
        pillow_plain()[1].save(args.save / "pillow.png")
        peer(1, args.save / "peer.png")
    measured = figures(args.repeat)
    print(report(measured))
    try:
        from report import Row, emit  # benchmarks/report.py: the rows run_all.py collects
    except ImportError:
        return
    emit([Row(**row) for row in rows(measured)])


def rows(f: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures as benchmarks/report.py rows: ratios from the same run, and targets."""
    out: list[dict[str, Any]] = []
    if f["peer_ms"]:
        share = f["siar_cold_ms"] / f["peer_ms"]
        out.append(
            {
                "what": "design → pixels, the 1080×1350 card, cold (new renderer, caches cleared)",
                "measured": f"{f['siar_cold_ms']:.1f} ms vs {f['peer_ms']:.1f} ms "
                f"({f['speedup_vs_peer']:.1f}× faster)",
                "ratio": share,
                "versus": "satori 0.63.2 + resvg 2.6.2",
                "target": "≤ 0.2× (≥ 5× faster)",
                "met": share <= 0.2,
            }
        )
    out += [
        {
            "what": "the same card, Siar's renderer vs drawing it directly in Pillow",
            "measured": f"{f['siar_cold_ms']:.1f} ms vs {f['pillow_plain_ms']:.1f} ms",
            "ratio": f["ratio_to_plain_pillow"],
            "versus": "plain Pillow",
        },
        {
            "what": f"export one design to all {len(SIZES)} sizes",
            "measured": f"median {f['export_7_sizes_ms']:.0f} ms, p95 {f['export_7_sizes_p95_ms']:.0f} ms",
            "target": "≤ 250 ms",
            "met": f["export_7_sizes_ms"] <= 250,
        },
        {
            "what": "PNG encode 1080×1350",
            "measured": f"{f['png_encode_ms']:.1f} ms (JPEG {f['jpeg_encode_ms']:.1f} ms)",
            "ratio": f["png_encode_ms"] / f["peer_png_ms"] if f["peer_png_ms"] else None,
            "versus": "resvg's PNG",
            "target": "≤ 40 ms",
            "met": f["png_encode_ms"] <= 40,
        },
        {
            "what": "re-render after dragging one layer",
            "measured": f"median {f['drag_ms']:.1f} ms, p95 {f['drag_p95_ms']:.1f} ms",
            "target": "≤ 10 ms",
            "met": f["drag_ms"] <= 10,
        },
    ]
    return out


if __name__ == "__main__":
    main()
