"""Data, logs and the call-event socket live in folders only this user can open (issue 16, item 10)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import AppPaths
from app.private_files import NotPrivate, ensure_private_folder, runtime_dir
from app.telephony import channel_address, check_channel


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A short folder (Unix socket paths are limited to about 100 bytes) that anyone may write in."""
    folder = Path(tempfile.mkdtemp(prefix="hs-"))
    folder.chmod(0o1777)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if not path.is_dir() or path.is_symlink() else path.rmdir()
    folder.rmdir()


def test_a_private_folder_is_created_0700(shared_tmp: Path) -> None:
    folder = ensure_private_folder(shared_tmp / "mine")
    assert mode(folder) == 0o700 and os.lstat(folder).st_uid == os.getuid()


@pytest.mark.parametrize("loose", [0o755, 0o770, 0o777])
def test_a_folder_others_can_enter_is_refused(shared_tmp: Path, loose: int) -> None:
    folder = shared_tmp / "loose"
    folder.mkdir()
    folder.chmod(loose)
    with pytest.raises(NotPrivate, match="permissions"):
        ensure_private_folder(folder)


def test_a_symlink_in_place_of_the_folder_is_refused(shared_tmp: Path) -> None:
    target = shared_tmp / "elsewhere"
    target.mkdir(mode=0o700)
    (shared_tmp / "link").symlink_to(target)
    with pytest.raises(NotPrivate, match="symbolic link"):
        ensure_private_folder(shared_tmp / "link")


def test_the_runtime_folder_is_the_users_xdg_runtime_dir(
    shared_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg = shared_tmp / "xdg"
    xdg.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg))
    assert runtime_dir() == xdg / "hotline-seat"


def test_without_xdg_runtime_dir_a_private_folder_in_temp_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(
        "platformdirs.user_runtime_dir", lambda *a, **k: "/nonexistent-run/user/0/hotline-seat"
    )
    folder = runtime_dir()
    assert folder == Path(tempfile.gettempdir()) / f"hotline-seat-{os.getuid()}"


def test_the_call_socket_is_in_the_private_runtime_folder_not_the_shared_temp(
    shared_tmp: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    xdg = shared_tmp / "xdg"
    xdg.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg))
    address = Path(channel_address(AppPaths.under(tmp_path).data_dir))
    assert address.parent == xdg / "hotline-seat"
    check_channel(str(address), create=True)  # as the listening seat: the folder made, nothing there yet
    assert mode(address.parent) == 0o700


def test_a_file_that_is_not_a_socket_at_the_address_is_refused(
    shared_tmp: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    xdg = shared_tmp / "xdg"
    xdg.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(xdg))
    address = Path(channel_address(tmp_path))
    check_channel(str(address), create=True)
    address.write_text("not a socket")
    with pytest.raises(NotPrivate, match="not a socket"):
        check_channel(str(address))


def test_the_seats_folders_are_made_private_also_when_an_older_version_left_them_open(
    tmp_path: Path,
) -> None:
    paths = AppPaths.under(tmp_path / "home")
    paths.data_dir.mkdir(parents=True, mode=0o755)
    paths.data_dir.chmod(0o755)
    (paths.data_dir / "seat.sqlite3").write_bytes(b"")
    (paths.data_dir / "seat.sqlite3").chmod(0o644)
    paths.create()
    for folder in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert mode(folder) == 0o700
    assert mode(paths.data_dir / "seat.sqlite3") == 0o600
