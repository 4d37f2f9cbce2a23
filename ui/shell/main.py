"""`hotline-seat`: the desktop client's entry point."""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from types import TracebackType

from app.paths import AppPaths

START = time.perf_counter()
log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="hotline-seat",
        description="热线坐席端 Hotline Seat",
        epilog="speech models (语音模型): hotline-seat [--home DIR] model install|list|use|remove; "
        "call events (来电事件): hotline-seat [--home DIR] call "
        "ringing|answered|held|resumed|transferred|missed|ended|recording --id ID [--caller N] [--to N] "
        "[--path FILE] (hotline-seat call --help); "
        "a whole simulated call (模拟来电): hotline-seat [--home DIR] call simulate --audio FILE.wav",
    )
    parser.add_argument("--home", type=Path, help="keep data, config and logs in this folder")
    parser.add_argument("--demo", action="store_true", help="seed demo tickets when the store is empty")
    parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), help="interface language for this run")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window offscreen, check store and resources, exit",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser.parse_args(argv)


def _version() -> str:
    try:
        return importlib.metadata.version("hotline-seat")
    except importlib.metadata.PackageNotFoundError:  # a PyInstaller build carries no metadata
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--embedded-server"]:
        # A frozen build has no `python -m sync.server`: the same binary serves as the demo server.
        from sync.server.cli import main as server_main

        return server_main(argv[1:])
    if argv[:1] == ["--train-intake-model"]:
        # Likewise the intake model's trainer (app.intake.model.training_command), in its own process.
        from app.intake.train import main as train_main

        return train_main(argv[1:])
    if command := next((word for word in argv[:3] if word in SUBCOMMANDS), None):  # no window
        return _subcommand(argv, command)
    args = parse_args(argv)
    if args.self_test:
        from ui.shell.self_test import run_self_test

        return run_self_test(START)
    paths = AppPaths.under(args.home) if args.home else AppPaths.default()
    return run_app(paths, demo=args.demo, language=args.lang)


SUBCOMMANDS = ("model", "call")


def _subcommand(argv: list[str], command: str) -> int:
    """`hotline-seat [--home DIR] model ...` (no Qt) or `... call ...` (Qt's local socket only)."""
    from app.private_files import private_umask

    private_umask()  # an installed model goes in the data folder: this user's only
    if command == "model":
        from app.speech.cli import main as command_main
    else:
        from ui.call.call_events import main as command_main
    split = argv.index(command)
    home = parse_args(argv[:split]).home
    return command_main(argv[split + 1 :], AppPaths.under(home) if home else AppPaths.default())


def run_app(paths: AppPaths, *, demo: bool, language: str | None) -> int:
    from app.config.settings import Config, resolve_language
    from app.logs import setup_logging
    from app.private_files import private_umask
    from app.store.keys import SeatKeys
    from ui.shell.application import create_application, first_start, open_main_window
    from ui.shell.passphrase_dialog import ask_store_passphrase

    private_umask()  # store, WAL, drafts, KB, config, recordings: created 0600 in 0700 folders
    paths.create()
    welcome = first_start(paths, demo=demo)
    config = Config.load(paths.config_file)
    log_file = setup_logging(paths.log_dir, config.text("log.level"))
    log.info("starting; data in %s", paths.data_dir)
    app, languages = create_application(config, resolve_language(language or config.text("ui.language")))
    try:
        # The store key: from the OS keyring, or (none here) unwrapped by a passphrase asked first.
        keys = SeatKeys(passphrase=ask_store_passphrase)
        window = open_main_window(paths, config, languages, demo=demo, keys=keys, welcome=welcome)
    except Exception as exc:  # the one place a start-up failure reaches a person, not a traceback
        log.exception("start-up failed")
        report_start_failure(exc)
        return 1
    window.report_config_problems(config.problems)
    sys.excepthook = partial(report_unexpected_error, log_file=log_file)
    # Closing the window hides it at once; the program ends when everything is saved, not before.
    app.setQuitOnLastWindowClosed(False)
    window.shutDown.connect(app.quit)
    code = app.exec()
    window.ws.close()
    return code


def report_start_failure(error: Exception) -> None:
    """Why the seat did not start, in the interface language (the store's problems are worded from
    their codes; the log has both languages and the traceback)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from app.domain.problem import fill
    from ui.labels import error_text

    title = QCoreApplication.translate("StartUp", "热线坐席端")
    text = QCoreApplication.translate("StartUp", "无法启动：\n%1")
    QMessageBox.critical(None, title, fill(text, error_text(error)))


def report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None, *, log_file: Path
) -> None:
    """An error no code expected: into the log with its traceback, and in front of the operator in
    the interface language, with the log file IT will ask for.

    Work already saved stays saved; the operator is told to note the time for IT (the log has the rest).
    """
    log.critical("unexpected error", exc_info=(kind, error, trace))
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.domain.problem import fill
    from ui.labels import error_text

    title = QCoreApplication.translate("UnexpectedError", "热线坐席端：意外错误")
    text = QCoreApplication.translate(
        "UnexpectedError",
        "程序出现意外错误，已保存的内容不受影响。请记下时间并告知 IT 人员；详情已记入日志：\n%1\n\n%2",
    )
    QMessageBox.warning(QApplication.activeWindow(), title, fill(text, log_file, error_text(error)))


if __name__ == "__main__":
    sys.exit(main())
