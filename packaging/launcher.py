"""Entry point of the bundled app (PyInstaller): the same as the ``siar`` command."""

import multiprocessing
import sys

# The report draws its cards in a "spawn" worker (composer/report/card_pool.py): in the
# bundle that worker is this executable again, and freeze_support() makes it the worker.
multiprocessing.freeze_support()

from composer.__main__ import main  # noqa: E402 (after freeze_support, which may not return)

sys.exit(main())
