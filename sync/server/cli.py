"""hotline-server: serve, migrate, purge, manage users, seed the demo accounts and knowledge base."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.problem import Problem
from app.domain.status import Role
from app.knowledge.transfer import read_markdown_folder
from app.paths import kb_seed_dir
from sync.demo import DEMO_PASSWORD
from sync.protocol import API_PREFIX
from sync.server import access, kb, users
from sync.server.db import Database, migrate
from sync.server.settings import ServerSettings
from sync.server.users import UserError, add_user, seed_demo

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
    user.add_parser("list", parents=[db], help="list accounts and their state").set_defaults(run=_user_list)
    for name, about, run in (
        ("disable", "停用: no more logins, open sessions end now", _user_disable),
        ("enable", "启用 again (also lifts a login lockout)", _user_enable),
        ("revoke", "end every session of the account", _user_revoke),
        ("unlock", "lift a lockout after too many wrong passwords", _user_unlock),
    ):
        action = user.add_parser(name, parents=[db], help=about)
        action.add_argument("username")
        action.set_defaults(run=run)
    passwd = user.add_parser("passwd", parents=[db], help="set a new password; the sessions end")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    passwd.set_defaults(run=_user_passwd)

    log = commands.add_parser("access-log", parents=[db], help="read (or purge) the access log 访问记录")
    log.add_argument("--user", help="only this account's entries")
    log.add_argument("--ticket", help="only entries about this ticket id")
    log.add_argument("--since", type=_moment, help="from this time (ISO 8601 with zone)")
    log.add_argument("--until", type=_moment, help="before this time (ISO 8601 with zone)")
    log.add_argument("--limit", type=int, default=100, help="at most this many, newest first")
    log.add_argument("--json", action="store_true", help="one JSON object a line")
    log.add_argument(
        "--purge",
        action="store_true",
        help="delete entries older than $HOTLINE_ACCESS_LOG_KEEP_DAYS (default 180 days)",
    )
    log.set_defaults(run=_access_log)

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


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("密码 (password): ")
    if getpass.getpass("再次输入 (again): ") != password:
        raise UserError(Problem("user.passwords_differ"))
    return password


def _user_add(args: argparse.Namespace, settings: ServerSettings) -> int:
    password = _new_password(args)
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
            for a in users.accounts(session, settings.clock()):
                state = "disabled" if a.disabled else "active"
                if a.locked_until is not None:
                    state += f",locked-until={a.locked_until.isoformat(timespec='seconds')}"
                seat = a.seat_id or "-"
                print(
                    f"{a.username}\t{a.role.value}\t{seat}\t{a.display_name}\t{state}\tsessions={a.sessions}"
                )
    finally:
        db.dispose()
    return 0


def _user_disable(args: argparse.Namespace, settings: ServerSettings) -> int:
    return _account(
        settings,
        access.ADMIN_USER_DISABLE,
        args.username,
        lambda s: users.set_disabled(s, args.username, True),
    )


def _user_enable(args: argparse.Namespace, settings: ServerSettings) -> int:
    return _account(
        settings,
        access.ADMIN_USER_ENABLE,
        args.username,
        lambda s: users.set_disabled(s, args.username, False),
    )


def _user_revoke(args: argparse.Namespace, settings: ServerSettings) -> int:
    return _account(
        settings, access.ADMIN_USER_REVOKE, args.username, lambda s: users.revoke(s, args.username)
    )


def _user_unlock(args: argparse.Namespace, settings: ServerSettings) -> int:
    return _account(settings, "admin.user.unlock", args.username, lambda s: users.unlock(s, args.username))


def _user_passwd(args: argparse.Namespace, settings: ServerSettings) -> int:
    password = _new_password(args)
    return _account(
        settings,
        access.ADMIN_USER_PASSWORD,
        args.username,
        lambda s: users.set_password(s, args.username, password),
    )


def _account(settings: ServerSettings, action: str, username: str, change: Callable[[Session], None]) -> int:
    """An account change from the command line, on record as done by the operating-system user."""
    db = Database.open(settings.db_url)
    try:
        with db.writing() as session:
            change(session)
            caller = access.Caller(f"cli:{getpass.getuser()}", None, "local")
            access.record(session, caller, settings.clock(), action, detail={"account": username})
    finally:
        db.dispose()
    print(f"{action.rsplit('.', 1)[-1]}: {username} ok")
    return 0


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("时间须带时区 (a time zone is needed, e.g. 2026-12-01T00:00+08:00)")
    return moment


def _access_log(args: argparse.Namespace, settings: ServerSettings) -> int:
    db = Database.open(settings.db_url)
    try:
        if args.purge:
            with db.writing() as session:
                gone = access.purge_access_log(session, settings.clock(), settings.access_log_keep)
            print(f"access log: {gone} entries older than {settings.access_log_keep.days} days purged")
            return 0
        with db.reading() as session:
            page = access.read(
                session,
                user=args.user,
                ticket=args.ticket,
                since=args.since,
                until=args.until,
                limit=args.limit,
            )
    finally:
        db.dispose()
    for e in page.entries:
        if args.json:
            print(e.model_dump_json())
            continue
        detail = json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        at = e.at.isoformat(timespec="seconds")
        fields = (at, e.username, e.role or "-", e.address, e.action, e.ticket_id or "-", e.outcome, detail)
        print("\t".join(fields))
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
            articles = kb.seed(session, read_markdown_folder(kb_seed_dir()).articles, settings.clock())
    finally:
        db.dispose()
    print(f"demo accounts created: {', '.join(created) or 'none (all exist)'}; password {DEMO_PASSWORD}")
    print(f"demo knowledge base articles added: {articles}")
    return 0


def _safe(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
