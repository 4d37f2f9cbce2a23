"""The operating-system packages Hotline Seat needs beside its Python ones (系统依赖), in one place.

`make run` and `make test` call this module (with the system Python, before the virtual environment
exists, so it uses the standard library only); the seat uses the same table to name the one command
that mends a missing library at run time. Debian and Ubuntu package names: other systems are told
what is needed and left to install it themselves.

    python3 -m app.system_packages run     # what the app needs: installs it as root, else says how
    python3 -m app.system_packages test    # the same, then what the tests use (their absence: skips)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    """A Debian package; `alternatives` are its names on other releases (Debian 13's t64 renames)."""

    name: str
    why: str
    alternatives: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alternatives)


_QT_WHY = "Qt's window system (xcb), OpenGL/EGL and fonts"
_QT = ("libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libdbus-1-3", "libxkbcommon0")
_XCB = (
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
)

# What the seat needs to run with every feature: a missing one is installed (as root) or named.
RUN = (
    Package("libglib2.0-0", _QT_WHY, ("libglib2.0-0t64",)),
    *(Package(name, _QT_WHY) for name in _QT + _XCB),
    Package("libpulse0", "live audio for call transcription (Qt Multimedia)"),
    Package("fonts-noto-cjk", "Chinese text (without a CJK font it shows as boxes)"),
)

# What only the tests use: missing ones are installed as root; otherwise those tests are skipped.
TEST = (
    Package("xvfb", "screenshots of the real window"),
    Package("xauth", "screenshots of the real window"),
    Package("postgresql", "server tests on PostgreSQL"),
    Package("gnome-keyring", "a real OS keyring"),
    Package("dbus-x11", "a real OS keyring"),
    Package("espeak-ng", "spoken test calls"),
    Package("sox", "spoken test calls"),
    Package("libsox-fmt-all", "spoken test calls"),
    Package("opus-tools", "recorded calls in Opus (opusenc)"),
    Package("pulseaudio", "the virtual microphone"),
    Package("pulseaudio-utils", "the virtual microphone"),
)

# Shared libraries the seat loads on demand, and the package that brings each (for error messages).
LIBRARIES = {
    "libpulse.so.0": "libpulse0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
}

_SONAME = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")


def install_command(packages: Iterable[str]) -> str:
    return "sudo apt-get install " + " ".join(packages)


def missing_library(error: BaseException | str) -> str | None:
    """The shared library an ImportError (or its message) says could not be opened."""
    found = _SONAME.search(str(error))
    return found.group(1) if found else None


def fix_for(error: BaseException | str) -> str:
    """The one command that brings what `error` misses; "" when no package is known for it."""
    library = missing_library(error)
    package = LIBRARIES.get(library or "")
    return install_command([package]) if package else ""


def installed(package: Package, query: Callable[[str], bool]) -> bool:
    return any(query(name) for name in package.names)


def _dpkg_installed(name: str) -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and "install ok installed" in done.stdout


def _apt_name(package: Package) -> str:
    """The name this release's apt knows the package by (after `apt-get update`)."""
    for name in package.names:
        known = subprocess.run(["apt-cache", "show", name], capture_output=True, check=False)
        if known.returncode == 0 and known.stdout:
            return name
    return package.name


def _install(packages: Sequence[Package]) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("system-deps: apt-get update", flush=True)
    if subprocess.run(["apt-get", "update", "-qq"], env=env, check=False).returncode != 0:
        return False
    names = [_apt_name(p) for p in packages]
    print(f"system-deps: installing {' '.join(names)}", flush=True)
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *names]
    return subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False).returncode == 0


def _describe(packages: Sequence[Package]) -> str:
    reasons = dict.fromkeys(p.why for p in packages)
    return "; ".join(reasons)


Query = Callable[[str], bool]
Installer = Callable[[Sequence[Package]], bool]


def check(group: str, *, query: Query | None, install: Installer | None) -> int:
    """Exit status for `make`: 0 when the app's packages are there (or were just installed).

    `query` tells whether a package is installed (None: no dpkg here, nothing can be checked);
    `install` installs packages (None: not root, or no apt-get)."""
    if query is None:
        print(
            "system-deps: not a Debian/Ubuntu system, so the packages cannot be checked here. "
            f"The seat needs the equivalents of: {' '.join(p.name for p in RUN)}",
            file=sys.stderr,
        )
        return 0
    wanted = RUN + (TEST if group == "test" else ())
    missing = [p for p in wanted if not installed(p, query)]
    if not missing:
        return 0
    if install is not None:
        if install(missing) and all(installed(p, query) for p in missing):
            return 0
        print("system-deps: apt-get could not install them (see above)", file=sys.stderr)
        return 1
    required = [p for p in missing if p in RUN]
    optional = [p for p in missing if p not in RUN]
    if optional:
        print(
            f"system-deps: some tests will be skipped ({_describe(optional)}); to run them too:\n"
            f"    {install_command(p.name for p in optional)}",
            file=sys.stderr,
        )
    if not required:
        return 0
    print(
        f"system-deps: Hotline Seat needs system packages that are not installed "
        f"({_describe(required)}). Install them with:\n"
        f"    {install_command(p.name for p in required)}\n"
        "then run the same make command again.",
        file=sys.stderr,
    )
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in (["run"], ["test"]):
        print("usage: python3 -m app.system_packages run|test", file=sys.stderr)
        return 2
    if os.environ.get("HOTLINE_SYSTEM_DEPS") == "skip":
        return 0
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    can_install = is_root and shutil.which("apt-get") is not None
    has_dpkg = shutil.which("dpkg-query") is not None
    return check(
        args[0], query=_dpkg_installed if has_dpkg else None, install=_install if can_install else None
    )


if __name__ == "__main__":
    sys.exit(main())
