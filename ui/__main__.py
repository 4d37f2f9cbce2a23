"""`python -m ui` and the PyInstaller entry point."""

from __future__ import annotations

import sys

from ui.shell.main import main

sys.exit(main())
