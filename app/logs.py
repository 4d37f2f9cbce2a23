"""Log files IT staff can read: rotating, one line per record, personal data masked."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

from app.domain.pii import mask_text
from app.private_files import tighten


class MaskingFilter(logging.Filter):
    """Masks phone and ID numbers in every record, whatever the code that logged it passed in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file it opens, the first and each one after a rotation, is created 0600: masked or
    not, a log says who called about what and when."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path, level: str) -> Path:
    tighten(log_dir)  # 0700, and logs an older version left 0644 made 0600
    path = log_dir / "hotline-seat.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    set_level(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    return path


def set_level(level: str) -> None:
    """The lowest level written (the log.level setting), at start and whenever it changes."""
    logging.getLogger().setLevel(level)
