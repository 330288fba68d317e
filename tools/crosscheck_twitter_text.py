"""Compare Siar's X counter with the official JavaScript twitter-text on realistic captions.

    python tools/crosscheck_twitter_text.py [--count 2000] [--write-golden]

Needs Node.js and npm (installs twitter-text@3.1.0 into a temporary folder). Prints how
many captions agree on weighted length, validity, valid range and every entity. With
--write-golden it stores the official results for a fixed corpus in
tests/data/twitter_text_js_golden.jsonl, which the test suite checks without Node.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.core.text import twitter_text as tt  # noqa: E402

WORDS = (  # noqa: SIM905 - a sentence reads better than a list of 60 strings
    "Kantor Imigrasi layanan paspor elektronik antrean online jadwal libur pelayanan "
    "pengaduan calo penipuan waspada syarat dokumen KTP KK akta kelahiran biaya PNBP "
    "Rp350.000 Rp650.000 hari kerja pukul 08.00–16.00 WIB Senin Jumat Sabtu gratis "
    "informasi lebih lanjut hubungi kami terima kasih selamat datang di ke dan atau untuk "
    "é ñ ü São Paulo naïve café 東京 서울 القاهرة Москва"
).split()
URLS = (
    "https://www.imigrasi.go.id/id/layanan-paspor/",
    "imigrasi.go.id",
    "http://kanim-contoh.imigrasi.go.id/antrean?tgl=2026-12-01&jam=08",
    "bit.ly/PasporOnline",
    "https://t.co/AbCdEf1234",
    "www.example.co.id/berita/2026/11/libur-nasional.html",
    "https://id.wikipedia.org/wiki/Paspor_(Indonesia)",
    "youtube.com/watch?v=dQw4w9WgXcQ",
    "foo.bar",
    "m.facebook.com/KantorImigrasi",
)
EMOJI = ["🇮🇩", "📢", "✅", "⚠️", "❤", "❤️", "👨‍👩‍👧‍👦", "🙏🏽", "1️⃣", "©", "™", "☎️", "🕗", "📄", "✈", "🛂"]
TAGS = ["#ImigrasiIndonesia", "#PasporOnline", "#WaspadaCalo", "#2026", "#Layanan_Publik", "#Imigrasi#Paspor"]
MENTIONS = ["@ditjenimigrasi", "@kemenkumham_ri", "@user/list-satu", "email@contoh.com", "RT @kanim:"]
ODD = ["\u200e", "\u202a", "\ufeff", "\u00a0", "\n", "\n\n", " — ", "…", "“kutipan”", "$IDR", "(", ")", "!"]


def caption(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(3, 90)):
        roll = rng.random()
        pool = (
            WORDS
            if roll < 0.62
            else URLS
            if roll < 0.7
            else EMOJI
            if roll < 0.8
            else TAGS
            if roll < 0.87
            else MENTIONS
            if roll < 0.92
            else ODD
        )
        parts.append(rng.choice(pool))
    joiner = rng.choice([" ", " ", " ", ""])
    return joiner.join(parts)


NODE_SCRIPT = r"""
const tt = require('twitter-text');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const text = JSON.parse(line);
  const p = tt.parseTweet(text);
  const ents = tt.extractEntitiesWithIndices(text);
  tt.modifyIndicesFromUTF16ToUnicode(text, ents);
  const entities = ents.map(e => [e.url ? 'url' : e.hashtag ? 'hashtag' : e.cashtag ? 'cashtag' : 'mention',
                                  e.indices[0], e.indices[1]]);
  console.log(JSON.stringify({text, weightedLength: p.weightedLength, valid: p.valid,
                              validRangeEnd: p.validRangeEnd, entities}));
}
"""


def siar_result(text: str) -> dict[str, object]:
    p = tt.parse_tweet(text)
    entities = [
        ["mention" if e.kind == "list" else e.kind, e.start, e.end] for e in tt.extract_entities(text)
    ]
    return {
        "weightedLength": p.weighted_length,
        "valid": p.valid,
        "validRangeEnd": p.valid_range_end,
        "entities": entities,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--write-golden", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [caption(rng) for _ in range(args.count)]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "init", "-y"], cwd=tmp, check=True, capture_output=True)
        subprocess.run(["npm", "install", "twitter-text@3.1.0"], cwd=tmp, check=True, capture_output=True)
        (pathlib.Path(tmp) / "run.js").write_text(NODE_SCRIPT)
        out = subprocess.run(
            ["node", "run.js"],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
            input="\n".join(json.dumps(t) for t in texts) + "\n",
        ).stdout
    official = [json.loads(line) for line in out.splitlines()]
    disagree = 0
    for row in official:
        ours = siar_result(row["text"])
        if any(ours[k] != row[k] for k in ours):
            disagree += 1
            if disagree <= 5:
                print("DIFF", json.dumps(row, ensure_ascii=False), json.dumps(ours, ensure_ascii=False))
    print(f"captions: {len(official)}  agree: {len(official) - disagree}  disagree: {disagree}")
    if args.write_golden:
        golden = ROOT / "tests/data/twitter_text_js_golden.jsonl"
        golden.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in official), encoding="utf-8"
        )
        print(f"wrote {golden}")


if __name__ == "__main__":
    main()
