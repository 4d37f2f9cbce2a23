"""hotline-server on the command line.

The first test runs the real `python -m sync.server` process; the rest call its `main(argv)` in this
process (the same parsing and commands, without a second start-up per call: the account tests make
a dozen calls each)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from sync.server.cli import main
from tests.sync.conftest import PostgresDatabases

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sub' / 'server.sqlite3'}"  # the folder is made too
        return
    databases: PostgresDatabases = request.getfixturevalue("pg")
    url = databases.create()
    yield url
    databases.drop(url)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        real_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code if isinstance(exc.code, int) else 2
        finally:
            sys.stdin = real_stdin
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def _process(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_migrate_creates_the_schema(empty_db_url: str) -> None:
    done = _process("migrate", "--db", empty_db_url)
    assert done.returncode == 0, done.stderr
    engine = create_engine(empty_db_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"users", "tokens", "tickets", "events", "ops", "feed", "counters", "seats"} <= tables
    assert ":hotline@" not in done.stdout  # the password is not printed


def test_user_add_and_list(empty_db_url: str) -> None:
    added = _cli(
        "user", "add", "wang", "--role", "operator", "--seat", "B02", "--name", "王芳", "--password-stdin",
        "--db", empty_db_url, stdin="long-enough-secret\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = _cli("user", "list", "--db", empty_db_url)
    assert "wang\toperator\tB02\t王芳\tactive\tsessions=0" in listed.stdout
    again = _cli(
        "user", "add", "wang", "--role", "admin", "--password-stdin", "--db", empty_db_url, stdin="x" * 9
    )
    assert again.returncode == 2 and "username is taken" in again.stderr
    short = _cli(
        "user", "add", "li", "--role", "admin", "--password-stdin", "--db", empty_db_url, stdin="short\n"
    )
    assert short.returncode == 2 and "10 characters" in short.stderr


def test_seed_demo_is_idempotent(empty_db_url: str) -> None:
    first = _cli("seed-demo", "--db", empty_db_url)
    assert first.returncode == 0 and "a01" in first.stdout, first.stderr
    second = _cli("seed-demo", "--db", empty_db_url)
    assert second.returncode == 0 and "none (all exist)" in second.stdout
    listed = _cli("user", "list", "--db", empty_db_url).stdout.splitlines()
    assert len(listed) == 12
    assert "lead\tteam_lead\t-\t班长李华\tactive\tsessions=0" in listed
    assert "qzjj\tdepartment\tQZJJ\t区住房和建设局\tactive\tsessions=0" in listed


def test_user_disable_enable_passwd_revoke_and_unlock(empty_db_url: str) -> None:
    assert _cli("seed-demo", "--db", empty_db_url).returncode == 0

    def state(name: str) -> str:
        listed = _cli("user", "list", "--db", empty_db_url).stdout.splitlines()
        [line] = [line for line in listed if line.startswith(name + "\t")]
        return line.split("\t")[4]

    assert _cli("user", "disable", "a01", "--db", empty_db_url).returncode == 0
    assert state("a01") == "disabled"
    assert _cli("user", "enable", "a01", "--db", empty_db_url).returncode == 0
    assert state("a01") == "active"
    weak = _cli("user", "passwd", "a01", "--password-stdin", "--db", empty_db_url, stdin="password1234\n")
    assert weak.returncode == 2 and "too common" in weak.stderr
    strong = _cli(
        "user", "passwd", "a01", "--password-stdin", "--db", empty_db_url, stdin="Rain-Gutter-8812\n"
    )
    assert strong.returncode == 0, strong.stderr
    assert _cli("user", "revoke", "a01", "--db", empty_db_url).returncode == 0
    assert _cli("user", "unlock", "a01", "--db", empty_db_url).returncode == 0
    missing = _cli("user", "disable", "nobody", "--db", empty_db_url)
    assert missing.returncode == 2 and "No such user" in missing.stderr
    last_admin = _cli("user", "disable", "admin", "--db", empty_db_url)
    assert last_admin.returncode == 2 and "last enabled admin" in last_admin.stderr


def test_access_log_lists_filters_and_purges(empty_db_url: str) -> None:
    assert _cli("seed-demo", "--db", empty_db_url).returncode == 0
    for name in ("a01", "a02"):
        assert _cli("user", "revoke", name, "--db", empty_db_url).returncode == 0
    listed = _cli("access-log", "--db", empty_db_url).stdout.splitlines()
    assert len(listed) == 2 and listed[0].split("\t")[4] == "admin.user.revoke" and '"a02"' in listed[0]
    only = _cli("access-log", "--json", "--user", listed[0].split("\t")[1], "--db", empty_db_url)
    assert len(only.stdout.splitlines()) == 2 and '"action":"admin.user.revoke"' in only.stdout
    future = _cli("access-log", "--since", "2999-01-01T00:00+08:00", "--db", empty_db_url)
    assert future.returncode == 0 and future.stdout == ""
    kept = _cli("access-log", "--purge", "--db", empty_db_url)
    assert kept.returncode == 0 and "0 entries older than 180 days" in kept.stdout


def test_purge_prints_what_it_masked_and_deleted(empty_db_url: str) -> None:
    dry = _cli("purge", "--dry-run", "--db", empty_db_url)
    assert dry.returncode == 0, dry.stderr
    assert "dry run, nothing changed" in dry.stdout and "tickets masked\t0" in dry.stdout
    done = _cli("purge", "--db", empty_db_url)
    assert done.returncode == 0 and "feed rows deleted\t0" in done.stdout, done.stderr
    assert "access log entries deleted\t0" in done.stdout
    assert ":hotline@" not in done.stdout  # the password is not printed
