"""Comments from made-up citizens on the office's sandbox posts, shared by the fakes.

Each fake (Graph, Google, WordPress) keeps one :class:`CommentBook`; its own module
(``graph_comments``, ``google_comments``, ``wordpress_comments``) puts the book on the
platform's wire format (PLATFORMS.md §12.2). Comments grow over the sandbox clock: a
post's citizens arrive at fixed offsets after it was published, chosen from the post id,
so the same post always gets the same questions at the same times, and a test moves
``book.clock`` forward to see more arrive.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# Minutes after the post at which the n-th citizen comments: most come in the first
# hours, a few days later (the inbox polls often for 48 h, rarely after, §12.3).
ARRIVALS_MIN = (7, 25, 70, 180, 420, 900, 1800, 3000, 5200)

CITIZENS = (
    ("Budi Santoso", "budi.santoso"),
    ("Siti Rahmawati", "siti_rahma"),
    ("Agus Wijaya", "aguswijaya88"),
    ("Dewi Lestari", "dewilestari"),
    ("Rizky Pratama", "rizky.pratama"),
    ("Nur Aini", "nuraini_"),
    ("Hendra Gunawan", "hendra.g"),
    ("Putri Ayu", "putriayu.id"),
    ("Fajar Nugroho", "fajarnugroho"),
    ("Wulan Sari", "wulansari21"),
)

# (kind, text): questions about hours, fees and requirements, complaints, thanks.
REMARKS = (
    ("question", "Kak, kantor buka jam berapa ya hari Sabtu?"),
    ("question", "Berapa biaya paspor elektronik 10 tahun sekarang?"),
    ("question", "Syarat perpanjangan paspor apa saja ya? Perlu bawa KK?"),
    ("question", "Apakah bisa datang langsung tanpa antrean M-Paspor?"),
    ("question", "Paspor anak di bawah 17 tahun syaratnya apa saja min?"),
    ("question", "Kalau paspor hilang, lapornya ke mana dan berapa dendanya?"),
    ("complaint", "Sudah tiga minggu paspor saya belum jadi, tolong ditindaklanjuti."),
    ("complaint", "Antrean tadi pagi panjang sekali, petugas loket cuma dua."),
    ("complaint", "Aplikasi M-Paspor error terus waktu pilih jadwal."),
    ("thanks", "Terima kasih, pelayanannya cepat dan ramah!"),
    ("thanks", "Mantap, infonya jelas sekali. Terima kasih Imigrasi."),
    ("thanks", "Sukses selalu untuk kantor imigrasi, sangat membantu."),
)


@dataclass
class Comment:
    id: str
    post_id: str
    author_id: str
    author_name: str
    username: str
    text: str
    created: float
    parent_id: str = ""  # "" for a comment on the post itself
    by_owner: bool = False  # written by the office (a reply or the first comment from Siar)
    hidden: bool = False
    status: str = "published"  # YouTube moderation / WordPress status, when they apply
    liked_by_owner: bool = False  # the Page liked it (Facebook's POST /{comment-id}/likes)


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


@dataclass
class CommentBook:
    """Every comment on every post of one fake; citizens' comments appear as time passes."""

    prefix: str  # how this platform's comment ids start, keeps ids distinct across fakes
    clock: Callable[[], float] = time.time
    comments: dict[str, Comment] = field(default_factory=dict)
    _seeded: dict[str, int] = field(default_factory=dict)  # post id → citizens already added
    _counter: int = 0
    # Posts that get no citizen comments (a test wants a quiet post).
    quiet: set[str] = field(default_factory=set)

    def new_id(self, post_id: str) -> str:
        self._counter += 1
        if self.prefix == "{post}_":  # Facebook: {pagepost-id}_{comment-id} (§12.2)
            return f"{post_id.rsplit('_', 1)[-1]}_{_digest(post_id) % 10**6}{self._counter:06d}"
        return f"{self.prefix}{_digest(post_id) % 10**9}{self._counter:06d}"

    def citizens_for(self, post_id: str) -> int:
        """How many citizens will ever comment on *post_id* (3 to 9)."""
        return 3 + _digest("count", post_id) % 7

    def on_post(self, post_id: str, published: float) -> list[Comment]:
        """The post's comments, oldest first, after adding the citizens whose time came."""
        if post_id not in self.quiet:
            self._arrive(post_id, published)
        return sorted(
            (c for c in self.comments.values() if c.post_id == post_id),
            key=lambda c: (c.created, c.id),
        )

    def _arrive(self, post_id: str, published: float) -> None:
        now = self.clock()
        done = self._seeded.get(post_id, 0)
        for n in range(done, self.citizens_for(post_id)):
            at = published + ARRIVALS_MIN[n] * 60
            if at > now:
                break
            name, username = CITIZENS[_digest("who", post_id, str(n)) % len(CITIZENS)]
            _kind, text = REMARKS[_digest("say", post_id, str(n)) % len(REMARKS)]
            comment = Comment(
                id=self.new_id(post_id),
                post_id=post_id,
                author_id=str(7_000_000 + _digest(username) % 1_000_000),
                author_name=name,
                username=username,
                text=text,
                created=at,
            )
            self.comments[comment.id] = comment
            self._seeded[post_id] = n + 1

    def reply(
        self, parent: Comment, text: str, author_id: str, author_name: str, at: float | None = None
    ) -> Comment:
        return self._by_owner(parent.post_id, text, author_id, author_name, author_name, at, parent.id)

    def owner_comment(
        self, post_id: str, text: str, author_id: str, author_name: str, username: str
    ) -> Comment:
        """A top-level comment by the Page or account itself (the first comment, §12.2)."""
        return self._by_owner(post_id, text, author_id, author_name, username, None, "")

    def _by_owner(
        self,
        post_id: str,
        text: str,
        author_id: str,
        author_name: str,
        username: str,
        at: float | None,
        parent_id: str,
    ) -> Comment:
        comment = Comment(
            id=self.new_id(post_id),
            post_id=post_id,
            author_id=author_id,
            author_name=author_name,
            username=username,
            text=text,
            created=self.clock() if at is None else at,
            parent_id=parent_id,
            by_owner=True,
        )
        self.comments[comment.id] = comment
        return comment

    def replies_to(self, comment_id: str) -> list[Comment]:
        return sorted(
            (c for c in self.comments.values() if c.parent_id == comment_id), key=lambda c: (c.created, c.id)
        )

    def owner_replies(self) -> list[Comment]:
        """The office's answers (tests count these: exactly one reply per answer)."""
        return [c for c in self.comments.values() if c.by_owner and c.parent_id]

    def owner_comments(self, post_id: str) -> list[Comment]:
        """The office's own top-level comments on *post_id* (the first comment), oldest first."""
        mine = (c for c in self.comments.values() if c.by_owner and not c.parent_id and c.post_id == post_id)
        return sorted(mine, key=lambda c: (c.created, c.id))


OFFICE_ANSWERS = (
    "Terima kasih atas pertanyaannya. Silakan cek informasi lengkap di situs kantor kami.",
    "Layanan buka Senin–Jumat pukul 08.00–16.00. Ambil antrean lewat M-Paspor ya.",
    "Mohon maaf atas ketidaknyamanannya, sudah kami teruskan ke petugas terkait.",
)


def answer_some(book: CommentBook, post_id: str, published: float, author_id: str, author_name: str) -> int:
    """The office answered most questions and complaints on the platform itself, most
    within a day (the demo's history, so the inbox and the report's response times look
    real). Deterministic per comment; returns how many were answered."""
    kinds = dict((text, kind) for kind, text in REMARKS)
    answered = 0
    for comment in book.on_post(post_id, published):
        if comment.by_owner or comment.parent_id or kinds.get(comment.text) not in ("question", "complaint"):
            continue
        roll = _digest("answer", comment.id)
        if roll % 10 >= 7 or book.replies_to(comment.id):
            continue  # about three in ten wait for an answer
        delay = 900 + roll % (36 * 3600)
        if comment.created + delay > book.clock():
            continue
        text = OFFICE_ANSWERS[roll % len(OFFICE_ANSWERS)]
        book.reply(comment, text, author_id, author_name, at=comment.created + delay)
        answered += 1
    return answered


def iso(at: float, zulu: bool = False) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ" if zulu else "%Y-%m-%dT%H:%M:%S+0000", time.gmtime(at))


def parse_iso(value: str) -> float:
    """A platform timestamp (``…+0000``, ``…Z`` or WordPress's bare GMT) as epoch seconds."""
    import calendar

    text = value.replace("Z", "").replace("+0000", "")
    return float(calendar.timegm(time.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")))
