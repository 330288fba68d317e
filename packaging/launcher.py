"""Entry point of the bundled app (PyInstaller): the same as the ``siar`` command."""

import sys

from composer.__main__ import main

sys.exit(main())
