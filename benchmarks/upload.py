"""A 300 MB video to every sandbox account that takes video, at once: the poster's extra
memory, and wall time against the slowest account uploading alone (issue 13 item 2): the five platforms.

    python benchmarks/upload.py [--mb 300]

The sandbox runs in this process and the poster (the outbox) in a child process, so the
fakes' copies of the uploads are not counted: the child reports its resident memory
before the run and its peak after it. Targets: extra RSS ≤ 100 MB (uploads stream from
disk a chunk at a time) and wall ≤ 1.2× the slowest single account.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Row, emit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VIDEO_PLATFORMS = (
    "facebook",
    "instagram",
    "x",
    "youtube",
    "wordpress",
)  # the clients that send a video today


def _status_kb(field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of this process. Not ru_maxrss: Linux carries that
    over an exec from the forking parent, which holds the fakes' uploads."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def child() -> None:
    """The poster: open the workspace, run the outbox until every job settles."""
    import keyring

    from tests.file_keyring import FileKeyring

    keyring.set_keyring(FileKeyring())
    from composer import platforms
    from composer.accounts.registry import AccountRegistry
    from composer.accounts.secrets import SecretStore
    from composer.publish import youtube  # noqa: F401  (imported before the baseline)
    from composer.publish.outbox import Outbox
    from composer.store.workspace import Workspace

    workspace = Workspace()
    outbox = Outbox(
        workspace, AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    )
    baseline = _status_kb("VmRSS")
    began = time.perf_counter()
    outbox.run_until_settled(timeout=3600, patience=3600)
    wall = time.perf_counter() - began
    states = {j.platform: j.state for j in workspace.outbox.list()}
    workspace.close()
    peak = _status_kb("VmHWM")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"baseline_kb": baseline, "peak_kb": peak, "wall": wall, "states": states, "cpu": cpu}))


def make_clip(path: Path, size: int) -> None:
    """A real H.264 MP4 padded with a ``free`` box to *size* bytes, written in pieces."""
    from tests.store.videos import make_video

    small = make_video(path.with_suffix(".small.mp4")).read_bytes()
    pad = size - len(small)
    with path.open("wb") as out:
        out.write(small)
        out.write(pad.to_bytes(4, "big") + b"free")
        left = pad - 8
        block = bytes(1 << 20)
        while left > 0:
            out.write(block[: min(left, len(block))])
            left -= min(left, len(block))


def run(platforms_wanted: tuple[str, ...], clip: Path, sandbox: object, work: Path) -> dict[str, object]:
    import keyring

    from composer import platforms
    from composer.accounts.registry import AccountRegistry
    from composer.accounts.secrets import SecretStore
    from composer.core.post import Post
    from composer.demo import connect_sandbox
    from composer.publish.outbox import Outbox
    from composer.store.workspace import Workspace
    from tests.file_keyring import FileKeyring

    home = work / "-".join(platforms_wanted)
    keyring_file = work / f"{home.name}.keyring.json"
    keyring.set_keyring(FileKeyring(str(keyring_file)))
    os.environ["SIAR_HOME"] = str(home)
    workspace = Workspace()
    registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    accounts = [a for a in connect_sandbox(registry, sandbox) if a.platform in platforms_wanted]  # type: ignore[arg-type]
    for account in accounts:
        for name, value in registry.secrets(account).items():
            registry.secret_store.set(account.id, name, value)
    post = Post(title="Uji unggah video", text=f"Uji unggah video ({home.name}, {time.time():.0f})")
    post.media.append(workspace.media.import_file(clip))
    workspace.drafts.save(post)
    Outbox(workspace, registry).enqueue(post, accounts)
    workspace.close()
    env = {
        **os.environ,
        "SIAR_HOME": str(home),
        "SIAR_TEST_KEYRING": str(keyring_file),
        "PYTHONPATH": str(ROOT),
    }
    fakes_began = time.process_time()
    answer = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, check=True
    )
    fakes_cpu = time.process_time() - fakes_began  # this process: the sandbox's fakes receiving
    shutil.rmtree(home, ignore_errors=True)
    return {**json.loads(answer.stdout.strip().splitlines()[-1]), "fakes_cpu": fakes_cpu}


def forget_uploads(sandbox: object) -> None:
    """Drop the fakes' copies between runs (they are the sandbox's memory, not Siar's)."""
    sandbox.x.media.clear()  # type: ignore[attr-defined]
    sandbox.graph.videos.clear()  # type: ignore[attr-defined]
    sandbox.graph.containers.clear()  # type: ignore[attr-defined]
    sandbox.google.sessions.clear()  # type: ignore[attr-defined]
    sandbox.wordpress.files.clear()  # type: ignore[attr-defined]


def one_malloc_arena() -> None:
    """The fakes' process allocates from one malloc arena (glibc; elsewhere nothing).

    Each thread that receives an upload got an arena of its own, whose heap glibc trimmed
    and faulted in again for every chunk: at once, the five fakes used 4.9 s of CPU against
    1.7 s for the same uploads one by one, on the two cores the poster needs too, and the
    row measured the sandbox rather than Siar. The poster (the child) keeps glibc's default."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX (malloc.h)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=300, help="size of the video in MB")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    from composer.sandbox import Sandbox

    one_malloc_arena()
    work = Path(tempfile.mkdtemp(prefix="siar-upload-"))
    clip = work / "clip.mp4"
    make_clip(clip, args.mb * 1024 * 1024)
    results: dict[str, dict[str, object]] = {}
    with Sandbox.start() as sandbox:
        sandbox.wordpress.max_upload = 2 * args.mb * 1024 * 1024  # a host that takes it
        sandbox.graph.container_polls_needed = 0
        for platform in VIDEO_PLATFORMS:
            results[platform] = run((platform,), clip, sandbox, work)
            forget_uploads(sandbox)
        results["all"] = run(VIDEO_PLATFORMS, clip, sandbox, work)
    shutil.rmtree(work, ignore_errors=True)
    print(f"upload: a {args.mb} MB video, sandbox on 127.0.0.1, poster in its own process")
    for name, result in results.items():
        extra = (int(result["peak_kb"]) - int(result["baseline_kb"])) / 1024  # type: ignore[call-overload]
        print(
            f"  {name:10} wall {float(result['wall']):6.2f} s   extra RSS {extra:6.1f} MB   "  # type: ignore[arg-type]
            f"CPU: poster {float(result['cpu']):5.2f} s, fakes {float(result['fakes_cpu']):5.2f} s   {result['states']}"  # type: ignore[arg-type]
        )
    slowest = max(float(results[p]["wall"]) for p in VIDEO_PLATFORMS)  # type: ignore[arg-type]
    together = float(results["all"]["wall"])  # type: ignore[arg-type]
    extra_all = (int(results["all"]["peak_kb"]) - int(results["all"]["baseline_kb"])) / 1024  # type: ignore[call-overload]
    emit(
        [
            Row(
                f"a {args.mb} MB video to {len(VIDEO_PLATFORMS)} accounts at once",
                f"wall {together:.2f} s, slowest single account {slowest:.2f} s",
                ratio=together / slowest,
                versus="slowest single account",
                target="≤ 1.2×",
                met=together / slowest <= 1.2,
            ),
            Row(
                f"a {args.mb} MB video to {len(VIDEO_PLATFORMS)} accounts at once: poster's extra RSS",
                f"{extra_all:.1f} MB",
                ratio=extra_all / args.mb,
                versus="the video's size",
                target="≤ 100 MB",
                met=extra_all <= 100,
            ),
        ]
    )


if __name__ == "__main__":
    main()
