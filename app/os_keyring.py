"""Which keyring backends count as an OS keyring (系统密钥环) that may keep a secret across runs.

`keyring` picks its backend itself: the highest priority among those it finds, or whatever
PYTHON_KEYRING_BACKEND or a keyringrc.cfg names. With keyrings.alt installed (Debian and others ship
it) and no Secret Service running, it picks `keyrings.alt.file.PlaintextKeyring` all by itself, at
priority 0.5: a file anyone with the user's files can read. A config can name an in-memory or a null
backend too. So "keyring works" proves nothing; only the OS keyrings keyring itself ships are trusted,
and a chainer only when everything it chains is one of them. DESIGN §10: never a plaintext file.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend

# Kept by the operating system, encrypted, locked with the user's session (by class, not priority).
OS_KEYRINGS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC … over D-Bus
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",  # KWallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Manager
        "keyring.backends.macOS.Keyring",  # macOS Keychain
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"


def backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


class NotAnOsKeyring(Exception):
    """The backend keyring chose must not keep a secret; the message (English) says why."""


def os_keyring(backend: KeyringBackend) -> KeyringBackend:
    """The OS keyring to keep secrets in: `backend` itself, or for keyring's chainer the first OS
    keyring it chains (the others, a plaintext file for one, are never written to nor read from)."""
    name = backend_name(backend)
    if name == _CHAINER:
        chained = list(getattr(backend, "backends", []))
        if not chained:
            raise NotAnOsKeyring("no keyring backend available (the keyring chainer has nothing to chain)")
        problems = []
        for member in chained:  # highest priority first
            try:
                return os_keyring(member)
            except NotAnOsKeyring as exc:
                problems.append(str(exc))
        raise NotAnOsKeyring("; ".join(problems))
    if name not in OS_KEYRINGS:
        if "plaintext" in name.lower() or ".file." in name:
            raise NotAnOsKeyring(f"keyring backend {name} writes secrets to a file, which is never allowed")
        if name.startswith(("keyring.backends.fail.", "keyring.backends.null.")):
            raise NotAnOsKeyring(f"no keyring backend available ({name})")
        raise NotAnOsKeyring(
            f"keyring backend {name} is not an OS keyring (it may keep nothing, or keep it in the clear)"
        )
    try:
        viable = backend.priority > 0
    except Exception as exc:  # a backend reports "not here" by raising from its priority
        raise NotAnOsKeyring(f"keyring backend {name} is not usable here: {exc}") from exc
    if not viable:
        raise NotAnOsKeyring(f"keyring backend {name} is not usable here")
    return backend


def keyring_problem(backend: KeyringBackend) -> str | None:
    """Why `backend` offers no OS keyring to keep a secret in, or None when it does."""
    try:
        os_keyring(backend)
    except NotAnOsKeyring as exc:
        return str(exc)
    return None
