"""The bundled demo workspace: realistic drafts of an Indonesian immigration office.

``seed(workspace)`` fills an empty workspace; ``make run`` and ``siar --demo`` use it.
Images come from assets/demo (our own drawings, CC0).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from composer.core.post import Post, Variant
from composer.paths import assets_dir
from composer.store.workspace import Workspace


@dataclass(frozen=True)
class DemoDraft:
    title: str
    text: str
    tags: list[str]
    images: list[tuple[str, str]]  # (file in assets/demo, alt text)
    variants: dict[str, Variant] = field(default_factory=dict)


DRAFTS: tuple[DemoDraft, ...] = (
    DemoDraft(
        title="Waspada calo paspor",
        text=(
            "⚠️ WASPADA CALO! ⚠️\n\n"
            "Pengurusan paspor di Kantor Imigrasi TIDAK melalui perantara. Semua permohonan "
            "diajukan sendiri lewat aplikasi M-Paspor dan dibayar resmi melalui bank atau kantor pos.\n\n"
            "Biaya resmi (PNBP):\n"
            "• Paspor elektronik 5 tahun: Rp650.000\n"
            "• Paspor elektronik 10 tahun: Rp950.000\n\n"
            'Jika ada yang menawarkan "jalur cepat" dengan biaya tambahan, laporkan ke layanan '
            "pengaduan kami di imigrasi.go.id/pengaduan atau WhatsApp 0812-0000-0000.\n\n"
            "#WaspadaCalo #PasporOnline #ImigrasiMelayani @ditjenimigrasi"
        ),
        tags=["imigrasi", "paspor", "calo"],
        images=[("ruang-pelayanan.jpg", "Ruang pelayanan paspor dengan lima loket dan warga yang antre.")],
    ),
    DemoDraft(
        title="Layanan libur Natal 25 Desember",
        text=(
            "Pengumuman 📢\n"
            "Dalam rangka Hari Raya Natal, layanan paspor DITUTUP pada Kamis, 25 Desember 2026. "
            "Layanan kembali buka Jumat, 26 Desember 2026 pukul 08.00–16.00 WIB.\n\n"
            "Selamat Natal bagi yang merayakan 🎄 #LayananImigrasi"
        ),
        tags=["libur", "natal"],
        images=[("libur-natal.png", "")],
    ),
    DemoDraft(
        title="Cara mengajukan paspor lewat M-Paspor",
        text=(
            "Mau membuat paspor? Ikuti 5 langkah mudah ini:\n"
            "1️⃣ Unduh aplikasi M-Paspor dan buat akun.\n"
            "2️⃣ Pilih kantor imigrasi dan jadwal kedatangan.\n"
            "3️⃣ Unggah KTP, Kartu Keluarga dan akta kelahiran/ijazah.\n"
            "4️⃣ Bayar PNBP dalam 2 jam setelah mendapat kode billing.\n"
            "5️⃣ Datang sesuai jadwal untuk foto dan wawancara.\n\n"
            "Paspor selesai dalam 4 hari kerja. Info lengkap: https://www.imigrasi.go.id/id/layanan-paspor/ "
            "#PasporOnline #MPaspor"
        ),
        tags=["paspor", "m-paspor", "tutorial"],
        images=[
            ("paspor-dari-ponsel.jpg", "Sampul paspor elektronik berwarna hijau."),
            ("ruang-pelayanan.jpg", "Loket pelayanan paspor."),
        ],
        variants={
            "x": Variant(
                text=(
                    "Buat paspor lewat M-Paspor: daftar akun, pilih jadwal, unggah dokumen, bayar PNBP, "
                    "datang untuk foto & wawancara. Selesai 4 hari kerja ✅ #PasporOnline"
                )
            )
        },
    ),
    DemoDraft(
        title="Dokumentasi sosialisasi keimigrasian",
        text=(
            "Kantor Imigrasi menggelar sosialisasi layanan keimigrasian bersama perangkat desa "
            "dan pelaku usaha pariwisata. Terima kasih atas antusiasme peserta! 🙏\n"
            "#ImigrasiMelayani #Sosialisasi"
        ),
        tags=["sosialisasi", "kegiatan"],
        images=[
            ("gedung-kantor.jpg", "Gedung Kantor Imigrasi dari seberang jalan."),
            ("ruang-pelayanan.jpg", "Peserta di ruang pelayanan."),
            ("libur-natal.png", "Kalender kegiatan."),
            ("paspor-dari-ponsel.jpg", "Contoh paspor yang diperlihatkan kepada peserta."),
        ],
    ),
)


def seed(workspace: Workspace) -> int:
    """Add the demo drafts to an empty workspace; returns how many were added."""
    if workspace.drafts.list():
        return 0
    folder = assets_dir() / "demo"
    for spec in reversed(DRAFTS):
        post = Post(title=spec.title, text=spec.text, tags=list(spec.tags))
        for filename, alt in spec.images:
            item = workspace.media.import_file(folder / filename)
            post.media.append(dataclasses.replace(item, alt=alt))
        post.variants.update({k: dataclasses.replace(v) for k, v in spec.variants.items()})
        workspace.drafts.save(post)
    return len(DRAFTS)
