"""Server settings: where the database is and how long tokens live, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from sync.server.times import ClientTimes

DB_URL_ENV = "HOTLINE_DB_URL"
ACCESS_TTL_ENV = "HOTLINE_ACCESS_TTL_SECONDS"
REFRESH_TTL_ENV = "HOTLINE_REFRESH_TTL_SECONDS"
OFFLINE_WINDOW_ENV = "HOTLINE_OFFLINE_WINDOW_SECONDS"
CLOCK_SKEW_ENV = "HOTLINE_CLOCK_SKEW_SECONDS"
API_DOCS_ENV = "HOTLINE_API_DOCS"
SESSION_MAX_ENV = "HOTLINE_SESSION_MAX_SECONDS"
LOGIN_FREE_FAILURES_ENV = "HOTLINE_LOGIN_FREE_FAILURES"
LOGIN_MAX_LOCKOUT_ENV = "HOTLINE_LOGIN_MAX_LOCKOUT_SECONDS"
LOGIN_HASHING_ENV = "HOTLINE_LOGIN_HASHING"
LOGIN_QUEUE_WAIT_ENV = "HOTLINE_LOGIN_QUEUE_WAIT_SECONDS"
ACCESS_LOG_KEEP_ENV = "HOTLINE_ACCESS_LOG_KEEP_DAYS"
PERSONAL_DAYS_ENV = "HOTLINE_RETENTION_PERSONAL_DAYS"
FEED_DAYS_ENV = "HOTLINE_RETENTION_FEED_DAYS"


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_db_url() -> str:
    """The embedded default: one SQLite file in the user's data folder."""
    folder = Path(platformdirs.user_data_dir("hotline-server", appauthor=False))
    return f"sqlite:///{folder / 'hotline-server.sqlite3'}"


@dataclass(frozen=True)
class ServerSettings:
    db_url: str = field(default_factory=default_db_url)
    access_ttl: timedelta = timedelta(minutes=30)
    refresh_ttl: timedelta = timedelta(days=7)
    # A seat's clock is trusted only this far: an op dated more than `offline_window` before the
    # server's clock, or more than `clock_skew` after it, is refused rather than planned from.
    offline_window: timedelta = timedelta(hours=72)
    clock_skew: timedelta = timedelta(minutes=5)
    # /docs loads Swagger UI's scripts from an outside CDN: off unless an admin asks for it.
    api_docs: bool = False
    # A session ends this long after its login, however often it is refreshed.
    session_max: timedelta = timedelta(hours=12)
    # Wrong passwords allowed per account and per client address before each further one makes the
    # next attempt wait (1 s, 2 s, 4 s, ...) up to a lockout of at most `login_max_lockout`.
    login_free_failures: int = 5
    login_max_lockout: timedelta = timedelta(minutes=15)
    # Password checks (argon2, ~100 ms of a core each) run at once in one worker process; more
    # logins wait up to `login_queue_wait` for a turn, then get 503 with Retry-After.
    login_hashing: int = 1
    login_queue_wait: timedelta = timedelta(seconds=10)
    access_log_keep: timedelta = timedelta(days=180)
    # Retention (`hotline-server purge`, see sync.server.retention). Personal data of a ticket closed
    # (办结) longer ago than this is masked: two years cover the next year's 考核 of the year a ticket
    # was closed in, repeat-caller checks and the windows for 复核, 行政复议 and 诉讼 over its handling;
    # a centre whose rules say three years sets 1095.
    personal_retention: timedelta = timedelta(days=730)
    # Pull's feed rows of tickets closed longer ago than this are deleted: a reinstalled seat (cursor
    # 0) then no longer downloads every ticket it ever touched. Longer than any seat stays offline.
    feed_retention: timedelta = timedelta(days=90)
    # Tests move time forward to see tokens expire; the server itself always runs on the real clock.
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def from_env(cls, db_url: str | None = None) -> ServerSettings:
        """Settings from HOTLINE_DB_URL and the HOTLINE_*_TTL_SECONDS variables; `db_url` wins."""
        defaults = cls()
        return cls(
            db_url=db_url or os.environ.get(DB_URL_ENV) or defaults.db_url,
            access_ttl=_seconds(ACCESS_TTL_ENV, defaults.access_ttl),
            refresh_ttl=_seconds(REFRESH_TTL_ENV, defaults.refresh_ttl),
            offline_window=_seconds(OFFLINE_WINDOW_ENV, defaults.offline_window),
            clock_skew=_seconds(CLOCK_SKEW_ENV, defaults.clock_skew),
            api_docs=_flag(API_DOCS_ENV, defaults.api_docs),
            session_max=_seconds(SESSION_MAX_ENV, defaults.session_max),
            login_free_failures=_count(LOGIN_FREE_FAILURES_ENV, defaults.login_free_failures),
            login_max_lockout=_seconds(LOGIN_MAX_LOCKOUT_ENV, defaults.login_max_lockout),
            login_hashing=_count(LOGIN_HASHING_ENV, defaults.login_hashing),
            login_queue_wait=_seconds(LOGIN_QUEUE_WAIT_ENV, defaults.login_queue_wait),
            access_log_keep=_days(ACCESS_LOG_KEEP_ENV, defaults.access_log_keep),
            personal_retention=_days(PERSONAL_DAYS_ENV, defaults.personal_retention),
            feed_retention=_days(FEED_DAYS_ENV, defaults.feed_retention),
        )

    def to_env(self) -> dict[str, str]:
        """The variables that make `from_env` rebuild these settings in a worker process."""
        return {
            DB_URL_ENV: self.db_url,
            ACCESS_TTL_ENV: str(int(self.access_ttl.total_seconds())),
            REFRESH_TTL_ENV: str(int(self.refresh_ttl.total_seconds())),
            OFFLINE_WINDOW_ENV: str(int(self.offline_window.total_seconds())),
            CLOCK_SKEW_ENV: str(int(self.clock_skew.total_seconds())),
            API_DOCS_ENV: "1" if self.api_docs else "0",
            SESSION_MAX_ENV: str(int(self.session_max.total_seconds())),
            LOGIN_FREE_FAILURES_ENV: str(self.login_free_failures),
            LOGIN_MAX_LOCKOUT_ENV: str(int(self.login_max_lockout.total_seconds())),
            LOGIN_HASHING_ENV: str(self.login_hashing),
            LOGIN_QUEUE_WAIT_ENV: str(int(self.login_queue_wait.total_seconds())),
            ACCESS_LOG_KEEP_ENV: str(self.access_log_keep.days),
            PERSONAL_DAYS_ENV: str(self.personal_retention.days),
            FEED_DAYS_ENV: str(self.feed_retention.days),
        }

    @property
    def client_times(self) -> ClientTimes:
        return ClientTimes(self.offline_window, self.clock_skew)


def _seconds(name: str, default: timedelta) -> timedelta:
    raw = os.environ.get(name)
    return timedelta(seconds=_positive(name, raw)) if raw else default


def _count(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return _positive(name, raw) if raw else default


def _positive(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0, got {raw!r}")


def _days(name: str, default: timedelta) -> timedelta:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of days, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return timedelta(days=value)
