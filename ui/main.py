"""`hotline-seat`: the desktop client's entry point."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app.paths import AppPaths

START = time.perf_counter()
log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hotline-seat", description="热线坐席端 Hotline Seat")
    parser.add_argument("--home", type=Path, help="keep data, config and logs in this folder")
    parser.add_argument("--demo", action="store_true", help="seed demo tickets when the store is empty")
    parser.add_argument("--lang", choices=("auto", "zh_CN", "en"), help="interface language for this run")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window offscreen, check store and resources, exit",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test(START)
    paths = AppPaths.under(args.home) if args.home else AppPaths.default()
    return run_app(paths, demo=args.demo, language=args.lang)


def run_app(paths: AppPaths, *, demo: bool, language: str | None) -> int:
    from app.config.settings import Config, resolve_language
    from app.logs import setup_logging
    from ui.application import create_application, open_main_window

    paths.create()
    config = Config.load(paths.config_file)
    setup_logging(paths.log_dir, config.text("log.level"))
    log.info("starting; data in %s", paths.data_dir)
    app, languages = create_application(config, resolve_language(language or config.text("ui.language")))
    try:
        window = open_main_window(paths, config, languages, demo=demo)
    except Exception as exc:  # the one place a start-up failure reaches a person, not a traceback
        log.exception("start-up failed")
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "热线坐席端 Hotline Seat", f"无法启动 (cannot start):\n{exc}")
        return 1
    window.report_config_problems(config.problems)
    code = app.exec()
    window.ws.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
