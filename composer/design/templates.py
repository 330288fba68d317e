"""The built-in templates, in Bahasa Indonesia: what an immigration office posts weekly.

Each template is a ``Design`` whose content lives in ``fields`` (steps, table rows,
numbers, a photo…) so the officer fills a form instead of touching the canvas. Every
layer has a ``box`` for tall and square canvases and, where the landscape arrangement
differs, a ``wide`` box; colours and fonts are brand tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from composer.design.model import Box, Design, Field, Layer, new_id


def _layer(kind: str, name: str, box: Box, wide: Box | None = None, **props: Any) -> Layer:
    return Layer(id=new_id(), kind=kind, name=name, box=box, wide=wide, props=props)


def text(name: str, box: Box, wide: Box | None = None, **props: Any) -> Layer:
    return _layer("text", name, box, wide, **props)


def shape(name: str, box: Box, wide: Box | None = None, **props: Any) -> Layer:
    return _layer("shape", name, box, wide, **props)


def image(name: str, box: Box, wide: Box | None = None, **props: Any) -> Layer:
    return _layer("image", name, box, wide, **props)


def icon(name: str, box: Box, wide: Box | None = None, **props: Any) -> Layer:
    return _layer("icon", name, box, wide, **props)


def B(anchor: str, x: float, y: float, w: float, h: float) -> Box:
    return Box(anchor, x, y, w, h)


# --- shared blocks -------------------------------------------------------------------


def header(on_dark: bool = False, wide_name_w: float = 0.5) -> list[Layer]:
    color = "$on_primary" if on_dark else "$primary"
    return [
        image(
            "Logo",
            B("top-left", 0.06, 0.035, 0.1, 0.08),
            B("top-left", 0.04, 0.06, 0.065, 0.115),
            source="brand:logo",
            fit="contain",
        ),
        text(
            "Nama kantor",
            B("top-left", 0.18, 0.042, 0.76, 0.066),
            B("top-left", 0.115, 0.07, wide_name_w, 0.1),
            text="{office}",
            font="heading",
            weight="bold",
            size=0.03,
            color=color,
            valign="middle",
            overflow="shrink",
        ),
    ]


def footer(on_dark: bool = True) -> list[Layer]:
    return [
        shape("Pita bawah", B("bottom", 0, 0, 1, 0.075), B("bottom", 0, 0, 1, 0.1), fill="$primary"),
        text(
            "Kontak",
            B("bottom", 0, -0.012, 0.88, 0.05),
            B("bottom", 0, -0.018, 0.9, 0.065),
            text="🌐 {website}   ☎ {phone}",
            size=0.026,
            weight="semibold",
            color="$on_primary" if on_dark else "$primary",
            align="center",
            valign="middle",
        ),
    ]


def title(
    value_key: str, tall: Box, wide: Box, size: float = 0.072, color: str = "$primary", **extra: Any
) -> Layer:
    return text(
        "Judul",
        tall,
        wide,
        text="{" + value_key + "}",
        font="heading",
        weight="black",
        size=size,
        color=color,
        line_height=1.05,
        **extra,
    )


# --- the templates -------------------------------------------------------------------


def passport_steps() -> Design:
    return Design(
        id=new_id(),
        name="Langkah membuat paspor",
        template="langkah-paspor",
        background="$background",
        fields=(
            Field("judul", "Judul", "text", "Cara Membuat Paspor"),
            Field("subjudul", "Subjudul", "text", "Lewat aplikasi M-Paspor, tanpa calo"),
            Field(
                "langkah",
                "Langkah-langkah",
                "list",
                [
                    "Unduh M-Paspor dan buat akun",
                    "Pilih kantor imigrasi dan jadwal",
                    "Unggah KTP, KK dan akta lahir",
                    "Bayar PNBP dalam 2 jam",
                    "Datang untuk foto dan wawancara",
                ],
            ),
        ),
        layers=(
            shape(
                "Aksen",
                B("top-right", 0.12, -0.1, 0.46, 0.37),
                B("top-right", 0.07, -0.2, 0.3, 0.53),
                shape="ellipse",
                circle=True,
                fill="$accent",
            ),
            *header(),
            title("judul", B("top-left", 0.06, 0.15, 0.88, 0.14), B("top-left", 0.04, 0.26, 0.38, 0.34)),
            text(
                "Subjudul",
                B("top-left", 0.06, 0.29, 0.88, 0.05),
                B("top-left", 0.04, 0.6, 0.38, 0.16),
                text="{subjudul}",
                size=0.032,
                color="$muted",
                weight="semibold",
            ),
            _layer(
                "list",
                "Langkah",
                B("top-left", 0.06, 0.37, 0.88, 0.5),
                B("top-left", 0.46, 0.22, 0.5, 0.62),
                field="langkah",
                numbered=True,
                size=0.036,
                marker_fill="$primary",
                marker_color="$on_primary",
                columns_wide=1,
            ),
            *footer(),
        ),
    )


def fee_table() -> Design:
    return Design(
        id=new_id(),
        name="Tarif PNBP paspor",
        template="tarif-pnbp",
        fields=(
            Field("judul", "Judul", "text", "Tarif Resmi Paspor"),
            Field(
                "tarif",
                "Tabel tarif (baris pertama = judul kolom)",
                "table",
                [
                    ["Jenis layanan", "Tarif (PNBP)"],
                    ["Paspor biasa 5 tahun", "Rp350.000"],
                    ["Paspor elektronik 5 tahun", "Rp650.000"],
                    ["Paspor elektronik 10 tahun", "Rp950.000"],
                    ["Layanan percepatan", "Rp1.000.000"],
                ],
            ),
            Field(
                "catatan",
                "Catatan",
                "text",
                "Contoh tarif — sesuaikan dengan ketentuan PNBP yang berlaku. Bayar hanya lewat bank/kantor pos resmi.",
            ),
        ),
        layers=(
            shape("Latar atas", B("top", 0, 0, 1, 0.36), B("left", 0, 0, 0.4, 1), fill="$primary"),
            *header(on_dark=True, wide_name_w=0.27),
            title(
                "judul",
                B("top-left", 0.06, 0.15, 0.88, 0.16),
                B("top-left", 0.04, 0.3, 0.32, 0.4),
                color="$on_primary",
            ),
            icon(
                "Ikon uang",
                B("top-right", -0.06, 0.17, 0.12, 0.1),
                B("bottom-left", 0.04, -0.08, 0.08, 0.14),
                icon="money",
                color="$accent",
            ),
            _layer(
                "table",
                "Tabel tarif",
                B("top", 0, 0.4, 0.88, 0.36),
                B("right", -0.04, -0.06, 0.54, 0.62),
                field="tarif",
                size=0.034,
            ),
            text(
                "Catatan",
                B("top", 0, 0.78, 0.88, 0.09),
                B("bottom-right", -0.04, -0.03, 0.54, 0.16),
                text="{catatan}",
                size=0.024,
                color="$muted",
                align="center",
            ),
        ),
    )


def service_hours() -> Design:
    return Design(
        id=new_id(),
        name="Jam layanan",
        template="jam-layanan",
        fields=(
            Field("judul", "Judul", "text", "Jam Layanan"),
            Field(
                "jadwal",
                "Jadwal",
                "table",
                [
                    ["Hari", "Jam"],
                    ["Senin–Kamis", "08.00–16.00"],
                    ["Jumat", "08.00–16.30"],
                    ["Sabtu", "08.00–12.00*"],
                    ["Minggu & libur", "Tutup"],
                ],
            ),
            Field("catatan", "Catatan", "text", "*Khusus pengambilan paspor. Istirahat 12.00–13.00 WIB."),
        ),
        layers=(
            *header(wide_name_w=0.3),
            icon(
                "Ikon jam",
                B("top", 0, 0.13, 0.22, 0.16),
                B("left", 0.06, -0.1, 0.16, 0.28),
                icon="clock",
                color="$secondary",
            ),
            title("judul", B("top", 0, 0.3, 0.88, 0.1), B("left", 0.04, 0.15, 0.3, 0.15), align="center"),
            _layer(
                "table",
                "Jadwal",
                B("top", 0, 0.42, 0.84, 0.38),
                B("right", -0.05, -0.07, 0.52, 0.6),
                field="jadwal",
                size=0.036,
                header_fill="$secondary",
            ),
            text(
                "Catatan",
                B("top", 0, 0.81, 0.84, 0.08),
                B("bottom-right", -0.05, -0.105, 0.52, 0.125),
                text="{catatan}",
                size=0.024,
                color="$muted",
                align="center",
            ),
            *footer(),
        ),
    )


def broker_warning() -> Design:
    return Design(
        id=new_id(),
        name="Waspada calo",
        template="waspada-calo",
        background="$primary",
        fields=(
            Field("judul", "Judul", "text", "WASPADA CALO!"),
            Field(
                "poin",
                "Poin peringatan",
                "list",
                [
                    "Tidak ada jalur cepat berbayar di luar PNBP",
                    "Ajukan sendiri lewat M-Paspor",
                    "Bayar hanya ke bank atau kantor pos",
                    "Petugas tidak meminta uang tambahan",
                ],
            ),
            Field("lapor", "Ajakan melapor", "text", "Temui calo? Laporkan ke {phone}"),
        ),
        layers=(
            *header(on_dark=True),
            icon(
                "Ikon peringatan",
                B("top", 0, 0.13, 0.2, 0.15),
                B("top-left", 0.04, 0.25, 0.14, 0.24),
                icon="warning",
                color="$accent",
            ),
            title(
                "judul",
                B("top", 0, 0.29, 0.9, 0.11),
                B("top-left", 0.2, 0.25, 0.38, 0.24),
                color="$accent",
                align="center",
                size=0.1,
            ),
            _layer(
                "list",
                "Poin",
                B("top", 0, 0.42, 0.86, 0.38),
                B("right", -0.04, 0.02, 0.4, 0.62),
                field="poin",
                numbered=False,
                size=0.034,
                color="$on_primary",
                marker_fill="$accent",
                marker_color="$primary",
            ),
            text(
                "Lapor",
                B("bottom", 0, -0.04, 0.88, 0.1),
                B("bottom-left", 0.04, -0.06, 0.5, 0.2),
                text="{lapor}",
                size=0.034,
                weight="bold",
                fill="$accent",
                color="$primary",
                align="center",
                valign="middle",
                padding=0.015,
            ),
        ),
    )


def holiday_closure() -> Design:
    return Design(
        id=new_id(),
        name="Libur layanan",
        template="libur",
        fields=(
            Field("judul", "Judul", "text", "Layanan Libur"),
            Field("tanggal", "Tanggal", "text", "25 Desember 2026"),
            Field("hari", "Hari", "text", "Kamis"),
            Field("alasan", "Alasan", "text", "Hari Raya Natal"),
            Field(
                "buka", "Buka kembali", "text", "Layanan buka kembali Jumat, 26 Desember 2026 pukul 08.00 WIB"
            ),
        ),
        layers=(
            *header(),
            shape(
                "Kartu tanggal",
                B("top", 0, 0.14, 0.66, 0.42),
                B("left", 0.06, 0.05, 0.36, 0.7),
                shape="rounded",
                fill="$surface",
                stroke="$primary",
                stroke_width=0.004,
                radius=0.04,
            ),
            shape(
                "Kepala kalender",
                B("top", 0, 0.14, 0.66, 0.1),
                B("left", 0.06, -0.235, 0.36, 0.16),
                shape="rounded",
                fill="$danger",
                radius=0.04,
            ),
            text(
                "Hari",
                B("top", 0, 0.15, 0.6, 0.08),
                B("left", 0.08, -0.235, 0.32, 0.12),
                text="{hari}",
                size=0.045,
                weight="bold",
                color="#FFFFFF",
                align="center",
                valign="middle",
                uppercase=True,
            ),
            text(
                "Tanggal",
                B("top", 0, 0.26, 0.6, 0.28),
                B("left", 0.08, 0.085, 0.32, 0.48),
                text="{tanggal}",
                font="heading",
                weight="black",
                size=0.11,
                color="$danger",
                align="center",
                valign="middle",
                line_height=1.05,
            ),
            title(
                "judul",
                B("top", 0, 0.6, 0.88, 0.09),
                B("right", -0.05, -0.24, 0.48, 0.16),
                align="center",
                size=0.075,
            ),
            text(
                "Alasan",
                B("top", 0, 0.69, 0.88, 0.05),
                B("right", -0.05, -0.1, 0.48, 0.1),
                text="dalam rangka {alasan}",
                size=0.034,
                align="center",
                color="$muted",
            ),
            text(
                "Buka kembali",
                B("top", 0, 0.76, 0.84, 0.1),
                B("right", -0.05, 0.09, 0.48, 0.2),
                text="{buka}",
                size=0.03,
                weight="semibold",
                align="center",
                color="$text",
            ),
            *footer(),
        ),
    )


def event_photo() -> Design:
    return Design(
        id=new_id(),
        name="Foto kegiatan",
        template="foto-kegiatan",
        fields=(
            Field("foto", "Foto", "image", "asset:demo/ruang-pelayanan.jpg"),
            Field("judul", "Judul kegiatan", "text", "Sosialisasi Layanan Keimigrasian"),
            Field(
                "keterangan",
                "Keterangan",
                "text",
                "Bersama perangkat desa dan pelaku wisata · 20 November 2026",
            ),
        ),
        layers=(
            image("Foto", B("top-left", 0, 0, 1, 1), source="field:foto", fit="cover"),
            shape(
                "Bayangan",
                B("bottom", 0, 0, 1, 0.45),
                B("bottom", 0, 0, 1, 0.55),
                gradient={"from": "#00000000", "to": "#000000CC", "angle": 90},
            ),
            shape(
                "Pita",
                B("bottom-left", 0.06, -0.235, 0.16, 0.012),
                B("bottom-left", 0.04, -0.32, 0.1, 0.014),
                fill="$accent",
            ),
            title(
                "judul",
                B("bottom-left", 0.06, -0.11, 0.88, 0.11),
                B("bottom-left", 0.04, -0.15, 0.7, 0.15),
                color="#FFFFFF",
                size=0.06,
                valign="bottom",
            ),
            text(
                "Keterangan",
                B("bottom-left", 0.06, -0.03, 0.88, 0.075),
                B("bottom-left", 0.04, -0.04, 0.8, 0.11),
                text="{keterangan}",
                size=0.026,
                color="#FFFFFFDD",
            ),
            image(
                "Logo",
                B("top-right", -0.05, 0.04, 0.1, 0.08),
                B("top-right", -0.03, 0.05, 0.06, 0.11),
                source="brand:logo",
                fit="contain",
            ),
        ),
    )


def monthly_statistics() -> Design:
    return Design(
        id=new_id(),
        name="Statistik layanan bulanan",
        template="statistik-bulanan",
        fields=(
            Field("judul", "Judul", "text", "Statistik Layanan"),
            Field("periode", "Periode", "text", "Oktober 2026"),
            Field(
                "data",
                "Data (label, angka)",
                "chart",
                [["Paspor baru", 1240], ["Penggantian", 860], ["ITAS", 310], ["ITAP", 95], ["Visa", 180]],
            ),
            Field("ringkasan", "Ringkasan", "text", "2.685 layanan · naik 12% dari bulan lalu"),
        ),
        layers=(
            *header(),
            title("judul", B("top-left", 0.06, 0.14, 0.88, 0.08), B("top-left", 0.04, 0.22, 0.34, 0.14)),
            text(
                "Periode",
                B("top-left", 0.06, 0.22, 0.88, 0.05),
                B("top-left", 0.04, 0.36, 0.34, 0.09),
                text="{periode}",
                size=0.036,
                weight="semibold",
                color="$secondary",
            ),
            _layer(
                "chart",
                "Grafik",
                B("top", 0, 0.31, 0.88, 0.42),
                B("right", -0.04, 0.0, 0.56, 0.62),
                field="data",
                color="$secondary",
                size=0.026,
            ),
            text(
                "Ringkasan",
                B("top", 0, 0.76, 0.88, 0.08),
                B("bottom-left", 0.04, -0.16, 0.34, 0.22),
                text="{ringkasan}",
                size=0.034,
                weight="bold",
                fill="$surface",
                color="$primary",
                align="center",
                valign="middle",
                padding=0.012,
            ),
            *footer(),
        ),
    )


def leadership_quote() -> Design:
    return Design(
        id=new_id(),
        name="Kutipan pimpinan",
        template="kutipan-pimpinan",
        background="$primary",
        fields=(
            Field(
                "kutipan",
                "Kutipan",
                "multiline",
                "Pelayanan yang baik dimulai dari keramahan dan kepastian waktu. Kami hadir untuk memudahkan masyarakat.",
            ),
            Field("nama", "Nama", "text", "Nama Kepala Kantor"),
            Field("jabatan", "Jabatan", "text", "Kepala Kantor Imigrasi"),
            Field("foto", "Foto", "image", "asset:templates/potret-contoh.png"),
        ),
        layers=(
            *header(on_dark=True),
            image(
                "Potret",
                B("top", 0, 0.14, 0.42, 0.336),
                B("left", 0.06, 0.0, 0.3, 0.533),
                source="field:foto",
                circle=True,
            ),
            icon(
                "Tanda kutip",
                B("top-left", 0.06, 0.5, 0.1, 0.07),
                B("top-left", 0.42, 0.18, 0.06, 0.1),
                icon="quote",
                color="$accent",
            ),
            text(
                "Kutipan",
                B("top", 0, 0.57, 0.86, 0.24),
                B("right", -0.05, -0.02, 0.52, 0.44),
                text="“{kutipan}”",
                font="heading",
                weight="semibold",
                size=0.042,
                color="$on_primary",
                line_height=1.25,
            ),
            text(
                "Nama",
                B("bottom-left", 0.07, -0.085, 0.86, 0.05),
                B("bottom-right", -0.05, -0.16, 0.52, 0.08),
                text="{nama}",
                weight="bold",
                size=0.032,
                color="$accent",
            ),
            text(
                "Jabatan",
                B("bottom-left", 0.07, -0.045, 0.86, 0.04),
                B("bottom-right", -0.05, -0.1, 0.52, 0.06),
                text="{jabatan}",
                size=0.026,
                color="$on_primary",
            ),
        ),
    )


def travel_tips() -> Design:
    return Design(
        id=new_id(),
        name="Tips perjalanan",
        template="tips-perjalanan",
        fields=(
            Field("judul", "Judul", "text", "Tips Aman ke Luar Negeri"),
            Field(
                "tips",
                "Tips",
                "list",
                [
                    "Masa berlaku paspor minimal 6 bulan",
                    "Pastikan visa sesuai tujuan perjalanan",
                    "Simpan salinan paspor terpisah",
                    "Datang ke bandara 3 jam lebih awal",
                ],
            ),
        ),
        layers=(
            shape(
                "Latar",
                B("top", 0, 0, 1, 0.34),
                B("top", 0, 0, 1, 0.42),
                gradient={"from": "$secondary", "to": "$primary", "angle": 0},
            ),
            *header(on_dark=True),
            icon(
                "Pesawat",
                B("top-right", -0.06, 0.15, 0.16, 0.12),
                B("top-right", -0.05, 0.14, 0.1, 0.18),
                icon="plane",
                color="$accent",
            ),
            title(
                "judul",
                B("top-left", 0.06, 0.14, 0.7, 0.17),
                B("top-left", 0.04, 0.2, 0.7, 0.18),
                color="$on_primary",
            ),
            _layer(
                "list",
                "Tips",
                B("top", 0, 0.39, 0.88, 0.48),
                B("top", 0, 0.48, 0.92, 0.4),
                field="tips",
                numbered=True,
                size=0.036,
                marker_fill="$accent",
                marker_color="$primary",
                columns_wide=2,
            ),
            *footer(),
        ),
    )


def complaint_channels() -> Design:
    return Design(
        id=new_id(),
        name="Kanal pengaduan",
        template="kanal-pengaduan",
        fields=(
            Field("judul", "Judul", "text", "Sampaikan Pengaduan Anda"),
            Field(
                "kanal",
                "Kanal",
                "list",
                [
                    "WhatsApp: {phone}",
                    "Email: pengaduan@contoh.go.id",
                    "Situs: {website}/pengaduan",
                    "Loket pengaduan di kantor",
                ],
            ),
            Field("tautan", "Tautan untuk kode QR", "url", "https://www.imigrasi.go.id/"),
        ),
        layers=(
            *header(),
            title("judul", B("top-left", 0.06, 0.14, 0.88, 0.14), B("top-left", 0.04, 0.22, 0.5, 0.2)),
            _layer(
                "list",
                "Kanal",
                B("top-left", 0.06, 0.29, 0.88, 0.26),
                B("top-left", 0.04, 0.45, 0.5, 0.4),
                field="kanal",
                numbered=False,
                size=0.032,
                marker_fill="$secondary",
                marker_color="#FFFFFF",
                columns_wide=1,
            ),
            shape(
                "Bingkai QR",
                B("bottom", 0, -0.1, 0.4, 0.3),
                B("right", -0.06, 0.0, 0.3, 0.533),
                shape="rounded",
                fill="$surface",
                stroke="$secondary",
                stroke_width=0.004,
            ),
            _layer(
                "qr",
                "Kode QR",
                B("bottom", 0, -0.142, 0.34, 0.25),
                B("right", -0.075, 0.0, 0.27, 0.48),
                data="{tautan}",
                color="$primary",
            ),
            text(
                "Pindai",
                B("bottom", 0, -0.103, 0.38, 0.032),
                B("right", -0.06, 0.31, 0.3, 0.06),
                text="Pindai untuk membuka",
                size=0.026,
                color="$muted",
                align="center",
            ),
            *footer(),
        ),
    )


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    build: Callable[[], Design]


TEMPLATES: tuple[Template, ...] = (
    Template("langkah-paspor", "Langkah membuat paspor", "Daftar langkah bernomor", passport_steps),
    Template("tarif-pnbp", "Tarif PNBP paspor", "Tabel tarif layanan", fee_table),
    Template("jam-layanan", "Jam layanan", "Jadwal buka per hari", service_hours),
    Template("waspada-calo", "Waspada calo", "Peringatan penipuan dan calo", broker_warning),
    Template("libur", "Libur layanan", "Pengumuman tutup dan buka kembali", holiday_closure),
    Template("foto-kegiatan", "Foto kegiatan", "Foto dengan pita keterangan", event_photo),
    Template("statistik-bulanan", "Statistik bulanan", "Grafik batang layanan per bulan", monthly_statistics),
    Template("kutipan-pimpinan", "Kutipan pimpinan", "Kutipan dengan potret", leadership_quote),
    Template("tips-perjalanan", "Tips perjalanan", "Tips bernomor", travel_tips),
    Template("kanal-pengaduan", "Kanal pengaduan", "Kontak pengaduan dengan kode QR", complaint_channels),
)
BY_ID = {t.id: t for t in TEMPLATES}


def build(template_id: str) -> Design:
    return BY_ID[template_id].build()
