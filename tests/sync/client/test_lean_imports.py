"""The sync client loads what it uses: not httpx's command-line tool and its terminal libraries."""

from __future__ import annotations

import subprocess
import sys


def test_the_client_loads_without_httpx_command_line_tool() -> None:
    # click, rich and pygments are installed here (beside the test tools): httpx would load them.
    probe = "import sys, sync.client.api; print(sorted({'click', 'rich', 'pygments'} & set(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
