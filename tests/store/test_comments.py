"""The comments table: merging what a platform lists, and the question/complaint guess."""

from __future__ import annotations

from composer.store.comments import ANSWERED, HIDDEN, Incoming, classify
from composer.store.workspace import Workspace


def test_our_reply_listed_before_the_comment_it_answers_still_answers_it(workspace: Workspace) -> None:
    # Facebook's reverse_chronological stream and WordPress's default order put the
    # office's (newer) reply first.
    listed = [
        Incoming("r1", "Buka pukul 08.00.", 2_000.0, "Kanim", parent_remote_id="c1", by_owner=True),
        Incoming("c2", "Iklan pinjaman online", 1_500.0, "spam", hidden=True),
        Incoming("c1", "Jam berapa buka?", 1_000.0, "Budi"),
    ]
    assert workspace.comments.merge("h", "acc", "facebook", listed) == 2
    rows = {c.remote_id: c for c in workspace.comments.page(0, 10)}
    assert set(rows) == {"c1", "c2"}  # our reply is no inbox item
    assert rows["c1"].status == ANSWERED and rows["c1"].answered_at == 2_000.0
    assert rows["c1"].first_answer_seconds == 1_000.0 and rows["c1"].reply_text == "Buka pukul 08.00."
    assert rows["c2"].status == HIDDEN
    assert workspace.comments.merge("h", "acc", "facebook", listed) == 0  # seen before: nothing new


def test_questions_and_complaints_need_an_answer_thanks_do_not() -> None:
    assert classify("Berapa biaya paspor elektronik?") == "question"
    assert classify("Antrean tadi pagi panjang sekali, petugas loket cuma dua.") == "complaint"
    assert classify("Terima kasih, pelayanannya cepat dan ramah!") == "other"
