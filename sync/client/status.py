"""What the status bar shows about sync (在线/离线/同步中 N): one immutable value per change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.problem import Problem


class SyncState(StrEnum):
    ONLINE = "online"  # 在线: the last exchange with the server succeeded
    OFFLINE = "offline"  # 离线: the server could not be reached; retrying with backoff
    SYNCING = "syncing"  # 同步中: an exchange is running now
    AUTH_REQUIRED = "auth_required"  # 需登录: no login, or the server ended it


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    pending: int  # ops not yet settled by the server
    conflicts: int  # open conflict records waiting for the operator
    last_success: datetime | None = None
    error: Problem | str | None = None  # for the operator: a problem, or a network error's text
    retry_in: float | None = None  # seconds until the next attempt, when waiting after a failure
    exchanged: int = 0  # ops pushed plus changes pulled by the round just finished: views refresh if > 0
    kb_changed: int = 0  # knowledge-base articles saved or deleted by that round: the KB dock refreshes
    warned: int = 0  # 苗头预警 notifications that round added: the notifications list refreshes
    reference_adopted: tuple[str, ...] = ()  # reference documents kept by that round: the window switches
    reference_refused: tuple[
        Problem, ...
    ] = ()  # per document refused by that round, why: the operator is told
