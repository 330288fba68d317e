"""Snippets, hashtag sets and signatures: the post's text per platform and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from composer import cli
from composer.core.platforms import BY_ID
from composer.core.post import Post
from composer.core.preview import preview_for
from composer.plan.snippets import Library, SnippetError
from composer.store.workspace import Workspace


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(list(args), out), out.getvalue()


def test_a_signature_is_part_of_what_the_platform_receives_and_counts() -> None:
    post = Post(text="Layanan buka", signatures={"instagram": "— Kanim Contoh"})
    assert post.content_for("instagram").text == "Layanan buka\n\n— Kanim Contoh"
    assert post.content_for("facebook").text == "Layanan buka"
    assert post.text_for("instagram") == "Layanan buka"  # the editor keeps the officer's text
    assert preview_for(post, BY_ID["instagram"]).counters[0].value == len("Layanan buka\n\n— Kanim Contoh")
    post.signature = False
    assert post.content_for("instagram").text == "Layanan buka"
    again = Post.from_dict(post.to_dict())
    assert (again.signature, again.signatures) == (False, {"instagram": "— Kanim Contoh"})


def test_a_signature_already_typed_or_an_empty_post_gets_none() -> None:
    post = Post(text="Halo\n\n— Kanim Contoh", signatures={"x": "— Kanim Contoh"})
    assert post.content_for("x").text == "Halo\n\n— Kanim Contoh"
    assert Post(signatures={"x": "— Kanim Contoh"}).content_for("x").text == ""


def test_hashtag_sets_must_hold_hashtags(workspace: Workspace) -> None:
    library = Library(workspace.settings)
    assert library.add_hashtag_set("Kampanye", "#A, #B #A") == ["#A", "#B"]
    with pytest.raises(SnippetError) as caught:
        library.add_hashtag_set("Salah", "#A B")
    assert caught.value.code == "snippet.bad_hashtag" and caught.value.params == {"value": "B"}


def test_cli_add_list_remove(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("snippets", "add", "Jam layanan", "Senin–Jumat 08.00–16.00")[0] == 0
    assert _run("snippets", "add", "Kampanye", "#ImigrasiMelayani #StopCalo", "--kind", "hashtags")[0] == 0
    assert _run("snippets", "add", "instagram", "— Kanim Contoh", "--kind", "signature")[0] == 0
    code, out = _run("snippets", "list")
    assert code == 0
    assert "Jam layanan: Senin–Jumat 08.00–16.00" in out and "Kampanye: #ImigrasiMelayani #StopCalo" in out
    assert "instagram: — Kanim Contoh" in out
    assert _run("snippets", "remove", "jam layanan")[0] == 0
    assert Library(workspace.settings).snippets() == {}
    capsys.readouterr()
    assert _run("snippets", "remove", "jam layanan")[0] == 2
    assert capsys.readouterr().err.strip() == "There is nothing saved under “jam layanan”."
    assert _run("snippets", "add", "myspace", "x", "--kind", "signature")[0] == 2
    assert _run("snippets", "add", "Kosong", "   ")[0] == 2


def test_a_plan_row_names_a_saved_hashtag_set(workspace: Workspace, tmp_path: Path) -> None:
    from composer.plan.importer import read_plan

    Library(workspace.settings).add_hashtag_set("Kampanye", "#ImigrasiMelayani #StopCalo")
    path = tmp_path / "rencana.csv"
    path.write_text(
        "tanggal,teks,tagar\n2026-12-01,Halo,kampanye #Desember\n2026-12-02,Hai,Tidakada\n", encoding="utf-8"
    )
    report = read_plan(path, workspace)
    assert report.rows[0].text == "Halo\n\n#ImigrasiMelayani #StopCalo #Desember"  # in the cell's order
    assert [p.code for p in report.rows[1].problems] == ["row.unknown_hashtag_set"]


def _published(workspace: Workspace, n: int, text: str, interactions: int | None) -> None:
    """A post published *n* days in, with its +24 h snapshot when *interactions* is given."""
    from composer.store.metrics import Snapshot
    from composer.store.outbox import HistoryEntry

    at = 1_700_000_000.0 + n * 86400
    workspace.outbox.record(HistoryEntry(f"h{n}", f"p{n}", "a", "Kanim", "instagram", text, published_at=at))
    if interactions is not None:
        workspace.metrics.add(
            Snapshot(f"h{n}", "24h", at + 86400, at + 86400, {"interactions": interactions})
        )
        # a later snapshot with far more interactions must not decide the rank: posts are
        # compared at the same age
        workspace.metrics.add(Snapshot(f"h{n}", "7d", at + 7 * 86400, at + 7 * 86400, {"interactions": 9999}))


def test_hashtag_suggestions_rank_by_interactions_once_metrics_exist(workspace: Workspace) -> None:
    from composer.plan.snippets import ranked_hashtags, suggested_hashtags

    # #ImigrasiMelayani is on every post; the two #StopCalo posts did best and #Paspor's
    # three did worst
    _published(workspace, 1, "Jam layanan #ImigrasiMelayani", 4)
    _published(workspace, 2, "Antre online #ImigrasiMelayani #Paspor", 30)
    _published(workspace, 3, "Waspada calo #ImigrasiMelayani #StopCalo", 120)
    _published(workspace, 4, "Paspor elektronik #ImigrasiMelayani #Paspor", 20)
    _published(workspace, 5, "Laporkan calo #ImigrasiMelayani #StopCalo", 80)
    _published(workspace, 6, "Libur #ImigrasiMelayani #Paspor", 10)
    _published(workspace, 7, "Baru saja #ImigrasiMelayani #Natal", None)  # not 24 h old yet
    outbox, metrics = workspace.outbox, workspace.metrics
    # by use alone (no metrics given) the most used tag leads
    assert suggested_hashtags(outbox) == ["#ImigrasiMelayani", "#Paspor", "#StopCalo", "#Natal"]
    ranked = ranked_hashtags(outbox, metrics)
    assert [s.tag for s in ranked] == ["#StopCalo", "#ImigrasiMelayani", "#Paspor", "#Natal"]
    stop, melayani, paspor, natal = ranked
    assert (stop.uses, stop.measured, stop.interactions) == (2, 2, 100.0)
    assert (melayani.uses, melayani.measured, melayani.interactions) == (7, 6, 44.0)
    assert (paspor.uses, paspor.interactions) == (3, 20.0)
    assert (natal.uses, natal.measured, natal.interactions) == (1, 0, None)


def test_without_any_metrics_suggestions_fall_back_to_use(workspace: Workspace) -> None:
    from composer.plan.snippets import suggested_hashtags

    _published(workspace, 1, "#Paspor #Libur", None)
    _published(workspace, 2, "#ImigrasiMelayani #Paspor", None)
    _published(workspace, 3, "#ImigrasiMelayani", None)
    # a tie in use goes to the most recent first
    assert suggested_hashtags(workspace.outbox, workspace.metrics) == [
        "#ImigrasiMelayani",
        "#Paspor",
        "#Libur",
    ]


def test_cli_lists_the_suggested_hashtags_best_first(workspace: Workspace) -> None:
    import json

    _published(workspace, 1, "#Paspor", 5)
    _published(workspace, 2, "#Paspor #StopCalo", 90)
    _published(workspace, 3, "#Paspor", 7)
    code, out = _run("snippets", "list")
    assert code == 0
    assert out.index("#StopCalo: 1×, 90 interactions per post in 24 h") < out.index(
        "#Paspor: 3×, 34 interactions"
    )
    code, out = _run("snippets", "list", "--json")
    assert [(s["tag"], s["uses"], s["interactions"]) for s in json.loads(out)["suggested_hashtags"]] == [
        ("#StopCalo", 1, 90.0),
        ("#Paspor", 3, 34.0),
    ]
