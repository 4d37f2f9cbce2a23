"""`hotline-seat model install|list|use|remove`: manage speech models without opening the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.paths import AppPaths
from app.speech.models import INSTALL_HINT, ModelError, ModelManager


def main(argv: Sequence[str], paths: AppPaths) -> int:
    parser = argparse.ArgumentParser(prog="hotline-seat model", description="语音识别模型 speech models")
    commands = parser.add_subparsers(dest="command", required=True)
    install = commands.add_parser("install", help="install a Vosk model from a .zip or a folder")
    install.add_argument("source", type=Path)
    commands.add_parser("list", help="list installed models (* = in use)")
    use = commands.add_parser("use", help="choose the model transcription uses")
    use.add_argument("name")
    remove = commands.add_parser("remove", help="delete an installed model")
    remove.add_argument("name")
    args = parser.parse_args(argv)
    manager = ModelManager(paths.data_dir)
    try:
        if args.command == "install":
            shown = [-1]

            def progress(stage: str, done: int, total: int) -> None:
                percent = 100 * done // max(total, 1)
                if percent != shown[0]:
                    shown[0] = percent
                    print(f"\r{stage} {percent:3d}%", end="", file=sys.stderr, flush=True)

            model = manager.install(args.source, progress=progress)
            print(file=sys.stderr)
            print(f"已安装 installed: {model.name} ({model.size / 1e6:.0f} MB) → {model.path}")
            if model.active:
                print(f"正在使用 in use: {model.name}")
        elif args.command == "list":
            models = manager.installed()
            if not models:
                print(INSTALL_HINT)
            active = manager.active()
            for model in models:
                mark = "*" if active is not None and model.name == active.name else " "
                print(f"{mark} {model.name}\t{model.size / 1e6:.0f} MB\t{model.path}")
        elif args.command == "use":
            print(f"正在使用 in use: {manager.use(args.name).name}")
        else:
            manager.remove(args.name)
            print(f"已删除 removed: {args.name}")
    except ModelError as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1
    return 0
