"""The system packages `make run` / `make test` check for, and the fix named for a missing library."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence

import pytest

from app import system_packages as sp
from tests.sync.live import ROOT


def test_a_missing_library_is_mended_by_its_package() -> None:
    error = ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
    assert sp.missing_library(error) == "libpulse.so.0"
    assert sp.fix_for(error) == "sudo apt-get install libpulse0"
    assert sp.fix_for(ImportError("No module named 'foo'")) == ""


def test_every_library_named_in_errors_belongs_to_a_checked_package() -> None:
    checked = {name for package in sp.RUN for name in package.names}
    assert set(sp.LIBRARIES.values()) <= checked


def _query(present: set[str]) -> sp.Query:
    return lambda name: name in present


def _everything() -> set[str]:
    return {name for package in sp.RUN + sp.TEST for name in package.names}


def test_nothing_missing_passes_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    assert sp.check("test", query=_query(_everything()), install=None) == 0
    assert capsys.readouterr().err == ""


def test_a_user_is_told_the_one_install_line_and_make_stops(capsys: pytest.CaptureFixture[str]) -> None:
    present = _everything() - {"libpulse0", "fonts-noto-cjk"}
    assert sp.check("run", query=_query(present), install=None) == 2
    err = capsys.readouterr().err
    assert "sudo apt-get install libpulse0 fonts-noto-cjk\n" in err


def test_missing_test_tools_only_announce_skips(capsys: pytest.CaptureFixture[str]) -> None:
    present = _everything() - {"postgresql", "espeak-ng"}
    assert sp.check("test", query=_query(present), install=None) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "sudo apt-get install postgresql espeak-ng" in err
    assert sp.check("run", query=_query(present), install=None) == 0  # the app itself needs neither


def test_root_installs_what_is_missing_then_checks_again() -> None:
    present = _everything() - {"libpulse0", "xvfb"}
    asked: list[list[str]] = []

    def install(packages: Sequence[sp.Package]) -> bool:
        asked.append([p.name for p in packages])
        present.update(p.name for p in packages)
        return True

    assert sp.check("test", query=_query(present), install=install) == 0
    assert asked == [["libpulse0", "xvfb"]]


def test_a_failed_install_fails_make(capsys: pytest.CaptureFixture[str]) -> None:
    present = _everything() - {"libpulse0"}
    assert sp.check("run", query=_query(present), install=lambda _packages: False) == 1
    assert "could not install" in capsys.readouterr().err


def test_a_renamed_package_counts_under_either_name() -> None:
    present = _everything() - {"libglib2.0-0"} | {"libglib2.0-0t64"}
    assert sp.check("run", query=_query(present), install=None) == 0


def test_without_dpkg_the_needs_are_listed_and_make_goes_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert sp.check("run", query=None, install=None) == 0
    assert "libpulse0" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system: no dpkg-query")
def test_the_module_runs_with_the_system_python_and_the_standard_library_only() -> None:
    """`make` calls it before the virtual environment exists: `-S` keeps site-packages out."""
    done = subprocess.run(
        [sys.executable, "-S", "-m", "app.system_packages", "bogus"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "usage:" in done.stderr
