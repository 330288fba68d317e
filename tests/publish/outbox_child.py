"""The posting process the crash test kills: open the workspace, run the outbox.

Python and Siar's modules are loaded once, by a launcher: for each run the test asks for,
it forks a fresh process (its own workspace, database connection, threads and sockets,
all opened after the fork) and reports its pid, then its exit status. The test SIGKILLs
that forked process, as it would a started one; only the start-up is shared, which is
what made the 16 trials cost a Python start-up and a Siar import each.

With ``--once`` it runs the outbox once, in itself, for the SIAR_HOME it was given.

Protocol (one line each): the test writes a SIAR_HOME; the launcher answers
``pid <n>``, then ``exit <returncode>`` (negative: killed by that signal). The dead
process is reaped at once, as a started one would be: the outbox that takes over checks
whether the killed owner's pid still runs, and a zombie would look alive.
"""

from __future__ import annotations

import os
import sys
import traceback

import keyring

sys.path.insert(0, sys.argv[1])  # the checkout, for tests.file_keyring

from tests.file_keyring import FileKeyring

keyring.set_keyring(FileKeyring())

from composer.store.workspace import Workspace  # noqa: E402
from tests.publish.restart import settle_in_a_new_outbox  # noqa: E402


def post_everything() -> None:
    # Waits (container polls, backoff) move a fake clock instead of taking real seconds; the
    # kills still land mid-request, which is what the test is about.
    workspace = Workspace()
    settle_in_a_new_outbox(workspace)
    workspace.close()


def answer(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve() -> None:
    """Fork one posting process per line read; this process stays single-threaded."""
    for line in sys.stdin:
        home = line.strip()
        pid = os.fork()
        if pid == 0:  # the posting process; it never returns into the launcher's loop
            try:
                os.environ["SIAR_HOME"] = home
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stdout is the launcher's answers
                post_everything()
            except BaseException:  # noqa: BLE001 - any failure: say why on stderr, exit 1
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        answer(f"pid {pid}")
        _pid, status = os.waitpid(pid, 0)
        answer(f"exit {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    if sys.argv[2:] == ["--once"]:  # one run in this process, for SIAR_HOME
        post_everything()
    else:
        serve()
