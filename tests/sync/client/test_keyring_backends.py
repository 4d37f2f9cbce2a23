"""The login is kept only in an OS keyring; whatever else `keyring` picks is refused and said so.

Each case runs a real seat process with the keyring configuration an operator's PC may have: keyring
chooses its backend when it is imported, from PYTHON_KEYRING_BACKEND, a keyringrc.cfg or priority.
keyrings.alt (a dev dependency, as on many Linux desktops) brings the plaintext file backend.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import PlaintextKeyring

from app.os_keyring import keyring_problem, os_keyring

ROOT = Path(__file__).resolve().parents[3]
NO_SECRET_SERVICE = "unix:path=/nonexistent/hotline-no-bus"

# Log in the way the seat does (vault_for, then save), and say what the vault turned out to be.
SEAT = """
import json, os, sys
if os.environ.get("HIDE_KEYRINGS_ALT"):  # as on a PC without keyrings.alt: its plugin fails to load
    sys.modules["keyrings.alt"] = None
from datetime import UTC, datetime
from sync.client.credentials import Tokens, vault_for
vault = vault_for("https://central.test")
now = datetime.now(UTC)
vault.save(Tokens(sys.argv[1], "refresh-" + sys.argv[1], now, now, "a01", "a01", "operator", "A01"))
print(json.dumps({"persistent": vault.persistent, "why": getattr(vault, "why_not_kept", "")}))
"""


def run_seat_login(home: Path, **env: str) -> tuple[dict[str, object], str]:
    token = "token-" + uuid.uuid4().hex
    environ = {
        k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    }
    environ |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "DBUS_SESSION_BUS_ADDRESS": NO_SECRET_SERVICE,  # no Secret Service unless a case sets one
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", SEAT, token], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), token


def files_holding(home: Path, token: str) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and token.encode() in p.read_bytes()]


def test_keyring_never_picks_the_seats_own_in_memory_fallback_by_itself(tmp_path: Path) -> None:
    # No OS keyring and no keyrings.alt: keyring chose among the backends it knew, and the seat's
    # SessionOnlyKeyring (priority 0.5) was one of them, so the vault thought it had an OS keyring.
    seat, _token = run_seat_login(tmp_path, HIDE_KEYRINGS_ALT="1")
    assert seat["persistent"] is False
    assert "no keyring backend" in str(seat["why"])


def test_a_plaintext_file_keyring_that_keyring_picks_by_itself_is_refused(tmp_path: Path) -> None:
    # keyrings.alt installed, no Secret Service: keyring's own choice is PlaintextKeyring (priority 0.5).
    seat, token = run_seat_login(tmp_path)
    assert seat["persistent"] is False
    assert "writes secrets to a file" in str(seat["why"])
    assert files_holding(tmp_path, token) == []


def test_a_plaintext_file_keyring_named_in_the_environment_is_refused(tmp_path: Path) -> None:
    seat, token = run_seat_login(tmp_path, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    assert seat["persistent"] is False
    assert files_holding(tmp_path, token) == []


def test_a_plaintext_file_keyring_named_in_keyringrc_is_refused(tmp_path: Path) -> None:
    rc = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n", encoding="utf-8")
    seat, token = run_seat_login(tmp_path)
    assert seat["persistent"] is False
    assert files_holding(tmp_path, token) == []


def test_the_null_keyring_is_no_keyring(tmp_path: Path) -> None:
    seat, _token = run_seat_login(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    assert seat["persistent"] is False
    assert "no keyring backend" in str(seat["why"])


def test_only_os_keyrings_keep_a_login() -> None:
    assert keyring_problem(keyring.backends.fail.Keyring()) is not None
    assert keyring_problem(keyring.backends.null.Keyring()) is not None
    assert "file" in (keyring_problem(PlaintextKeyring()) or "")


def test_a_chainer_lends_only_an_os_keyring_it_chains(monkeypatch: pytest.MonkeyPatch) -> None:
    chainer = ChainerBackend()
    monkeypatch.setattr(ChainerBackend, "backends", [PlaintextKeyring()])
    assert "file" in (keyring_problem(chainer) or "")
    monkeypatch.setattr(ChainerBackend, "backends", [])
    assert "nothing to chain" in (keyring_problem(chainer) or "")


def test_beside_a_plaintext_file_the_secret_service_alone_keeps_the_login(secret_service: None) -> None:
    # With keyrings.alt installed keyring chains Secret Service and the plaintext file: only the
    # first is used, so nothing ever goes to (or is read from) the file.
    chosen = os_keyring(keyring.get_keyring())
    assert type(chosen).__module__ == "keyring.backends.SecretService"


def test_the_real_secret_service_keeps_the_login(tmp_path: Path, secret_service: None) -> None:
    seat, _token = run_seat_login(
        tmp_path,
        DBUS_SESSION_BUS_ADDRESS=os.environ["DBUS_SESSION_BUS_ADDRESS"],
        XDG_DATA_HOME=os.environ.get("XDG_DATA_HOME", str(tmp_path / "data")),
    )
    assert seat == {"persistent": True, "why": ""}
