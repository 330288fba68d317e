"""Saved replies (balasan siap pakai): the office's answers to the common questions.

Kept in the settings table as one JSON list, so they travel with the workspace and its
backups. The first time, four answers the office edits to its own hours, fees and
channels are offered; an empty list the officer saved stays empty.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from composer.store.settings import SettingsStore

KEY = "inbox.saved_replies"


@dataclass(frozen=True)
class SavedReply:
    name: str
    text: str


# Starting points in the office's language; the officer puts in the real figures.
DEFAULTS = (
    SavedReply(
        "Jam layanan",
        "Terima kasih atas pertanyaannya. Layanan paspor buka Senin–Jumat pukul 08.00–16.00 WIB "
        "(istirahat 12.00–13.00). Ambil antrean lebih dulu lewat aplikasi M-Paspor.",
    ),
    SavedReply(
        "Biaya",
        "Biaya resmi (PNBP): paspor elektronik 5 tahun Rp650.000, 10 tahun Rp950.000; paspor biasa "
        "5 tahun Rp350.000, 10 tahun Rp650.000, dibayar sesuai kode billing. Tidak ada biaya lain.",
    ),
    SavedReply(
        "Persyaratan",
        "Persyaratan paspor baru: e-KTP, Kartu Keluarga, dan akta kelahiran/ijazah/buku nikah. "
        "Untuk penggantian cukup e-KTP dan paspor lama. Bawa dokumen asli saat datang.",
    ),
    SavedReply(
        "Saluran pengaduan",
        "Mohon maaf atas ketidaknyamanannya. Silakan sampaikan detail pengaduan Anda melalui "
        "pesan langsung, SP4N-LAPOR! (lapor.go.id), atau datang ke loket pengaduan kami.",
    ),
)


def load(settings: SettingsStore) -> list[SavedReply]:
    raw = settings.get(KEY)
    if not raw:
        return list(DEFAULTS)
    try:
        items = json.loads(raw)
        return [SavedReply(str(i["name"]), str(i["text"])) for i in items if str(i.get("text", "")).strip()]
    except (ValueError, TypeError, KeyError, AttributeError):
        return list(DEFAULTS)  # a damaged setting must not cost the officer the inbox


def save(settings: SettingsStore, replies: list[SavedReply]) -> None:
    settings.put(KEY, json.dumps([asdict(r) for r in replies], ensure_ascii=False))
