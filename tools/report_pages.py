"""The demo workspace's monthly report as PNG pages (docs/report.png, the guide's pictures).

python tools/report_pages.py [--month 2026-11] [--page 2 -o docs/report.png] [--evidence N -o …]

The demo is built as ``siar --demo`` builds it (drafts, sandbox accounts, 45 days of
history measured on the sandbox, the inbox), in a throwaway SIAR_HOME; the PDF is the one
``siar report`` writes, and ``pdftoppm`` (poppler-utils) turns the page into a PNG.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default=time.strftime("%Y-%m", time.localtime(time.time() - 31 * 86400)))
    parser.add_argument("--page", type=int, help="page number of the PDF (1 = the cover)")
    parser.add_argument("--evidence", type=int, help="the Nth evidence page (bukti tayang) instead")
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "report.png"))
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="siar-report-")
    os.environ["SIAR_HOME"] = home
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())  # the sandbox's secrets stay in memory, never the real keyring

    from pypdf import PdfReader

    from composer import demo, report
    from composer.session import Session

    with Session() as session:
        workspace = session.workspace
        demo.seed(workspace)
        session.start_sandbox()
        sandbox = session.sandbox
        assert sandbox is not None
        now = time.time()
        demo.seed_history(workspace, session.registry, sandbox, now)
        demo.seed_inbox(workspace, session.registry, sandbox, now)
        pdf = pathlib.Path(home) / "laporan.pdf"
        report.write(workspace, args.month, pdf=pdf)
    page = args.page or 1
    if args.evidence:
        pages = PdfReader(pdf).pages
        evidence = [n for n, p in enumerate(pages, 1) if "Bukti tayang" in (p.extract_text() or "")[:40]]
        page = evidence[args.evidence - 1]
    stem = pathlib.Path(home) / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(args.dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    shutil.copyfile(stem.with_suffix(".png"), args.output)
    print(f"wrote {args.output} (page {page})")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
