"""Screenshots for the guide's video and scheduling page, offscreen at 1366×768 (the office
laptop), on the Sandbox accounts.

    python tools/screenshot_schedule.py [--lang id] --view video|later|change|missed [-o PATH]

- ``video``: *Kirim ke semua* for a draft with a 30 s 9:16 video: what each account does
  with it;
- ``later``: the same, sent later (tomorrow 09:00): who keeps the time, per account;
- ``change``: the outbox after that, with *Ubah waktu…* open on the Facebook post;
- ``missed``: the start-up question about posts whose time passed while Siar was closed.

Each dialog is drawn over the main window, where it opens.
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import sys
import time
from datetime import datetime, timedelta
from fractions import Fraction

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = {
    "video": "video-kirim.png",
    "later": "jadwal-kirim.png",
    "change": "jadwal-ubah.png",
    "missed": "jadwal-terlewat.png",
}


def vertical_video(path: pathlib.Path, seconds: float = 30.0) -> pathlib.Path:
    """A 720×1280 (9:16) H.264 clip of a few still frames: a Reel-shaped video to attach."""
    import av

    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 720, 1280, "yuv420p"
        stream.codec_context.time_base = Fraction(1, 1000)
        for index in range(4):
            frame = av.VideoFrame(720, 1280, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([90 + 20 * index]) * plane.buffer_size)
            frame.pts = round(index * seconds * 1000 / 3)
            frame.time_base = Fraction(1, 1000)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def settle(app: object, window: object, seconds: float = 15.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if not window.tasks.busy:  # type: ignore[attr-defined]
            break
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id")
    parser.add_argument("--view", choices=list(NAMES), required=True)
    parser.add_argument("-o", "--output", default="")
    args = parser.parse_args()
    args.output = args.output or str(ROOT / "docs" / "panduan" / "img" / NAMES[args.view])
    from tools.shot_start import start

    started = start(args.lang)
    app, session, prefs, home = started.app, started.session, started.prefs, started.home

    from PySide6.QtCore import QDateTime, QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QWidget

    from composer.core.post import Post
    from composer.paths import assets_dir
    from composer.ui.main_window import MainWindow

    session.start_sandbox()
    post = Post(
        title="Cara cek status paspor",
        text="Cek status permohonan paspor Anda lewat M-Paspor, tanpa antre. Tonton videonya sampai habis! #ImigrasiMelayani",
        tags=["paspor", "mpaspor"],
    )
    clip = session.import_file(vertical_video(home / "cara-cek-status.mp4"))
    photo = session.import_file(assets_dir() / "demo" / "paspor-dari-ponsel.jpg")
    post.media.append(clip)
    session.save_draft(post)
    tomorrow = datetime.combine(datetime.now().date() + timedelta(days=1), datetime.min.time()).replace(
        hour=9
    )
    prefs.last_draft = post.id
    window = MainWindow(session, prefs)
    window.resize(1366, 768)
    window.show()
    settle(app, window)
    dialogs: list[QWidget] = []
    if args.view in ("video", "later"):
        window.post_to_all()
        dialog = window.posting.open_dialog
        assert dialog is not None
        settle(app, window)
        if args.view == "later":
            dialog.schedule.setChecked(True)  # type: ignore[attr-defined]
            dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(tomorrow.timestamp())))  # type: ignore[attr-defined]
        settle(app, window)
        dialogs.append(dialog)
    elif args.view == "change":
        accounts = [a for a in session.accounts() if a.platform != "youtube"]
        text_post = Post(
            title="Layanan Sabtu", text="Layanan paspor buka Sabtu pukul 08.00–12.00. #ImigrasiMelayani"
        )
        text_post.media.append(dataclasses.replace(photo, alt="Aplikasi M-Paspor di ponsel"))
        session.save_draft(text_post)
        plan = session.plan_post(
            text_post, [a for a in accounts if a.platform != "tiktok"], tomorrow.timestamp()
        )
        session.post(plan)
        session.post(
            session.plan_post(
                post, [a for a in session.accounts() if a.platform == "youtube"], tomorrow.timestamp()
            )
        )
        session.run_until_settled()
        window.show_outbox()
        outbox = window.posting.open_dialog
        assert outbox is not None
        settle(app, window)
        tree = outbox.jobs  # type: ignore[attr-defined]
        facebook = next(a.name for a in session.accounts() if a.platform == "facebook")
        for index in range(tree.topLevelItemCount()):
            if tree.topLevelItem(index).text(1) == facebook:
                tree.setCurrentItem(tree.topLevelItem(index))
        chooser = outbox.choose_time()  # type: ignore[attr-defined]
        chooser.when.setDateTime(
            QDateTime.fromSecsSinceEpoch(int((tomorrow + timedelta(days=2)).timestamp()))
        )
        settle(app, window)
        dialogs += [outbox, chooser]
    else:
        accounts = [a for a in session.accounts() if a.platform in ("instagram", "x")]
        for title, hours in (("Libur Natal 25 Desember", 3), ("Waspada calo paspor", 2)):
            held = Post(title=title, text=f"{title}. #ImigrasiMelayani")
            held.media.append(dataclasses.replace(photo, alt="Aplikasi M-Paspor di ponsel"))
            session.save_draft(held)
            session.outbox.enqueue(held, accounts, send_at=time.time() - hours * 3600)
        missed = session.hold_missed()
        dialogs.append(window.posting.show_missed(missed))
        settle(app, window)
    shot = window.grab()
    painter = QPainter(shot)
    for dialog in dialogs:
        width, height = min(dialog.width(), 1366), min(dialog.height(), 768)
        dialog.resize(width, height)
        QApplication.processEvents()
        painter.drawPixmap(QPoint((1366 - width) // 2, (768 - height) // 2), dialog.grab())
    painter.end()
    shot.save(args.output)
    print(f"wrote {args.output} ({shot.width()}×{shot.height()})")
    for dialog in reversed(dialogs):
        dialog.close()
    window.close()
    session.close()


if __name__ == "__main__":
    main()
