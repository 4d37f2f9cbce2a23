"""Files and folders only this user can open (仅本人可访问): 0700 folders, 0600 files.

The seat keeps citizens' names, phones and addresses (store, drafts, logs, recordings) and listens for
call events on a local socket; another account on the same PC must reach none of them. Everything is
created private, what an older version left readable is tightened, and a folder or socket someone
else made first is refused rather than used.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import warnings
from pathlib import Path

import platformdirs

from app.domain.problem import Problem, ProblemError

APP_NAME = "hotline-seat"
POSIX = os.name == "posix"


class NotPrivate(ProblemError, RuntimeError):
    """A folder or socket other users can reach or made: `problem` names it (str(): both languages)."""


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def private_folder_problem(folder: Path) -> Problem | None:
    """Why `folder` is not this user's private folder (None when it is, or on Windows)."""
    if not POSIX:
        return None  # the user's profile folders are private by their ACLs
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return Problem("private.missing", {"path": str(folder)})
    if stat.S_ISLNK(info.st_mode):
        return Problem("private.symlink", {"path": str(folder)})
    if not stat.S_ISDIR(info.st_mode):
        return Problem("private.not_folder", {"path": str(folder)})
    if info.st_uid != os.getuid():
        return _not_owner(folder, info.st_uid)
    if info.st_mode & 0o077:
        return Problem("private.open", {"path": str(folder), "mode": f"{stat.S_IMODE(info.st_mode):o}"})
    return None


def _not_owner(path: Path, uid: int) -> Problem:
    return Problem("private.owner", {"path": str(path), "owner": _owner(uid), "me": _owner(os.getuid())})


def refuse(problem: Problem) -> NotPrivate:
    return NotPrivate("private.refused", problem=problem)


def ensure_private_folder(folder: Path) -> Path:
    """`folder`, created 0700 when missing; NotPrivate when it exists and is not this user's alone.
    Never chmods a folder it did not make: one someone else prepared is exactly what to refuse."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700, parents=True)
    if (problem := private_folder_problem(folder)) is not None:
        raise refuse(problem)
    return folder


def private_umask() -> None:
    """From now on this process creates files 0600 and folders 0700 (the store, its WAL, drafts, the
    KB, config, logs, models, recordings). Called once at start, before any thread exists."""
    if POSIX:
        os.umask(0o077)


def tighten(folder: Path) -> None:
    """One of the seat's own folders: created 0700, or made 0700, and the files directly in it made
    private, as an older version (umask 022) may have left them 0755 and 0644."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not POSIX:
        return
    folder.chmod(0o700)
    for path in folder.iterdir():
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            path.chmod(stat.S_IMODE(info.st_mode) & 0o700)


def runtime_dir() -> Path:
    """This user's runtime folder for the seat's socket: platformdirs' user_runtime_dir
    ($XDG_RUNTIME_DIR/hotline-seat on Linux), or, where the system gives none, hotline-seat-UID in
    the temp folder. Not created here: `ensure_private_folder` does that and refuses a squatted one."""
    with warnings.catch_warnings():  # its note on falling back: the folder is checked here anyway
        warnings.simplefilter("ignore")
        chosen = Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))
    if sys.platform == "win32" or _safe_parent(chosen.parent):
        return chosen
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"


def _safe_parent(folder: Path) -> bool:
    """A folder nobody else can swap our folder out of: this user's or root's, and writable by others
    only with the sticky bit (as /tmp). Older platformdirs name /run/user/UID even where it is missing."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (os.getuid(), 0):
        return False
    return not (info.st_mode & 0o022) or bool(info.st_mode & stat.S_ISVTX)


def socket_problem(address: Path) -> Problem | None:
    """Why the file at `address` must not be used as the seat's socket (None: nothing there, or ours)."""
    if not POSIX:
        return None
    try:
        info = os.lstat(address)
    except FileNotFoundError:
        return None
    if not stat.S_ISSOCK(info.st_mode):
        return Problem("private.not_socket", {"path": str(address)})
    if info.st_uid != os.getuid():
        return _not_owner(address, info.st_uid)
    return None
