"""`python -m sync.server` is the hotline-server command."""

from __future__ import annotations

import sys

from sync.server.cli import main

sys.exit(main())
