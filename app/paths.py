"""Where things live: user data, config and logs (platformdirs), and the shipped resources."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.private_files import APP_NAME, tighten

__all__ = ["APP_NAME", "HOME_ENV", "AppPaths", "kb_seed_dir", "resources_dir"]
# One folder for everything, for tests, the self-test and portable installs.
HOME_ENV = "HOTLINE_HOME"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def store_file(self) -> Path:
        return self.data_dir / "seat.sqlite3"

    @property
    def kb_file(self) -> Path:
        """The knowledge base: a synced cache with its own schema, apart from the seat store."""
        return self.data_dir / "kb.sqlite3"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "hotline-seat.toml"

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        return cls(home / "data", home / "config", home / "logs")

    @classmethod
    def default(cls) -> AppPaths:
        if home := os.environ.get(HOME_ENV):
            return cls.under(Path(home))
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    def create(self) -> AppPaths:
        """The three folders, only this user's (0700, their files 0600): they hold citizens' data."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            tighten(folder)
        return self


def resources_dir() -> Path:
    """The shipped resources/ folder: beside the packages, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def kb_seed_dir() -> Path:
    """The shipped demo knowledge base (Markdown articles): a demo seat and the demo server load it."""
    return resources_dir() / "kb" / "articles"
