"""Server settings: where the database is and how long tokens live, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import platformdirs

from app.domain.hotspots import WarningRule
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
CALLER_LOOKUPS_ENV = "HOTLINE_CALLER_LOOKUPS_PER_MINUTE"
REFERENCE_DIR_ENV = "HOTLINE_REFERENCE_DIR"
WARNING_BASELINE_ENV = "HOTLINE_WARNING_BASELINE_DAYS"
WARNING_ALPHA_ENV = "HOTLINE_WARNING_ALPHA"
WARNING_MIN_COUNT_ENV = "HOTLINE_WARNING_MIN_COUNT"
WARNING_MIN_RATIO_ENV = "HOTLINE_WARNING_MIN_RATIO"


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
    # 来电历史 look-ups an account may make a minute: a seat asks when a number rings or is typed,
    # a few a minute; a script walking through numbers is stopped (429) and on the access record.
    caller_lookups_per_minute: int = 30
    # Retention (`hotline-server purge`, see sync.server.retention). Personal data of a ticket closed
    # (办结) longer ago than this is masked: two years cover the next year's 考核 of the year a ticket
    # was closed in, repeat-caller checks and the windows for 复核, 行政复议 and 诉讼 over its handling;
    # a centre whose rules say three years sets 1095.
    personal_retention: timedelta = timedelta(days=730)
    # Pull's feed rows of tickets closed longer ago than this are deleted: a reinstalled seat (cursor
    # 0) then no longer downloads every ticket it ever touched. Longer than any seat stays offline.
    feed_retention: timedelta = timedelta(days=90)
    # The folder of the reference data the server plans with and serves to the seats: taxonomy.yaml,
    # sla.yaml + holidays.yaml and, when present, emergency.yaml (sync.server.reference). Empty: the
    # shipped resources/. Edits are picked up while the server runs.
    reference_dir: str = ""
    # 苗头预警 (app.lead.early_warning): the last 24 hours of a category or district against its
    # `warning_baseline` days before; an alarm at `warning_min_count` tickets or more, at least
    # `warning_min_ratio` times the expected, with a tail probability below `warning_alpha`.
    warning_baseline: timedelta = timedelta(days=WarningRule.baseline_days)
    warning_alpha: float = WarningRule.alpha
    warning_min_count: int = WarningRule.min_count
    warning_min_ratio: float = WarningRule.min_ratio
    # Tests move time forward to see tokens expire; the server itself always runs on the real clock.
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def from_env(cls, db_url: str | None = None) -> ServerSettings:
        """Settings from HOTLINE_DB_URL and the other variables of `_VARIABLES`; `db_url` wins."""
        values: dict[str, Any] = {
            name: variable.parse(raw)
            for name, variable in _VARIABLES.items()
            if (raw := os.environ.get(variable.env, "").strip())
        }
        if db_url:
            values["db_url"] = db_url
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The variables that make `from_env` rebuild these settings in a worker process."""
        return {variable.env: variable.dump(getattr(self, name)) for name, variable in _VARIABLES.items()}

    @property
    def client_times(self) -> ClientTimes:
        return ClientTimes(self.offline_window, self.clock_skew)

    @property
    def warning_rule(self) -> WarningRule:
        days = self.warning_baseline.days
        return WarningRule(
            baseline_days=days,
            alpha=self.warning_alpha,
            min_count=self.warning_min_count,
            min_ratio=self.warning_min_ratio,
            min_history=min(WarningRule.min_history, days),
        )

    def __post_init__(self) -> None:
        self.warning_rule  # noqa: B018  # a rule that cannot work stops the server at start, named


@dataclass(frozen=True)
class _Variable:
    """One environment variable behind one ServerSettings field: how to read and write it."""

    env: str
    unit: Literal["text", "seconds", "days", "count", "flag", "number"]

    def parse(self, raw: str) -> Any:
        if self.unit == "text":
            return raw
        if self.unit == "flag":
            return self._flag(raw.lower())
        if self.unit == "number":
            return self._number(raw)
        value = self._positive(raw)
        return {"seconds": timedelta(seconds=value), "days": timedelta(days=value)}.get(self.unit, value)

    def dump(self, value: Any) -> str:
        if self.unit == "flag":
            return "1" if value else "0"
        if self.unit == "seconds":
            return str(int(value.total_seconds()))
        return str(value.days if self.unit == "days" else value)

    def _positive(self, raw: str) -> int:
        what = "a whole number of days" if self.unit == "days" else "a whole number"
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{self.env} must be {what}, got {raw!r}") from None
        if value <= 0:
            raise ValueError(f"{self.env} must be positive, got {value}")
        return value

    def _number(self, raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{self.env} must be a number, got {raw!r}") from None
        if not value > 0:
            raise ValueError(f"{self.env} must be positive, got {raw}")
        return value

    def _flag(self, raw: str) -> bool:
        if raw in ("1", "true", "yes", "on"):
            return True
        if raw in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{self.env} must be 1 or 0, got {raw!r}")


# Field of ServerSettings -> its variable; from_env and to_env both read this one table.
_VARIABLES: dict[str, _Variable] = {
    "db_url": _Variable(DB_URL_ENV, "text"),
    "access_ttl": _Variable(ACCESS_TTL_ENV, "seconds"),
    "refresh_ttl": _Variable(REFRESH_TTL_ENV, "seconds"),
    "offline_window": _Variable(OFFLINE_WINDOW_ENV, "seconds"),
    "clock_skew": _Variable(CLOCK_SKEW_ENV, "seconds"),
    "api_docs": _Variable(API_DOCS_ENV, "flag"),
    "session_max": _Variable(SESSION_MAX_ENV, "seconds"),
    "login_free_failures": _Variable(LOGIN_FREE_FAILURES_ENV, "count"),
    "login_max_lockout": _Variable(LOGIN_MAX_LOCKOUT_ENV, "seconds"),
    "login_hashing": _Variable(LOGIN_HASHING_ENV, "count"),
    "login_queue_wait": _Variable(LOGIN_QUEUE_WAIT_ENV, "seconds"),
    "access_log_keep": _Variable(ACCESS_LOG_KEEP_ENV, "days"),
    "personal_retention": _Variable(PERSONAL_DAYS_ENV, "days"),
    "feed_retention": _Variable(FEED_DAYS_ENV, "days"),
    "caller_lookups_per_minute": _Variable(CALLER_LOOKUPS_ENV, "count"),
    "reference_dir": _Variable(REFERENCE_DIR_ENV, "text"),
    "warning_baseline": _Variable(WARNING_BASELINE_ENV, "days"),
    "warning_alpha": _Variable(WARNING_ALPHA_ENV, "number"),
    "warning_min_count": _Variable(WARNING_MIN_COUNT_ENV, "count"),
    "warning_min_ratio": _Variable(WARNING_MIN_RATIO_ENV, "number"),
}
