"""The demo accounts' password, the one definition: `hotline-server seed-demo` gives it to every demo
account and the seat's embedded demo server signs in with it. A module of its own, without imports, so
the seat reads it without loading the server (argon2, zxcvbn, SQLAlchemy models: half a second)."""

from __future__ import annotations

# Too weak for the password rule and let through only by seed_demo: the demo server listens on
# loopback only, and its accounts are printed by `seed-demo` anyway.
DEMO_PASSWORD = "demo1234"
