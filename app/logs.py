"""Log files IT staff can read: rotating, one line per record, personal data masked."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.domain.pii import mask_text


class MaskingFilter(logging.Filter):
    """Masks phone and ID numbers in every record, whatever the code that logged it passed in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        return True


def setup_logging(log_dir: Path, level: str) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "hotline-seat.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    return path
