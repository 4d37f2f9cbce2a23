"""PySide6 for all of ui/, without the memory its import hook keeps.

Importing PySide6.QtCore replaces `__import__`, so that a module can opt in to
`from __feature__ import snake_case`. After every later import the hook asks whether the new module
"uses PySide" by `inspect.getsource(module)` and a search for "PySide6": that leaves the source of
every module imported afterwards in `linecache` for the life of the process, about 900 files and
36 MB for the seat (a third of the way to the soak benchmark's 350 MB), and costs start-up time.
The seat selects no feature, but the hook's answer is kept exactly: the same search on the file's
bytes, read and let go. Importing this module adjusts the hook: ui/shell/application.py imports it
first, so the command-line tools (which import no Qt) are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook this module adjusts)

_HOOK_MODULE = "shibokensupport.feature"


def uses_pyside(module: ModuleType) -> bool:
    """PySide's own test (is "PySide6" in the module's source?) without caching the source."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # no source (built-in, extension, frozen .pyc): PySide says False too
    try:
        return b"PySide6" in Path(path).read_bytes()
    except OSError:
        return False


def keep_no_sources() -> bool:
    """Use `uses_pyside` in PySide's import hook; False if this PySide6 has no such hook."""
    hook = sys.modules.get(_HOOK_MODULE)
    if hook is None or not hasattr(hook, "_mod_uses_pyside"):
        return False
    setattr(hook, "_mod_uses_pyside", uses_pyside)  # noqa: B010  (a private name of PySide's)
    return True


keep_no_sources()
