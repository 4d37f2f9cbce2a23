"""A store that cannot be opened stops the start with a box that says why in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store.db import StoreError, open_store
from app.store.keys import Argon2Params, SeatKeys, key_file_for
from tests.ui.wording import assert_chinese, assert_english
from ui.shell.i18n import LanguageSwitcher
from ui.shell.main import report_start_failure


def _missing_key(tmp_path: Path) -> StoreError:
    """An encrypted store whose key file is gone: the seat must not make a new key for it."""
    path = tmp_path / "seat.sqlite3"
    cheap = Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    keys = SeatKeys(use_keyring=False, passphrase=lambda _request: "long enough passphrase", argon2=cheap)
    open_store(path, keys).close()
    key_file_for(path).unlink()
    with pytest.raises(StoreError) as refused:
        open_store(path, keys)
    return refused.value


def test_a_store_that_cannot_be_opened_is_explained_in_the_interface_language(
    tmp_path: Path, languages: LanguageSwitcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda _p, _t, text: shown.append(text))
    error = _missing_key(tmp_path)
    try:
        languages.switch("en")
        report_start_failure(error)
        languages.switch("zh_CN")
        report_start_failure(error)
    finally:
        languages.switch("zh_CN")
    assert "seat.key.json" in shown[0] and "seat.sqlite3" in shown[0]
    assert_english(shown[0])
    assert_chinese(shown[1])
