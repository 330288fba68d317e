"""Write the example month's plan shipped in composer/assets/plan/ (.xlsx and .csv).

    python tools/make_plan_example.py

The officer copies it as a starting point (Berkas › Impor rencana; the guide's page
"Rencana konten" explains each column). The workbook's timestamps are fixed so running
this again gives the same content.
"""

from __future__ import annotations

import csv
import pathlib
import sys
from datetime import date, datetime

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "composer" / "assets" / "plan"
NAME = "contoh-rencana-desember-2026"

HEADER = [
    "id",
    "tanggal",
    "jam",
    "platform",
    "judul",
    "teks",
    "teks_x",
    "tagar",
    "gambar",
    "templat",
    "isi.judul",
    "isi.periode",
    "isi.data",
    "isi.ringkasan",
    "isi.tanggal",
    "isi.hari",
    "isi.alasan",
    "isi.buka",
]

TAGS = "#ImigrasiMelayani #KantorImigrasi"
ROWS: list[dict[str, object]] = [
    {
        "id": "des-01",
        "tanggal": date(2026, 12, 1),
        "jam": "09:00",
        "platform": "facebook, instagram, x, wordpress",
        "judul": "Statistik layanan November 2026",
        "teks": "Terima kasih atas kepercayaan Anda. Inilah layanan kami sepanjang November 2026.",
        "teks_x": "Layanan November 2026: 2.710 permohonan selesai. Terima kasih!",
        "tagar": TAGS,
        "templat": "statistik-bulanan",
        "isi.judul": "Statistik Layanan",
        "isi.periode": "November 2026",
        "isi.data": "Paspor baru: 1.310; Penggantian: 905; ITAS: 298; ITAP: 87; Visa: 110",
        "isi.ringkasan": "2.710 layanan · naik 1% dari Oktober",
    },
    {
        "id": "des-02",
        "tanggal": date(2026, 12, 3),
        "jam": "10:00",
        "platform": "facebook, instagram",
        "judul": "Mengurus paspor lewat M-Paspor",
        "teks": "Daftar antrean paspor cukup dari ponsel lewat aplikasi M-Paspor. Tanpa calo, tanpa biaya tambahan.",
        "tagar": TAGS + " #MPaspor",
        "gambar": "../demo/paspor-dari-ponsel.jpg",
    },
    {
        "id": "des-03",
        "tanggal": date(2026, 12, 7),
        "jam": "08:00",
        "platform": "facebook, instagram, x",
        "judul": "Jam layanan Desember",
        "teks": "Jam layanan kami selama Desember: Senin–Jumat 08.00–16.00. Sabtu khusus pengambilan paspor.",
        "tagar": TAGS,
        "gambar": "../demo/ruang-pelayanan.jpg",
    },
    {
        "id": "des-04",
        "tanggal": date(2026, 12, 10),
        "jam": "13:00",
        "platform": "instagram, x",
        "judul": "Waspada calo",
        "teks": "Semua layanan paspor dibayar lewat PNBP resmi. Tidak ada jalur cepat berbayar di luar itu.",
        "tagar": TAGS + " #StopCalo",
    },
    {
        "id": "des-05",
        "tanggal": date(2026, 12, 15),
        "jam": "09:30",
        "platform": "facebook, instagram, x, wordpress",
        "judul": "Libur Natal",
        "teks": "Pada Hari Raya Natal kantor kami tutup. Layanan buka kembali keesokan harinya.",
        "tagar": TAGS,
        "templat": "libur",
        "isi.judul": "Layanan Libur",
        "isi.tanggal": "25 Desember 2026",
        "isi.hari": "Jumat",
        "isi.alasan": "Hari Raya Natal",
        "isi.buka": "Layanan buka kembali Senin, 28 Desember 2026 pukul 08.00",
    },
    {
        "id": "des-06",
        "tanggal": date(2026, 12, 18),
        "jam": "15:00",
        "platform": "facebook, wordpress",
        "judul": "Gedung kantor kami",
        "teks": "Kantor kami mudah dijangkau dengan angkutan umum. Parkir tersedia di depan gedung.",
        "gambar": "../demo/gedung-kantor.jpg",
    },
    {
        "id": "des-07",
        "tanggal": date(2026, 12, 22),
        "jam": "09:00",
        "platform": "facebook, instagram, x",
        "judul": "Tips liburan ke luar negeri",
        "teks": "Berlibur ke luar negeri akhir tahun? Pastikan paspor berlaku minimal enam bulan lagi.",
        "tagar": TAGS + " #LiburAkhirTahun",
    },
    {
        "id": "des-08",
        "tanggal": date(2026, 12, 29),
        "jam": "10:00",
        "platform": "facebook, instagram, x, wordpress",
        "judul": "Terima kasih 2026",
        "teks": "Terima kasih telah mempercayakan layanan keimigrasian kepada kami sepanjang 2026.",
        "tagar": TAGS,
    },
]


def cell(value: object) -> object:
    return "" if value is None else value


def write_xlsx(path: pathlib.Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Rencana"
    sheet.append(HEADER)
    for index in range(len(HEADER)):
        sheet.cell(row=1, column=index + 1).font = Font(bold=True)
    for row in ROWS:
        sheet.append([cell(row.get(column)) for column in HEADER])
    for index in range(2, len(ROWS) + 2):
        sheet.cell(row=index, column=2).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    stamp = datetime(2026, 11, 1)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.save(path)


def write_csv(path: pathlib.Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in ROWS:
            writer.writerow(
                [v.isoformat() if isinstance(v, date) else cell(v) for v in (row.get(c) for c in HEADER)]
            )


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write_xlsx(OUT / f"{NAME}.xlsx")
    write_csv(OUT / f"{NAME}.csv")
    print(f"wrote {OUT / NAME}.xlsx and .csv ({len(ROWS)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
