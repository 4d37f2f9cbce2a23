"""Hole 8: the keyring fallback was silent. keyring picks a backend itself (keyrings.alt's plaintext
file when no Secret Service runs, or whatever PYTHON_KEYRING_BACKEND / keyringrc.cfg names); the seat
took any of them as an OS keyring. Replayed on the seat's code in real seat processes (no server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.conftest import Probe
from tests.sync.client.test_keyring_backends import files_holding, run_seat_login

CONFIGURATIONS = {
    "keyring's own pick without keyrings.alt and no Secret Service": {"HIDE_KEYRINGS_ALT": "1"},
    "keyring's own pick with keyrings.alt and no Secret Service": {},
    "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring": {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring"
    },
    "PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring": {
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"
    },
}


@pytest.mark.parametrize("tried", list(CONFIGURATIONS))
def test_a_backend_that_is_not_an_os_keyring_keeps_no_login(tried: str, tmp_path: Path) -> None:
    seat, token = run_seat_login(tmp_path, **CONFIGURATIONS[tried])
    leaked = files_holding(tmp_path, token)
    safe = seat["persistent"] is False and not leaked
    got = f"persistent={seat['persistent']}, token in {len(leaked)} file(s), why: {seat['why'] or '-'}"
    Probe("seat").record(8, f"seat logs in with {tried}", got, safe=safe)
    assert safe


def test_a_plaintext_keyring_named_in_keyringrc_keeps_no_login(tmp_path: Path) -> None:
    rc = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n", encoding="utf-8")
    seat, token = run_seat_login(tmp_path)
    leaked = files_holding(tmp_path, token)
    safe = seat["persistent"] is False and not leaked
    got = f"persistent={seat['persistent']}, token in {len(leaked)} file(s)"
    Probe("seat").record(8, "seat logs in with keyringrc.cfg naming PlaintextKeyring", got, safe=safe)
    assert safe
