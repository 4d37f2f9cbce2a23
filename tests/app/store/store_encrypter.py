"""Child process of the encryption kill test: opens a plain store, which encrypts it, until killed.

Usage: python store_encrypter.py STORE_PATH

Uses the production key source: the OS keyring when there is one, else a passphrase-wrapped key (a
fixed passphrase, small Argon2 parameters). Prints ``start`` just before opening and ``done`` after.
"""

from __future__ import annotations

import sys
from pathlib import Path

PASSPHRASE = "kill test passphrase"


def keys() -> object:
    from app.store.keys import Argon2Params, SeatKeys

    return SeatKeys(passphrase=lambda _request: PASSPHRASE, argon2=Argon2Params(1, 8 * 1024, 1))


def main(argv: list[str]) -> int:
    from app.store.db import open_store
    from app.store.keys import SeatKeys

    source = keys()
    assert isinstance(source, SeatKeys)
    print("start", flush=True)
    open_store(Path(argv[1]), source).close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
