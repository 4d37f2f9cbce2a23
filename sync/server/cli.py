"""hotline-server: serve, migrate, purge, manage users, seed the demo accounts and knowledge base."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from app.domain.status import Role
from app.knowledge.base import seed_folder
from app.knowledge.transfer import read_markdown_folder
from sync.protocol import API_PREFIX
from sync.server import kb
from sync.server.db import Database, migrate
from sync.server.settings import ServerSettings
from sync.server.users import DEMO_PASSWORD, UserError, add_user, list_users, seed_demo

# Idle keep-alive connections live well past a seat's sync interval (5 s by default, at most 300 s
# are allowed but rare): at uvicorn's own 5 s the server closed a connection just as the seat sent
# its next pull on it, and the seat saw a dropped request (ReadError) and went 离线 for a backoff.
KEEP_ALIVE_S = 75


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = ServerSettings.from_env(args.db)
    try:
        return int(args.run(args, settings))
    except UserError as exc:
        print(f"hotline-server: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-server", description="热线中心工单服务 (central ticket server)"
    )
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database URL (default: $HOTLINE_DB_URL, else a SQLite file)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[db], help="migrate, then serve HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--exit-with-parent",
        type=int,
        metavar="PID",
        help="stop when process PID ends (the seat that embeds this server passes its own)",
    )
    serve.set_defaults(run=_serve)

    commands.add_parser("migrate", parents=[db], help="create or upgrade the database").set_defaults(
        run=_migrate
    )

    user = commands.add_parser("user", help="manage accounts").add_subparsers(required=True, metavar="ACTION")
    add = user.add_parser("add", parents=[db], help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.SYSTEM])
    add.add_argument("--seat", help="seat id (operators) or department code (department users)")
    add.add_argument("--name", help="display name (显示名)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(run=_user_add)
    user.add_parser("list", parents=[db], help="list accounts").set_defaults(run=_user_list)

    purge = commands.add_parser(
        "purge",
        parents=[db],
        help="mask personal data of long-closed tickets, delete what is past its retention",
        description="Retention periods: HOTLINE_RETENTION_PERSONAL_DAYS (730), HOTLINE_RETENTION_FEED_DAYS"
        " (90). Safe while the server serves (short transactions) and to run again (nothing twice).",
    )
    purge.add_argument("--dry-run", action="store_true", help="only count what would be masked or deleted")
    purge.set_defaults(run=_purge)

    seed = commands.add_parser("seed-demo", parents=[db], help=f"demo accounts, password {DEMO_PASSWORD}")
    seed.set_defaults(run=_seed_demo)
    return parser


def _serve(args: argparse.Namespace, settings: ServerSettings) -> int:
    import uvicorn  # only the serve command needs it

    if args.exit_with_parent is not None:
        from sync.server.lifeline import exit_with_parent

        exit_with_parent(args.exit_with_parent)
    migrate(settings.db_url)
    print(f"hotline-server: http://{args.host}:{args.port}{API_PREFIX} (database {_safe(settings.db_url)})")
    sys.stdout.flush()
    options = {
        "host": args.host,
        "port": args.port,
        "access_log": False,
        "log_level": "warning",
        "timeout_keep_alive": KEEP_ALIVE_S,
        "server_header": False,  # no "server: uvicorn": the software is nobody's business
    }
    if args.workers > 1:
        # Workers are separate processes: they rebuild the settings from the environment.
        os.environ.update(settings.to_env())
        uvicorn.run("sync.server.asgi:app", workers=args.workers, **options)
    else:
        from sync.server.app import create_app

        uvicorn.run(create_app(settings), **options)
    return 0


def _migrate(args: argparse.Namespace, settings: ServerSettings) -> int:
    migrate(settings.db_url)
    print(f"migrated {_safe(settings.db_url)}")
    return 0


def _user_add(args: argparse.Namespace, settings: ServerSettings) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("密码 (password): ")
        if getpass.getpass("再次输入 (again): ") != password:
            raise UserError("两次输入的密码不同 (passwords differ)")
    migrate(settings.db_url)
    db = Database.open(settings.db_url)
    try:
        with db.writing() as session:
            info = add_user(session, args.username, password, Role(args.role), args.seat, args.name)
    finally:
        db.dispose()
    print(f"added {info.username} ({info.role.value}{', ' + info.seat_id if info.seat_id else ''})")
    return 0


def _user_list(args: argparse.Namespace, settings: ServerSettings) -> int:
    db = Database.open(settings.db_url)
    try:
        with db.reading() as session:
            for info in list_users(session):
                print(f"{info.username}\t{info.role.value}\t{info.seat_id or '-'}\t{info.display_name}")
    finally:
        db.dispose()
    return 0


def _purge(args: argparse.Namespace, settings: ServerSettings) -> int:
    from sync.server.retention import purge

    migrate(settings.db_url)
    db = Database.open(settings.db_url)
    try:
        counts = purge(db, settings, dry_run=args.dry_run)
    finally:
        db.dispose()
    days = f"personal data {settings.personal_retention.days} d, feed {settings.feed_retention.days} d"
    print(f"{'dry run, nothing changed' if args.dry_run else 'purged'} ({days}; {_safe(settings.db_url)})")
    for name, count in counts.items():
        print(f"{name}\t{count}")
    return 0


def _seed_demo(args: argparse.Namespace, settings: ServerSettings) -> int:
    migrate(settings.db_url)
    db = Database.open(settings.db_url)
    try:
        with db.writing() as session:
            created = seed_demo(session)
            articles = kb.seed(session, read_markdown_folder(seed_folder()).articles, settings.clock())
    finally:
        db.dispose()
    print(f"demo accounts created: {', '.join(created) or 'none (all exist)'}; password {DEMO_PASSWORD}")
    print(f"demo knowledge base articles added: {articles}")
    return 0


def _safe(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
