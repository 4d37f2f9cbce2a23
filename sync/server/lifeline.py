"""An embedded server ends with the program that started it (`serve --exit-with-parent`).

Two signals, because a seat can die without a word (kill -9, a power button, a crash):
- Linux: the kernel's parent-death signal (PR_SET_PDEATHSIG) sends SIGTERM the moment the parent's
  starting thread is gone; the starter keeps that thread alive for as long as the server runs.
- Everywhere: the parent holds the write end of our stdin and never writes; when it dies, the
  operating system closes it and the read here sees end-of-file.
SIGTERM lets uvicorn close its connections and the database cleanly; if that hangs, the process exits
on its own a few seconds later.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
from typing import BinaryIO

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
GRACE_S = 10.0


def exit_with_parent(parent_pid: int) -> None:
    """Arrange to end this process when `parent_pid` (the starter) ends."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            log.warning("parent-death signal not set: errno %s", ctypes.get_errno())
    if os.getppid() != parent_pid:  # the parent was gone before the signal was armed
        _end("the starting program ended before the server started")
    threading.Thread(target=_watch, args=(sys.stdin.buffer,), name="parent-watch", daemon=True).start()


def _watch(source: BinaryIO) -> None:
    try:
        while source.read(4096):
            pass  # the parent never writes; anything read is ignored
    except OSError:
        pass
    _end("the starting program ended (its pipe closed)")


def _end(why: str) -> None:
    log.warning("stopping: %s", why)
    print(f"hotline-server: stopping: {why}", file=sys.stderr, flush=True)
    # If the graceful path hangs, leave anyway: an orphaned server would hold the port and the file.
    timer = threading.Timer(GRACE_S, os._exit, args=(1,))
    timer.daemon = True
    timer.start()
    os.kill(os.getpid(), signal.SIGTERM)
