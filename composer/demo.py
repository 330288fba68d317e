"""The bundled demo workspace: realistic drafts of an Indonesian immigration office.

``seed(workspace)`` fills an empty workspace; ``make run`` and ``siar --demo`` use it.
Images come from assets/demo (our own drawings, CC0).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from composer.core.post import PlatformContent, Post, Variant
from composer.paths import assets_dir
from composer.store.workspace import Workspace

if TYPE_CHECKING:
    from composer.accounts.model import Account
    from composer.accounts.registry import AccountRegistry
    from composer.publish.inbox import InboxService
    from composer.sandbox import Sandbox
    from composer.sandbox.comments import CommentBook


@dataclass(frozen=True)
class DemoDraft:
    title: str
    text: str
    tags: list[str]
    images: list[tuple[str, str]]  # (file in assets/demo, alt text)
    variants: dict[str, Variant] = field(default_factory=dict)
    kip: str = ""  # KIP category for the monthly report


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
        kip="serta-merta",
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
        kip="berkala",
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
        kip="setiap-saat",
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


# The office's posts of the last weeks (the history and the report's month): each time
# one goes out it is a draft of its own, so the four DRAFTS above stay new and unsent.
PAST: tuple[DemoDraft, ...] = (
    DemoDraft(
        title="Awas calo paspor",
        text=(
            "Jangan percaya calo! Permohonan paspor diajukan sendiri lewat M-Paspor, tanpa perantara "
            'dan tanpa biaya tambahan. Laporkan tawaran "jalur cepat" ke imigrasi.go.id/pengaduan.\n\n'
            "#WaspadaCalo #ImigrasiMelayani"
        ),
        tags=["calo"],
        kip="serta-merta",
        images=[("ruang-pelayanan.jpg", "Loket pelayanan paspor.")],
    ),
    DemoDraft(
        title="Jadwal layanan paspor pekan ini",
        text=(
            "Jadwal layanan paspor pekan ini 🗓️\nSenin–Jumat 08.00–16.00 WIB, istirahat 12.00–13.00.\n"
            "Kuota harian dibuka setiap hari pukul 07.00 di aplikasi M-Paspor.\n#LayananImigrasi"
        ),
        tags=["jadwal"],
        kip="berkala",
        images=[("gedung-kantor.jpg", "Gedung Kantor Imigrasi.")],
    ),
    DemoDraft(
        title="Persyaratan paspor baru",
        text=(
            "Persyaratan paspor baru untuk WNI dewasa:\n• KTP elektronik\n• Kartu Keluarga\n"
            "• Akta kelahiran, ijazah atau buku nikah\nSemua dokumen asli dibawa saat wawancara. "
            "#PasporOnline #MPaspor"
        ),
        tags=["paspor", "syarat"],
        kip="setiap-saat",
        images=[("paspor-dari-ponsel.jpg", "Paspor elektronik di samping ponsel.")],
    ),
    DemoDraft(
        title="Gangguan antrean pagi ini",
        text=(
            "Mohon maaf, sistem antrean kami sempat terganggu pukul 08.00–09.30 WIB pagi ini. "
            "Layanan sudah normal kembali; pemohon yang terlewat tetap dilayani hari ini. "
            "#InfoImigrasi"
        ),
        tags=["pengumuman"],
        kip="serta-merta",
        images=[],
    ),
    DemoDraft(
        title="Biaya resmi paspor",
        text=(
            "Biaya resmi (PNBP) paspor elektronik: Rp650.000 (5 tahun) dan Rp950.000 (10 tahun). "
            "Dibayar lewat bank atau kantor pos dengan kode billing, bukan di loket. #ImigrasiMelayani"
        ),
        tags=["biaya"],
        kip="setiap-saat",
        images=[],
    ),
    DemoDraft(
        title="Layanan paspor simpatik hari Sabtu",
        text=(
            "Sabtu ini kami membuka layanan paspor simpatik pukul 08.00–12.00 WIB untuk 100 pemohon "
            "yang sudah mendaftar di M-Paspor. Sampai jumpa! 😊 #PasporSimpatik"
        ),
        tags=["paspor"],
        kip="berkala",
        images=[("ruang-pelayanan.jpg", "Ruang pelayanan yang siap menerima pemohon.")],
    ),
    DemoDraft(
        title="Kunjungan kerja ke kantor kecamatan",
        text=(
            "Tim kami hadir di kantor kecamatan untuk layanan paspor jemput bola. Terima kasih "
            "kepada perangkat kecamatan atas sambutannya 🙏 #ImigrasiMelayani"
        ),
        tags=["kegiatan"],
        images=[("gedung-kantor.jpg", "Tim pelayanan di depan kantor kecamatan.")],
    ),
)


def _needs_media(platform: str) -> bool:
    """The platform's rules refuse a post without a photo or video (Instagram, TikTok, YouTube)."""
    from composer import platforms

    refused = platforms.get(platform).rules.preview(PlatformContent(text="x")).errors
    return any(finding.about == "media" for finding in refused)


def _past_post(workspace: Workspace, spec: DemoDraft, when: float) -> Post:
    folder = assets_dir() / "demo"
    stamp = datetime.fromtimestamp(when - 3600, UTC).isoformat(timespec="seconds")
    post = Post(title=spec.title, text=spec.text, tags=list(spec.tags), kip=spec.kip, created_at=stamp)
    for filename, alt in spec.images:
        item = workspace.media.import_file(folder / filename)
        post.media.append(dataclasses.replace(item, alt=alt))
    workspace.drafts.save(post)
    return post


def seed(workspace: Workspace, today: date | None = None) -> int:
    """Add the demo drafts to an empty workspace; returns how many were added. Each is
    planned for one of the coming days, so the calendar shows the month ahead."""
    if workspace.drafts.list():
        return 0
    folder = assets_dir() / "demo"
    today = today or date.today()
    for index, spec in reversed(list(enumerate(DRAFTS))):
        post = Post(title=spec.title, text=spec.text, tags=list(spec.tags), kip=spec.kip)
        post.planned_at = f"{today + timedelta(days=2 + 3 * index):%Y-%m-%d}T09:00"
        for filename, alt in spec.images:
            item = workspace.media.import_file(folder / filename)
            post.media.append(dataclasses.replace(item, alt=alt))
        post.variants.update({k: dataclasses.replace(v) for k, v in spec.variants.items()})
        workspace.drafts.save(post)
    return len(DRAFTS)


def connect_sandbox(registry: AccountRegistry, sandbox: Sandbox) -> list[Account]:
    """Point the demo's accounts at the sandbox servers running in this process.

    The sandbox's credentials are well-known test values; they are kept in memory for
    this run (never in the keyring, which holds only real secrets)."""
    from composer import platforms
    from composer.accounts import facebook
    from composer.accounts.model import Account, Health
    from composer.sandbox.demo_accounts import demo_accounts

    now = time.time()
    specs: list[tuple[Account, dict[str, str]]] = [
        (
            Account(
                spec.platform,
                platforms.get(spec.platform).connection.demo_name,
                spec.base_url,
                spec.auth,
                **spec.fields,
            ),
            spec.secrets,
        )
        for spec in demo_accounts(sandbox, facebook.GRAPH_VERSION)
    ]
    connected = []
    existing = {a.name: a for a in registry.list()}
    for account, secrets in specs:
        old = existing.get(account.name)
        if old is not None and not old.sandbox:
            continue  # the officer reused the name for a real account: leave it alone
        account = dataclasses.replace(
            account,
            id=old.id if old else account.id,
            sandbox=True,
            secret_fields=tuple(secrets),
            health=Health("ok", now, 0, ""),
        )
        for field_name, value in secrets.items():
            registry.secret_store.remember_for_session(account.id, field_name, value)
        registry.update(account)
        connected.append(account)
    return connected


def seed_history(
    workspace: Workspace, registry: AccountRegistry, sandbox: Sandbox, now: float, days: int = 45
) -> int:
    """A month and a half of posts on every connected account, published on the sandbox
    and measured by the real metrics service at +1 h, +24 h and +7 d (the sandbox clock is
    stepped through each mark), so the monthly report has real-looking figures.
    Does nothing when the workspace already has history; returns the uploads added."""
    import random
    import uuid

    from composer.accounts.http import SandboxSession
    from composer.insights.service import MetricsService
    from composer.sandbox import metrics as fake_metrics
    from composer.store.outbox import HistoryEntry

    if workspace.outbox.history(limit=1):
        return 0
    accounts = [a for a in registry.list() if a.sandbox]
    if not accounts:
        return 0
    rng = random.Random(15)  # the same demo every time
    entries: list[HistoryEntry] = []
    start = now - days * 86400
    order = list(PAST)
    for day in range(days):
        if rng.random() > 0.75:  # about five posts a week
            continue
        if day % len(order) == 0:
            rng.shuffle(order)
        when = start + day * 86400 + rng.randint(1, 10) * 3600 + rng.randint(0, 3599)
        # Each past post is its own draft, sent then, to the accounts that take it: a post
        # without a photo goes to neither Instagram, TikTok nor YouTube.
        spec = order[day % len(order)]
        chosen = [
            a for a in accounts if rng.random() <= 0.8 and (spec.images or not _needs_media(a.platform))
        ]
        if not chosen:
            continue
        post = _past_post(workspace, spec, when)
        for account in chosen:
            text = post.text_for(account.platform)
            posted = when + rng.randint(0, 900)  # the outbox sends to each account in turn
            platform_id, link = fake_metrics.seed_post(
                sandbox, account.platform, account.external_id, text, posted
            )
            photo = next((m for m in post.media_for(account.platform) if m.kind == "image"), None)
            entries.append(
                HistoryEntry(
                    uuid.uuid4().hex,
                    post.id,
                    account.id,
                    account.name,
                    account.platform,
                    text,
                    title=post.title,
                    media=[{"id": photo.id, "filename": photo.filename}] if photo else [],
                    platform_id=platform_id,
                    permalink=link,
                    published_at=posted,
                )
            )
    for entry in entries:
        workspace.outbox.record(entry)
    # Each past post was last edited an hour before it went out (the list's order and dates).
    with workspace.db:
        for entry in entries:
            stamp = datetime.fromtimestamp(entry.published_at - 3600, UTC).isoformat(timespec="seconds")
            workspace.db.execute(
                "UPDATE drafts SET created_at = ?, updated_at = ? WHERE id = ?",
                (stamp, stamp, entry.post_id),
            )
    http = SandboxSession()
    service = MetricsService(  # past marks: no pace
        workspace, registry, session_factory=lambda: http, read_every=0, read_every_settled=0
    )
    clock = {"now": start}
    fake_metrics.set_clock(sandbox, lambda: clock["now"])
    try:
        marks = sorted({e.published_at + offset + 60 for e in entries for offset in (3600, 86400, 7 * 86400)})
        for moment in (m for m in marks if m <= now):
            clock["now"] = moment
            service.run_due(moment)
    finally:
        fake_metrics.set_clock(sandbox, time.time)
        http.end()
    return len(entries)


def seed_inbox(workspace: Workspace, registry: AccountRegistry, sandbox: Sandbox, now: float) -> int:
    """The demo's inbox: the sandbox citizens' comments on the demo history, about seven
    in ten questions already answered by the office on the platforms, read once by the
    inbox (older posts too), so Kotak masuk and the report's response times look real.
    Does nothing when the inbox already has comments; returns how many it read."""
    from composer.accounts.http import SandboxSession
    from composer.publish.inbox import InboxService
    from composer.sandbox.demo_accounts import comment_books

    if workspace.comments.count():
        return 0
    books = comment_books(sandbox)
    http = SandboxSession()
    service = InboxService(workspace, registry, clock=lambda: now, session_factory=lambda: http)
    clocks = {name: book.clock for name, book in books.items()}
    for book in books.values():
        book.clock = lambda: now
    added = 0
    try:
        added = _read_demo_comments(workspace, registry, sandbox, books, service, now)
    finally:
        for name, book in books.items():
            book.clock = clocks[name]
        http.end()
    return added


def _read_demo_comments(
    workspace: Workspace,
    registry: AccountRegistry,
    sandbox: Sandbox,
    books: dict[str, CommentBook],
    service: InboxService,
    now: float,
) -> int:
    from composer import platforms
    from composer.sandbox.comments import answer_some
    from composer.sandbox.demo_accounts import office_on

    added = 0
    for entry in workspace.outbox.published_between(now - 60 * 86400, now + 1):
        account = registry.get(entry.account_id)
        book = books.get(entry.platform)
        if account is None or book is None or not account.sandbox:
            continue
        owner = office_on(
            entry.platform, account.external_id, account.display_name or account.name, account.handle
        )
        with sandbox.servers()[platforms.get(entry.platform).sandbox].lock:
            answer_some(book, entry.platform_id, entry.published_at, *owner)
        added += service.refresh(entry)
    return added
