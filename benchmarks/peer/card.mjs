// The peer of benchmarks/render.py: the same 1080×1350 card through satori (layout → SVG)
// and resvg (SVG → pixels). Every render is cold: satori caches parsed fonts per font
// buffer, so each render gets fresh copies of the buffers (read from disk once).
//
//   node card.mjs FONTS_DIR REPEAT [OUT.png]
//
// Prints one JSON line: {"render_ms": [...], "png_ms": [...]}.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";

const [fontsDir, repeatArg, out] = process.argv.slice(2);
const repeat = Number(repeatArg || 30);
const files = {
  400: readFileSync(join(fontsDir, "Inter-Regular.otf")),
  600: readFileSync(join(fontsDir, "Inter-SemiBold.otf")),
  700: readFileSync(join(fontsDir, "Inter-Bold.otf")),
  800: readFileSync(join(fontsDir, "InterDisplay-ExtraBold.otf")),
};
const card = JSON.parse(readFileSync(0, "utf8")); // the card's words and colours, from Python

const W = 1080, H = 1350;
const el = (type, style, children) => ({ type, props: { style, children } });

function tree() {
  const marker = Math.round(card.step_px * 1.9);
  const steps = card.steps.map((step, i) =>
    el("div", { display: "flex", alignItems: "center", flex: 1 }, [
      el("div", {
        display: "flex", alignItems: "center", justifyContent: "center",
        width: marker, height: marker, borderRadius: marker / 2, flexShrink: 0,
        backgroundColor: card.accent, color: card.primary,
        fontSize: Math.round(marker * 0.5), fontWeight: 800,
      }, String(i + 1)),
      el("div", {
        display: "flex", marginLeft: Math.round(marker * 0.35),
        fontSize: card.step_px, fontWeight: 600, color: "#FFFFFF", lineHeight: 1.15,
      }, step),
    ]),
  );
  return el("div", {
    display: "flex", flexDirection: "column", width: W, height: H,
    backgroundImage: `linear-gradient(to bottom, ${card.top}, ${card.bottom})`,
    padding: `${Math.round(H * 0.06)}px ${Math.round(W * 0.07)}px`, fontFamily: "Inter",
  }, [
    el("div", {
      display: "flex", height: Math.round(H * 0.18), fontSize: card.title_px, fontWeight: 700,
      color: "#FFFFFF", lineHeight: 1.1,
    }, card.title),
    el("div", { display: "flex", flexDirection: "column", marginTop: Math.round(H * 0.02), height: Math.round(H * 0.6) }, steps),
    el("div", {
      display: "flex", justifyContent: "center", position: "absolute",
      left: 0, width: W, bottom: Math.round(H * 0.03), fontSize: card.footer_px, fontWeight: 600, color: "#FFFFFF",
    }, card.footer),
  ]);
}

const fonts = () =>
  Object.entries(files).map(([weight, data]) => ({
    name: "Inter", weight: Number(weight), style: "normal",
    data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  }));

const renderMs = [], pngMs = [];
let pixels = null;
const warmup = 3; // passes that warm the JIT; not counted (Siar's side warms up once too)
for (let i = 1 - warmup; i <= repeat; i++) {
  const start = performance.now();
  const svg = await satori(tree(), { width: W, height: H, fonts: fonts() });
  pixels = new Resvg(svg, { fitTo: { mode: "original" } }).render();
  const rendered = performance.now();
  const png = pixels.asPng();
  const encoded = performance.now();
  if (i > 0) {
    renderMs.push(rendered - start);
    pngMs.push(encoded - rendered);
  }
  if (out && i === repeat) writeFileSync(out, png);
}
console.log(JSON.stringify({ render_ms: renderMs, png_ms: pngMs }));
